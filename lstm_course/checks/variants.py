"""Checkers for the GRU step, forward and backward (exercise 9).

Reference: ``lstm_course.variants.gru`` (PyTorch's ``torch.nn.GRU``), three blocks r, z, n.
The known mistakes, the step written out with one slip each, are ``gru_mistakes``'s
variants; here are the cases (random, a batch of one, zeros, large inputs, one cell
H = 1, D = H where swapped matrices have the right shape, float32), the named hints for
errors and for the wrong number of returned values (a missing ``return`` included),
and the checkers.
"""
import numpy as np

from ..variants import gru
from .core import FAILED, Case, Stop, call_learner, diagnose, report
from .gru_mistakes import BACKWARD_VARIANTS, CACHE_KEYS, DX_VIA_W_HH, FORWARD_VARIANTS
from .guards import snapshot
from .step_slips import OVERFLOW, SATURATE, collapsed_batch, precision_variants

ONE = "a batch of one: keep the batch axis (B = 1), don't index [0] or squeeze it away."
# float64 to its last digits, for every step of this exercise alike: a learner who rounds to float32
# (or approximates) is told so by the precision variants, not passed on one task and failed on another
TIGHT = {"rtol": 1e-9, "atol": 1e-11}


def _inputs(rng, B, D, H, scale=1.0, dtype=np.float64):
    params = gru.init_params(D, H, seed=int(rng.integers(1000)), dtype=dtype)
    return (scale * rng.normal(size=(B, D))).astype(dtype), rng.normal(size=(B, H)).astype(dtype), params


def cases():
    rng = np.random.default_rng(9)
    x, h, p = _inputs(rng, 2, 3, 4)
    return [Case("random B=3, D=4, H=5", _inputs(rng, 3, 4, 5)),
            Case("a batch of one", _inputs(rng, 1, 3, 4), note=ONE),
            Case("zero inputs and state", (np.zeros_like(x), np.zeros_like(h), p)),
            Case("large inputs (x * 50)", _inputs(rng, 2, 3, 4, scale=50.0), note=SATURATE),
            Case("one cell, H = 1", _inputs(rng, 2, 3, 1)),
            Case("D = H = 3", _inputs(rng, 2, 3, 3)),
            Case("float32 inputs", _inputs(rng, 2, 3, 4, dtype=np.float32)),
            Case("huge pre-activations (x * 1000)", _inputs(rng, 2, 3, 4, scale=1000.0), note=OVERFLOW),
            Case("huge float32 pre-activations (x * 150)", _inputs(rng, 2, 3, 4, scale=150.0, dtype=np.float32),
                 note=OVERFLOW)]


# --------------------------------------------------------------------------- forward
_MATMUL = ("Mind the shapes: x_t (B, D) goes with W_ih (3H, D), so x_t @ W_ih.T; h_prev (B, H) with W_hh (3H, H), "
           "so h_prev @ W_hh.T. Don't swap the two matrices, and keep the .T.")
MATH_ON_ARRAYS = ("only 0-dimensional arrays", "a math function (math.exp, math.tanh) was given an array; use "
                                              "numpy's (np.exp, np.tanh), which work on whole arrays")
FORWARD_ERRORS = (MATH_ON_ARRAYS, ("matmul", _MATMUL), ("not aligned", _MATMUL),
                  ("could not be broadcast", "the pre-activations have 3H columns, blocks r, z, n, each H wide (H = "
                                             "W_hh.shape[1]): a[:, :H], a[:, H:2*H], a[:, 2*H:]."),
                  ("split", "the pre-activations have 3H columns (blocks r, z, n), not 4H."))

SIZES = ("your function works only when the input size D equals the number of cells H: H is h_prev.shape[1] (or "
         "W_hh.shape[1]); x_t.shape[1] is D. Read each size from the array that has it.")


