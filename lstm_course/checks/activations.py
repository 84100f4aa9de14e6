"""Checkers for the gate's soft switch: the sigmoid and its derivative (lesson 2).

Reference: ``lstm_course.activations``. Cases: a scalar, random arrays, zeros, a
batch of one, integers, float32 and large values (+-1000, where exp overflows).
The dtype rule: float32 in, float32 out; float64 stays float64; integers give float64.
"""
import numpy as np

from ..activations import sigmoid, sigmoid_grad_from_output
from .core import FAILED, Case, Variant, diagnose, report

_SCALAR_HINT = ("Use numpy's np.exp, which works on whole arrays; math.exp only takes one number.")
_LOOP_HINT = ("work on whole arrays at once with np.exp: a loop over the elements of z fails for a single "
              "number (and is slow for arrays).")
_ERROR_HINTS = (("not iterable", _LOOP_HINT), ("iteration over a 0-d array", _LOOP_HINT),
                ("scalar", _SCALAR_HINT), ("math range error", _SCALAR_HINT),
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
        Case("float32 (2, 3): float32 out", (rng.normal(0, 3, size=(2, 3)).astype(np.float32),)),
        Case("float32 large values", (np.array([-1000.0, -10.0, 0.0, 10.0, 1000.0], dtype=np.float32),)),
        Case("an int, z = 2", (2,)),
    ]


SUMMARY = ("sigmoid(z) = 1 / (1 + exp(-z)) matches lstm_course on scalars, arrays, zeros, integers, float32 "
           "and large values.")


_PRECEDENCE = "check the brackets: 1 / 1 + np.exp(-z) is 1 + exp(-z); write 1 / (1 + np.exp(-z))."


def _precedence_slip(fn):
    """True when fn gives 1 + exp(-z) on moderate values (however it treats large ones)."""
    z = np.array([-3.0, -1.0, 0.0, 0.5, 2.0, 4.0])
    try:
        with np.errstate(all="ignore"):
            got = np.asarray(fn(z.copy()), dtype=np.float64)
    except Exception:   # noqa: BLE001 (diagnose reports the error)
        return False
    return got.shape == z.shape and np.allclose(got, 1 + np.exp(-z), rtol=1e-6)


def check_sigmoid(fn):
    """Check fn(z) -> the sigmoid of z, elementwise (z a number or an array)."""
    if callable(fn) and _precedence_slip(fn):
        return report("check_sigmoid", FAILED, _PRECEDENCE, "z = [-3, -1, 0, 0.5, 2, 4]: yours is 1 + exp(-z)")
    variants = [
        Variant("the sign of the exponent: the sigmoid is 1 / (1 + exp(-z)). With exp(+z) you "
                "get sigmoid(-z), a switch that closes as z grows.", lambda z: sigmoid(-np.asarray(z))),
        Variant("that is tanh, which runs from -1 to 1. The sigmoid runs from 0 to 1: "
                "1 / (1 + exp(-z)).", np.tanh),
        Variant("for large z, exp(z) overflows to inf and inf / inf is nan. Write it as "
                "1 / (1 + exp(-z)), which only ever divides by a large number.",
                lambda z: np.exp(z) / (1 + np.exp(z))),
        Variant("the denominator is 1 + exp(-z), not 1 - exp(-z).", lambda z: 1 / (1 - np.exp(-np.asarray(z, float)))),
        Variant("(1 + tanh(z)) / 2 is sigmoid(2z): the identity is sigmoid(z) = (1 + tanh(z / 2)) / 2. Simpler: "
                "1 / (1 + exp(-z)).", lambda z: sigmoid(2 * np.asarray(z, float))),
        Variant(_PRECEDENCE,
                lambda z: 1 + np.exp(-np.asarray(z, float))),
    ]
    return diagnose("check_sigmoid", fn, sigmoid, _cases(), variants, ("sigmoid(z)",),
                    summary=SUMMARY, error_hints=_ERROR_HINTS, arg_names=("z",))


def _sigmoid_grad(z):
    return sigmoid_grad_from_output(sigmoid(z))


def check_sigmoid_grad(fn):
    """Check fn(z) -> d sigmoid(z) / dz = s (1 - s) with s = sigmoid(z)."""
    variants = [
        Variant("s (1 - s) needs s = sigmoid(z) first; you used z itself.",
                lambda z: np.asarray(z, float) * (1 - np.asarray(z, float))),
        Variant("s (1 - s) uses s = sigmoid(z) in both factors; your second factor is 1 - z, with z itself.",
                lambda z: sigmoid(z) * (1 - np.asarray(z, float))),
        Variant("s (1 - s) uses s = sigmoid(z) in both factors; your first factor is z itself.",
                lambda z: np.asarray(z, float) * (1 - sigmoid(z))),
        Variant("1 - s**2 is the derivative of tanh (written with tanh's output). The sigmoid's "
                "is s (1 - s).", lambda z: 1 - sigmoid(z) ** 2),
        Variant("your second factor is s again, not 1 - s: 1 - sigmoid(-z) = sigmoid(z) (the sigmoid's symmetry), "
                "so yours is s * s = s**2. The derivative is s (1 - s), and 1 - s = sigmoid(-z).",
                lambda z: sigmoid(z) ** 2),
        Variant("that is the sigmoid itself; its derivative is s (1 - s) with s = sigmoid(z).", sigmoid),
        Variant("check the sign: s (1 - s) is never negative and peaks at 0.25 at z = 0.",
                lambda z: -_sigmoid_grad(z)),
        Variant("1 - tanh(z)**2 is the derivative of tanh. The sigmoid's is s (1 - s), s = sigmoid(z).",
                lambda z: 1 - np.tanh(z) ** 2),
        Variant("the derivative is s (1 - s), with a minus: s (1 + s) grows past 1.",
                lambda z: sigmoid(z) * (1 + sigmoid(z))),
        Variant("exp(-z) / (1 + exp(-z))**2 is right on paper, but for large |z| exp overflows and inf / inf is "
                "nan: compute s = sigmoid(z) first and return s (1 - s).",
                lambda z: np.exp(-np.asarray(z, float)) / (1 + np.exp(-np.asarray(z, float))) ** 2),
    ]
    # Whole-number inputs are the sigmoid's test: here z (1 - z) would give ints, and the dtype
    # rule would hide the real slip (z used for s).
    cases = [c for c in _cases() if np.asarray(c.args[0]).dtype.kind == "f"]
    return diagnose("check_sigmoid_grad", fn, _sigmoid_grad, cases, variants, ("sigmoid_grad(z)",),
                    summary="s (1 - s) matches lstm_course on scalars, arrays, zeros, float32 and large values.", error_hints=_ERROR_HINTS, arg_names=("z",))
