"""The gated recurrent unit (GRU, Cho et al. 2014) in PyTorch's form: forward and backward by hand.

Letters: T time steps, B batch, D input size, H hidden size. The GRU keeps no separate
memory: its state is h alone. Three blocks of H rows, in ``torch.nn.GRU``'s order:

    block 0  r  reset gate    sigmoid   how much of h the candidate sees
    block 1  z  update gate   sigmoid   how much of h is kept (the memory gate)
    block 2  n  candidate     tanh      the new value offered

    r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
    z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
    n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
    h' = (1 - z) * n + z * h

Unlike the LSTM's, the two biases of block n are not a plain sum: b_hn sits inside
r * (...), as in PyTorch, so W_ih (3H, D), W_hh (3H, H), b_ih (3H,), b_hh (3H,) map to
``torch.nn.GRU`` unchanged (``to_torch``, ``from_torch``). Parameters: 3H(D + H + 2).

``step_forward``/``step_backward`` write one step as the equations read; ``forward``/
``backward`` run a sequence with preallocated buffers (tests prove both agree).
"""
import numpy as np

from ..activations import sigmoid
from ..params import KEYS
from ..params import init_params as _init_params
from ..shapes import as_array, check_shape
from . import gru_torch
from .common import backward_inputs, forward_inputs, read_cache, sigmoid_inplace, step_inputs

name = "gru"
title = "GRU (Cho et al. 2014)"
state_names = ("h",)
gates = ("r", "z", "n")
memory_gate = "z"      # a large z keeps h: chrono initialisation sets b_z
write_gate = None      # (1 - z) writes, tied to z; there is no separate input gate
equations = """r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
h' = (1 - z) * n + z * h"""
note = "no separate memory c and no output gate; the input and forget gates are coupled as (1 - z) and z"


def init_params(input_size, hidden_size, *, seed=0, dtype=np.float64):
    """W_ih (3H, D), W_hh (3H, H), b_ih (3H,), b_hh (3H,), each U(-1/sqrt(H), 1/sqrt(H)).

    3H(D + H + 2) numbers in all, as ``torch.nn.GRU(D, H)``.
    """
    return _init_params(input_size, hidden_size, seed=seed, dtype=dtype, blocks=3)


# --------------------------------------------------------------------------- one step
_STEP_KEYS = ("x_t", "h_prev", "r", "z", "n", "hn", "params")


def step_forward(x_t, h_prev, params):
    """One time step, written as the equations read.

    Inputs: x_t (B, D); h_prev (B, H); params as from ``init_params``.
    Returns (h, cache): h (B, H); cache a dict for ``step_backward`` with x_t, h_prev,
    r, z, n and hn = W_hn h_prev + b_hn (each (B, H) but x_t), and params.
    """
    x_t, h_prev, H = step_inputs(x_t, h_prev, params, blocks=3)
    xi = x_t @ params["W_ih"].T + params["b_ih"]        # (B, 3H), the input's part
    hh = h_prev @ params["W_hh"].T + params["b_hh"]     # (B, 3H), the state's part
    r = sigmoid(xi[:, :H] + hh[:, :H])
    z = sigmoid(xi[:, H:2 * H] + hh[:, H:2 * H])
    hn = hh[:, 2 * H:]
    n = np.tanh(xi[:, 2 * H:] + r * hn)                 # r decides how much of h_prev n sees
    h = (1 - z) * n + z * h_prev
    cache = {"x_t": x_t, "h_prev": h_prev, "r": r, "z": z, "n": n, "hn": hn, "params": params}
    return h, cache


def step_backward(dh, cache):
    """Backward of ``step_forward``.

    Inputs: dh (B, H), the gradient of the loss with respect to this step's h (from the
    output and from the next step); cache from ``step_forward``.
    Returns (dx_t, dh_prev, dparams): (B, D), (B, H), a dict with the keys and shapes of params.
    """
    if not isinstance(cache, dict) or set(cache) != set(_STEP_KEYS):
        raise ValueError(f"cache must be the dict returned by gru.step_forward, with keys {list(_STEP_KEYS)}")
    x_t, h_prev, r, z, n, hn, params = (cache[k] for k in _STEP_KEYS)
    dh = as_array("dh", dh)
    check_shape("dh", dh, z.shape, "BH")
    da_n = dh * (1 - z) * (1 - n * n)                   # through n's tanh
    da_r = da_n * hn * r * (1 - r)                      # r multiplies hn inside n
    da_z = dh * (h_prev - n) * z * (1 - z)              # h' = n + z (h_prev - n)
    dxi = np.concatenate([da_r, da_z, da_n], axis=1)    # d/d(input part), (B, 3H)
    dhh = np.concatenate([da_r, da_z, da_n * r], axis=1)  # d/d(state part): n's is scaled by r
    dparams = {"W_ih": dxi.T @ x_t, "W_hh": dhh.T @ h_prev, "b_ih": dxi.sum(axis=0), "b_hh": dhh.sum(axis=0)}
    return dxi @ params["W_ih"], dh * z + dhh @ params["W_hh"], dparams