def only_when_d_is_h(fn, first_case, make_args, reference):
    """SIZES when fn raises on ``first_case`` (D != H) but is right whenever D == H, else None.
    make_args(rng, B, D, H) -> args; reference(*args) -> a tuple of the expected outputs."""
    try:
        call_learner(fn, *first_case.args)
        return None
    except Stop:
        pass
    rng = np.random.default_rng(13)
    try:
        for B, H in ((3, 4), (2, 2)):
            args = make_args(rng, B, H, H)
            got, expected = call_learner(fn, *args), reference(*args)
            got = got if isinstance(got, tuple) else (got,)
            if len(got) < len(expected) or not all(np.shape(g) == np.shape(e) and np.allclose(np.asarray(g, float), e)
                                                   for g, e in zip(got, expected)):
                return None
    except (Stop, TypeError, ValueError):
        return None
    return SIZES


def missing_return(name, what):
    """The hint for a step that returned None."""
    return (f"{name} returned None: the `return` is missing at its end (`return {what}`); without it Python "
            "returns None, and a print() shows a value without giving it back.")


def _h_alone(fn):
    """The learner's step, with a named hint when it returns nothing, (h, something) instead of h, or the
    batch collapsed."""
    def learner(x_t, h_prev, params):
        inputs = snapshot((x_t, h_prev, params))
        out = fn(x_t, h_prev, params)
        with np.errstate(all="ignore"):
            collapsed = collapsed_batch(out, gru.step_forward(*inputs)[0], "h")
        if collapsed:
            raise Stop(FAILED, collapsed)
        if out is None:
            raise Stop(FAILED, missing_return("gru_step", "h"))
        if isinstance(out, (tuple, list)) and len(out) >= 2 and np.shape(out[0]) == np.shape(h_prev):
            raise Stop(FAILED, f"gru_step returns h alone, one array (B, H); you returned a {type(out).__name__} of "
                               f"{len(out)} values (the package's gru.step_forward also returns its cache; this task "
                               "does not).")
        return out
    return learner


def _h(x_t, h_prev, params):
    return (gru.step_forward(x_t, h_prev, params)[0],)


def check_gru_step(fn):
    """Check fn(x_t, h_prev, params) -> h against ``gru.step_forward``."""
    hint = only_when_d_is_h(fn, cases()[0], _inputs, _h) if callable(fn) else None
    if hint:
        return report("check_gru_step", FAILED, hint, f"case '{cases()[0].label}' (D = 4, H = 5) fails; with D = H "
                                                      "your function is right")
    learner = _h_alone(fn) if callable(fn) else fn       # a non-function gets call_learner's own hint
    reference = lambda x, h, p: gru.step_forward(x, h, p)[0]   # noqa: E731
    slips = precision_variants(learner, reference) if callable(fn) else []
    return diagnose("check_gru_step", learner, reference, cases(), FORWARD_VARIANTS + slips, ("h",),
                    error_hints=FORWARD_ERRORS, arg_names=("x_t", "h_prev", "params"), **TIGHT,
                    summary="h matches lstm_course.variants.gru.step_forward, torch.nn.GRU's equations (random, "
                            "a batch of one, zeros, large inputs, one cell, D = H, float32).")


# --------------------------------------------------------------------------- backward
_BACK_MATMUL = ("da is (B, 3H) and W_ih is (3H, D): dx_t = da @ W_ih (no .T), dh_prev = ... @ W_hh; dW_ih = "
                "da.T @ x_t.")
BACKWARD_ERRORS = (MATH_ON_ARRAYS,
                   ("'str'", "the cache is a dict: unpacking it (`x_t, h_prev, ... = cache`) gives its keys, "
                             "strings, not its arrays; read the values by name: cache['x_t'], cache['r'], ..."),
                   ("KeyError", f"the cache is a dict with the keys {', '.join(CACHE_KEYS)}: read cache['z'] and "
                                "so on."),
                   ("unpack", f"the cache is a dict (keys {', '.join(CACHE_KEYS)}), not a tuple: read it by name, "
                              "cache['x_t'], cache['r'], ..."),
                   ("matmul", _BACK_MATMUL), ("not aligned", _BACK_MATMUL),
                   ("could not be broadcast", "shapes that do not fit: dh_prev = dh * z + d(state part) @ W_hh is "
                                              "(B, H): W_hh, not W_ih, brings the gradient back to h_prev; and each "
                                              "gradient has its parameter's shape: W_ih (3H, D): da.T @ x_t; biases "
                                              "(3H,): summed over the batch; da has blocks r, z, n."))


