"""Activation functions and their derivatives (lessons 1-2).

The sigmoid is the gate's soft switch: f(z) near 0 means closed, near 1 open,
0.5 half open. tanh squashes the cell input and the memory into (-1, 1).
Derivatives are written in terms of the function's *output*, as the backward
pass uses them: sigmoid'(z) = s (1 - s), tanh'(z) = 1 - t**2.
"""
import numpy as np


def sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), elementwise, without overflow.

    Inputs:
    - z: scalar or array of any shape.
    Returns an array of the same shape (a numpy scalar for a scalar input).
    """
    z = np.asarray(z)
    if not np.issubdtype(z.dtype, np.floating):
        z = z.astype(np.float64)  # ints and bools: compute in float64
    # exp of a large positive number overflows; split by sign so we only ever
    # exponentiate non-positive numbers.
    with np.errstate(under="ignore"):  # exp(-1000) = 0 is the right answer
        e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(z.dtype, copy=False)[()]


def sigmoid_grad_from_output(s):
    """Derivative of the sigmoid, given its output s = sigmoid(z): s (1 - s)."""
    return s * (1 - s)


def tanh(z):
    """The hyperbolic tangent, elementwise (numpy's, named here for the lessons)."""
    return np.tanh(z)


def tanh_grad_from_output(t):
    """Derivative of tanh, given its output t = tanh(z): 1 - t**2."""
    return 1 - t * t


def identity(z):
    """f(z) = z: the activation of the lecture's hand-wired examples."""
    return z
