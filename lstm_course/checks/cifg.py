"""Checkers for the coupled input-forget gate (CIFG) step, forward (exercise 4)
and backward (exercise 5).

Reference: ``lstm_course.cifg``: three blocks f, g, o and the input gate i = 1 - f.
The variants are the step with one mistake each: i = f (no coupling), the
coupling on the wrong side, the blocks read in another order, the LSTM's four
blocks; and for the backward, the path of f through i = 1 - f missing or with the
wrong sign. Cases as for the LSTM step (``step._step_inputs`` with three blocks).
"""
import itertools

import numpy as np

from .. import cifg
from ..activations import sigmoid
from .core import FAILED, Case, Stop, Variant, call_learner, diagnose, report

ONE = "a batch of one: keep the batch axis (B = 1), don't index [0] or squeeze it away."


def _inputs(rng, B, D, H, scale=1.0, dtype=np.float64):
    params = cifg.init_params(D, H, seed=int(rng.integers(1000)), dtype=dtype)
    x = (scale * rng.normal(size=(B, D))).astype(dtype)
    return x, rng.normal(size=(B, H)).astype(dtype), rng.normal(size=(B, H)).astype(dtype), params


def cases():
    rng = np.random.default_rng(11)
    x, h, c, p = _inputs(rng, 2, 3, 4)
    return [Case("random B=3, D=4, H=5", _inputs(rng, 3, 4, 5)),
            Case("a batch of one", _inputs(rng, 1, 3, 4), note=ONE),
            Case("zero inputs and state", (np.zeros_like(x), np.zeros_like(h), np.zeros_like(c), p)),
            Case("large inputs (x * 50)", _inputs(rng, 2, 3, 4, scale=50.0)),
            Case("one cell, H = 1", _inputs(rng, 2, 3, 1)),
            Case("float32 inputs", _inputs(rng, 2, 3, 4, dtype=np.float32))]


def _step(x_t, h_prev, c_prev, params, *, order=(0, 1, 2), i_of_f=lambda f: 1 - f, swap=False,
          g_act=np.tanh, h_of_c=np.tanh, old=False, gate_inside=False, biases=(1, 1), o_act=sigmoid, f_act=sigmoid,
          i_of_a=None):
    H = params["W_hh"].shape[1]
    a = x_t @ params["W_ih"].T + biases[0] * params["b_ih"] + h_prev @ params["W_hh"].T + biases[1] * params["b_hh"]
    blocks = [a[:, k * H:(k + 1) * H] for k in range(3)]
    a_f, a_g, a_o = (blocks[k] for k in order)
    f, g, o = f_act(a_f), g_act(a_g), o_act(a_o)
    i = i_of_f(f) if i_of_a is None else i_of_a(a_f)
    c = g * f + c_prev * i if swap else g * i + c_prev * f
    if gate_inside:
        return h_of_c(c * o), c
    return h_of_c(c_prev if old else c) * o, c


def _v(hint, **how):
    return Variant(hint, lambda x, h, c, p: _step(x, h, c, p, **how))


_BOTH_BIASES = ("add both biases, b_ih and b_hh (as in your step_forward: PyTorch keeps two; they always appear "
                "as a sum).")
_TWICE = ("the bias is added twice: the pre-activation is x_t W_ih^T + b_ih + h_prev W_hh^T + b_hh, each bias "
          "once.")
