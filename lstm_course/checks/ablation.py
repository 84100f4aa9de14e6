"""Checker for an ablation of the LSTM (exercise 9): the step without a forget gate
(NFG, the 1997 LSTM). The prediction of which ablation fails is ``prediction.py``'s.

Reference: ``lstm_course.variants.family.NFG``: three blocks i, g, o and c = g * i + c_prev
(the forget gate is the constant 1), h = tanh(c) * o. The variants are the step with one
mistake each: f = 0 (or sigmoid(0)) instead of 1, the wrong gate removed (NIG's layout),
the input gate reused as a forget gate, a coupling left in, the blocks in another order or
a slice off by one, W_hh's square blocks untransposed, the output activation dropped as
well (NOAF), the usual squashing and bias slips; and the wrong number of returned values
(a missing ``return`` included). Cases as for the GRU step (``variants``).
"""
import itertools

import numpy as np

from ..activations import sigmoid
from ..variants import family
from .core import FAILED, Case, Stop, Variant, diagnose, report
from .gru_mistakes import BOTH_MISSING, SHIFTS, misread, off_by_one, take, untransposed
from .guards import snapshot
from .step_slips import OVERFLOW, SATURATE, collapsed_batch, precision_variants
from .variants import MATH_ON_ARRAYS, TIGHT, missing_return, only_when_d_is_h

ONE = "a batch of one: keep the batch axis (B = 1), don't index [0] or squeeze it away."
IGO = "igo"
ORDER = "NFG keeps three blocks, i, g, o: rows 0:H the input gate, H:2H the cell input g (tanh), 2H:3H the output gate"


def _inputs(rng, B, D, H, scale=1.0, dtype=np.float64):
    params = family.NFG.init_params(D, H, seed=int(rng.integers(1000)), dtype=dtype)
    x = (scale * rng.normal(size=(B, D))).astype(dtype)
    return x, rng.normal(size=(B, H)).astype(dtype), rng.normal(size=(B, H)).astype(dtype), params


def cases():
    rng = np.random.default_rng(19)
    x, h, c, p = _inputs(rng, 2, 3, 4)
    return [Case("random B=3, D=4, H=5", _inputs(rng, 3, 4, 5)),
            Case("a batch of one", _inputs(rng, 1, 3, 4), note=ONE),
            Case("zero inputs and state", (np.zeros_like(x), np.zeros_like(h), np.zeros_like(c), p)),
            Case("large inputs (x * 50)", _inputs(rng, 2, 3, 4, scale=50.0), note=SATURATE),
            Case("one cell, H = 1", _inputs(rng, 2, 3, 1)),
            Case("D = H = 3", _inputs(rng, 2, 3, 3)),
            Case("float32 inputs", _inputs(rng, 2, 3, 4, dtype=np.float32)),
            Case("huge pre-activations (x * 1000)", _inputs(rng, 2, 3, 4, scale=1000.0), note=OVERFLOW),
            Case("huge float32 pre-activations (x * 150)", _inputs(rng, 2, 3, 4, scale=150.0, dtype=np.float32),
                 note=OVERFLOW)]


def _reference(x_t, h_prev, c_prev, params):
    h, c, _ = family.NFG.step_forward(x_t, (h_prev, c_prev), params)
    return h, c


def _step(x_t, h_prev, c_prev, p, *, order=(0, 1, 2), shift=(0, 0, 0), memory="g * i + c_prev", acts="sts",
          h_of="tanh(c) * o", bias=(1, 1), w_hh=".T", swap_out=False):
    """The NFG step written out with one mistake; acts: the squashing of blocks 0, 1, 2 (s sigmoid, t tanh);
    w_hh="blocks": W_hh's square blocks used untransposed."""
    W_ih, W_hh = p["W_ih"], p["W_hh"]
    H = p["W_hh"].shape[1]
    if w_hh == "blocks":
        W_hh = np.concatenate([W_hh[k * H:(k + 1) * H].T for k in range(3)])
    a = x_t @ W_ih.T + bias[0] * p["b_ih"] + (0 if w_hh == "none" else h_prev @ W_hh.T) + bias[1] * p["b_hh"]
    squash = {"s": sigmoid, "t": np.tanh}
    i, g, o = (squash[acts[k]](block) for k, block in enumerate(take(a, H, order, shift)))
    c = {"g * i + c_prev": lambda: g * i + c_prev,
         "g * i": lambda: g * i,
         "g + c_prev": lambda: g + c_prev,
         "nig": lambda: g + c_prev * i,
         "coupled": lambda: g * i + c_prev * (1 - i),
         "half": lambda: g * i + 0.5 * c_prev,
         "i as f": lambda: g * i + c_prev * i,
         "g * i + c_prev * o": lambda: g * i + c_prev * o,
         "cifg": lambda: g * (1 - i) + c_prev * i,
         "h_prev": lambda: g * i + h_prev,
         "tanh": lambda: np.tanh(g * i + c_prev),
         "clip": lambda: np.clip(g * i + c_prev, -1, 1),
         "times o": lambda: (g * i + c_prev) * o,
         "f = sigmoid(10)": lambda: g * i + c_prev * sigmoid(np.asarray(10.0, dtype=c_prev.dtype))}[memory]()
    h = {"tanh(c) * o": lambda: np.tanh(c) * o,
         "c * o": lambda: c * o,
         "tanh(c * o)": lambda: np.tanh(c * o),
         "tanh(c_prev) * o": lambda: np.tanh(c_prev) * o,
         "tanh(c)": lambda: np.tanh(c)}[h_of]()
    return (c, h) if swap_out else (h, c)


