"""The lecture's hand-wired LSTM: a memory cell whose weights are set by hand (lesson 3).

Three inputs arrive each step, x = (x1, x2, x3):

- x2 = 1   add x1 into the memory   (input gate open, forget gate open: keep and add)
- x2 = -1  reset the memory         (input gate closed, forget gate closed: erase)
- x3 = 1   output the memory        (output gate open)

Each of the cell's four signals is a weighted sum of the inputs plus a bias:

    z   = x1                 the value that may be written
    z_i = 100 x2 - 10        input gate:  open only when x2 = 1
    z_f = 100 x2 + 10        forget gate: open (keep) unless x2 = -1
    z_o = 100 x3 - 10        output gate: open only when x3 = 1

with g and h the identity, so c' = z f(z_i) + c f(z_f) and a = c' f(z_o).
The large weights push every gate signal to +-10 or further, where the sigmoid is
within 4.5e-5 of 0 or 1: the gates are almost binary, and that 4.5e-5 is the
machine's leak. The cell itself is ``cell.memory_cell`` (through ``memory_cell_values``,
which calls it); this module only feeds it.
"""
import numpy as np

from .activations import identity
from .cell import memory_cell_values
from .shapes import as_array, check_keys

# The lecture's input sequences (T = 9 steps).
LECTURE_X1 = np.array([1, 3, 2, 4, 2, 1, 3, 6, 1], dtype=np.float64)
LECTURE_X2 = np.array([0, 1, 0, 1, 0, 0, -1, 1, 0], dtype=np.float64)
LECTURE_X3 = np.array([0, 0, 0, 0, 0, 1, 0, 0, 1], dtype=np.float64)
for _seq in (LECTURE_X1, LECTURE_X2, LECTURE_X3):
    _seq.flags.writeable = False  # shared constants: a lesson must not change them by accident

SIGNAL_NAMES = ("z", "z_i", "z_f", "z_o")


def lecture_weights():
    """A fresh, editable copy of the lecture's weights (to break and repair the machine).

    Returns a dict: for each signal name in ("z", "z_i", "z_f", "z_o") a dict with
    "w", the weights over (x1, x2, x3) of shape (3,), and "b", the bias (a float).
    """
    return {
        "z":   {"w": np.array([1.0, 0.0, 0.0]), "b": 0.0},
        "z_i": {"w": np.array([0.0, 100.0, 0.0]), "b": -10.0},
        "z_f": {"w": np.array([0.0, 100.0, 0.0]), "b": 10.0},
        "z_o": {"w": np.array([0.0, 0.0, 100.0]), "b": -10.0},
    }


LECTURE_WEIGHTS = lecture_weights()
for _signal in LECTURE_WEIGHTS.values():
    _signal["w"].flags.writeable = False


def check_sequences(x1, x2, x3):
    """The three input sequences as float arrays of shape (T,); ValueError naming shapes if not."""
    seqs = [as_array(name, x) for name, x in (("x1", x1), ("x2", x2), ("x3", x3))]
    for name, x in zip(("x1", "x2", "x3"), seqs):
        if x.ndim != 1:
            raise ValueError(f"{name} must be a sequence of shape (T,), got shape {tuple(x.shape)}")
    shapes = [x.shape for x in seqs]
    if len(set(shapes)) != 1:
        raise ValueError(
            "x1, x2 and x3 must have the same shape (T,), got "
            f"x1 {shapes[0]}, x2 {shapes[1]}, x3 {shapes[2]}"
        )
    if shapes[0][0] == 0:
        raise ValueError("x1, x2 and x3 must hold at least one step, got shape (0,)")
    return [x.astype(np.float64) for x in seqs]


def check_weights(weights):
    """Check a weights dict (see ``lecture_weights``); return it as {name: (w (3,), b float)}."""
    check_keys("weights", weights, SIGNAL_NAMES)
    out = {}
    for name in SIGNAL_NAMES:
        check_keys(f"weights['{name}']", weights[name], ("w", "b"))
        w = as_array(f"weights['{name}']['w']", weights[name]["w"]).astype(np.float64)
        if w.shape != (3,):
            raise ValueError(f"weights['{name}']['w'] must have shape (3,) (one weight per x1, x2, x3), "
                             f"got {tuple(w.shape)}")
        b = as_array(f"weights['{name}']['b']", weights[name]["b"]).astype(np.float64)
        if b.shape != ():
            raise ValueError(f"weights['{name}']['b'] must be a scalar, shape (), got {tuple(b.shape)}")
        out[name] = (w, float(b))
    return out


def gate_signals(x1, x2, x3, weights=LECTURE_WEIGHTS):
    """The four signals z, z_i, z_f, z_o for every step: each w . (x1, x2, x3) + b.

    Inputs: x1, x2, x3 of shape (T,); weights as in ``lecture_weights``.
    Returns a dict of four arrays of shape (T,).
    """
    x = np.stack(check_sequences(x1, x2, x3), axis=1)         # (T, 3)
    return {name: x @ w + b for name, (w, b) in check_weights(weights).items()}


def run_memory_machine(x1, x2, x3, weights=LECTURE_WEIGHTS, c0=0.0):
    """Run the hand-wired memory cell over the sequences, one step at a time.

    Inputs: x1, x2, x3 of shape (T,) (lists work); weights as in ``lecture_weights``;
    c0, the memory before the first step (a scalar).
    Returns a dict of arrays of shape (T,): the inputs x1, x2, x3; the signals z, z_i,
    z_f, z_o; the gate openings gate_i, gate_f, gate_o; c_before (the memory entering
    each step), c_after (c', the memory leaving it) and a (the output).
    """
    x1, x2, x3 = check_sequences(x1, x2, x3)
    c0 = as_array("c0", c0)
    if c0.shape != ():
        raise ValueError(f"c0 must be a scalar (one memory cell), got shape {tuple(c0.shape)}")
    signals = gate_signals(x1, x2, x3, weights)
    T = x1.shape[0]
    trace = {"x1": x1, "x2": x2, "x3": x3, **signals}
    for key in ("gate_i", "gate_f", "gate_o", "c_before", "c_after", "a"):
        trace[key] = np.empty(T)
    c = float(c0)
    for t in range(T):
        z, z_i, z_f, z_o = (signals[name][t] for name in SIGNAL_NAMES)
        # The memory is carried from step to step: that loop is the recurrence.
        v = memory_cell_values(z, z_i, z_f, z_o, c, g=identity, h=identity)
        for key in ("gate_i", "gate_f", "gate_o"):
            trace[key][t] = v[key]
        trace["c_before"][t], trace["c_after"][t], trace["a"][t] = c, v["c_new"], v["a"]
        c = float(v["c_new"])
    return trace
