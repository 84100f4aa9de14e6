"""Checkers for a layer over a whole sequence: forward, and backpropagation
through time (lessons 4-5).

Reference: ``lstm_course.lstm.forward`` / ``backward``. The wrong variants loop
over the package's own ``step_forward`` / ``step_backward`` with one mistake each
(a state not carried, a gradient not passed back), so they show exactly what the
hint names. Cases: with and without h0, c0, a batch of one, one step, zeros,
large inputs.
"""
import numpy as np

from .. import lstm
from .core import FAILED, NOT_DONE, Case, Stop, Variant, call_learner, diagnose, report


def _inputs(rng, T, B, D, H, scale=1.0, state=True):
    params = lstm.init_params(D, H, seed=int(rng.integers(1000)))
    x = scale * rng.normal(size=(T, B, D))
    h0, c0 = (rng.normal(size=(B, H)), rng.normal(size=(B, H))) if state else (None, None)
    return x, params, h0, c0


def sequence_cases():
    rng = np.random.default_rng(6)
    x, p, h0, c0 = _inputs(rng, 3, 2, 3, 4)
    return [Case("random T=5, B=3, D=4, H=5 with h0, c0", _inputs(rng, 5, 3, 4, 5)),
            Case("h0, c0 = None (zeros)", _inputs(rng, 4, 2, 3, 4, state=False)),
            Case("a batch of one", _inputs(rng, 4, 1, 3, 2)),
            Case("one time step", _inputs(rng, 1, 2, 3, 4)),
            Case("zero inputs", (np.zeros_like(x), p, np.zeros_like(h0), np.zeros_like(c0))),
            Case("large inputs (x * 50)", _inputs(rng, 4, 2, 3, 4, scale=50.0))]


def _loop(x, params, h0, c0, *, carry_h=True, carry_c=True, use_state=True, keep_h0=False):
    """lstm.step_forward over the sequence, with the chosen mistake."""
    T, B, _ = x.shape
    H = params["W_hh"].shape[1]
    zeros = np.zeros((B, H))
    h_start = h0 if (h0 is not None and use_state) else zeros
    c_start = c0 if (c0 is not None and use_state) else zeros
    h, c, hs, caches = h_start, c_start, [h_start] if keep_h0 else [], []
    for t in range(T):
        h, c, cache = lstm.step_forward(x[t], h if carry_h else h_start, c if carry_c else c_start, params)
        hs.append(h)
        caches.append(cache)
    return np.stack(hs), (h, c), caches


FORWARD_VARIANTS = [
    Variant("pass each step's h on to the next step: h_prev of step t is the h of step t-1.",
            lambda x, p, h0=None, c0=None: _loop(x, p, h0, c0, carry_h=False)),
    Variant("carry the memory from step to step: c_prev of step t is the c of step t-1.",
            lambda x, p, h0=None, c0=None: _loop(x, p, h0, c0, carry_c=False)),
    Variant("start from h0 and c0 when they are given (zeros only when they are None).",
            lambda x, p, h0=None, c0=None: _loop(x, p, h0, c0, use_state=False)),
    Variant("hs holds the T outputs h_1 ... h_T, shape (T, B, H), without h0.",
            lambda x, p, h0=None, c0=None: _loop(x, p, h0, c0, keep_h0=True)),
]


def check_lstm_forward(fn):
    """Check fn(x, params, h0=None, c0=None) -> (hs, (h_T, c_T), cache) against ``lstm.forward``."""
    return diagnose("check_lstm_forward", fn, lstm.forward, sequence_cases(), FORWARD_VARIANTS, ("hs", "(h_T, c_T)"),
                    summary="hs, h_T and c_T match lstm.forward (with and without h0, c0, a batch of one, "
                            "one step, zeros, large inputs).")


# --------------------------------------------------------------------------- backward
def _bptt(x, params, h0, c0, dhs, *, pass_dh=True, pass_dc=True, accumulate=True, forwards=False):
    """BPTT with lstm.step_backward over the package's step caches, with one mistake."""
    _, _, caches = _loop(x, params, h0, c0)
    T, B, _ = x.shape
    H = params["W_hh"].shape[1]
    dh_next, dc_next = np.zeros((B, H)), np.zeros((B, H))
    dx = np.zeros_like(x, dtype=float)
    grads = {k: np.zeros_like(v, dtype=float) for k, v in params.items()}
    for t in (range(T) if forwards else range(T - 1, -1, -1)):
        dx[t], dh_prev, dc_prev, dp = lstm.step_backward(dhs[t] + (dh_next if pass_dh else 0), dc_next, caches[t])
        dh_next, dc_next = dh_prev, (dc_prev if pass_dc else 0 * dc_prev)
        grads = {k: (grads[k] if accumulate else 0) + dp[k] for k in grads}
    return dx, grads, dh_next, dc_next


BACKWARD_VARIANTS = [
    Variant("dh must include the gradient from the next step: at step t use dhs[t] + the dh_prev that "
            "step t+1 returned.", lambda x, p, h0, c0, dhs: _bptt(x, p, h0, c0, dhs, pass_dh=False)),
    Variant("dc must flow back too: pass each step's dc_prev to the step before it (it is the memory's "
            "additive path).", lambda x, p, h0, c0, dhs: _bptt(x, p, h0, c0, dhs, pass_dc=False)),
    Variant("the weights are shared by all steps: add up their gradients over t instead of keeping one step's.",
            lambda x, p, h0, c0, dhs: _bptt(x, p, h0, c0, dhs, accumulate=False)),
    Variant("loop backwards in time, from t = T-1 down to 0: each step needs the gradient coming from the step after it.",
            lambda x, p, h0, c0, dhs: _bptt(x, p, h0, c0, dhs, forwards=True)),
]


def _backward_cases():
    rng = np.random.default_rng(7)
    cases = []
    for case in sequence_cases():
        x, params, h0, c0 = case.args
        T, B, _ = x.shape
        dhs = rng.normal(size=(T, B, params["W_hh"].shape[1]))
        cases.append(Case(case.label, (x, params, h0, c0, dhs)))
    return cases


def _reference(x, params, h0, c0, dhs):
    _, _, cache = lstm.forward(x, params, h0, c0)
    return lstm.backward(dhs, cache)


def check_lstm_backward(backward, forward):
    """Check backward(dhs, cache) -> (dx, dparams, dh0, dc0) against ``lstm.backward``,
    where cache is what *your* forward(x, params, h0, c0) returns (its third value)."""
    name = "check_lstm_backward"
    first_needed = "make your forward pass check_lstm_forward first: backward reads its cache."
    try:
        first = sequence_cases()[0]
        got = call_learner(forward, *first.args)
        expected = lstm.forward(*first.args)
        if not (isinstance(got, (tuple, list)) and len(got) == 3 and np.shape(got[0]) == expected[0].shape
                and np.allclose(got[0], expected[0], rtol=1e-6, atol=1e-9)):
            raise Stop(FAILED, first_needed)
    except Stop as stop:
        status = NOT_DONE if stop.status == NOT_DONE else FAILED
        return report(name, status, first_needed, stop.hint if stop.hint != first_needed else "")

    def learner(x, params, h0, c0, dhs):
        _, _, cache = call_learner(forward, x, params, h0, c0)
        return backward(dhs, cache)

    return diagnose(name, learner, _reference, _backward_cases(), BACKWARD_VARIANTS,
                    ("dx", "dparams", "dh0", "dc0"),
                    summary="dx, every parameter gradient, dh0 and dc0 match lstm.backward (with and without "
                            "h0, c0, a batch of one, one step, zeros, large inputs).")
