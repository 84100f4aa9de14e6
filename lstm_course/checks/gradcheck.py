"""Checker for a numerical gradient by central differences (lesson 5).

Reference: ``lstm_course.gradcheck.numerical_gradient(f, x, h)``, where f() reads
the array x, which is nudged in place one element at a time and put back. The
checker also looks at x after the call: it must hold its old values.
Cases: a cubic (whose curvature shows a one-sided difference), zeros, one
element, a 3-d array, and the LSTM's loss with respect to W_hh.
"""
import numpy as np

from .. import lstm
from ..gradcheck import numerical_gradient
import contextlib
import io
import sys

from .core import FAILED, Case, Variant, diagnose, report

_SHAPE_HINT = ("Loop over every element, whatever x's shape: `for k in np.ndindex(x.shape):` gives "
               "each index tuple k, and x[k] is that element.")
_ERROR_HINTS = (("unpack", _SHAPE_HINT), ("too many indices", _SHAPE_HINT), ("index", _SHAPE_HINT))


def _cubic(shape, seed, zero=False):
    def make():
        rng = np.random.default_rng(seed)
        x = np.zeros(shape) if zero else rng.normal(size=shape)
        w = rng.normal(size=shape)
        return (lambda: np.sum(w * x ** 3)), x
    return make


def _lstm_loss():
    def make():
        rng = np.random.default_rng(8)
        params = lstm.init_params(3, 2, seed=8)
        x, dhs = rng.normal(size=(4, 2, 3)), rng.normal(size=(4, 2, 2))
        return (lambda: np.sum(lstm.forward(x, params)[0] * dhs)), params["W_hh"]
    return make


CASES = [Case("f = sum(w x^3), x (3, 4)", (_cubic((3, 4), 0),)),
         Case("x all zeros", (_cubic((2, 3), 1, zero=True),)),
         Case("one element, x (1,)", (_cubic((1,), 2),)),
         Case("a 3-d x (2, 3, 2)", (_cubic((2, 3, 2), 3),)),
         Case("the LSTM's loss, x = W_hh (8, 2)", (_lstm_loss(),))]


def _run(gradient, off=None):
    """A function of a case's factory: call ``gradient(f, x, h)``, return (grad, x after).
    ``off``: a list that collects the number of elements of x that did not come back bit for bit."""
    def run(make):
        f, x = make()
        before = x.copy()
        grad = gradient(f, x, 1e-5)
        if off is not None and isinstance(x, np.ndarray) and x.shape == before.shape:
            off.append(int(np.sum(x != before)))
        return grad, x
    return run


def _one_sided(f, x, h):
    grad = np.zeros(x.shape)
    f0 = f()
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + h
        grad[k] = (f() - f0) / h
        x[k] = old
    return grad


def _not_restored(f, x, h):
    grad = np.zeros(x.shape)
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + h
        f_plus = f()
        x[k] = old - h
        grad[k] = (f_plus - f()) / (2 * h)
    return grad


def _minus_at_x(f, x, h):
    grad = np.zeros(x.shape)
    for k in np.ndindex(x.shape):
        x[k] += h
        f_plus = f()
        x[k] -= h
        grad[k] = (f_plus - f()) / (2 * h)
    return grad


def _rows(f, x, h):
    grad = np.zeros(x.shape)
    for k in range(len(x)):
        old = x[k].copy()
        x[k] = old + h
        f_plus = f()
        x[k] = old - h
        f_minus = f()
        x[k] = old
        grad[k] = (f_plus - f_minus) / (2 * h)
    return grad


VARIANTS = [
    Variant("your minus side is evaluated at x, not at x - h: after `x[k] += h`, a `x[k] -= h` only brings x back "
            "to x. Subtract 2h (or set x[k] = old - h) before the second f(), and put the old value back after.",
            _run(_minus_at_x)),
    Variant("use central differences, (f(x + h) - f(x - h)) / (2h): the one-sided (f(x + h) - f(x)) / h "
            "is off by about h times the curvature.", _run(_one_sided)),
    Variant("divide by 2h: the two points x + h and x - h are 2h apart.",
            _run(lambda f, x, h: 2 * numerical_gradient(f, x, h))),
    Variant("put x[k] back to its old value after nudging it: the next element's difference (and "
            "whoever uses x afterwards) needs the original x.", _run(_not_restored)),
    Variant("nudge x itself, in place: f() reads x, so changing a copy changes nothing and every "
            "difference is 0.", _run(lambda f, x, h: np.zeros(x.shape))),
    Variant("nudge one element at a time: `for k in range(len(x))` picks whole rows of a 2-d x, so x[k] + h moves "
            "a whole row at once (and measures the sum of that row's gradients). Loop over every element: "
            "`for k in np.ndindex(x.shape):`.", _run(_rows)),
]

NOT_EXACT = ("store the old value and assign it back (`old = x[k]` before the nudges, `x[k] = old` after): x must "
             "come back exactly as it was, bit for bit. Undoing the nudges by arithmetic (+h, -2h, +h) leaves "
             "{n} element{s} of x off in the last digit: the check itself would change the parameters it probes. "
             "`x_orig = x` does not save x either: it is an alias, a second name for the same array, not a copy, "
             "so x_orig[k] moves with every nudge of x[k] (save the number, `old = x[k]`, or use x.copy()).")


def check_gradcheck(fn):
    """Check fn(f, x, h=1e-5) -> the central-difference gradient of f() with respect to x; x must come
    back exactly (bit for bit) as it was."""
    off = []
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        result = diagnose("check_gradcheck", _run(fn, off), _run(numerical_gradient), CASES, VARIANTS,
                          ("gradient", "x after the call"), rtol=1e-6, atol=1e-8, error_hints=_ERROR_HINTS,
                          summary="your gradient matches lstm_course.gradcheck.numerical_gradient and x is "
                                  "left exactly as it was (a cubic, zeros, one element, a 3-d array, the LSTM's "
                                  "loss).")
    if result and any(off):
        n = max(off)
        return report("check_gradcheck", FAILED, NOT_EXACT.format(n=n, s="s" if n > 1 else ""),
                      f"case '{CASES[off.index(n)].label}': x after the call differs from x before in its last "
                      "digits")
    sys.stdout.write(printed.getvalue())
    sys.stdout.flush()
    return result
