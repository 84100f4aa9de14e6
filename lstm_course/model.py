"""A trainable model: a recurrent layer (any cell of ``cells``) with a linear readout (lessons 6-7, 9).

Letters: T steps, B batch, D input size, H hidden size, O outputs.

A model is a dict: {"cell": a name in ``cells.CELLS`` ("lstm", "rnn", "gru", ...),
"core": the layer's params, "readout": {"W": (O, H), "b": (O,)}}. Two ways to read it out:

- ``forward_last``: only after the last step, y = W h_T + b, shape (B, O)
  (the adding problem answers once, at the end);
- ``forward_all``: after every step, shape (T, B, O) (the character model
  predicts the next character at every step).

The forget gate's bias decides how long the memory lasts at the start of
training: each step multiplies c by f = sigmoid(b_f), about 0.73 for b_f = 1,
0.993 for b_f = 5. ``set_forget_bias`` and ``chrono_init`` set it (for any cell, on its
``memory_gate``: the forget gate, or the GRU's z).
"""
import numpy as np

from .cells import CELLS, block, get_cell
from .readout import init_readout, linear_backward, linear_forward


def init_model(input_size, hidden_size, output_size, *, cell="lstm", seed=0,
               forget_bias=None, chrono=None):
    """A fresh model. forget_bias (a number) or chrono (T_max, an int) set the cell's memory
    gate (see ``set_forget_bias``, ``chrono_init``); neither leaves PyTorch's default."""
    if not isinstance(cell, str) or cell not in CELLS:
        raise ValueError(f"cell must be one of {', '.join(CELLS)}, got {cell!r}")
    if get_cell(cell).memory_gate is None and (forget_bias is not None or chrono is not None):
        raise ValueError(f"the {cell} cell has no forget gate: leave forget_bias and chrono as None")
    if forget_bias is not None and chrono is not None:
        raise ValueError("give forget_bias or chrono, not both")
    core = get_cell(cell).init_params(input_size, hidden_size, seed=seed)
    if forget_bias is not None:
        set_forget_bias(core, forget_bias, cell=cell)
    if chrono is not None:
        chrono_init(core, chrono, rng=np.random.default_rng([seed, 2]), cell=cell)
    return {"cell": cell, "core": core, "readout": init_readout(hidden_size, output_size, seed=seed + 1)}


def set_forget_bias(core, value, *, cell="lstm"):
    """Make every forget gate (the cell's memory gate) start at sigmoid(value): b_ih's block =
    value, b_hh's = 0. The two biases are always added, so only their sum matters. In place;
    returns core."""
    if not np.isfinite(value):
        raise ValueError(f"forget bias must be a finite number, got {value!r}")
    rows = block(cell, _memory_gate(cell), core["W_hh"].shape[1])
    core["b_ih"][rows] = value
    core["b_hh"][rows] = 0.0
    return core


def chrono_init(core, max_steps, rng=None, *, cell="lstm"):
    """Chrono initialisation (Tallec & Ollivier 2018): b_f = log(u), u ~ U(1, max_steps - 1),
    and b_i = -b_f. A cell with forget gate f forgets over about 1 / (1 - f) steps, so
    this spreads the cells' memory spans over 1 .. max_steps. For another cell, b_f is its
    memory gate and b_i its write gate (if it has one). In place; returns core."""
    if isinstance(max_steps, bool) or not isinstance(max_steps, (int, np.integer)) or max_steps < 3:
        raise ValueError(f"chrono needs max_steps, an integer >= 3 (the longest span), got {max_steps!r}")
    H = core["W_hh"].shape[1]
    keep = block(cell, _memory_gate(cell), H)
    b_f = np.log(np.random.default_rng(rng).uniform(1, max_steps - 1, size=H))
    core["b_ih"][keep], core["b_hh"][keep] = b_f, 0.0
    write = get_cell(cell).write_gate
    if write is not None:
        core["b_ih"][block(cell, write, H)], core["b_hh"][block(cell, write, H)] = -b_f, 0.0
    return core


