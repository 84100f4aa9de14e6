"""JANET, the forget gate alone (van der Westhuizen & Lasenby 2018): forward and backward by hand.

"The unreasonable effectiveness of the forget gate" keeps one gate of the LSTM, the forget
gate, drops the input and output gates and both output activations, and lets the output be
the memory itself. Letters: T time steps, B batch, D input size, H hidden size. Two blocks:

    block 0  f  forget gate   sigmoid   s   = W_f x + b_f + U_f h
    block 1  g  cell input    tanh      c~  = tanh(W_c x + U_c h + b_c)

    c_t = sigmoid(s) * c_{t-1} + (1 - sigmoid(s - BETA)) * c~,     h_t = c_t

The input gate is tied to the forget gate, shifted by BETA = 1 so that a cell can keep a
little more than it lets in (with BETA = 0 it would be the CIFG's 1 - f). Since h = c the
state is ("h",). W_ih (2H, D), W_hh (2H, H), b_ih, b_hh (2H,), the biases summed as usual:
2H(D + H + 2) numbers. The paper initialises b_f with chrono initialisation (applied by
the caller, through ``memory_gate``).
"""
import numpy as np

from ..activations import sigmoid
from ..params import KEYS
from ..params import init_params as _init_params
from ..shapes import as_array, check_shape
from .common import backward_inputs, forward_inputs, read_cache, sigmoid_inplace, step_inputs

name = "janet"
title = "forget gate only (JANET, van der Westhuizen & Lasenby 2018)"
state_names = ("h",)
gates = ("f", "g")
memory_gate = "f"
write_gate = None      # the input gate is 1 - sigmoid(s - BETA), tied to f
BETA = 1.0
equations = """s   = W_f x + b_f + U_f h
c~  = tanh(W_c x + U_c h + b_c)
c'  = sigmoid(s) * c + (1 - sigmoid(s - BETA)) * c~,   BETA = 1
h'  = c'"""
note = "no input gate (tied to f, shifted by BETA), no output gate, no output activation: h = c"


def init_params(input_size, hidden_size, *, seed=0, dtype=np.float64):
    """W_ih (2H, D), W_hh (2H, H), b_ih (2H,), b_hh (2H,) (blocks f, g), each U(-1/sqrt(H), 1/sqrt(H)).

    2H(D + H + 2) numbers in all.
    """
    return _init_params(input_size, hidden_size, seed=seed, dtype=dtype, blocks=2)


# --------------------------------------------------------------------------- one step
_STEP_KEYS = ("x_t", "h_prev", "f", "f_shift", "g", "params")


def step_forward(x_t, h_prev, params):
    """One time step, written as the equations read.

    Inputs: x_t (B, D); h_prev (B, H) (= c_prev); params as from ``init_params``.
    Returns (h, cache): h (B, H); cache a dict for ``step_backward`` with x_t, h_prev,
    f = sigmoid(s), f_shift = sigmoid(s - BETA), g = c~ (each (B, H) but x_t), and params.
    """
    x_t, h_prev, H = step_inputs(x_t, h_prev, params, blocks=2)
    pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]  # (B, 2H)
    s = pre[:, :H]
    f, f_shift = sigmoid(s), sigmoid(s - BETA)
    g = np.tanh(pre[:, H:])
    h = f * h_prev + (1 - f_shift) * g
    return h, {"x_t": x_t, "h_prev": h_prev, "f": f, "f_shift": f_shift, "g": g, "params": params}


def step_backward(dh, cache):
    """Backward of ``step_forward``.

    Inputs: dh (B, H), the gradient of the loss with respect to this step's h (= c);
    cache from ``step_forward``.
    Returns (dx_t, dh_prev, dparams): (B, D), (B, H), a dict with the keys and shapes of params.
    """
    if not isinstance(cache, dict) or set(cache) != set(_STEP_KEYS):
        raise ValueError(f"cache must be the dict returned by janet.step_forward, with keys {list(_STEP_KEYS)}")
    x_t, h_prev, f, f_shift, g, params = (cache[k] for k in _STEP_KEYS)
    dh = as_array("dh", dh)
    check_shape("dh", dh, f.shape, "BH")
    # s reaches h twice: keeping (f * h_prev) and, shifted, writing ((1 - f_shift) * g)
    ds = dh * (h_prev * f * (1 - f) - g * f_shift * (1 - f_shift))
    dg = dh * (1 - f_shift) * (1 - g * g)
    dpre = np.concatenate([ds, dg], axis=1)             # (B, 2H)
    dparams = {"W_ih": dpre.T @ x_t, "W_hh": dpre.T @ h_prev, "b_ih": dpre.sum(axis=0), "b_hh": dpre.sum(axis=0)}
    return dpre @ params["W_ih"], dh * f + dpre @ params["W_hh"], dparams