# --------------------------------------------------------------------------- a sequence
def forward(x, params, state0=None):
    """Run the GRU over a whole sequence.

    Inputs:
    - x: inputs, of shape (T, B, D).
    - params: dict with W_ih (3H, D), W_hh (3H, H), b_ih (3H,), b_hh (3H,).
    - state0: None or (h0,), h0 of shape (B, H) or None; zeros when omitted.

    Returns (hs, (h_T,), cache):
    - hs: the outputs h_1..h_T, of shape (T, B, H); h_T of shape (B, H) (copies).
    - cache: a dict for ``backward``: "cell" = "gru", "x", "params" (in the computing dtype),
      "h" (T+1, B, H) with h[0] = h0, "rzn" (T, B, 3H) the openings r, z, n of each step,
      "hn" (T, B, H) = W_hn h_{t-1} + b_hn of each step.
    The dtype is numpy's promotion of the inputs (float32 in, float32 out).
    """
    x, h0, p, H, dtype = forward_inputs(x, params, state0, blocks=3)
    T, B, D = x.shape
    W_ih, W_hh, b_ih, b_hh = (p[k] for k in KEYS)

    # The input's part of all three blocks, all steps in one matmul; b_ih joins it.
    rzn = (x.reshape(T * B, D).astype(dtype, copy=False) @ W_ih.T).reshape(T, B, 3 * H)
    rzn += b_ih
    W_hh_T = np.ascontiguousarray(W_hh.T)            # (H, 3H)
    hs = np.empty((T + 1, B, H), dtype=dtype)
    hs[0] = h0
    hns = np.empty((T, B, H), dtype=dtype)
    rec = np.empty((B, 3 * H), dtype=dtype)          # W_hh h + b_hh, reused each step
    tmp = np.empty((B, H), dtype=dtype)
    with np.errstate(over="ignore", under="ignore"):
        for t in range(T):
            pre = rzn[t]
            np.matmul(hs[t], W_hh_T, out=rec)
            rec += b_hh
            rz, n = pre[:, :2 * H], pre[:, 2 * H:]
            rz += rec[:, :2 * H]
            sigmoid_inplace(rz)                      # r and z, in place
            r, z = rz[:, :H], rz[:, H:]
            hns[t] = rec[:, 2 * H:]
            np.multiply(r, hns[t], out=tmp)
            n += tmp
            np.tanh(n, out=n)
            np.subtract(hs[t], n, out=tmp)           # h' = n + z (h - n)
            tmp *= z
            np.add(n, tmp, out=hs[t + 1])
    cache = {"cell": "gru", "x": x, "params": p, "h": hs, "rzn": rzn, "hn": hns}
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
    x, p, hs, rzn, hns = read_cache(cache, "gru", ("x", "params", "h", "rzn", "hn"))
    (T, B, D), H, dtype = x.shape, hs.shape[2], hs.dtype
    dhs, (dh_next,) = backward_inputs(dhs, dstate_T, (T, B, H), dtype)   # dh_next: ours to overwrite

    dxis = np.empty((T, B, 3 * H), dtype=dtype)      # d/d(W_ih x + b_ih) of each step
    dhhs = np.empty((T, B, 3 * H), dtype=dtype)      # d/d(W_hh h + b_hh) of each step
    dh = np.empty((B, H), dtype=dtype)
    tmp = np.empty((B, H), dtype=dtype)
    W_hh = p["W_hh"]
    for t in range(T - 1, -1, -1):
        r, z, n = (rzn[t][:, k * H:(k + 1) * H] for k in range(3))
        dxi, dhh = dxis[t], dhhs[t]
        da_r, da_z, da_n = (dxi[:, k * H:(k + 1) * H] for k in range(3))
        np.add(dhs[t], dh_next, out=dh)              # from the output and from step t+1
        np.multiply(n, n, out=da_n)                  # da_n = dh (1 - z) (1 - n^2)
        np.subtract(1, da_n, out=da_n)
        np.subtract(1, z, out=tmp)
        da_n *= tmp
        da_n *= dh
        np.multiply(da_n, r, out=dhh[:, 2 * H:])     # b_hn and W_hn h sit inside r * (...)
        np.subtract(1, r, out=da_r)                  # da_r = da_n hn r (1 - r)
        da_r *= r
        da_r *= hns[t]
        da_r *= da_n
        np.subtract(hs[t], n, out=da_z)              # da_z = dh (h_prev - n) z (1 - z)
        da_z *= dh
        np.subtract(1, z, out=tmp)
        tmp *= z
        da_z *= tmp
        dhh[:, :2 * H] = dxi[:, :2 * H]
        np.matmul(dhh, W_hh, out=dh_next)            # through W_hh ...
        np.multiply(dh, z, out=tmp)                  # ... and straight through z
        dh_next += tmp

    flat_i, flat_h = dxis.reshape(T * B, 3 * H), dhhs.reshape(T * B, 3 * H)
    dparams = {"W_ih": flat_i.T @ x.reshape(T * B, D).astype(dtype, copy=False),
               "W_hh": flat_h.T @ hs[:-1].reshape(T * B, H),
               "b_ih": flat_i.sum(axis=0), "b_hh": flat_h.sum(axis=0)}
    dx = (flat_i @ p["W_ih"]).reshape(T, B, D)
    return dx, dparams, (dh_next,)


# --------------------------------------------------------------------------- torch.nn.GRU
# The mapping both ways lives in gru_torch.py; torch is imported only when one of them runs.
TORCH_NAMES, to_torch, from_torch = gru_torch.TORCH_NAMES, gru_torch.to_torch, gru_torch.from_torch
