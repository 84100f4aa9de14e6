"""Checkers for lesson 1: a plain recurrent neuron that keeps a value by
multiplying it by w each step (now with an input), the gradients of what it
keeps, and a tanh neuron with an input.

c_t = w c_{t-1} + x_t gives c_T = w^T c_0 + sum_t w^(T-t) x_t, so dc_T/dc_0 = w^T
and dc_T/dx_t = w^(T-t). The tanh neuron's reference is the package's plain RNN,
``lstm_course.rnn``, made one unit with one input. Every result is float64, also
for whole-number inputs.
"""
import numpy as np

from .. import rnn
from .core import Case, Variant, diagnose


def _floats(xs):
    return np.asarray(xs, dtype=np.float64).reshape(-1)


# --------------------------------------------------------------------------- task 1: keep, with inputs
def _kept(c0, w, xs, *, first="keep", lag=0, fade_inputs=True, truncate=False):
    """c_0 ... c_T of c_t = w c_{t-1} + x_t; the keywords make the known slips."""
    xs = _floats(xs)
    xs = np.concatenate([np.zeros(lag), xs])[:len(xs)] if lag else xs
    values, added = [float(c0)], 0.0
    for x in xs:
        if not fade_inputs:
            added += x
            values.append(float(c0) * w ** len(values) + added)
            continue
        new = w * (values[-1] + x) if first == "add" else w * values[-1] + x
        values.append(float(np.trunc(new)) if truncate else new)
    return np.array(values)


def _keep_cases():
    rng = np.random.default_rng(10)
    return [Case("c0 = 3, w = 0.9, 50 zero inputs (the lesson's fading)", (3.0, 0.9, np.zeros(50))),
            Case("c0 = 3, w = 0.9, 20 random inputs", (3.0, 0.9, rng.uniform(-1, 1, 20))),
            Case("w = 1: every input is added", (3.0, 1.0, rng.uniform(-1, 1, 20))),
            Case("c0 = -2, w = 1.5, 30 inputs (large values)", (-2.0, 1.5, rng.normal(0, 1, 30))),
            Case("T = 0: no inputs", (1.5, 0.5, np.zeros(0))),
            Case("one input", (0.0, 0.9, np.array([2.0]))),
            Case("int c0 = 3 and a list of int inputs", (3, 0.5, [1, 0, 2, 0])),
            Case("all ints: c0 = 3, w = 2, xs = [1, 0, 2] (floats out)", (3, 2, [1, 0, 2]))]


KEEP_VARIANTS = [
    Variant("add each step's input: c_t = w c_{t-1} + x_t; your values ignore xs.",
            lambda c0, w, xs: _kept(c0, w, np.zeros(len(_floats(xs))))),
    Variant("multiply what is kept first, then add the new input: c_t = w c_{t-1} + x_t; you multiplied "
            "the input by w too (w (c_{t-1} + x_t)).", lambda c0, w, xs: _kept(c0, w, xs, first="add")),
    Variant("the input of step t is x_t, so the first step is c_1 = w c_0 + x_1 (xs[0]); yours uses each "
            "input one step late.", lambda c0, w, xs: _kept(c0, w, xs, lag=1)),
    Variant("an input, once added, is kept like everything else: it is multiplied by w at every later step. "
            "Yours adds the inputs unfaded.", lambda c0, w, xs: _kept(c0, w, xs, fade_inputs=False)),
    Variant("your function stops after the first input: a `return` indented inside the `for` loop runs at the end "
            "of step 1. Put the return after the loop (one indent less), so that every input is used.",
            lambda c0, w, xs: _kept(c0, w, _floats(xs)[:1])),
    Variant("return T + 1 values (T = len(xs)): c_0 first, then c_1 ... c_T.",
            lambda c0, w, xs: _kept(c0, w, xs)[1:]),
    Variant("return every value c_0 ... c_T (an array of T + 1 numbers), not only the last one.",
            lambda c0, w, xs: _kept(c0, w, xs)[-1]),
    Variant("every value is cut to a whole number: an array made from an int c0 (np.full(n, c0), "
            "np.array([c0, ...])) holds ints and truncates what you write into it; use dtype=float.",
            lambda c0, w, xs: _kept(c0, w, xs, truncate=True)),
]

_NOT_T = ("the third argument is now the inputs xs (a list or an array of T numbers), not a number of steps "
          "T: loop over it, `for x in xs:`.")
