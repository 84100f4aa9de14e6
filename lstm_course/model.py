"""A trainable model: a recurrent layer (LSTM or plain RNN) with a linear readout (lessons 6-7).

Letters: T steps, B batch, D input size, H hidden size, O outputs.

A model is a dict: {"cell": "lstm" or "rnn", "core": the layer's params,
"readout": {"W": (O, H), "b": (O,)}}. Two ways to read it out:

- ``forward_last``: only after the last step, y = W h_T + b, shape (B, O)
  (the adding problem answers once, at the end);
- ``forward_all``: after every step, shape (T, B, O) (the character model
  predicts the next character at every step).

The forget gate's bias decides how long the memory lasts at the start of
training: each step multiplies c by f = sigmoid(b_f), about 0.73 for b_f = 1,
0.993 for b_f = 5. ``set_forget_bias`` and ``chrono_init`` set it.
"""
import numpy as np

from . import lstm, rnn
from .readout import init_readout, linear_backward, linear_forward

CELLS = ("lstm", "rnn")


def init_model(input_size, hidden_size, output_size, *, cell="lstm", seed=0,
               forget_bias=None, chrono=None):
    """A fresh model. forget_bias (a number) or chrono (T_max, an int) set the LSTM's
    forget gate (see ``set_forget_bias``, ``chrono_init``); neither leaves PyTorch's default."""
    if cell not in CELLS:
        raise ValueError(f"cell must be one of {CELLS}, got {cell!r}")
    if cell == "rnn" and (forget_bias is not None or chrono is not None):
        raise ValueError("a plain RNN has no forget gate: leave forget_bias and chrono as None")
    if forget_bias is not None and chrono is not None:
        raise ValueError("give forget_bias or chrono, not both")
    core = (lstm if cell == "lstm" else rnn).init_params(input_size, hidden_size, seed=seed)
    if forget_bias is not None:
        set_forget_bias(core, forget_bias)
    if chrono is not None:
        chrono_init(core, chrono, rng=np.random.default_rng([seed, 2]))
    return {"cell": cell, "core": core, "readout": init_readout(hidden_size, output_size, seed=seed + 1)}


def set_forget_bias(core, value):
    """Make every forget gate start at sigmoid(value): b_ih's f block = value, b_hh's = 0.

    The two biases are always added, so only their sum matters. In place; returns core.
    """
    if not np.isfinite(value):
        raise ValueError(f"forget bias must be a finite number, got {value!r}")
    H = core["W_hh"].shape[1]
    core["b_ih"][H:2 * H] = value
    core["b_hh"][H:2 * H] = 0.0
    return core


def chrono_init(core, max_steps, rng=None):
    """Chrono initialisation (Tallec & Ollivier 2018): b_f = log(u), u ~ U(1, max_steps - 1),
    and b_i = -b_f. A cell with forget gate f forgets over about 1 / (1 - f) steps, so
    this spreads the cells' memory spans over 1 .. max_steps. In place; returns core."""
    if isinstance(max_steps, bool) or not isinstance(max_steps, (int, np.integer)) or max_steps < 3:
        raise ValueError(f"chrono needs max_steps, an integer >= 3 (the longest span), got {max_steps!r}")
    H = core["W_hh"].shape[1]
    b_f = np.log(np.random.default_rng(rng).uniform(1, max_steps - 1, size=H))
    core["b_ih"][H:2 * H], core["b_hh"][H:2 * H] = b_f, 0.0
    core["b_ih"][:H], core["b_hh"][:H] = -b_f, 0.0
    return core


def parameters(model):
    """All trainable arrays in one flat dict, "core.W_ih", ..., "readout.b" (the same arrays,
    not copies: an optimiser that updates these in place trains the model)."""
    return {f"{part}.{k}": v for part in ("core", "readout") for k, v in model[part].items()}


def _run_core(model, x, h0, c0):
    if model["cell"] == "lstm":
        return lstm.forward(x, model["core"], h0, c0)
    hs, h_T, cache = rnn.forward(x, model["core"], h0)
    return hs, (h_T, None), cache


def _grads(dcore, dreadout):
    """Gradients keyed as ``parameters`` keys the arrays."""
    return {**{f"core.{k}": v for k, v in dcore.items()},
            **{f"readout.{k}": v for k, v in dreadout.items()}}


def forward_last(model, x):
    """Outputs read once, after the last step. x (T, B, D) -> (y (B, O), cache)."""
    hs, (h_T, _), core_cache = _run_core(model, x, None, None)
    y, out_cache = linear_forward(h_T, model["readout"])
    return y, (model["cell"], core_cache, out_cache)


def backward_last(dy, cache):
    """Backward of ``forward_last``: dy (B, O) -> gradients, keyed as ``parameters``."""
    cell, core_cache, out_cache = cache
    dh_T, dreadout = linear_backward(dy, out_cache)
    if cell == "lstm":
        _, dcore, _, _ = lstm.backward(None, core_cache, dh_T=dh_T)
    else:
        _, dcore, _ = rnn.backward(None, core_cache, dh_T=dh_T)
    return _grads(dcore, dreadout)


def input_sensitivity(model, x):
    """How much the final output hears from each step: the norm of dy/dx_t (y summed
    over outputs), averaged over the batch. x (T, B, D) -> array (T,). Before training,
    with forget gates at sigmoid(1) ~ 0.73, it falls like 0.73 per step going back."""
    y, cache = forward_last(model, x)
    cell, core_cache, out_cache = cache
    dh_T, _ = linear_backward(np.ones_like(y), out_cache)
    module = lstm if cell == "lstm" else rnn
    dx = module.backward(None, core_cache, dh_T=dh_T)[0]          # (T, B, D)
    return np.linalg.norm(dx, axis=2).mean(axis=1)


def forward_all(model, x, h0=None, c0=None):
    """Outputs at every step (LSTM only). x (T, B, D); h0, c0 (B, H) carried from the
    previous chunk (truncated BPTT) or None. Returns (y (T, B, O), (h_T, c_T), cache)."""
    if model["cell"] != "lstm":
        raise ValueError(f"forward_all is written for the LSTM, got cell {model['cell']!r}")
    hs, state, core_cache = lstm.forward(x, model["core"], h0, c0)
    y, out_cache = linear_forward(hs, model["readout"])
    return y, state, (core_cache, out_cache)


def backward_all(dy, cache):
    """Backward of ``forward_all``: dy (T, B, O) -> gradients, keyed as ``parameters``.
    The carried-in state gets no gradient: that is where truncated BPTT truncates."""
    core_cache, out_cache = cache
    dhs, dreadout = linear_backward(dy, out_cache)
    _, dcore, _, _ = lstm.backward(dhs, core_cache)
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
