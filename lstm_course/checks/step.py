"""Checkers for one LSTM time step, forward and backward (exercises 4-5).

Reference: ``lstm_course.lstm.step_forward`` / ``step_backward``. Gate blocks in
PyTorch's order i, f, g, o. Exercise 4's step returns a dict cache of the
learner's design (see ``cache``); exercise 5's backward reads the package's tuple
cache and adds its parameter gradients into a ``grads`` dict. The wrong variants
are the reference with one mistake each (``_backward``'s flags), so the hints
follow the package. Cases: random, a batch of one, zeros, large inputs, one cell
(H = 1), D = H (where a swapped matrix has the right shape), float32.
"""
import numpy as np

from .. import lstm
from ..activations import identity, sigmoid
from ..cell import memory_cell
from . import guards
from .cache import cache_problem, step_values
from .core import FAILED, Case, Stop, Variant, diagnose

_FORWARD_MATMUL = ("Mind the shapes: x_t (B, D) goes with W_ih (4H, D), so x_t @ W_ih.T; h_prev (B, H) goes with "
                   "W_hh (4H, H), so h_prev @ W_hh.T. Don't swap the two matrices, and keep the .T.")
_FORWARD_ERRORS = (("matmul", _FORWARD_MATMUL), ("not aligned", _FORWARD_MATMUL),
                   ("could not be broadcast", "The four (B, H) blocks of the (B, 4H) pre-activation are a[:, 0:H], "
                    "a[:, H:2*H], a[:, 2*H:3*H] and a[:, 3*H:]: slice the second axis (the first is the batch)."))


def _step_inputs(rng, B, D, H, scale=1.0, dtype=np.float64):
    params = lstm.init_params(D, H, seed=int(rng.integers(1000)), dtype=dtype)
    x = (scale * rng.normal(size=(B, D))).astype(dtype)
    return x, rng.normal(size=(B, H)).astype(dtype), rng.normal(size=(B, H)).astype(dtype), params


ONE = "a batch of one: keep the batch axis (B = 1), don't index [0] or squeeze it away."


def step_cases():
    rng = np.random.default_rng(4)
    x, h, c, p = _step_inputs(rng, 2, 3, 4)
    zeros = (np.zeros_like(x), np.zeros_like(h), np.zeros_like(c), p)
    return [Case("random B=3, D=4, H=5", _step_inputs(rng, 3, 4, 5)),
            Case("a batch of one", _step_inputs(rng, 1, 3, 4), note=ONE),
            Case("zero inputs and state", zeros),
            Case("large inputs (x * 50)", _step_inputs(rng, 2, 3, 4, scale=50.0)),
            Case("one cell, H = 1", _step_inputs(rng, 2, 3, 1)),
            Case("D = H = 3", _step_inputs(rng, 2, 3, 3)),
            Case("float32 inputs", _step_inputs(rng, 2, 3, 4, dtype=np.float32))]


def _blocks(params, order):
    """params with the 4 blocks of rows taken in ``order`` (e.g. (1, 0, 2, 3) swaps i and f)."""
    H = params["W_hh"].shape[1]
    rows = np.concatenate([np.arange(k * H, (k + 1) * H) for k in order])
    return {k: v[rows] for k, v in params.items()}


def _with(params, **changes):
    return {**params, **changes}


def _cell_step(x_t, h_prev, c_prev, params, **activations):
    """One step through the lecture's ``memory_cell`` with other activations."""
    v = step_values(x_t, h_prev, c_prev, params)
    c, h = memory_cell(v["a_g"], v["a_i"], v["a_f"], v["a_o"], c_prev, **activations)
    return h, c


def _h_from_old_memory(x_t, h_prev, c_prev, params):
    v = step_values(x_t, h_prev, c_prev, params)
    return np.tanh(c_prev) * v["o"], v["c"]


def _gate_inside_tanh(x_t, h_prev, c_prev, params):
    v = step_values(x_t, h_prev, c_prev, params)
    return np.tanh(v["c"] * v["o"]), v["c"]


def _one_gate_tanh(gate):
    """The step with one gate (i, f or o) squashed by tanh instead of the sigmoid."""
    def wrong(x_t, h_prev, c_prev, params):
        v = step_values(x_t, h_prev, c_prev, params)
        v[gate] = np.tanh(v[f"a_{gate}"])
        c = v["g"] * v["i"] + c_prev * v["f"]
        return np.tanh(c) * v["o"], c
    return wrong


_GATE_NAMES = {"i": "input gate i (block 0:H)", "f": "forget gate f (block H:2H)", "o": "output gate o (block 3H:4H)"}
_ONE_GATE_TANH = [Variant(f"the {_GATE_NAMES[k]} is a gate: sigmoid(a_{k}), an opening between 0 and 1, not tanh; "
                          "only the cell input g (block 2H:3H) and the memory read out (tanh(c)) use tanh.",
                          _one_gate_tanh(k)) for k in "oif"]


GATE_INSIDE_HINT = ("the output gate scales tanh(c); it does not go inside the tanh: h = tanh(c) * o, yours is "
                    "tanh(c * o).")