_XS_HINTS = (("cannot be interpreted as an integer", _NOT_T), ("scalar index", _NOT_T),
             ("truth value of an array", "if you used the third argument as a number of steps: " + _NOT_T),
             ("out of", "there are T = len(xs) steps: xs holds x_1 ... x_T (xs[0] is x_1) and you return T + 1 "
                        "values c_0 ... c_T."))


def check_keep_by_multiplying(fn):
    """Check fn(c0, w, xs) -> c_0 ... c_T (float64, shape (T + 1,)) of c_t = w c_{t-1} + x_t, T = len(xs)."""
    return diagnose("check_keep_by_multiplying", fn, _kept, _keep_cases(), KEEP_VARIANTS, ("values",),
                    arg_names=("c0", "w", "xs"), layout={"values": ("T",)}, error_hints=_XS_HINTS,
                    summary="c_t = w c_{t-1} + x_t for fading, w = 1, growing, no inputs, one input and "
                            "whole-number inputs (floats out, xs untouched).")


# --------------------------------------------------------------------------- task 2: the gradients
def _grads(w, T):
    return float(w) ** np.arange(T, -1, -1)


_GRAD_CASES = [Case(f"w = {w}, T = {T}", (w, T)) for w, T in
               ((0.9, 50), (1.1, 50), (1.0, 5), (0.5, 1), (2.0, 0), (-0.9, 7), (1.5, 10))] + \
    [Case("w = 2 (an int), T = 10: float64 out", (2, 10))]


def _powers(w, ks):
    return np.array([float(w) ** k for k in ks])


GRAD_VARIANTS = [
    Variant("your array is reversed: entry t belongs to what entered at step t, so c_0 (entry 0) meets T "
            "factors of w and x_T (the last entry) none.", lambda w, T: _powers(w, range(T + 1))),
    Variant("the inputs' gradients are in reverse order: x_t (entry t) is multiplied by w at steps t + 1 ... T, "
            "T - t factors, so x_1 gets w**(T - 1) and x_T (the last entry) gets 1; yours gives x_1 the 1.",
            lambda w, T: _powers(w, [T] + list(range(T)))),
    Variant("the inputs' exponents are reversed: x_t (entry t) is multiplied by w at the later steps t + 1 ... T, "
            "T - t factors, so x_1 gets w**(T - 1) and x_T (the last entry) gets w**0 = 1; yours gives x_t w**t.",
            lambda w, T: _powers(w, [T] + list(range(1, T + 1)))),
    Variant("return all T + 1 gradients, one for each of c_0, x_1, ..., x_T, not only dc_T/dc_0.",
            lambda w, T: float(w) ** T),
    Variant("return T + 1 gradients: you left out x_T, the last input, whose gradient is 1 (it is not "
            "multiplied by w at all).", lambda w, T: _powers(w, range(T, 0, -1))),
    Variant("x_t arrives at step t and is multiplied by w at steps t + 1 ... T: T - t factors (you have one "
            "too many).", lambda w, T: _powers(w, range(T + 1, 0, -1))),
    Variant("x_t arrives at step t and is multiplied by w at steps t + 1 ... T: T - t factors (you have one "
            "too many).", lambda w, T: _powers(w, [T] + list(range(T, 0, -1)))),
    Variant("return T + 1 gradients: entry 0 is dc_T/dc_0 = w**T (the lesson's), then the T inputs' w**(T - t); "
            "you left out entry 0.", lambda w, T: _powers(w, range(T - 1, -1, -1))),
    Variant("x_t arrives at step t and is multiplied by w at steps t + 1 ... T: T - t factors (you have one "
            "too few).", lambda w, T: _powers(w, range(T - 1, -2, -1))),
    Variant("that is the derivative with respect to w (how c_T changes with w). The gradient with respect to an input is the product of one "
            "factor w per later step: w**(T - t).",
            lambda w, T: np.array([k * float(w) ** (k - 1) for k in range(T, -1, -1)])),
    Variant("the factors multiply, they do not add: w * w * ... * w = w**(T - t), not w * (T - t).",
            lambda w, T: float(w) * np.arange(T, -1, -1)),
    Variant("what entered k steps before the end was multiplied by w k times: its gradient is w**k, "
            "which is 1 for all only when w = 1.", lambda w, T: np.ones(T + 1)),
    Variant("with a negative w the sign alternates ((-0.9)**3 is negative): use w ** k directly, not "
            "exp(k log w) or abs(w).", lambda w, T: np.exp(np.arange(T, -1, -1) * np.log(float(w)))),
    Variant("with a negative w the sign alternates ((-0.9)**3 is negative): use w ** k directly, not "
            "exp(k log w) or abs(w).", lambda w, T: _grads(abs(w), T)),
    Variant("every value is cut to a whole number: the array you fill (np.arange, np.zeros(..., dtype=int)) "
            "holds ints and truncates what you write into it; make it with dtype=float.",
            lambda w, T: np.trunc(_grads(w, T))),
]


