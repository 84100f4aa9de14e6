"""Checkers for the gate's soft switch: the sigmoid and its derivative (lesson 2).

Reference: ``lstm_course.activations``. Cases: a scalar, random arrays, zeros, a
batch of one, integers and large values (+-1000, where exp overflows).
"""
import numpy as np

from ..activations import sigmoid, sigmoid_grad_from_output
from .core import Case, Variant, diagnose

_SCALAR_HINT = ("Use numpy's np.exp, which works on whole arrays; math.exp only takes one number.")
_ERROR_HINTS = (("scalar", _SCALAR_HINT), ("math range error", _SCALAR_HINT),
                ("only length-1 arrays", _SCALAR_HINT))


def _cases():
    rng = np.random.default_rng(0)
    return [
        Case("z = 0", (0.0,)),
        Case("random (3, 4)", (rng.normal(0, 3, size=(3, 4)),)),
        Case("zeros (2, 3)", (np.zeros((2, 3)),)),
        Case("a batch of one (1, 5)", (rng.normal(0, 2, size=(1, 5)),)),
        Case("integers", (np.arange(-3, 4),)),
        Case("large values", (np.array([-1000.0, -60.0, -10.0, 10.0, 60.0, 1000.0]),)),
    ]


SUMMARY = "sigmoid(z) = 1 / (1 + exp(-z)) matches lstm_course on scalars, arrays, zeros and large values."


def check_sigmoid(fn):
    """Check fn(z) -> the sigmoid of z, elementwise (z a number or an array)."""
    variants = [
        Variant("the sign of the exponent: the sigmoid is 1 / (1 + exp(-z)). With exp(+z) you "
                "get sigmoid(-z), a switch that closes as z grows.", lambda z: sigmoid(-np.asarray(z))),
        Variant("that is tanh, which runs from -1 to 1. The sigmoid runs from 0 to 1: "
                "1 / (1 + exp(-z)).", np.tanh),
        Variant("for large z, exp(z) overflows to inf and inf / inf is nan. Write it as "
                "1 / (1 + exp(-z)), which only ever divides by a large number.",
                lambda z: np.exp(z) / (1 + np.exp(z))),
        Variant("the denominator is 1 + exp(-z), not 1 - exp(-z).", lambda z: 1 / (1 - np.exp(-np.asarray(z, float)))),
    ]
    return diagnose("check_sigmoid", fn, sigmoid, _cases(), variants, ("sigmoid(z)",),
                    summary=SUMMARY, error_hints=_ERROR_HINTS)


def _sigmoid_grad(z):
    return sigmoid_grad_from_output(sigmoid(z))


def check_sigmoid_grad(fn):
    """Check fn(z) -> d sigmoid(z) / dz = s (1 - s) with s = sigmoid(z)."""
    variants = [
        Variant("s (1 - s) needs s = sigmoid(z) first; you used z itself.",
                lambda z: np.asarray(z, float) * (1 - np.asarray(z, float))),
        Variant("1 - s**2 is the derivative of tanh (written with tanh's output). The sigmoid's "
                "is s (1 - s).", lambda z: 1 - sigmoid(z) ** 2),
        Variant("that is the sigmoid itself; its derivative is s (1 - s) with s = sigmoid(z).", sigmoid),
        Variant("check the sign: s (1 - s) is never negative and peaks at 0.25 at z = 0.",
                lambda z: -_sigmoid_grad(z)),
        Variant("1 - tanh(z)**2 is the derivative of tanh. The sigmoid's is s (1 - s), s = sigmoid(z).",
                lambda z: 1 - np.tanh(z) ** 2),
    ]
    return diagnose("check_sigmoid_grad", fn, _sigmoid_grad, _cases(), variants, ("sigmoid_grad(z)",),
                    summary="s (1 - s) matches lstm_course on scalars, arrays, zeros and large values.",
                    error_hints=_ERROR_HINTS)