ORDER_HINT = ("PyTorch's gate order is i, f, g, o: rows 0:H of W_ih are the input gate, H:2H the forget "
              "gate, 2H:3H the cell input g (tanh), 3H:4H the output gate.")
TWICE_HINT = ("the bias is added twice: the pre-activation is x_t W_ih^T + b_ih + h_prev W_hh^T + b_hh, "
              "each bias once.")
_step = lstm.step_forward
STEP_FORWARD_VARIANTS = [
    Variant("your forget gate multiplies the new input instead of the old memory (blocks i and f are "
            "swapped): c = g * i + c_prev * f.", lambda x, h, c, p: _step(x, h, c, _blocks(p, (1, 0, 2, 3)))),
    Variant(ORDER_HINT + " You read them in the lecture's order z, z_i, z_f, z_o.",
            lambda x, h, c, p: _step(x, h, c, _blocks(p, (1, 2, 0, 3)))),
    Variant(ORDER_HINT + " You read them as i, f, o, g.", lambda x, h, c, p: _step(x, h, c, _blocks(p, (0, 1, 3, 2)))),
    Variant(TWICE_HINT, lambda x, h, c, p: _step(x, h, c, _with(p, b_hh=p["b_hh"] + p["b_ih"] + p["b_hh"]))),
    Variant(TWICE_HINT, lambda x, h, c, p: _step(x, h, c, _with(p, b_hh=p["b_hh"] + p["b_ih"]))),
    Variant(TWICE_HINT, lambda x, h, c, p: _step(x, h, c, _with(p, b_ih=p["b_ih"] + p["b_hh"]))),
    Variant("add both biases, b_ih and b_hh (PyTorch keeps two; they always appear as a sum).",
            lambda x, h, c, p: _step(x, h, c, _with(p, b_hh=0 * p["b_hh"]))),
    Variant("add both biases, b_ih and b_hh (PyTorch keeps two; they always appear as a sum).",
            lambda x, h, c, p: _step(x, h, c, _with(p, b_ih=0 * p["b_ih"]))),
    Variant("h_prev is multiplied by W_hh (4H, H), x_t by W_ih (4H, D): you swapped the two matrices.",
            lambda x, h, c, p: _step(x, h, c, _with(p, W_ih=p["W_hh"], W_hh=p["W_ih"]))),
    Variant("h = tanh(c) * o: squash the new memory with tanh before the output gate.",
            lambda x, h, c, p: _cell_step(x, h, c, p, h=identity)),
    Variant("the cell input g uses tanh, not the sigmoid (block 2H:3H).",
            lambda x, h, c, p: _cell_step(x, h, c, p, g=sigmoid)),
    Variant("the gates i, f, o use the sigmoid (an opening between 0 and 1), not tanh.",
            lambda x, h, c, p: _cell_step(x, h, c, p, f=np.tanh)),
    Variant("h reads the new memory: h = tanh(c) * o with c the memory after this step, not c_prev.",
            _h_from_old_memory),
    Variant(GATE_INSIDE_HINT, _gate_inside_tanh),
] + _ONE_GATE_TANH


def _three(out, names, task):
    if not isinstance(out, (tuple, list)) or len(out) != len(names):
        got = f"{len(out)} values" if isinstance(out, (tuple, list)) else f"a {type(out).__name__}"
        raise Stop(FAILED, f"{task} returns {len(names)} values, ({', '.join(names)}); you returned {got}.")
    return out


def _cache_checked(fn):
    """The learner's step as (h, c), after checking its returned structure and, where
    h and c are right and the inputs untouched, every entry of its cache."""
    def learner(x_t, h_prev, c_prev, params):
        before = guards.snapshot((x_t, h_prev, c_prev, params))
        h, c, cache = _three(fn(x_t, h_prev, c_prev, params), ("h", "c", "cache"), "step_forward")
        after = (x_t, h_prev, c_prev, params)
        if not guards.changed(before, after, "args"):
            values = step_values(*before)
            try:
                right = np.allclose(np.asarray(h, float), values["h"], 1e-4, 1e-6) and \
                    np.allclose(np.asarray(c, float), values["c"], 1e-4, 1e-6)
            except (TypeError, ValueError):
                right = False
            problem = cache_problem(cache, values) if right else None
            if problem:
                raise Stop(FAILED, problem)
        return h, c
    return learner


def check_step_forward(fn):
    """Check fn(x_t, h_prev, c_prev, params) -> (h, c, cache) against ``lstm.step_forward``;
    cache is a dict with x_t, h_prev, c_prev, params and, if chosen, i, f, g, o, tanh_c."""
    return diagnose("check_step_forward", _cache_checked(fn), lstm.step_forward, step_cases(),
                    STEP_FORWARD_VARIANTS, ("h", "c"), error_hints=_FORWARD_ERRORS,
                    arg_names=("x_t", "h_prev", "c_prev", "params"),
                    summary="h and c match lstm.step_forward (random, a batch of one, zeros, large inputs, one "
                            "cell, float32) and every entry of your cache is what the backward reads.")