def check_memory_gradient(fn):
    """Check fn(w, T) -> (dc_T/dc_0, dc_T/dx_1, ..., dc_T/dx_T) = w**(T - t), float64, shape (T + 1,)."""
    return diagnose("check_memory_gradient", fn, _grads, _GRAD_CASES, GRAD_VARIANTS, ("gradients",),
                    layout={"gradients": ("T",)},
                    summary="dc_T/dc_0 = w**T and dc_T/dx_t = w**(T - t) for vanishing, exploding, w = 1, "
                            "negative w, an int w, one step and zero steps.")


# --------------------------------------------------------------------------- task 3: tanh neuron with an input
def _one_unit(w, u):
    return {"W_ih": np.array([[float(u)]]), "W_hh": np.array([[float(w)]]), "b_ih": np.zeros(1), "b_hh": np.zeros(1)}


def _tanh_reference(h0, w, u, xs):
    """(h_0 ... h_T, dh_T/dh_0) from lstm_course.rnn with one unit and one input."""
    xs = _floats(xs)
    if len(xs) == 0:
        return np.array([float(h0)]), 1.0
    hs, _, cache = rnn.forward(xs[:, None, None], _one_unit(w, u), h0=np.array([[float(h0)]]))
    _, _, dh0 = rnn.backward(None, cache, dh_T=np.ones((1, 1)))
    return np.concatenate([[float(h0)], hs[:, 0, 0]]), float(dh0[0, 0])


def _tanh_loop(h0, w, u, xs, *, grad="new", outside=False, swap=False, input_weight=True):
    hs, g = [float(h0)], (0.0 if grad == "sum" else 1.0)
    if swap:
        w, u = u, w
    u_in = u if input_weight else 1.0
    for x in _floats(xs):
        old = hs[-1]
        v = w * old + u_in * x
        new = np.tanh(w * old) + u_in * x if outside else np.tanh(v)
        if grad in ("sum", "sum from 1"):
            g += w * (1 - new ** 2)
            hs.append(new)
            continue
        g *= {"new": w * (1 - new ** 2), "old": w * (1 - old ** 2), "no input": w * (1 - np.tanh(w * old) ** 2),
              "none": w, "u": u * (1 - new ** 2), "wu": w * u * (1 - new ** 2), "no w": 1 - new ** 2,
              "argument": w * (1 - v ** 2)}[grad]
        hs.append(new)
    return np.array(hs), g


_SUMMED = ("the chain rule multiplies the steps' factors: dh_T/dh_0 = (w (1 - h_1**2)) (w (1 - h_2**2)) ... "
           "(w (1 - h_T**2)), a product, not a sum; start from grad = 1.0 and multiply (grad *= ...), not add "
           "(grad += ...).")