ORDER = "the three blocks are f, g, o: rows 0:H forget gate, H:2H cell input g (tanh), 2H:3H output gate"
FORWARD_VARIANTS = [
    _v("couple the input gate to the forget gate: i = 1 - f (you used i = f).", i_of_f=lambda f: f),
    _v("the new input is written with i = 1 - f and the old memory kept with f: c = g * (1 - f) + c_prev * f "
       "(you put them the other way round).", swap=True),
    _v("i = 1 - f, the opening itself, not the sigmoid of something: f = sigmoid(a_f), then i = 1 - f.",
       i_of_f=lambda f: 1 - sigmoid(f)),
    _v("take 1 - ... after the sigmoid: i = 1 - f = 1 - sigmoid(a_f), one minus the forget gate's opening; yours is "
       "sigmoid(1 - a_f), the sigmoid of one minus its pre-activation, a different number.",
       i_of_a=lambda a_f: sigmoid(1 - a_f)),
    _v("i = 1 - f uses the forget gate's opening f = sigmoid(a_f); yours is 1 - a_f, one minus the pre-activation "
       "(no sigmoid).", i_of_a=lambda a_f: 1 - a_f),
    *[_v(ORDER + f"; you read them as {', '.join('fgo'[k] for k in perm)}.", order=perm)
      for perm in itertools.permutations(range(3)) if perm != (0, 1, 2)],
    _v("g, the cell input, uses tanh, not the sigmoid.", g_act=sigmoid),
    _v("the output gate o (block 2H:3H) is a gate: sigmoid(a_o), an opening between 0 and 1, not tanh; only the "
       "cell input g and the memory read out (tanh(c)) use tanh.", o_act=np.tanh),
    _v("the forget gate f (block 0:H) is a gate: sigmoid(a_f), an opening between 0 and 1, not tanh (and i = 1 - f "
       "needs that opening).", f_act=np.tanh),
    _v("h = tanh(c) * o: squash the new memory with tanh before the output gate.", h_of_c=lambda c: c),
    _v("h reads the new memory c, not c_prev.", old=True),
    _v("the output gate scales tanh(c); it does not go inside the tanh: h = tanh(c) * o, yours is tanh(c * o).",
       gate_inside=True),
    _v(_BOTH_BIASES, biases=(1, 0)),
    _v(_BOTH_BIASES, biases=(0, 1)),
    _v(_TWICE, biases=(2, 2)),
    _v(_TWICE, biases=(2, 1)),
    _v(_TWICE, biases=(1, 2)),
]
ERRORS = (("split", "the pre-activation has 3H columns (blocks f, g, o), not 4H: slice a[:, :H], a[:, H:2*H], "
                    "a[:, 2*H:]."),
          ("could not be broadcast", "the pre-activation has 3H columns (blocks f, g, o), not 4H: each block is "
                                     "H wide, so H = W_hh.shape[1] and the blocks are a[:, :H], a[:, H:2*H], "
                                     "a[:, 2*H:]."),
          ("matmul", "Mind the shapes: x_t is (B, D) and W_ih is (3H, D), so the product is x_t @ W_ih.T."))


def _forward(x_t, h_prev, c_prev, params):
    return cifg.step_forward(x_t, h_prev, c_prev, params)[:2]


_SIZES = ("your function works only when the input size D equals the number of cells H: H is h_prev.shape[1] (or "
          "W_hh.shape[1]); x_t.shape[1] is D, the input's size. Read each size from the array that has it.")


def _only_when_d_is_h(fn):
    """A hint when fn raises on the usual cases (D != H) but is right when D == H."""
    first = cases()[0]
    try:
        call_learner(fn, *first.args)
        return None
    except Stop:
        pass
    rng = np.random.default_rng(13)
    try:
        for B, H in ((3, 4), (2, 2)):
            args = _inputs(rng, B, H, H)
            got = call_learner(fn, *args)
            if not (isinstance(got, tuple) and len(got) == 2
                    and all(np.allclose(np.asarray(g, float), e) for g, e in zip(got, _forward(*args)))):
                return None
    except Stop:
        return None
    return _SIZES


def check_cifg_step(fn):
    """Check fn(x_t, h_prev, c_prev, params) -> (h, c) against ``cifg.step_forward``."""
    hint = _only_when_d_is_h(fn) if callable(fn) else None
    if hint:
        return report("check_cifg_step", FAILED, hint, f"case '{cases()[0].label}' (D = 4, H = 5) raises an error; "
                                                       "with D = H your function is right")
    return diagnose("check_cifg_step", fn, _forward, cases(), FORWARD_VARIANTS, ("h", "c"), error_hints=ERRORS,
                    summary="h and c match lstm_course.cifg.step_forward (random, a batch of one, zeros, large "
                            "inputs, one cell, float32).")


