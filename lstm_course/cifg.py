"""A coupled input-forget gate (CIFG) step: the LSTM with one gate fewer (exercises 4-5).

Letters: B batch, D input size, H hidden size. The CIFG variant (Greff et al.,
"LSTM: A Search Space Odyssey", 2017) ties the input gate to the forget gate,
i = 1 - f: whatever the memory forgets is replaced by as much new input. So it
has three blocks of weights instead of four, in the order f, g, o:

    block 0  f  forget gate   sigmoid
    block 1  g  cell input    tanh
    block 2  o  output gate   sigmoid

    [a_f; a_g; a_o] = x_t W_ih^T + b_ih + h_prev W_hh^T + b_hh        (B, 3H)
    c = g * (1 - f) + c_prev * f,       h = tanh(c) * o

``params`` has W_ih (3H, D), W_hh (3H, H), b_ih, b_hh (3H,) (``init_params``).
"""
import numpy as np

from .activations import sigmoid
from .params import init_params as _init_params


def init_params(input_size, hidden_size, *, seed=0, dtype=np.float64):
    """Weights as for the LSTM, with three blocks (f, g, o): W_ih (3H, D), W_hh (3H, H), b_ih, b_hh (3H,)."""
    return _init_params(input_size, hidden_size, seed=seed, dtype=dtype, blocks=3)


def step_forward(x_t, h_prev, c_prev, params):
    """One CIFG step. x_t (B, D); h_prev, c_prev (B, H).

    Returns (h, c, cache): h, c (B, H); cache = (x_t, h_prev, c_prev, f, g, o, tanh_c, params).
    """
    H = params["W_hh"].shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]   # (B, 3H)
    f = sigmoid(a[:, :H])              # forget gate; the input gate is 1 - f
    g = np.tanh(a[:, H:2 * H])         # cell input
    o = sigmoid(a[:, 2 * H:])          # output gate
    c = g * (1 - f) + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    return h, c, (x_t, h_prev, c_prev, f, g, o, tanh_c, params)


def step_backward(dh, dc, cache):
    """Backward of ``step_forward``: dh, dc (B, H) -> (dx_t, dh_prev, dc_prev, dparams).

    f reaches c twice, through c_prev * f and through g * (1 - f), so dL/df = dc (c_prev - g).
    """
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc = dc + dh * o * (1 - tanh_c ** 2)
    df = dc * (c_prev - g)
    dg = dc * (1 - f)
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)   # (B, 3H)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc * f, dparams
