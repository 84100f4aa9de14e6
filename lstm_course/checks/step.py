"""Checkers for one LSTM time step, forward and backward (lessons 4-5).

Reference: ``lstm_course.lstm.step_forward`` / ``step_backward``. Gate blocks in
PyTorch's order i, f, g, o. Most wrong variants are the reference fed altered
parameters (blocks reordered, biases doubled) or rebuilt from its pieces, so the
hints follow the package. Cases: random, a batch of one, zeros, large inputs,
and one cell (H = 1).
"""
import numpy as np

from .. import lstm
from ..activations import identity, sigmoid
from ..cell import memory_cell
from .core import Case, Variant, diagnose

_MATMUL_HINTS = (("matmul", "Mind the shapes: x_t is (B, D) and W_ih is (4H, D), so the product is "
                            "x_t @ W_ih.T (likewise h_prev @ W_hh.T)."),
                 ("not aligned", "Mind the shapes: x_t is (B, D) and W_ih is (4H, D), so the product is "
                                 "x_t @ W_ih.T (likewise h_prev @ W_hh.T)."))


def _step_inputs(rng, B, D, H, scale=1.0):
    params = lstm.init_params(D, H, seed=int(rng.integers(1000)))
    x = scale * rng.normal(size=(B, D))
    return x, rng.normal(size=(B, H)), rng.normal(size=(B, H)), params


def step_cases():
    rng = np.random.default_rng(4)
    x, h, c, p = _step_inputs(rng, 2, 3, 4)
    zeros = (np.zeros_like(x), np.zeros_like(h), np.zeros_like(c), p)
    return [Case("random B=3, D=4, H=5", _step_inputs(rng, 3, 4, 5)),
            Case("a batch of one", _step_inputs(rng, 1, 3, 4)),
            Case("zero inputs and state", zeros),
            Case("large inputs (x * 50)", _step_inputs(rng, 2, 3, 4, scale=50.0)),
            Case("one cell, H = 1", _step_inputs(rng, 2, 3, 1))]


def _blocks(params, order):
    """params with the 4 blocks of rows taken in ``order`` (e.g. (1, 0, 2, 3) swaps i and f)."""
    H = params["W_hh"].shape[1]
    rows = np.concatenate([np.arange(k * H, (k + 1) * H) for k in order])
    return {k: v[rows] for k, v in params.items()}


def _with(params, **changes):
    return {**params, **changes}


def _preactivations(x_t, h_prev, params):
    """The four (B, H) signals z_i, z_f, z, z_o (blocks i, f, g, o)."""
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    return np.split(a, 4, axis=1)


def _cell_step(x_t, h_prev, c_prev, params, **activations):
    """One step through the lecture's ``memory_cell`` with other activations."""
    z_i, z_f, z, z_o = _preactivations(x_t, h_prev, params)
    c, h = memory_cell(z, z_i, z_f, z_o, c_prev, **activations)
    return h, c


def _h_from_old_memory(x_t, h_prev, c_prev, params):
    _, c, cache = lstm.step_forward(x_t, h_prev, c_prev, params)
    o = cache[6]
    return np.tanh(c_prev) * o, c


ORDER_HINT = ("PyTorch's gate order is i, f, g, o: rows 0:H of W_ih are the input gate, H:2H the forget "
              "gate, 2H:3H the cell input g (tanh), 3H:4H the output gate.")
TWICE_HINT = ("the bias is added twice: the pre-activation is x_t W_ih^T + b_ih + h_prev W_hh^T + b_hh, "
              "each bias once.")
STEP_FORWARD_VARIANTS = [
    Variant("your forget gate multiplies the new input instead of the old memory (blocks i and f are "
            "swapped): c = g * i + c_prev * f.", lambda x, h, c, p: lstm.step_forward(x, h, c, _blocks(p, (1, 0, 2, 3)))),
    Variant(ORDER_HINT + " You read them in the lecture's order z, z_i, z_f, z_o.",
            lambda x, h, c, p: lstm.step_forward(x, h, c, _blocks(p, (1, 2, 0, 3)))),
    Variant(ORDER_HINT + " You read them as i, f, o, g.",
            lambda x, h, c, p: lstm.step_forward(x, h, c, _blocks(p, (0, 1, 3, 2)))),
    Variant(TWICE_HINT, lambda x, h, c, p: lstm.step_forward(x, h, c, _with(p, b_hh=p["b_hh"] + p["b_ih"] + p["b_hh"]))),
    Variant(TWICE_HINT, lambda x, h, c, p: lstm.step_forward(x, h, c, _with(p, b_hh=p["b_hh"] + p["b_ih"]))),
    Variant(TWICE_HINT, lambda x, h, c, p: lstm.step_forward(x, h, c, _with(p, b_ih=p["b_ih"] + p["b_hh"]))),
    Variant("add both biases, b_ih and b_hh (PyTorch keeps two; they always appear as a sum).",
            lambda x, h, c, p: lstm.step_forward(x, h, c, _with(p, b_hh=0 * p["b_hh"]))),
    Variant("add both biases, b_ih and b_hh (PyTorch keeps two; they always appear as a sum).",
            lambda x, h, c, p: lstm.step_forward(x, h, c, _with(p, b_ih=0 * p["b_ih"]))),
    Variant("h = tanh(c) * o: squash the new memory with tanh before the output gate.",
            lambda x, h, c, p: _cell_step(x, h, c, p, h=identity)),
    Variant("the cell input g uses tanh, not the sigmoid (block 2H:3H).",
            lambda x, h, c, p: _cell_step(x, h, c, p, g=sigmoid)),
    Variant("h reads the new memory: h = tanh(c) * o with c the memory after this step, not c_prev.",
            _h_from_old_memory),
]


