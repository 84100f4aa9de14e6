"""A plain recurrent layer, the LSTM's ancestor, for comparison (lessons 1, 5, 6).

Letters: T time steps, B batch, D input size, H hidden size. As ``torch.nn.RNN``:

    h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)

The only way it keeps a value is to multiply it by W_hh every step, which is why
stored values and their gradients shrink or blow up over long sequences.
Parameters have the shapes of ``params.init_params(D, H, blocks=1)``.
"""
import numpy as np

from .activations import tanh_grad_from_output
from .params import check_params
from .params import init_params as _init_params
from .shapes import as_array, check_rank, check_shape, float_dtype


def init_params(input_size, hidden_size, *, seed=0, dtype=np.float64):
    """W_ih (H, D), W_hh (H, H), b_ih (H,), b_hh (H,), each U(-1/sqrt(H), 1/sqrt(H))."""
    return _init_params(input_size, hidden_size, seed=seed, dtype=dtype, blocks=1)


def forward(x, params, h0=None):
    """Run the plain RNN over a sequence.

    Inputs: x (T, B, D); params (see ``init_params``); h0 (B, H), zeros when omitted.
    Returns (hs, h_T, cache): hs (T, B, H), h_T (B, H), cache for ``backward``.
    """
    x = as_array("x", x)
    check_rank("x", x, "TBD")
    T, B, D = x.shape
    H = check_params(params, D, blocks=1)
    if h0 is None:
        h0 = np.zeros((B, H), dtype=x.dtype)
    h0 = as_array("h0", h0)
    check_shape("h0", h0, (B, H), "BH")
    dtype = float_dtype(x, h0, *params.values())
    W_ih, W_hh, b_ih, b_hh = (np.asarray(params[k], dtype=dtype) for k in ("W_ih", "W_hh", "b_ih", "b_hh"))

    hs = np.empty((T + 1, B, H), dtype=dtype)               # hs[0] = h0
    hs[0] = h0
    pre = (x.reshape(T * B, D).astype(dtype, copy=False) @ W_ih.T).reshape(T, B, H) + (b_ih + b_hh)
    for t in range(T):
        pre[t] += hs[t] @ W_hh.T
        np.tanh(pre[t], out=hs[t + 1])
    cache = {"x": x, "params": {"W_ih": W_ih, "W_hh": W_hh, "b_ih": b_ih, "b_hh": b_hh}, "hs": hs}
    return hs[1:].copy(), hs[T].copy(), cache


def backward(dhs, cache, dh_T=None):
    """Backpropagation through time for ``forward``.

    Inputs: dhs (T, B, H) (None for zeros); the cache; dh_T (B, H), zeros when omitted.
    Returns (dx, dparams, dh0): dx (T, B, D), dparams with the keys of params, dh0 (B, H).
    """
    if not isinstance(cache, dict) or "hs" not in cache or "gates" in cache:
        raise ValueError("cache must be the third value returned by rnn.forward")
    x, p, hs = cache["x"], cache["params"], cache["hs"]
    T, B, D = x.shape
    H = hs.shape[2]
    dhs = np.zeros((T, B, H), hs.dtype) if dhs is None else as_array("dhs", dhs)
    check_shape("dhs", dhs, (T, B, H), "TBH")
    dh = np.zeros((B, H), hs.dtype) if dh_T is None else as_array("dh_T", dh_T).astype(hs.dtype)
    check_shape("dh_T", dh, (B, H), "BH")

    dpre = np.empty((T, B, H), dtype=hs.dtype)
    local = tanh_grad_from_output(hs[1:])                    # (T, B, H), all steps at once
    for t in range(T - 1, -1, -1):
        np.multiply(dhs[t] + dh, local[t], out=dpre[t])
        dh = dpre[t] @ p["W_hh"]                             # through W_hh, every step
    flat = dpre.reshape(T * B, H)
    db = flat.sum(axis=0)
    dparams = {"W_ih": flat.T @ x.reshape(T * B, D).astype(hs.dtype, copy=False),
               "W_hh": flat.T @ hs[:-1].reshape(T * B, H), "b_ih": db, "b_hh": db.copy()}
    return (flat @ p["W_ih"]).reshape(T, B, D), dparams, dh