# --------------------------------------------------------------------------- a sequence
def forward(x, params, state0=None):
    """Run JANET over a whole sequence.

    Inputs:
    - x: inputs, of shape (T, B, D).
    - params: dict with W_ih (2H, D), W_hh (2H, H), b_ih (2H,), b_hh (2H,).
    - state0: None or (h0,), h0 of shape (B, H) or None; zeros when omitted.

    Returns (hs, (h_T,), cache):
    - hs: the outputs h_1..h_T (= the memories), of shape (T, B, H); h_T of shape (B, H) (copies).
    - cache: a dict for ``backward``: "cell" = "janet", "x", "params" (in the computing dtype),
      "h" (T+1, B, H) with h[0] = h0, "fg" (T, B, 2H) the openings f and g of each step,
      "f_shift" (T, B, H) = sigmoid(s - BETA) of each step.
    The dtype is numpy's promotion of the inputs (float32 in, float32 out).
    """
    x, h0, p, H, dtype = forward_inputs(x, params, state0, blocks=2)
    T, B, D = x.shape
    W_ih, W_hh, b_ih, b_hh = (p[k] for k in KEYS)

    fg = (x.reshape(T * B, D).astype(dtype, copy=False) @ W_ih.T).reshape(T, B, 2 * H)
    fg += b_ih + b_hh
    W_hh_T = np.ascontiguousarray(W_hh.T)            # (H, 2H)
    hs = np.empty((T + 1, B, H), dtype=dtype)
    hs[0] = h0
    f_shifts = np.empty((T, B, H), dtype=dtype)
    rec = np.empty((B, 2 * H), dtype=dtype)
    tmp = np.empty((B, H), dtype=dtype)
    with np.errstate(over="ignore", under="ignore"):
        for t in range(T):
            pre, f_shift = fg[t], f_shifts[t]
            np.matmul(hs[t], W_hh_T, out=rec)
            pre += rec
            f, g = pre[:, :H], pre[:, H:]
            np.subtract(f, BETA, out=f_shift)        # sigmoid(s - BETA), before s is overwritten
            sigmoid_inplace(f_shift)
            sigmoid_inplace(f)
            np.tanh(g, out=g)
            np.multiply(f, hs[t], out=hs[t + 1])     # keep: f * c_{t-1}
            np.subtract(1, f_shift, out=tmp)         # write: (1 - f_shift) * c~
            tmp *= g
            hs[t + 1] += tmp
    cache = {"cell": "janet", "x": x, "params": p, "h": hs, "fg": fg, "f_shift": f_shifts}
    return hs[1:].copy(), (hs[T].copy(),), cache


def backward(dhs, cache, dstate_T=None):
    """Backpropagation through time for ``forward``.

    Inputs:
    - dhs: gradient of the loss with respect to hs, of shape (T, B, H); None for zeros.
    - cache: the cache returned by ``forward``.
    - dstate_T: None or (dh_T,), dh_T of shape (B, H) or None; zeros when omitted.

    Returns (dx, dparams, (dh0,)): dx (T, B, D); dparams with the keys and shapes of
    params; dh0 (B, H).
    """
    x, p, hs, fg, f_shifts = read_cache(cache, "janet", ("x", "params", "h", "fg", "f_shift"))
    (T, B, D), H, dtype = x.shape, hs.shape[2], hs.dtype
    dhs, (dh_next,) = backward_inputs(dhs, dstate_T, (T, B, H), dtype)   # dh_next: ours to overwrite

    dpres = np.empty((T, B, 2 * H), dtype=dtype)     # d/d(pre-activations) of each step
    dh = np.empty((B, H), dtype=dtype)
    tmp = np.empty((B, H), dtype=dtype)
    W_hh = p["W_hh"]
    for t in range(T - 1, -1, -1):
        f, g, f_shift = fg[t][:, :H], fg[t][:, H:], f_shifts[t]
        ds, dg = dpres[t][:, :H], dpres[t][:, H:]
        np.add(dhs[t], dh_next, out=dh)              # from the output and from step t+1
        np.subtract(1, f, out=ds)                    # ds = dh (h_prev f (1 - f) - g f_s (1 - f_s))
        ds *= f
        ds *= hs[t]
        np.subtract(1, f_shift, out=tmp)
        np.multiply(g, g, out=dg)                    # dg = dh (1 - f_s)(1 - g^2), built from tmp
        np.subtract(1, dg, out=dg)
        dg *= tmp
        dg *= dh
        tmp *= f_shift
        tmp *= g
        ds -= tmp
        ds *= dh
        np.matmul(dpres[t], W_hh, out=dh_next)       # through W_hh ...
        np.multiply(dh, f, out=tmp)                  # ... and along the memory, times f
        dh_next += tmp

    flat = dpres.reshape(T * B, 2 * H)
    db = flat.sum(axis=0)
    dparams = {"W_ih": flat.T @ x.reshape(T * B, D).astype(dtype, copy=False),
               "W_hh": flat.T @ hs[:-1].reshape(T * B, H), "b_ih": db, "b_hh": db.copy()}
    return (flat @ p["W_ih"]).reshape(T, B, D), dparams, (dh_next,)