def check_step_forward(fn):
    """Check fn(x_t, h_prev, c_prev, params) -> (h, c, cache) against ``lstm.step_forward``."""
    return diagnose("check_step_forward", fn, lstm.step_forward, step_cases(), STEP_FORWARD_VARIANTS, ("h", "c"),
                    summary="h and c match lstm.step_forward (random, a batch of one, zeros, large "
                            "inputs, one cell).", error_hints=_MATMUL_HINTS)


# --------------------------------------------------------------------------- backward
def backward_cases():
    """(dh, dc, cache) cases; the cache is lstm.step_forward's tuple."""
    rng = np.random.default_rng(5)
    cases = []
    for case in step_cases():
        _, _, cache = lstm.step_forward(*case.args)
        B, H = case.args[1].shape
        cases.append(Case(case.label, (rng.normal(size=(B, H)), rng.normal(size=(B, H)), cache)))
    return cases


def _unpack(cache):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    return dict(x_t=x_t, h_prev=h_prev, c_prev=c_prev, i=i, f=f, g=g, o=o, tanh_c=tanh_c, params=params)


def _da(dh, dc, cache):
    """The reference's gradient of the (B, 4H) pre-activations, read off its bias
    gradient one example at a time."""
    rows = []
    for b in range(dh.shape[0]):
        one = tuple(v[b:b + 1] if isinstance(v, np.ndarray) else v for v in cache)
        rows.append(lstm.step_backward(dh[b:b + 1], dc[b:b + 1], one)[3]["b_ih"])
    return np.stack(rows)


def _from_da(da, dc_prev, cache):
    """What step_backward returns, given the pre-activation gradient da (B, 4H)."""
    k = _unpack(cache)
    p = k["params"]
    return (da @ p["W_ih"], da @ p["W_hh"], dc_prev,
            {"W_ih": da.T @ k["x_t"], "W_hh": da.T @ k["h_prev"], "b_ih": da.sum(0), "b_hh": da.sum(0)})


def _wrong_derivative(block, derivative):
    """A variant that multiplies one block's gradient by the wrong activation
    derivative. The gradient reaching a gate before its derivative: dc * g for i,
    dc * c_prev for f, dc * i for g, dh * tanh(c) for o (dc including the path through h)."""
    def variant(dh, dc, cache):
        k = _unpack(cache)
        H = k["i"].shape[1]
        dc_all = dc + dh * k["o"] * (1 - k["tanh_c"] ** 2)
        raw = (dc_all * k["g"], dc_all * k["c_prev"], dc_all * k["i"], dh * k["tanh_c"])[block]
        da = _da(dh, dc, cache)
        da[:, block * H:(block + 1) * H] = raw * derivative(k)
        return _from_da(da, lstm.step_backward(dh, dc, cache)[2], cache)
    return variant


def _no_path_through_h(dh, dc, cache):
    k = _unpack(cache)
    return lstm.step_backward(dh, dc - dh * k["o"] * (1 - k["tanh_c"] ** 2), cache)


def _dc_prev_not_scaled(dh, dc, cache):
    k = _unpack(cache)
    dx, dh_prev, _, dp = lstm.step_backward(dh, dc, cache)
    return dx, dh_prev, dc + dh * k["o"] * (1 - k["tanh_c"] ** 2), dp


def _one_bias_grad(dh, dc, cache):
    dx, dh_prev, dc_prev, dp = lstm.step_backward(dh, dc, cache)
    return dx, dh_prev, dc_prev, {**dp, "b_hh": 0 * dp["b_hh"]}


def _bias_not_summed(dh, dc, cache):
    dx, dh_prev, dc_prev, dp = lstm.step_backward(dh, dc, cache)
    da = _da(dh, dc, cache)
    return dx, dh_prev, dc_prev, {**dp, "b_ih": da, "b_hh": da}


STEP_BACKWARD_VARIANTS = [
    Variant("the memory c also reaches the loss through h = tanh(c) * o: add dh * o * (1 - tanh(c)**2) "
            "to dc before using it.", _no_path_through_h),
    Variant("dc_prev = dc * f: the memory path back to the previous step is scaled by the forget gate.",
            _dc_prev_not_scaled),
    Variant("g = tanh(z): its derivative is 1 - g**2, not the sigmoid's g (1 - g).",
            _wrong_derivative(2, lambda k: k["g"] * (1 - k["g"]))),
    *[Variant(f"the {name} gate's gradient must be multiplied by the sigmoid's derivative {s} (1 - {s}) "
              "before it reaches the pre-activation.",
              _wrong_derivative(block, lambda k: 1.0))
      for block, name, s in ((0, "input", "i"), (1, "forget", "f"), (3, "output", "o"))],
    Variant("both biases get the same gradient (the sum of da over the batch): they are added to the "
            "same pre-activation.", _one_bias_grad),
    Variant("sum the bias gradients over the batch (axis 0): a bias is shared by all examples.",
            _bias_not_summed),
]


def check_step_backward(fn):
    """Check fn(dh, dc, cache) -> (dx_t, dh_prev, dc_prev, dparams) against ``lstm.step_backward``.

    cache is what ``lstm.step_forward`` returns: (x_t, h_prev, c_prev, i, f, g, o, tanh_c, params).
    """
    return diagnose("check_step_backward", fn, lstm.step_backward, backward_cases(), STEP_BACKWARD_VARIANTS,
                    ("dx_t", "dh_prev", "dc_prev", "dparams"), error_hints=_MATMUL_HINTS,
                    summary="dx_t, dh_prev, dc_prev and all four parameter gradients match "
                            "lstm.step_backward (random, a batch of one, zeros, large inputs, one cell).")

