"""Slips of exercise 9's steps that are not one formula's mistake: precision (float32 or
float16 inside, finite differences), overflowing or clipped activations, and a batch
that collapsed (averaged, or a loop that keeps only the last row). Used by ``variants``
(the GRU step, forward and backward) and ``ablation`` (the NFG step).

``precision_variants(learner, reference)`` are ``Variant``s that match when the learner's
outputs are right to float32's (or float16's) precision but not to float64's;
``collapsed_batch(got, expected, name)`` names a (1, H) or (H,) output of a (B, H) step.
"""
import numpy as np

from .core import Variant

OVERFLOW = ("on huge pre-activations (|a| about 400 in float64, 50 in float32) yours gives nan or wrong values: your "
            "tanh/sigmoid overflows: exp of a large number is inf, and (e^2a - 1) / (e^2a + 1) is then inf / inf = "
            "nan. Use np.tanh and the course's sigmoid, which stay finite.")
SATURATE = ("on large inputs the gates saturate (exactly 0 or 1) and tanh reaches -1 or 1: a clipped or hand-written "
            "activation (np.clip(a, -5, 5) before the exp, an exp that overflows) gets this wrong; use np.tanh and "
            "the course's sigmoid.")
CLIPPED_SIGMOID = ("your sigmoid clips its input (np.clip(a, -{0}, {0}) before the exp): sigmoid({0}) = {1:.6g}, "
                   "not 1, "
                   "so a saturated gate is never quite open or shut. The course's sigmoid needs no clip (it stays "
                   "finite for any input).")
_PRECISION = ("your values are right to about {digits} digits, {what}'s precision, but not to float64's: this is "
              "precision, not a formula mistake. You compute in {what} on float64 inputs (an .astype(np.{what}), "
              "a dtype=np.{what} array, or the result rounded){extra}; compute in the input's dtype.")
FINITE_DIFFERENCES = ", or approximate the gradient (finite differences: use the exact derivative instead)"


def clipped_sigmoid(limit):
    """A sigmoid that clips its input to [-limit, limit] first (a learner's overflow guard)."""
    return lambda a: 1 / (1 + np.exp(-np.clip(a, -limit, limit)))


def _cast(value, dtype):
    """value with every float array (also inside dicts, lists, tuples) cast to dtype."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value.astype(dtype)
    if isinstance(value, dict):
        return {k: _cast(v, dtype) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_cast(v, dtype) for v in value)
    return value


def _arrays(value, raw=False):
    """The arrays in value (dicts by sorted key), as float64, or as they are (raw)."""
    if isinstance(value, dict):
        return [a for k in sorted(value) for a in _arrays(value[k], raw)]
    if isinstance(value, (list, tuple)):
        return [a for v in value for a in _arrays(v, raw)]
    return [value if raw else np.asarray(value, dtype=np.float64)]


def _within(got, expected, rounded, floor):
    """got, unchanged, when each of its arrays is finite and no further from expected than 10 times
    the reference computed in lower precision (``rounded``) is, plus floor * the array's scale;
    else ValueError (the variant does not match)."""
    g_all, e_all, r_all = _arrays(got), _arrays(expected), _arrays(rounded)
    if len(g_all) != len(e_all) or (isinstance(expected, dict) != isinstance(got, dict)):
        raise ValueError("another structure")
    if any(getattr(g, "dtype", None) != getattr(e, "dtype", None)
           for g, e in zip(_arrays(got, raw=True), _arrays(expected, raw=True))):
        raise ValueError("another dtype: the dtype guard names it")
    for g, e, r in zip(g_all, e_all, r_all):
        if g.shape != e.shape or not np.all(np.isfinite(g)):
            raise ValueError("not a precision slip")
        scale = float(np.max(np.abs(e), initial=0.0))
        bound = 10 * float(np.max(np.abs(r - e), initial=0.0)) + floor * scale
        if not np.isfinite(bound) or np.max(np.abs(g - e), initial=0.0) > bound:
            raise ValueError("not a precision slip")
    return got


def precision_variants(learner, reference, backward=False):
    """Variants matching a learner whose outputs are as close to the reference as the reference
    computed in float32 (then float16) is. learner, reference: functions of the case's arguments."""
    extra = FINITE_DIFFERENCES if backward else ""

    def level(dtype, floor):
        def fn(*args):
            with np.errstate(all="ignore"):
                expected, rounded = reference(*args), reference(*_cast(args, dtype))
            return _within(learner(*args), expected, rounded, floor)
        return fn
    return [Variant(_PRECISION.format(digits=7, what="float32", extra=extra), level(np.float32, 1e-6)),
            Variant(_PRECISION.format(digits=3, what="float16", extra=extra), level(np.float16, 1e-2))]


def collapsed_batch(got, expected, name):
    """A hint when the step's (B, H) output ``expected`` came back as (1, H) or (H,): the batch
    averaged or summed, or only the last row kept; else None."""
    try:
        g, e = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    if e.ndim != 2 or e.shape[0] < 2 or g.shape not in ((1, e.shape[1]), (e.shape[1],)):
        return None
    g = g.reshape(-1)
    if np.allclose(g, e.mean(axis=0), rtol=1e-6, atol=1e-9):
        return (f"{name} has shape {np.shape(got)}, expected {e.shape}: you averaged over the batch. Each row of the "
                "batch is its own sequence; the step keeps them apart, one row of h per row of x_t.")
    if np.allclose(g, e.sum(axis=0), rtol=1e-6, atol=1e-9):
        return (f"{name} has shape {np.shape(got)}, expected {e.shape}: you summed over the batch. Each row of the "
                "batch is its own sequence; the step keeps them apart.")
    if np.allclose(g, e[-1], rtol=1e-6, atol=1e-9):
        return (f"{name} has shape {np.shape(got)}, expected {e.shape}: only the last row of the batch survived. A "
                f"loop over the rows rebinds `{name} = ...` at each row instead of writing `{name}[b] = ...` into an "
                "array made before the loop; or drop the loop: the matrix products handle the whole batch at once.")
    return None
