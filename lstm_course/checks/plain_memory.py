"""Checkers for lesson 1: a plain recurrent neuron that keeps a value by
multiplying it by w each step, the gradient of what it keeps, and a tanh neuron.

c_t = w c_{t-1} gives c_T = w^T c_0 and dc_T/dc_0 = w^T (that closed form is the
reference for the linear neuron). The tanh neuron's reference is the package's
plain RNN, ``lstm_course.rnn``, made one unit with no input.
"""
import numpy as np

from .. import rnn
from .core import Case, Variant, diagnose

_LINEAR_CASES = [Case("c0 = 3, w = 0.9, T = 50", (3.0, 0.9, 50)),
                 Case("c0 = 3, w = 1.1, T = 50", (3.0, 1.1, 50)),
                 Case("c0 = 0 (zeros), w = 2, T = 10", (0.0, 2.0, 10)),
                 Case("T = 0 steps", (1.5, 0.5, 0)),
                 Case("c0 = -2, w = 1.5, T = 50 (large values)", (-2.0, 1.5, 50))]


def _kept(c0, w, T):
    return c0 * w ** np.arange(T + 1)


KEEP_VARIANTS = [
    Variant("return T + 1 values: c_0 first, then c_1 ... c_T.", lambda c0, w, T: _kept(c0, w, T)[1:]),
    Variant("return every value c_0 ... c_T (an array of T + 1 numbers), not only the last one.",
            lambda c0, w, T: _kept(c0, w, T)[-1]),
    Variant("multiply by w at each step, c_t = w c_{t-1}; you added it.", lambda c0, w, T: c0 + w * np.arange(T + 1)),
    Variant("run exactly T steps: T + 1 values in all, from c_0 to c_T.", lambda c0, w, T: _kept(c0, w, T + 1)),
]


def check_keep_by_multiplying(fn):
    """Check fn(c0, w, T) -> the values c_0, c_1, ..., c_T (shape (T + 1,)) of c_t = w c_{t-1}."""
    return diagnose("check_keep_by_multiplying", fn, _kept, _LINEAR_CASES, KEEP_VARIANTS, ("values",),
                    summary="c_0 ... c_T = w^t c_0 for fading, growing, zero, empty and large cases.")


_GRAD_CASES = [Case(f"w = {w}, T = {T}", (w, T)) for w, T in
               ((0.9, 50), (1.1, 50), (1.0, 50), (0.5, 1), (2.0, 0), (1.5, 10))]

GRAD_VARIANTS = [
    Variant("that is how c_T changes with w (for c_0 = 1). The gradient with respect to the stored value "
            "c_0 is the product of one factor w per step: w**T.", lambda w, T: T * w ** (T - 1) if T else 0.0),
    Variant("the factors multiply, they do not add: w * w * ... * w = w**T, not w * T.", lambda w, T: w * T),
    Variant("one factor w per step, T steps: w**T (you are one step off).", lambda w, T: w ** (T - 1)),
    Variant("one factor w per step, T steps: w**T (you are one step off).", lambda w, T: w ** (T + 1)),
]


def check_memory_gradient(fn):
    """Check fn(w, T) -> dc_T/dc_0 for c_t = w c_{t-1}."""
    return diagnose("check_memory_gradient", fn, lambda w, T: w ** T, _GRAD_CASES, GRAD_VARIANTS, ("dc_T/dc_0",),
                    summary="dc_T/dc_0 = w**T for vanishing, exploding, w = 1, one step and zero steps.")


# --------------------------------------------------------------------------- tanh neuron
def _one_unit(w):
    return {"W_ih": np.zeros((1, 1)), "W_hh": np.array([[w]]), "b_ih": np.zeros(1), "b_hh": np.zeros(1)}


def _tanh_reference(h0, w, T):
    """(h_0 ... h_T, dh_T/dh_0) from lstm_course.rnn with one unit and no input."""
    if T == 0:
        return np.array([h0]), 1.0
    hs, _, cache = rnn.forward(np.zeros((T, 1, 1)), _one_unit(w), h0=np.array([[h0]]))
    _, _, dh0 = rnn.backward(None, cache, dh_T=np.ones((1, 1)))
    return np.concatenate([[h0], hs[:, 0, 0]]), dh0[0, 0]


def _tanh_loop(h0, w, T, *, squash_first=False, old_h=False):
    hs, grad = [h0], 1.0
    for _ in range(T):
        new = w * np.tanh(hs[-1]) if squash_first else np.tanh(w * hs[-1])
        grad *= w * (1 - (hs[-1] if old_h else new) ** 2)
        hs.append(new)
    return np.array(hs), grad


TANH_VARIANTS = [
    Variant("each step contributes w (1 - h_t**2): include tanh's derivative, not only w.",
            lambda h0, w, T: (_tanh_reference(h0, w, T)[0], w ** T)),
    Variant("tanh's derivative at step t is 1 - h_t**2 with the new value h_t = tanh(w h_{t-1}), "
            "not the previous one.", lambda h0, w, T: _tanh_loop(h0, w, T, old_h=True)),
    Variant("multiply first, then squash: h_t = tanh(w h_{t-1}).",
            lambda h0, w, T: _tanh_loop(h0, w, T, squash_first=True)),
    Variant("return all T + 1 values h_0 ... h_T (h_0 first).",
            lambda h0, w, T: (_tanh_reference(h0, w, T)[0][1:], _tanh_reference(h0, w, T)[1])),
]


def check_tanh_neuron(fn):
    """Check fn(h0, w, T) -> (hs, grad): h_t = tanh(w h_{t-1}) for t = 1..T (hs of shape (T + 1,),
    h_0 first) and grad = dh_T/dh_0, against ``lstm_course.rnn``."""
    cases = [Case(f"h0 = {h0}, w = {w}, T = {T}", (h0, w, T)) for h0, w, T in
             ((0.5, 0.9, 50), (0.5, 2.0, 50), (0.0, 1.1, 10), (0.3, 1.0, 1), (0.9, 5.0, 20))]
    return diagnose("check_tanh_neuron", fn, _tanh_reference, cases, TANH_VARIANTS, ("hs", "grad"),
                    rtol=1e-6, atol=1e-12,
                    summary="the values and dh_T/dh_0 match lstm_course.rnn (one unit, no input).")
