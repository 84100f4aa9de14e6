"""What the variants' sequence code shares: the in-place sigmoid, the checking of states and caches.

Letters: T time steps, B batch, H hidden size. A state is a tuple of (B, H) arrays (the
cell protocol's): (h,) for the GRU and JANET, (h, c) for the LSTM family; None, or None
for an entry, means zeros. Each helper raises ValueError naming the expected and the
actual shape, as ``lstm_course.shapes`` does.
"""
import numpy as np

from ..params import KEYS, check_params
from ..shapes import as_array, check_rank, check_shape, float_dtype


def sigmoid_inplace(v):
    """In place: v <- 1 / (1 + exp(-v)); exp overflow gives 0, underflow 1, the right limits."""
    np.negative(v, out=v)
    np.exp(v, out=v)
    v += 1
    np.reciprocal(v, out=v)


def state_entry(name, value, B, H, dtype, copy=False):
    """One state entry: value (B, H) checked, or zeros (B, H) in dtype for None.

    copy: True for a fresh array in dtype (one the caller may overwrite).
    """
    if value is None:
        return np.zeros((B, H), dtype=dtype)
    value = as_array(name, value)
    check_shape(name, value, (B, H), "BH")
    return value.astype(dtype, copy=True) if copy else value


def state_tuple(name, state, B, H, dtype, size=1):
    """A state tuple of ``size`` entries (each (B, H) or None), or None -> a list of (B, H) arrays.

    The entries are named name[0], name[1], ... in errors; zeros (in dtype) stand for None.
    """
    if state is None:
        state = (None,) * size
    if not isinstance(state, (tuple, list)) or len(state) != size:
        got = f"{type(state).__name__} of length {len(state)}" if isinstance(state, (tuple, list)) else (
            f"{type(state).__name__} with shape {tuple(np.shape(state))}")
        raise ValueError(f"{name} must be None or a tuple of {size} arrays of shape (B, H) = ({B}, {H}), got {got}")
    return [state_entry(f"{name}[{k}]", value, B, H, dtype) for k, value in enumerate(state)]


def state_pair(name, value, B, H, dtype, labels, copy=False):
    """A state given as a tuple (h, c), or None -> [h, c], each (B, H) (zeros in dtype for None).

    labels: the names of the two entries in errors, e.g. ("h0", "c0"); copy as for ``state_entry``.
    """
    if value is None:
        value = (None, None)
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        got = f"length {len(value)}" if isinstance(value, (tuple, list)) else type(value).__name__
        raise ValueError(f"{name} must be None or a tuple (h, c) of two (B, H) arrays, got {got}")
    return [state_entry(n, v, B, H, dtype, copy) for n, v in zip(labels, value)]


def step_inputs(x_t, h_prev, params, blocks):
    """A one-state step's arguments checked: x_t (B, D), h_prev (B, H), params of ``blocks``
    blocks of H rows (W_ih (blocks*H, D), ...). Returns (x_t, h_prev, H), the two as arrays."""
    x_t, h_prev = as_array("x_t", x_t), as_array("h_prev", h_prev)
    check_rank("x_t", x_t, "BD")
    B, D = x_t.shape
    H = check_params(params, D, blocks=blocks)
    check_shape("h_prev", h_prev, (B, H), "BH")
    return x_t, h_prev, H


def forward_inputs(x, params, state0, blocks):
    """A one-state sequence forward's arguments checked: x (T, B, D), params of ``blocks``
    blocks of H rows, state0 None or (h0,) with h0 (B, H) or None (zeros).

    Returns (x, h0, p, H, dtype): x as an array; h0 (B, H); p the four arrays of params
    (W_ih, W_hh, b_ih, b_hh) in dtype, numpy's promotion of x, h0 and params.
    """
    x = as_array("x", x)
    check_rank("x", x, "TBD")
    T, B, D = x.shape
    H = check_params(params, D, blocks=blocks)
    (h0,) = state_tuple("state0", state0, B, H, x.dtype)
    dtype = float_dtype(x, h0, *params.values())
    return x, h0, {k: np.asarray(params[k], dtype=dtype) for k in KEYS}, H, dtype


def read_cache(cache, cell, keys):
    """The entries ``keys`` of a sequence cache, after checking that module ``cell``'s forward made it."""
    if not isinstance(cache, dict) or cache.get("cell") != cell:
        raise ValueError(f"cache must be the third value returned by {cell}.forward")
    return [cache[k] for k in keys]


def backward_inputs(dhs, dstate_T, shape, dtype, labels=None):
    """The gradient arguments of a sequence ``backward``, checked, as arrays in dtype.

    Inputs:
    - dhs: gradient of the loss with respect to hs, of shape (T, B, H); None for zeros.
    - dstate_T: None or a state tuple of gradients, each (B, H) or None (zeros).
    - shape: (T, B, H); dtype: the forward's computing dtype.
    - labels: None for a one-entry state (h,) (errors name dstate_T[0]); for (h, c), the
      names of its two entries, e.g. ("dh_T", "dc_T").

    Returns (dhs, dstate): dhs (T, B, H); dstate a list of fresh (B, H) arrays in dtype,
    the caller's to overwrite.
    """
    T, B, H = shape
    dhs = np.zeros((T, B, H), dtype) if dhs is None else as_array("dhs", dhs)
    check_shape("dhs", dhs, (T, B, H), "TBH")
    if labels is None:
        return dhs, [d.astype(dtype, copy=True) for d in state_tuple("dstate_T", dstate_T, B, H, dtype)]
    return dhs, state_pair("dstate_T", dstate_T, B, H, dtype, labels, copy=True)