def _v(hint, **how):
    return Variant(hint, lambda x, h, c, p: _step(x, h, c, p, **how))


F_ZERO = ("no forget gate means f = 1, the constant that keeps the whole memory: c = g * i + c_prev. Yours drops "
          "c_prev (f = 0), so the cell forgets everything at every step and stores nothing.")
_BOTH = "add both biases, b_ih and b_hh (PyTorch keeps two; they always appear as a sum)."
_TWICE = "the bias is added twice: the pre-activation is x_t W_ih^T + b_ih + h_prev W_hh^T + b_hh, each bias once."
STEP_VARIANTS = [
    _v(F_ZERO, memory="g * i"),
    _v("NFG removes the forget gate and keeps the input gate: c = g * i + c_prev. Yours drops i too (c = g + "
       "c_prev), so every input is written in full.", memory="g + c_prev"),
    _v("you wrote NIG (no input gate: blocks f, g, o, c = g + c_prev * f), reading block 0 as a forget gate. NFG "
       "keeps the input gate: block 0 is i, and c = g * i + c_prev.", memory="nig"),
    _v("a removed gate is the constant 1, not sigmoid(0) = 0.5: a gate without weights would still halve the "
       "memory at every step. c = g * i + c_prev.", memory="half"),
    _v("NFG has no forget gate at all: c = g * i + c_prev keeps c_prev whole (f = 1); yours reuses the input gate "
       "as a forget gate (c_prev * i), so the memory fades wherever the gate is shut.", memory="i as f"),
    _v("NFG has no coupling: the memory is kept whole, c = g * i + c_prev; yours keeps c_prev * (1 - i), a CIFG "
       "with the roles swapped.", memory="coupled"),
    _v("the output gate o reads the memory out (h = tanh(c) * o); it does not scale c_prev: c = g * i + c_prev.",
       memory="g * i + c_prev * o"),
    *[_v(f"{ORDER}; {misread(perm, IGO)}.", order=perm)
      for perm in itertools.permutations(range(3)) if perm != (0, 1, 2)],
    *[_v(off_by_one(s, IGO), shift=s) for s in SHIFTS],
    _v(untransposed("W_hi, W_hg, W_ho"), w_hh="blocks"),
    _v("the gates i and o are openings between 0 and 1: sigmoid, not tanh; only the cell input g uses tanh.",
       acts="ttt"),
    _v("the cell input g (block H:2H) uses tanh, not the sigmoid.", acts="sss"),
    _v("the input gate i (block 0:H) is a gate: sigmoid, an opening between 0 and 1, not tanh.", acts="tts"),
    _v("the output gate o (block 2H:3H) is a gate: sigmoid, an opening between 0 and 1, not tanh.", acts="stt"),
    _v("h = tanh(c) * o: squash the new memory with tanh before the output gate (only NOAF drops that tanh; NFG "
       "keeps it).", h_of="c * o"),
    _v("the output gate scales tanh(c); it does not go inside the tanh: h = tanh(c) * o, yours is tanh(c * o).",
       h_of="tanh(c * o)"),
    _v("h reads the new memory c, not c_prev: h = tanh(c) * o.", h_of="tanh(c_prev) * o"),
    _v("NFG keeps the output gate: h = tanh(c) * o; yours leaves o out.", h_of="tanh(c)"),
    _v(_BOTH, bias=(1, 0)), _v(_BOTH, bias=(0, 1)), _v(BOTH_MISSING, bias=(0, 0)), _v(_TWICE, bias=(2, 2)),
    _v("return (h, c) in this order: yours returns (c, h).", swap_out=True),
    _v("that is CIFG's memory, c = g * (1 - i) + c_prev * i (the forget gate coupled to the input gate). NFG "
       "has no forget gate at all: c = g * i + c_prev keeps c_prev whole.", memory="cifg"),
    _v("the memory carried over is c_prev, not h_prev: c = g * i + c_prev (h_prev only enters the "
       "pre-activation, through W_hh).", memory="h_prev"),
    _v("the memory is not squashed: c = g * i + c_prev, unbounded (that is how it keeps a sum over many steps); "
       "only the read-out h = tanh(c) * o uses tanh. Yours puts tanh on c.", memory="tanh"),
    _v("the memory is not clipped: c = g * i + c_prev, unbounded (that is how it keeps a sum over many steps); "
       "yours clips c to [-1, 1] (np.clip).", memory="clip"),
    _v("the output gate reads the memory out, h = tanh(c) * o; it does not scale the memory: yours stores "
       "c * o as the new c.", memory="times o", h_of="tanh(c)"),
    _v("W_hh h_prev is missing from the pre-activation: a = x_t W_ih^T + b_ih + h_prev W_hh^T + b_hh; yours keeps "
       "only the biases of the state's part.", w_hh="none"),
    _v("a forget gate held open by a large bias is not NFG: sigmoid(10) = 0.99995, not 1, so the memory still "
       "fades a little at every step. NFG has no forget gate: c = g * i + c_prev exactly.",
       memory="f = sigmoid(10)"),
    Variant("the arguments come in the order (x_t, h_prev, c_prev, params): yours reads them as (x_t, c_prev, "
            "h_prev, ...), so h and c are swapped on the way in.", lambda x, h, c, p: _reference(x, c, h, p)),
]
_MATMUL = ("Mind the shapes: x_t (B, D) goes with W_ih (3H, D), so x_t @ W_ih.T; h_prev (B, H) with W_hh (3H, H), "
           "so h_prev @ W_hh.T. Don't swap the two matrices, and keep the .T.")
