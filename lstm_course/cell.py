"""One memory cell, exactly as the lecture writes it (lessons 2-3).

A memory cell holds one number, its memory c. Four signals arrive each step:

- z    the cell input: the value that may be written;
- z_i  the input gate signal (输入门): may the input be written?
- z_f  the forget gate signal (遗忘门): keep the memory, or erase it?
- z_o  the output gate signal (输出门): may the memory be read?

With f the sigmoid (each gate's opening, between 0 and 1) and g, h activations:

    c' = g(z) f(z_i) + c f(z_f)        the new memory
    a  = h(c') f(z_o)                  the cell's output

Everything is elementwise, so the same code runs one cell (scalars) or a whole
layer of cells (arrays). ``lstm.py`` computes the same thing for a layer over a
sequence, with the four signals computed from weights.
"""
import numpy as np

from .activations import sigmoid, tanh
from .shapes import as_array

SIGNALS = ("z", "z_i", "z_f", "z_o", "c")


def _check_signals(values):
    arrays = [as_array(name, v) for name, v in zip(SIGNALS, values)]
    try:
        np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        shapes = ", ".join(f"{n} {tuple(a.shape)}" for n, a in zip(SIGNALS, arrays))
        raise ValueError(
            "memory_cell needs z, z_i, z_f, z_o and c of the same shape "
            f"(or scalars), got {shapes}"
        ) from None
    return arrays


def gate_openings(z_i, z_f, z_o, *, f=sigmoid):
    """The three gates' openings (f(z_i), f(z_f), f(z_o)), each in (0, 1) for the sigmoid."""
    return f(z_i), f(z_f), f(z_o)


def memory_cell(z, z_i, z_f, z_o, c, *, f=sigmoid, g=tanh, h=tanh):
    """One step of the memory cell: c' = g(z) f(z_i) + c f(z_f), a = h(c') f(z_o).

    Inputs (scalars, or arrays of one shape, e.g. (B, H) for a batch of layers):
    - z:   the cell input.
    - z_i: the input gate's signal; f(z_i) scales what is written.
    - z_f: the forget gate's signal; f(z_f) scales the old memory that is kept.
    - z_o: the output gate's signal; f(z_o) scales what is read out.
    - c:   the memory before the step.
    - f, g, h: callables; the gate activation (sigmoid), the input activation and
      the output activation (tanh; the identity in the lecture's hand-wired cell).

    Returns (c_new, a): the memory after the step and the cell's output, the
    broadcast shape of the inputs.
    """
    z, z_i, z_f, z_o, c = _check_signals((z, z_i, z_f, z_o, c))
    gate_in, gate_forget, gate_out = gate_openings(z_i, z_f, z_o, f=f)
    c_new = g(z) * gate_in + c * gate_forget
    a = h(c_new) * gate_out
    return c_new, a


def memory_cell_values(z, z_i, z_f, z_o, c, *, f=sigmoid, g=tanh, h=tanh):
    """Every intermediate value of one memory cell step, by name, for tables,
    diagrams and explorers (which show the numbers; they never recompute them).

    Returns a dict with the inputs z, z_i, z_f, z_o, c; the openings gate_i =
    f(z_i), gate_f = f(z_f), gate_o = f(z_o); g_z = g(z); written = g(z) f(z_i);
    kept = c f(z_f); c_new (c'); h_c = h(c'); and a.
    """
    c_new, a = memory_cell(z, z_i, z_f, z_o, c, f=f, g=g, h=h)
    gate_i, gate_f, gate_o = gate_openings(z_i, z_f, z_o, f=f)
    g_z = g(np.asarray(z))
    return {"z": z, "z_i": z_i, "z_f": z_f, "z_o": z_o, "c": c,
            "gate_i": gate_i, "gate_f": gate_f, "gate_o": gate_o,
            "g_z": g_z, "written": g_z * gate_i, "kept": np.asarray(c) * gate_f,
            "c_new": c_new, "h_c": h(c_new), "a": a}