def _memory_gate(cell):
    gate = get_cell(cell).memory_gate
    if gate is None:
        raise ValueError(f"the {cell} cell has no forget gate to set")
    return gate


def parameters(model):
    """All trainable arrays in one flat dict, "core.W_ih", ..., "readout.b" (the same arrays,
    not copies: an optimiser that updates these in place trains the model)."""
    return {f"{part}.{k}": v for part in ("core", "readout") for k, v in model[part].items()}


def _grads(dcore, dreadout):
    """Gradients keyed as ``parameters`` keys the arrays."""
    return {**{f"core.{k}": v for k, v in dcore.items()},
            **{f"readout.{k}": v for k, v in dreadout.items()}}


def carried_state(state):
    """A carried state as a cell's forward takes it: () or all None means zeros (None)."""
    return None if all(s is None for s in state) else tuple(state)


def forward_last(model, x):
    """Outputs read once, after the last step. x (T, B, D) -> (y (B, O), cache)."""
    hs, state_T, core_cache = get_cell(model["cell"]).forward(x, model["core"])
    y, out_cache = linear_forward(state_T[0], model["readout"])       # state_T[0] is h_T
    return y, (model["cell"], core_cache, out_cache)


def backward_last(dy, cache):
    """Backward of ``forward_last``: dy (B, O) -> gradients, keyed as ``parameters``."""
    cell, core_cache, out_cache = cache
    dh_T, dreadout = linear_backward(dy, out_cache)
    n = len(get_cell(cell).state_names)
    _, dcore, _ = get_cell(cell).backward(None, core_cache, (dh_T,) + (None,) * (n - 1))
    return _grads(dcore, dreadout)


def input_sensitivity(model, x):
    """How much the final output hears from each step: the norm of dy/dx_t (y summed
    over outputs), averaged over the batch. x (T, B, D) -> array (T,). Before training,
    with forget gates at sigmoid(1) ~ 0.73, it falls like 0.73 per step going back."""
    y, cache = forward_last(model, x)
    cell, core_cache, out_cache = cache
    dh_T, _ = linear_backward(np.ones_like(y), out_cache)
    n = len(get_cell(cell).state_names)
    dx = get_cell(cell).backward(None, core_cache, (dh_T,) + (None,) * (n - 1))[0]   # (T, B, D)
    return np.linalg.norm(dx, axis=2).mean(axis=1)


def forward_all(model, x, *state0):
    """Outputs at every step. x (T, B, D); state0: the state carried from the previous chunk
    (truncated BPTT), e.g. h0, c0 (B, H) for the LSTM, or nothing / Nones for zeros.
    Returns (y (T, B, O), state_T (a tuple: (h_T, c_T) for the LSTM), cache)."""
    hs, state, core_cache = get_cell(model["cell"]).forward(x, model["core"], carried_state(state0))
    y, out_cache = linear_forward(hs, model["readout"])
    return y, state, (model["cell"], core_cache, out_cache)


def backward_all(dy, cache):
    """Backward of ``forward_all``: dy (T, B, O) -> gradients, keyed as ``parameters``.
    The carried-in state gets no gradient: that is where truncated BPTT truncates."""
    cell, core_cache, out_cache = cache
    dhs, dreadout = linear_backward(dy, out_cache)
    _, dcore, _ = get_cell(cell).backward(dhs, core_cache)
    return _grads(dcore, dreadout)


def save_model(path, model):
    """Write the model to an .npz file (arrays keyed as ``parameters``, plus the cell)."""
    np.savez(path, cell=np.array(model["cell"]), **parameters(model))


def load_model(path):
    """Read a model written by ``save_model``."""
    with np.load(path) as data:
        model = {"cell": str(data["cell"]), "core": {}, "readout": {}}
        for key in data.files:
            if key != "cell":
                part, name = key.split(".", 1)
                model[part][name] = data[key].copy()
    if model["cell"] not in CELLS or not model["core"] or not model["readout"]:
        raise ValueError(f"{path} is not a model written by save_model")
    return model