STEP_ERRORS = (MATH_ON_ARRAYS, ("matmul", _MATMUL), ("not aligned", _MATMUL),
               ("could not be broadcast", "without the forget gate the pre-activation has 3H columns, blocks i, g, "
                                          "o (not the LSTM's 4H): a[:, :H], a[:, H:2*H], a[:, 2*H:], with H = "
                                          "W_hh.shape[1]."),
               ("split", "the pre-activation has 3H columns (blocks i, g, o), not 4H."))


def _two_values(fn):
    """The learner's step, with a named hint when it returns nothing or more than (h, c)."""
    def learner(x_t, h_prev, c_prev, params):
        inputs = snapshot((x_t, h_prev, c_prev, params))
        out = fn(x_t, h_prev, c_prev, params)
        if out is None:
            raise Stop(FAILED, missing_return("nfg_step", "h, c"))
        if isinstance(out, (tuple, list)) and len(out) == 2:
            with np.errstate(all="ignore"):
                collapsed = collapsed_batch(out[0], _reference(*inputs)[0], "h")
            if collapsed:
                raise Stop(FAILED, collapsed)
        if isinstance(out, (tuple, list)) and len(out) > 2:
            raise Stop(FAILED, f"return exactly two values, (h, c); you returned a {type(out).__name__} of "
                               f"{len(out)}: drop the extra ones (family.NFG.step_forward also returns a cache; "
                               "this task does not).")
        return out
    return learner


def check_nfg_step(fn):
    """Check fn(x_t, h_prev, c_prev, params) -> (h, c) against ``family.NFG.step_forward``."""
    first = cases()[0]
    hint = only_when_d_is_h(fn, first, _inputs, _reference) if callable(fn) else None
    if hint:
        return report("check_nfg_step", FAILED, hint, f"case '{first.label}' (D = 4, H = 5) raises an error; "
                                                      "with D = H your function is right")
    learner = _two_values(fn) if callable(fn) else fn   # a non-function gets call_learner's own hint
    slips = precision_variants(learner, _reference) if callable(fn) else []
    return diagnose("check_nfg_step", learner, _reference, cases(), STEP_VARIANTS + slips, ("h", "c"),
                    error_hints=STEP_ERRORS, arg_names=("x_t", "h_prev", "c_prev", "params"), **TIGHT,
                    summary="h and c match lstm_course.variants.family.NFG.step_forward (random, a batch of one, "
                            "zeros, large inputs, one cell, D = H, float32).")