TANH_VARIANTS = [
    Variant(_SUMMED, lambda h0, w, u, xs: _tanh_loop(h0, w, u, xs, grad="sum")),
    Variant(_SUMMED, lambda h0, w, u, xs: _tanh_loop(h0, w, u, xs, grad="sum from 1")),
    Variant("the input enters multiplied by its weight u: h_t = tanh(w h_{t-1} + u x_t); yours adds x_t "
            "without u.", lambda h0, w, u, xs: _tanh_loop(h0, w, u, xs, input_weight=False)),
    Variant("each step's factor dh_t/dh_{t-1} is w (1 - h_t**2): you left out the recurrent weight w "
            "(the chain rule through w h_{t-1}).", lambda h0, w, u, xs: _tanh_loop(h0, w, u, xs, grad="no w")),
    Variant("tanh'(v) = 1 - tanh(v)**2 = 1 - h_t**2: square tanh's output h_t, not its argument "
            "v = w h_{t-1} + u x_t (yours is w (1 - v**2)).",
            lambda h0, w, u, xs: _tanh_loop(h0, w, u, xs, grad="argument")),
    Variant("each step contributes w (1 - h_t**2): include tanh's derivative, not only w.",
            lambda h0, w, u, xs: _tanh_loop(h0, w, u, xs, grad="none")),
    Variant("tanh's derivative is taken at its whole argument w h_{t-1} + u x_t: the factor is w (1 - h_t**2) "
            "with the new h_t, input included.", lambda h0, w, u, xs: _tanh_loop(h0, w, u, xs, grad="no input")),
    Variant("tanh's derivative at step t is 1 - h_t**2 with the new value h_t, not the previous one.",
            lambda h0, w, u, xs: _tanh_loop(h0, w, u, xs, grad="old")),
    Variant("the input goes inside the tanh: h_t = tanh(w h_{t-1} + u x_t).",
            lambda h0, w, u, xs: _tanh_loop(h0, w, u, xs, outside=True, grad="no input")),
    Variant("dh_t/dh_{t-1} carries the recurrent weight w, not u: the factor is w (1 - h_t**2).",
            lambda h0, w, u, xs: _tanh_loop(h0, w, u, xs, grad="u")),
    Variant("w multiplies h_{t-1} and u multiplies x_t: h_t = tanh(w h_{t-1} + u x_t); you swapped them.",
            lambda h0, w, u, xs: _tanh_loop(h0, w, u, xs, swap=True, grad="new")),
    Variant("u only scales the input, which does not depend on h_0: each factor is w (1 - h_t**2), without u.",
            lambda h0, w, u, xs: _tanh_loop(h0, w, u, xs, grad="wu")),
    Variant("your function stops after the first input: a `return` indented inside the `for` loop runs at the end "
            "of step 1. Put the return after the loop (one indent less), so that every input is used.",
            lambda h0, w, u, xs: _tanh_reference(h0, w, u, _floats(xs)[:1])),
    Variant("return all T + 1 values h_0 ... h_T (h_0 first).",
            lambda h0, w, u, xs: (_tanh_reference(h0, w, u, xs)[0][1:], _tanh_reference(h0, w, u, xs)[1])),
]

_TANH_HINTS = (("positional argument", "tanh_neuron takes four arguments now, (h0, w, u, xs): the start value, "
                                       "the recurrent weight, the input weight and the inputs x_1 ... x_T."),
               ("cannot be interpreted as an integer", "xs is the list of inputs, not a number of steps: loop "
                                                      "`for x in xs:`."),
               ("scalar index", "xs is the list of inputs, not a number of steps: loop `for x in xs:`."),
               ("UnboundLocalError", "with no inputs (T = 0) the loop never runs, so a name assigned only inside "
                                     "it is never set: set it before the loop (grad = 1.0, since dh_0/dh_0 = 1; hs "
                                     "starts as [h0]) and update it inside the loop."),
               ("referenced before assignment", "with no inputs (T = 0) the loop never runs, so a name assigned "
                                                "only inside it is never set: set it before the loop (grad = 1.0, "
                                                "since dh_0/dh_0 = 1; hs starts as [h0])."))


def _tanh_cases():
    rng = np.random.default_rng(11)
    return [Case("h0 = 0.5, w = 0.9, no input (u = 0)", (0.5, 0.9, 0.0, np.zeros(50))),
            Case("h0 = 0.5, w = 1.1, u = 0.8, 30 random inputs", (0.5, 1.1, 0.8, rng.uniform(-1, 1, 30))),
            Case("h0 = 0, w = 2, u = 1.5, 20 inputs", (0.0, 2.0, 1.5, rng.normal(0, 1, 20))),
            Case("one step, u = -1", (0.3, 0.5, -1.0, np.array([2.0]))),
            Case("T = 0: no inputs", (0.7, 1.0, 1.0, np.zeros(0))),
            Case("int h0 = 1, int inputs in a list", (1, 0.5, 1, [1, 0, -1])),
            Case("saturating: w = 5, u = 3", (0.2, 5.0, 3.0, rng.normal(0, 1, 10)))]


def check_tanh_neuron(fn):
    """Check fn(h0, w, u, xs) -> (hs, grad): h_t = tanh(w h_{t-1} + u x_t) (hs float64 of shape (T + 1,),
    h_0 first) and grad = dh_T/dh_0, against ``lstm_course.rnn``."""
    return diagnose("check_tanh_neuron", fn, _tanh_reference, _tanh_cases(), TANH_VARIANTS, ("hs", "grad"),
                    rtol=1e-6, atol=1e-12, arg_names=("h0", "w", "u", "xs"), layout={"hs": ("T",)},
                    error_hints=_TANH_HINTS,
                    summary="the values and dh_T/dh_0 match lstm_course.rnn (one unit, one input), also "
                            "with no input, one step, no steps and whole-number inputs.")
