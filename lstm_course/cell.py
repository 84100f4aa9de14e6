"""One memory cell, exactly as the lecture writes it (lessons 2-3), and its variants (lesson 9).

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

from .activations import identity, sigmoid, tanh
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


# --- the variants of lesson 9, on one cell ----------------------------------------------

# Each variant changes one part of c' = g(z) f(z_i) + c f(z_f), a = h(c') f(z_o); the cells
# themselves, with weights, are in ``variants`` (family.py, janet.py).
VARIANTS = {
    "vanilla": "c' = g(z) f(z_i) + c f(z_f),  a = h(c') f(z_o)",
    "peephole": "c' = g(z) f(z_i + p_i c) + c f(z_f + p_f c),  a = h(c') f(z_o + p_o c')",
    "nig": "no input gate, f(z_i) = 1:  c' = g(z) + c f(z_f)",
    "nfg": "no forget gate, f(z_f) = 1:  c' = g(z) f(z_i) + c",
    "nog": "no output gate, f(z_o) = 1:  a = h(c')",
    "niaf": "no input activation, g(z) = z:  c' = z f(z_i) + c f(z_f)",
    "noaf": "no output activation, h(c') = c':  a = c' f(z_o)",
    "cifg": "input gate coupled to the forget gate:  c' = g(z) (1 - f(z_f)) + c f(z_f)",
    "janet": "forget gate only:  c' = g(z) (1 - f(z_f - 1)) + c f(z_f),  a = c'",
}
UNUSED = {"nig": ("z_i",), "nfg": ("z_f",), "nog": ("z_o",), "cifg": ("z_i",),
          "janet": ("z_i", "z_o")}          # the signals a variant has no weights for
IDENTITY = {"niaf": ("g",), "noaf": ("h",), "janet": ("h",)}   # activations it drops


def _activation(name, given, variant):
    """The variant's activation: tanh by default, the identity where it drops it."""
    if name in IDENTITY.get(variant, ()):
        if given not in (None, identity):
            raise ValueError(f"variant {variant!r} has no {name}: leave {name} as None (the identity)")
        return identity
    return tanh if given is None else given


def variant_cell_values(z, z_i, z_f, z_o, c, *, variant="vanilla", p_i=0.0, p_f=0.0, p_o=0.0,
                        f=sigmoid, g=None, h=None):
    """Every intermediate value of one step of a variant's memory cell, by name.

    Inputs: the signals and old memory as for ``memory_cell`` (scalars or arrays of one
    shape); variant, a key of VARIANTS; p_i, p_f, p_o the peephole weights (only for
    "peephole": the gates see f(z_i + p_i c), f(z_f + p_f c), f(z_o + p_o c')); f the
    gate activation; g, h the activations (None: tanh, or the identity where the variant
    drops them). JANET's input gate is 1 - f(z_f - BETA) (``variants.janet``).
    Returns the dict of ``memory_cell_values``: a removed gate's opening is 1 (the signal
    the variant has no weights for is ignored); "vanilla" gives exactly memory_cell_values.
    """
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {list(VARIANTS)}, got {variant!r}")
    if variant != "peephole" and any(np.any(np.asarray(p) != 0) for p in (p_i, p_f, p_o)):
        raise ValueError(f"p_i, p_f, p_o are peephole weights: only for variant 'peephole', got {variant!r}")
    g, h = _activation("g", g, variant), _activation("h", h, variant)
    if variant == "vanilla":
        return memory_cell_values(z, z_i, z_f, z_o, c, f=f, g=g, h=h)
    z, z_i, z_f, z_o, c = _check_signals((z, z_i, z_f, z_o, c))
    one = np.ones(np.broadcast_shapes(z.shape, z_i.shape, z_f.shape, z_o.shape, c.shape))[()]
    p_i, p_f, p_o = (as_array(n, p) for n, p in (("p_i", p_i), ("p_f", p_f), ("p_o", p_o)))
    gate_f = one if variant == "nfg" else f(z_f + p_f * c)
    if variant == "nig":
        gate_i = one
    elif variant == "cifg":
        gate_i = 1 - gate_f
    elif variant == "janet":
        from .variants.janet import BETA   # the one place JANET's shift is set
        gate_i = 1 - f(z_f - BETA)
    else:
        gate_i = f(z_i + p_i * c)
    g_z = g(z)
    written, kept = g_z * gate_i, c * gate_f
    c_new = written + kept
    gate_o = one if variant in ("nog", "janet") else f(z_o + p_o * c_new)
    h_c = h(c_new)
    return {"z": z, "z_i": z_i, "z_f": z_f, "z_o": z_o, "c": c,
            "gate_i": gate_i, "gate_f": gate_f, "gate_o": gate_o,
            "g_z": g_z, "written": written, "kept": kept, "c_new": c_new, "h_c": h_c,
            "a": h_c * gate_o}