def _backward_cases():
    rng = np.random.default_rng(10)
    out = []
    for case in cases():
        if case.label.startswith("huge float32"):   # overflow is the forward's; float32 sums of huge
            continue                                # products would need their own tolerance here
        _, cache = gru.step_forward(*case.args)
        B, H = case.args[1].shape
        out.append(Case(case.label, (rng.normal(size=(B, H)).astype(case.args[0].dtype), cache), note=case.note))
    return out


def _three_values(fn):
    """The learner's backward, with a named hint when the returned values are not (dx_t, dh_prev, dparams)."""
    def learner(dh, cache):
        out = fn(dh, cache)
        if out is None:
            raise Stop(FAILED, missing_return("gru_step_backward", "dx_t, dh_prev, dparams"))
        B, H, D = dh.shape + cache["x_t"].shape[1:]
        if (isinstance(out, (tuple, list)) and len(out) == 3 and D != H and np.shape(out[0]) == (B, H)
                and np.shape(out[1]) == (B, H)):
            raise Stop(FAILED, f"dx_t has shape {(B, H)}, dh_prev's, expected {(B, D)}, x_t's: {DX_VIA_W_HH}")
        if isinstance(out, (tuple, list)):
            dicts = [k for k, v in enumerate(out) if isinstance(v, dict)]
            if len(out) == 3 and dicts and dicts != [2]:
                raise Stop(FAILED, f"return (dx_t, dh_prev, dparams) in this order, the dict last; yours has the "
                                   f"dict at position {dicts[0] + 1} of 3.")
            if len(out) == 3 and isinstance(out[2], (list, tuple)):
                raise Stop(FAILED, f"dparams must be a dict, {{'W_ih': ..., 'W_hh': ..., 'b_ih': ..., 'b_hh': ...}} "
                                   f"(the keys of params); yours is a {type(out[2]).__name__}.")
            if len(out) == 6 and not dicts:
                raise Stop(FAILED, "return three values, (dx_t, dh_prev, dparams), with the four parameter "
                                   "gradients in one dict dparams = {'W_ih': ..., 'W_hh': ..., 'b_ih': ..., "
                                   "'b_hh': ...}; you returned six separate values.")
            if len(out) > 3:
                raise Stop(FAILED, f"return exactly three values, (dx_t, dh_prev, dparams); you returned a "
                                   f"{type(out).__name__} of {len(out)}: drop the extra ones (a backward step "
                                   "returns no cache; the forward's cache is its input).")
        return out
    return learner


def check_gru_backward(fn):
    """Check fn(dh, cache) -> (dx_t, dh_prev, dparams) against ``gru.step_backward``;
    cache is ``gru.step_forward``'s dict (x_t, h_prev, r, z, n, hn, params)."""
    learner = _three_values(fn) if callable(fn) else fn
    slips = precision_variants(learner, gru.step_backward, backward=True) if callable(fn) else []
    return diagnose("check_gru_backward", learner, gru.step_backward, _backward_cases(), BACKWARD_VARIANTS + slips,
                    ("dx_t", "dh_prev", "dparams"), error_hints=BACKWARD_ERRORS, arg_names=("dh", "cache"), **TIGHT,
                    summary="dx_t, dh_prev and the four parameter gradients match lstm_course.variants.gru."
                            "step_backward (random, a batch of one, zeros, large inputs, one cell, D = H, float32).")
