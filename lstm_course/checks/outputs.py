"""The learner's returned values, compared with the reference's: their structure
(how many values, dicts with the right keys), each converted to a numpy array with
its dtype kept (a tensor detached), and the first difference described."""
import numpy as np

from . import guards
from .result import FAILED, Stop

RTOL, ATOL = 1e-6, 1e-9        # learner and reference may compute in a different order


def as_outputs(value, names):
    """The output as a tuple with one entry per name (arrays, or dicts of arrays),
    their dtypes kept; Stop(FAILED) if the structure (the number of returned
    values, a number where an array belongs) is not what was asked for."""
    if len(names) == 1:
        value = (value,)
    elif not isinstance(value, (tuple, list)) or len(value) < len(names):
        got = f"{len(value)} values" if isinstance(value, (tuple, list)) else f"a {type(value).__name__}"
        raise Stop(FAILED, f"return {len(names)} values, ({', '.join(names)}); you returned {got}")
    out = []
    for name, v in zip(names, value):
        if isinstance(v, dict):
            out.append({k: _float_array(f"{name}[{k!r}]", x) for k, x in v.items()})
        else:
            out.append(_float_array(name, v))
    return tuple(out)


def _float_array(name, v):
    """v as a numpy array of numbers (its dtype kept, a tensor detached); Stop(FAILED) if it is not one."""
    if guards.is_tensor(v):
        v = v.detach().cpu().numpy()
    try:
        arr = np.asarray(v)
    except (TypeError, ValueError):
        arr = None
    if arr is None or arr.dtype.kind not in "biuf":
        raise Stop(FAILED, f"{name} should be a number or an array of numbers, you returned a {type(v).__name__}"
                           + (" holding other things" if arr is not None else "")) from None
    return arr


def flat(outputs, names):
    """(name, value) pairs, dict entries flattened as name['key']."""
    pairs = []
    for name, v in zip(names, outputs):
        if isinstance(v, dict):
            pairs += [(f"{name}[{k!r}]", v[k]) for k in sorted(v)]
        else:
            pairs.append((name, v))
    return pairs


def structure(got, expected, names):
    for name, e, g in zip(names, expected, got):
        if isinstance(e, dict) and (not isinstance(g, dict) or set(g) != set(e)):
            keys = sorted(g) if isinstance(g, dict) else f"a {type(g).__name__}"
            return f"{name} must be a dict with keys {sorted(e)}, got {keys}"
        if isinstance(g, dict) and not isinstance(e, dict):
            return f"{name} must be an array, got a dict"
    return None


def wrong_outputs(got, expected, names, rtol, atol):
    """[(flat name, got, expected)] for every output that differs (shape or values)."""
    wrong = []
    for (name, e), (_, g) in zip(flat(expected, names), flat(got, names)):
        g64, e64 = np.asarray(g, dtype=np.float64), np.asarray(e, dtype=np.float64)
        if g64.shape != e64.shape or not np.allclose(g64, e64, rtol=rtol, atol=atol, equal_nan=True):
            wrong.append((name, g64, e64))
    return wrong


def difference(got, expected, names, rtol=RTOL, atol=ATOL):
    """None when got matches expected, else a short description of the first difference."""
    problem = structure(got, expected, names)
    if problem:
        return problem
    wrong = wrong_outputs(got, expected, names, rtol, atol)
    if not wrong:
        return None
    name, g, e = wrong[0]
    if g.shape != e.shape:
        return f"{name} has shape {g.shape}, expected {e.shape}"
    if not np.all(np.isfinite(g)) and np.all(np.isfinite(e)):
        return f"{name} contains nan or inf"
    diff = np.abs(g - e)
    return f"{name} differs from the reference by up to {float(np.max(diff, where=~np.isnan(diff), initial=0)):.3g}"


def matches(got, expected, names, rtol, atol):
    if expected is None:
        return False
    try:
        return difference(got, expected, names, rtol, atol) is None
    except Exception:  # a variant that cannot even be compared does not match
        return False


def raw_outputs(value, names):
    """The returned values as given (for type and dtype checks), one per name."""
    return (value,) if len(names) == 1 else tuple(value)[:len(names)]
