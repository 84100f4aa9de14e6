"""Checking a hand-written gradient against central differences (lesson 5).

    df/dx_k  ~  (f(x + h e_k) - f(x - h e_k)) / (2 h)

The error of this estimate shrinks as h**2, until rounding (about eps |f| / h)
takes over; h = 1e-5 in float64 balances the two at about 1e-10. Where a gradient
element is small (say 1e-3) that still leaves a relative error near 1e-8, so
``order=4`` offers the five-point central difference

    (-f(x + 2h) + 8 f(x + h) - 8 f(x - h) + f(x - 2h)) / (12 h)

whose error shrinks as h**4: with h = 1e-3 both errors are near 1e-13.
Compare with ``rel_error``: below 1e-8 the analytic gradient is right; around
1e-2 or above it is wrong.
"""
import numpy as np


def rel_error(a, b):
    """max over elements of |a - b| / max(1e-8, |a| + |b|) (CS231n's measure).

    The 1e-8 floor keeps elements where both are (almost) zero from dividing by zero.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"rel_error needs arrays of one shape, got {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def numerical_gradient(f, x, h=1e-5, order=2):
    """Central-difference gradient of the scalar function f() with respect to array x.

    ``x`` is changed in place, one element at a time, and restored: f must read x
    (for example a closure over a parameter array). ``order`` is 2 (two points) or
    4 (five points, use with h around 1e-3). Returns an array shaped like x.
    """
    if order not in (2, 4):
        raise ValueError(f"order must be 2 or 4, got {order!r}")
    if not np.issubdtype(np.asarray(x).dtype, np.floating):
        raise ValueError(f"x must be a floating array (it is nudged by h), got dtype {np.asarray(x).dtype}")
    grad = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    for _ in it:
        k = it.multi_index
        old = x[k]

        def f_at(step):
            x[k] = old + step
            return float(f())

        if order == 2:
            grad[k] = (f_at(h) - f_at(-h)) / (2 * h)
        else:
            grad[k] = (-f_at(2 * h) + 8 * f_at(h) - 8 * f_at(-h) + f_at(-2 * h)) / (12 * h)
        x[k] = old
    return grad


def numerical_gradient_array(f, x, df, h=1e-5, order=2):
    """Central differences for an array-valued f(): returns d(sum(f() * df))/dx."""
    return numerical_gradient(lambda: np.sum(np.asarray(f()) * df), x, h, order)