# --------------------------------------------------------------------------- backward
def _backward(dh, dc, cache, *, df_of=lambda dc, c_prev, g: dc * (c_prev - g), dg_gate=lambda f: 1 - f,
              h_path=True, incoming=True, dc_prev_gate=lambda f: f, order=(0, 1, 2), summed=True):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc = (dc if incoming else 0.0) + dh * o * (1 - tanh_c ** 2) if h_path else dc
    parts = [df_of(dc, c_prev, g) * f * (1 - f), dc * dg_gate(f) * (1 - g ** 2), do * o * (1 - o)]
    da = np.concatenate([parts[k] for k in order], axis=1)
    db = da.sum(axis=0) if summed else da
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": db, "b_hh": db}
    return da @ params["W_ih"], da @ params["W_hh"], dc * dc_prev_gate(f), dparams


def _bv(hint, **how):
    return Variant(hint, lambda dh, dc, cache: _backward(dh, dc, cache, **how))


BACKWARD_VARIANTS = [
    _bv("f reaches c twice: through c_prev * f and through g * (1 - f). So dL/df = dc * (c_prev - g); you "
        "kept only dc * c_prev.", df_of=lambda dc, c_prev, g: dc * c_prev),
    _bv("f reaches c twice: through c_prev * f (+) and through g * (1 - f) (-). So dL/df = dc * (c_prev - g); "
        "your sign is flipped.", df_of=lambda dc, c_prev, g: dc * (g - c_prev)),
    _bv("f reaches c twice: through c_prev * f and through g * (1 - f). So dL/df = dc * (c_prev - g); you "
        "added the two paths, dc * (c_prev + g).", df_of=lambda dc, c_prev, g: dc * (c_prev + g)),
    _bv("g is written with i = 1 - f: dL/dg = dc * (1 - f), not dc * f.", dg_gate=lambda f: f),
    _bv("c also reaches the loss through h = tanh(c) * o: add dh * o * (1 - tanh_c**2) to dc first.",
        h_path=False),
    _bv("add the incoming dc: the memory's gradient from the next step. c's full gradient is dc + dh * o * "
        "(1 - tanh_c**2); yours keeps only the path through h.", incoming=False),
    _bv("dc_prev = dc * f: the memory path back is scaled by the forget gate, not by 1 - f.",
        dc_prev_gate=lambda f: 1 - f),
    _bv("dc_prev = dc * f: the memory path back is scaled by the forget gate.", dc_prev_gate=lambda f: 1.0),
    _bv("a bias is shared by the whole batch: its gradient is da summed over the batch, da.sum(axis=0), "
        "shape (3H,).", summed=False),
    *[_bv(ORDER + f"; stack da in that order (yours: {', '.join('fgo'[k] for k in perm)}).", order=perm)
      for perm in itertools.permutations(range(3)) if perm != (0, 1, 2)],
]
BACKWARD_ERRORS = (("unpack", "the CIFG cache has 8 entries: x_t, h_prev, c_prev, f, g, o, tanh_c, params (no i: "
                              "it is 1 - f)."),
                   ("could not be broadcast", "da has 3H columns, blocks f, g, o, and each gradient has its "
                                              "parameter's shape: W_ih (3H, D): da.T @ x_t; biases (3H,): "
                                              "da.sum(axis=0)."),
                   ("matmul", "da is (B, 3H) and W_ih is (3H, D): dx_t = da @ W_ih, dh_prev = da @ W_hh."))


def _backward_cases():
    rng = np.random.default_rng(12)
    out = []
    for case in cases():
        _, _, cache = cifg.step_forward(*case.args)
        B, H = case.args[1].shape
        dtype = case.args[0].dtype
        out.append(Case(case.label, (rng.normal(size=(B, H)).astype(dtype), rng.normal(size=(B, H)).astype(dtype),
                                     cache), note=case.note))
    return out


def check_cifg_backward(fn):
    """Check fn(dh, dc, cache) -> (dx_t, dh_prev, dc_prev, dparams) against ``cifg.step_backward``."""
    return diagnose("check_cifg_backward", fn, cifg.step_backward, _backward_cases(), BACKWARD_VARIANTS,
                    ("dx_t", "dh_prev", "dc_prev", "dparams"), error_hints=BACKWARD_ERRORS,
                    summary="dx_t, dh_prev, dc_prev and the four parameter gradients match "
                            "lstm_course.cifg.step_backward (random, a batch of one, zeros, large inputs, one "
                            "cell, float32).")
