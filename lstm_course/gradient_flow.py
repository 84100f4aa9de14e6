"""How far back a gradient reaches: per-step gradients of an LSTM and a plain RNN (lesson 5).

Letters: T time steps, B batch, D input size, H hidden size.

The loss is read on the last step only, L = sum(h_T * dh_T), and we ask how
large dL/dstate_t is for every earlier step t = 0..T (t = 0 is the initial state):

- plain RNN: dL/dh_{t-1} = W_hh^T (dL/dh_t * (1 - h_t**2)): a matrix product and a
  squashing factor at every step, so the gradient shrinks (or grows) geometrically.
- LSTM: along the memory, dL/dc_{t-1} = dL/dc_t * f_t (+ what arrives through h):
  an elementwise product with the forget gate's opening, nothing else. With the
  forget gate open (f near 1) the gradient survives many steps.

Everything is computed with the package's own forward and backward functions
(``lstm.step_forward``/``step_backward``, ``rnn.forward``); tests check the
results against ``lstm.backward`` and ``rnn.backward``.
"""
import numpy as np

from . import lstm, rnn
from .activations import tanh_grad_from_output
from .params import check_params
from .shapes import as_array, check_rank, check_shape


def _loss_grad(dh_T, B, H, dtype):
    if dh_T is None:
        return np.ones((B, H), dtype=dtype)     # L = sum(h_T)
    dh_T = as_array("dh_T", dh_T)
    check_shape("dh_T", dh_T, (B, H), "BH")
    return dh_T


def lstm_state_gradients(x, params, dh_T=None, h0=None, c0=None):
    """Gradients of L = sum(h_T * dh_T) with respect to every step's h_t and c_t.

    Inputs: x (T, B, D); LSTM params; dh_T (B, H), ones when omitted; h0, c0 (B, H).
    Returns a dict of arrays of shape (T+1, B, H), index t for step t (0 = initial state):
    - "dh": dL/dh_t.
    - "dc": dL/dc_t, the full gradient of the memory (through c_{t+1} and through h_t).
    - "dc_memory": the part that arrived along the memory, from step t+1: it equals
      dc[t+1] * f_{t+1} exactly (zero at t = T, the end of the sequence).
    - "f": the forget gate's openings f_t, shape (T, B, H), f[t-1] for step t.
    """
    x = as_array("x", x)
    check_rank("x", x, "TBD")
    T, B, D = x.shape
    H = check_params(params, D)
    _, _, cache = lstm.forward(x, params, h0, c0)
    hs, cs, gates, tanh_cs = cache["hs"], cache["cs"], cache["gates"], cache["tanh_cs"]
    o = gates[..., 3 * H:]                                  # (T, B, H) output gate openings
    dtype = hs.dtype
    dh, dc, dc_memory = (np.zeros((T + 1, B, H), dtype) for _ in range(3))
    dh[T] = _loss_grad(dh_T, B, H, dtype)
    for t in range(T, 0, -1):
        # The total gradient of c_t: what came along the memory plus what came through h_t.
        dc[t] = dc_memory[t] + dh[t] * o[t - 1] * tanh_grad_from_output(tanh_cs[t - 1])
        # Step t's cache again (step_forward recomputes it from the stored states).
        _, _, step_cache = lstm.step_forward(x[t - 1], hs[t - 1], cs[t - 1], params)
        _, dh[t - 1], dc_memory[t - 1], _ = lstm.step_backward(dh[t], dc_memory[t], step_cache)
    dc[0] = dc_memory[0]                                    # c_0 reaches the loss through c_1 only
    return {"dh": dh, "dc": dc, "dc_memory": dc_memory, "f": gates[..., H:2 * H].copy()}


def rnn_state_gradients(x, params, dh_T=None, h0=None):
    """Gradients of L = sum(h_T * dh_T) with respect to every step's h_t, for a plain RNN.

    Inputs: x (T, B, D); RNN params (``rnn.init_params``); dh_T (B, H), ones when omitted.
    Returns dh of shape (T+1, B, H): dh[t] = dL/dh_t, dh[0] for the initial state.
    """
    x = as_array("x", x)
    check_rank("x", x, "TBD")
    T, B, D = x.shape
    H = check_params(params, D, blocks=1)
    _, _, cache = rnn.forward(x, params, h0)
    hs, W_hh = cache["hs"], cache["params"]["W_hh"]
    dh = np.zeros((T + 1, B, H), dtype=hs.dtype)
    dh[T] = _loss_grad(dh_T, B, H, hs.dtype)
    for t in range(T, 0, -1):
        dh[t - 1] = (dh[t] * tanh_grad_from_output(hs[t])) @ W_hh   # squash, then the matrix
    return dh


def step_norms(grads):
    """The size of a per-step gradient at each step: the norm over batch and units.

    Inputs: grads (T+1, B, H). Returns (T+1,) with ||grads[t]|| for every t.
    """
    grads = as_array("grads", grads)
    check_rank("grads", grads, "TBH")
    return np.sqrt((grads.astype(np.float64) ** 2).sum(axis=(1, 2)))


def with_forget_bias(params, bias):
    """A copy of LSTM params whose forget gate bias (b_ih + b_hh, block f) equals ``bias``.

    A large bias opens the forget gate (sigmoid(bias) near 1) whatever the input,
    so the memory, and the gradient along it, is kept.
    """
    W_ih = as_array("params['W_ih']", params["W_ih"]) if isinstance(params, dict) and "W_ih" in params else None
    H = check_params(params, W_ih.shape[1] if W_ih is not None and W_ih.ndim == 2 else -1)
    new = {k: np.array(v, copy=True) for k, v in params.items()}
    new["b_ih"][H:2 * H] = bias
    new["b_hh"][H:2 * H] = 0.0
    return new
