"""Input checks shared by the numeric modules.

Every public function checks what it is given before computing, so a learner
sees "x must have shape (T, B, D) = (5, 3, 4), got (5, 4)" instead of a
broadcast error from deep inside numpy (or, worse, a silently wrong answer).
"""
import numpy as np


def as_array(name, value):
    """``value`` as a numpy array; a clear ValueError if it cannot be one."""
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise ValueError(f"{name} must be a numeric array, got {type(value).__name__}: {exc}") from None
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise ValueError(f"{name} must be a numeric array, got dtype {arr.dtype}")
    return arr


def check_rank(name, arr, letters):
    """Require ``arr.ndim == len(letters)``; ``letters`` names the axes, e.g. "TBD"."""
    if arr.ndim != len(letters):
        raise ValueError(
            f"{name} must have {len(letters)} dimensions ({', '.join(letters)}), "
            f"got {arr.ndim} dimensions with shape {tuple(arr.shape)}"
        )


def check_shape(name, arr, expected, letters=None):
    """Require ``arr.shape == expected``; the message shows the letters too, e.g. (4H, D)."""
    expected = tuple(int(n) for n in expected)
    if tuple(arr.shape) != expected:
        named = f" = ({', '.join(letters)})" if letters else ""
        raise ValueError(f"{name} must have shape {expected}{named}, got {tuple(arr.shape)}")


def check_keys(name, mapping, keys):
    """Require exactly ``keys`` in ``mapping``: KeyError if one is missing, ValueError if extra."""
    if not isinstance(mapping, dict):
        raise ValueError(f"{name} must be a dict with keys {list(keys)}, got {type(mapping).__name__}")
    missing = [k for k in keys if k not in mapping]
    if missing:
        raise KeyError(f"{name} is missing {missing}; expected keys {list(keys)}, got {sorted(mapping)}")
    extra = sorted(set(mapping) - set(keys))
    if extra:
        raise ValueError(f"{name} has unexpected keys {extra}; expected exactly {list(keys)}")


def float_dtype(*arrays):
    """The floating dtype the computation runs in: numpy's promotion of the inputs,
    float64 when they are all integers (the hand-wired examples use ints)."""
    dtype = np.result_type(*arrays)
    return dtype if np.issubdtype(dtype, np.floating) else np.dtype(np.float64)
