"""Checker for one memory cell: c' = g(z) f(z_i) + c f(z_f), a = h(c') f(z_o) (lesson 2).

Reference: ``lstm_course.cell.memory_cell``. Each wrong variant is the reference
fed the wrong thing (gates swapped, an activation left out), so the hints stay in
step with the package. When the learner's function takes ``g`` and ``h``, the
lecture's hand-wired cell (g, h the identity) is tried as well.
"""
import inspect

import numpy as np

from ..activations import identity, sigmoid, tanh
from ..cell import memory_cell
from .core import Case, Variant, diagnose


def _cases(with_activations):
    rng = np.random.default_rng(1)
    r = lambda *shape: rng.normal(0, 2, size=shape)  # noqa: E731
    cases = [
        Case("scalars", (0.5, 2.0, -1.0, 3.0, 1.5)),
        Case("random (3, 4)", tuple(r(3, 4) for _ in range(5))),
        Case("zeros (2, 3)", tuple(np.zeros((2, 3)) for _ in range(5))),
        Case("a batch of one (1, 4)", tuple(r(1, 4) for _ in range(5))),
        Case("large gate signals (+-100)", (r(2, 3), 100 * np.sign(r(2, 3)), 100 * np.sign(r(2, 3)),
                                            100 * np.sign(r(2, 3)), r(2, 3))),
    ]
    if with_activations:
        # The lecture's cell: the machine adds 3 to a memory of 4 and reads it out.
        cases += [Case("g, h identity (the lecture's cell)", (3.0, 90.0, 110.0, 90.0, 4.0),
                       {"g": identity, "h": identity}),
                  Case("g, h identity, random (2, 3)", tuple(r(2, 3) for _ in range(5)),
                       {"g": identity, "h": identity})]
    return cases


def _takes_activations(fn):
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "g" in params and "h" in params


def _output_reads_old_memory(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new, _ = memory_cell(z, z_i, z_f, z_o, c, g=g, h=h)
    return c_new, h(np.asarray(c)) * sigmoid(z_o)


def _swapped_return(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new, a = memory_cell(z, z_i, z_f, z_o, c, g=g, h=h)
    return a, c_new


VARIANTS = [
    Variant("your forget gate multiplies the new input instead of the old memory: "
            "c' = g(z) f(z_i) + c f(z_f), the input gate scales what is written, the forget gate what is kept.",
            lambda z, z_i, z_f, z_o, c, g=tanh, h=tanh: memory_cell(z, z_f, z_i, z_o, c, g=g, h=h)),
    Variant("the output reads the new memory c', not the old c: a = h(c') f(z_o).", _output_reads_old_memory),
    Variant("apply h to the new memory before the output gate: a = h(c') f(z_o).",
            lambda z, z_i, z_f, z_o, c, g=tanh, h=tanh: memory_cell(z, z_i, z_f, z_o, c, g=g, h=identity)),
    Variant("apply g to the cell input: c' = g(z) f(z_i) + c f(z_f).",
            lambda z, z_i, z_f, z_o, c, g=tanh, h=tanh: memory_cell(z, z_i, z_f, z_o, c, g=identity, h=h)),
    Variant("each gate signal must pass through the sigmoid f first: f(z_i), f(z_f), f(z_o) are "
            "openings between 0 and 1.",
            lambda z, z_i, z_f, z_o, c, g=tanh, h=tanh: memory_cell(z, z_i, z_f, z_o, c, f=identity, g=g, h=h)),
    Variant("the new memory must keep the old one: add c f(z_f) to what is written.",
            lambda z, z_i, z_f, z_o, c, g=tanh, h=tanh: memory_cell(z, z_i, z_f, z_o, 0 * np.asarray(c), g=g, h=h)),
    Variant("return (c_new, a): the new memory first, then the output.", _swapped_return),
]


def check_memory_cell(fn):
    """Check fn(z, z_i, z_f, z_o, c[, g=, h=]) -> (c_new, a) against ``cell.memory_cell``."""
    with_activations = _takes_activations(fn)

    def reference(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
        return memory_cell(z, z_i, z_f, z_o, c, g=g, h=h)

    extra = " and the lecture's identity g, h" if with_activations else ""
    return diagnose("check_memory_cell", fn, reference, _cases(with_activations), VARIANTS, ("c_new", "a"),
                    summary=f"c' and a match lstm_course's memory_cell on scalars, arrays, zeros, "
                            f"a batch of one, large gate signals{extra}.")
