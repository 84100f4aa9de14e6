"""A layer of memory cells over a sequence: forward and backward by hand (lessons 4-5).

Letters used in every shape: T time steps, B batch, D input size, H hidden size
(the number of memory cells). Arrays are time-major: x has shape (T, B, D).

The four signals of every cell are each the input times a weight matrix, so for
a layer they stack into one product. The four blocks of 4H rows follow PyTorch's
order, stated once here and used everywhere:

    block 0  i  input gate   (the lecture's z_i)   sigmoid
    block 1  f  forget gate  (z_f)                  sigmoid
    block 2  g  cell input   (z)                    tanh
    block 3  o  output gate  (z_o)                  sigmoid

    [z_i; z_f; z; z_o] = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh        (B, 4H)
    c_t = tanh(z) * sigmoid(z_i) + c_{t-1} * sigmoid(z_f)              memory_cell's c'
    h_t = tanh(c_t) * sigmoid(z_o)                                      memory_cell's a

``step_forward``/``step_backward`` write one step plainly, for reading.
``forward``/``backward`` do the same over a sequence, arranged for speed: the
input projection for all steps in one matmul, one matmul per step for all four
gates, preallocated buffers (nothing allocated inside the time loop), and the
weight gradients as one matmul over all steps. Its activations are the plain ones,
np.tanh and the sigmoid 1 / (1 + exp(-z)), so float32 keeps its relative precision near
0 (tests/test_lstm_fast_path.py). Tests prove both agree.
"""
import numpy as np

from .activations import sigmoid, sigmoid_grad_from_output, tanh_grad_from_output
from .params import check_params, init_params  # noqa: F401  (init_params is part of this API)
from .shapes import as_array, check_rank, check_shape, float_dtype


# --------------------------------------------------------------------------- one step
def step_forward(x_t, h_prev, c_prev, params):
    """One time step, written as the equations read.

    Inputs: x_t (B, D); h_prev, c_prev (B, H); params as from ``init_params``.
    Returns (h, c, cache): h, c of shape (B, H); cache for ``step_backward``.
    """
    x_t, h_prev, c_prev = (as_array(n, v) for n, v in (("x_t", x_t), ("h_prev", h_prev), ("c_prev", c_prev)))
    check_rank("x_t", x_t, "BD")
    B, D = x_t.shape
    H = check_params(params, D)
    check_shape("h_prev", h_prev, (B, H), "BH")
    check_shape("c_prev", c_prev, (B, H), "BH")
    # the pre-activations [z_i | z_f | z | z_o], (B, 4H)
    pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(pre[:, 0:H])           # input gate opening     (B, H)
    f = sigmoid(pre[:, H:2 * H])       # forget gate opening    (B, H)
    g = np.tanh(pre[:, 2 * H:3 * H])   # cell input g(z)        (B, H)
    o = sigmoid(pre[:, 3 * H:4 * H])   # output gate opening    (B, H)
    c = g * i + c_prev * f           # c' = g(z) f(z_i) + c f(z_f)
    tanh_c = np.tanh(c)
    h = tanh_c * o                   # a = h(c') f(z_o)
    cache = (x_t, h_prev, c_prev, i, f, g, o, tanh_c, params)
    return h, c, cache


def step_backward(dh, dc, cache):
    """Backward of ``step_forward``.

    Inputs: dh, dc (B, H), the gradients of the loss with respect to this step's
    h and c (dh from the output *and* from the next step; dc from the next step).
    Returns (dx_t, dh_prev, dc_prev, dparams): shapes (B, D), (B, H), (B, H) and
    a dict with the keys and shapes of params.
    """
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    dh, dc = as_array("dh", dh), as_array("dc", dc)
    check_shape("dh", dh, i.shape, "BH")
    check_shape("dc", dc, i.shape, "BH")
    do = dh * tanh_c
    dc = dc + dh * o * tanh_grad_from_output(tanh_c)  # c reaches the loss through h too
    di, df, dg, dc_prev = dc * g, dc * c_prev, dc * i, dc * f
    # d(loss)/d(pre-activations), (B, 4H)
    dpre = np.concatenate([di * sigmoid_grad_from_output(i), df * sigmoid_grad_from_output(f),
                           dg * tanh_grad_from_output(g), do * sigmoid_grad_from_output(o)], axis=1)
    dparams = {"W_ih": dpre.T @ x_t, "W_hh": dpre.T @ h_prev,
               "b_ih": dpre.sum(axis=0), "b_hh": dpre.sum(axis=0)}
    return dpre @ params["W_ih"], dpre @ params["W_hh"], dc_prev, dparams


# --------------------------------------------------------------------------- a sequence
def _sigmoid_inplace(v):
    """In place: v <- sigmoid(v) = 1 / (1 + exp(-v))."""
    np.negative(v, out=v)
    np.exp(v, out=v)
    v += 1
    np.reciprocal(v, out=v)


def _check_state(name, value, B, H, default_dtype):
    if value is None:
        return np.zeros((B, H), dtype=default_dtype)
    value = as_array(name, value)
    check_shape(name, value, (B, H), "BH")
    return value


def forward(x, params, h0=None, c0=None):
    """Run the layer over a whole sequence.

    Inputs:
    - x: inputs, of shape (T, B, D).
    - params: dict with W_ih (4H, D), W_hh (4H, H), b_ih (4H,), b_hh (4H,).
    - h0, c0: initial output and memory, of shape (B, H); zeros when omitted.

    Returns (hs, (h_T, c_T), cache):
    - hs: the outputs h_1..h_T, of shape (T, B, H).
    - h_T, c_T: the last output and memory, of shape (B, H).
    - cache: what ``backward`` needs, a dict of arrays (all of the computing dtype):
        "x"       the inputs as given, (T, B, D);
        "params"  the four weight arrays, converted to the computing dtype;
        "hs"      (T+1, B, H): hs[0] = h0, hs[t] = h_t;
        "cs"      (T+1, B, H): cs[0] = c0, cs[t] = c_t;
        "gates"   (T, B, 4H): gates[t-1] holds step t's gate openings i, f, g, o (blocks of
                  H columns in that order: sigmoid, sigmoid, tanh, sigmoid). The buffer first
                  holds the pre-activations; each step overwrites its own block with the
                  openings, in place, so the pre-activations themselves are not kept;
        "tanh_cs" (T, B, H): tanh_cs[t-1] = tanh(c_t).
    The dtype is numpy's promotion of the inputs (float32 in, float32 out).
    """
    x = as_array("x", x)
    check_rank("x", x, "TBD")
    T, B, D = x.shape
    H = check_params(params, D)
    h0 = _check_state("h0", h0, B, H, x.dtype)
    c0 = _check_state("c0", c0, B, H, x.dtype)
    dtype = float_dtype(x, h0, c0, *params.values())
    W_ih, W_hh, b_ih, b_hh = (np.asarray(params[k], dtype=dtype) for k in ("W_ih", "W_hh", "b_ih", "b_hh"))

    # The input's part of every pre-activation, for all steps in one matmul, plus both biases.
    gates = (x.reshape(T * B, D).astype(dtype, copy=False) @ W_ih.T).reshape(T, B, 4 * H)
    gates += b_ih + b_hh
    W_hh_T = np.ascontiguousarray(W_hh.T)          # (H, 4H), so each step is h @ W_hh_T

    hs = np.empty((T + 1, B, H), dtype=dtype)      # hs[0] = h0, hs[t+1] = h_t
    cs = np.empty((T + 1, B, H), dtype=dtype)      # cs[0] = c0, cs[t+1] = c_t
    tanh_cs = np.empty((T, B, H), dtype=dtype)
    hs[0], cs[0] = h0, c0
    rec = np.empty((B, 4 * H), dtype=dtype)        # the recurrent term, reused each step
    tmp = np.empty((B, H), dtype=dtype)
    g_tanh = np.empty((B, H), dtype=dtype)
    # In the sigmoid, exp(-z) overflows to inf for very negative z (giving 1 / inf = 0)
    # and underflows to 0 for large z (giving 1): both the right limits.
    with np.errstate(over="ignore", under="ignore"):
        for t in range(T):
            pre = gates[t]                          # (B, 4H): [z_i | z_f | z | z_o], input part
            np.matmul(hs[t], W_hh_T, out=rec)
            pre += rec                              # + W_hh h_{t-1}: the full pre-activation
            i, f, g, o = pre[:, :H], pre[:, H:2 * H], pre[:, 2 * H:3 * H], pre[:, 3 * H:]
            np.tanh(g, out=g_tanh)                  # g = tanh(z), set aside while the sigmoid
            _sigmoid_inplace(pre)                   # runs over the whole contiguous block (faster
            g[...] = g_tanh                         # than over the i, f and o slices), then back
            np.multiply(g, i, out=cs[t + 1])
            np.multiply(cs[t], f, out=tmp)
            cs[t + 1] += tmp                        # c' = g(z) f(z_i) + c f(z_f)
            np.tanh(cs[t + 1], out=tanh_cs[t])
            np.multiply(tanh_cs[t], o, out=hs[t + 1])  # a = h(c') f(z_o)

    cache = {"x": x, "params": {"W_ih": W_ih, "W_hh": W_hh, "b_ih": b_ih, "b_hh": b_hh},
             "hs": hs, "cs": cs, "gates": gates, "tanh_cs": tanh_cs}
    # Copies, so that a caller who edits the outputs cannot corrupt the cache.
    return hs[1:].copy(), (hs[T].copy(), cs[T].copy()), cache


def backward(dhs, cache, dh_T=None, dc_T=None):
    """Backpropagation through time for ``forward``.

    Inputs:
    - dhs: gradient of the loss with respect to hs, of shape (T, B, H); None for zeros.
    - cache: the cache returned by ``forward``.
    - dh_T, dc_T: gradients with respect to the returned h_T and c_T, of shape
      (B, H); zeros when omitted.

    Returns (dx, dparams, dh0, dc0): dx of shape (T, B, D); dparams a dict with the
    keys and shapes of params; dh0, dc0 of shape (B, H).
    """
    if not isinstance(cache, dict) or "gates" not in cache:
        raise ValueError("cache must be the third value returned by lstm.forward")
    x, p, hs, cs, gates, tanh_cs = (cache[k] for k in ("x", "params", "hs", "cs", "gates", "tanh_cs"))
    T, B, D = x.shape
    H = hs.shape[2]
    dtype = gates.dtype
    dhs = np.zeros((T, B, H), dtype) if dhs is None else as_array("dhs", dhs)
    check_shape("dhs", dhs, (T, B, H), "TBH")
    dh_next = _check_state("dh_T", dh_T, B, H, dtype).astype(dtype, copy=True)
    dc = _check_state("dc_T", dc_T, B, H, dtype).astype(dtype, copy=True)

    # Each step works on its own (B, 4H) block while it is in the cache: on a
    # machine with slow memory, that beats precomputing local derivatives for
    # all steps at once. dpres[t] ends up holding d(loss)/d(pre-activations) of step t+1.
    dpres = np.empty((T, B, 4 * H), dtype=dtype)
    dh = np.empty((B, H), dtype=dtype)
    tmp = np.empty((B, H), dtype=dtype)
    W_hh = p["W_hh"]
    for t in range(T - 1, -1, -1):
        openings, dpre, tanh_c = gates[t], dpres[t], tanh_cs[t]
        i, f, g, o = (openings[:, k * H:(k + 1) * H] for k in range(4))
        dpre_i, dpre_f, dpre_g, dpre_o = (dpre[:, k * H:(k + 1) * H] for k in range(4))
        np.add(dhs[t], dh_next, out=dh)             # from the output and from step t+1
        np.multiply(tanh_c, tanh_c, out=tmp)        # c_t reaches the loss via h_t too:
        np.subtract(1, tmp, out=tmp)                #   dc += dh * o * (1 - tanh(c)^2)
        tmp *= o
        tmp *= dh
        dc += tmp
        np.subtract(1, openings, out=dpre)          # sigmoid' = s (1 - s), all blocks ...
        dpre *= openings
        np.multiply(g, g, out=dpre_g)               # ... but tanh' = 1 - g^2 for g
        np.subtract(1, dpre_g, out=dpre_g)
        dpre_i *= g                                 # times what each opening multiplied:
        dpre_f *= cs[t]                             #   i*g, f*c_{t-1}, g*i, o*tanh(c)
        dpre_g *= i
        dpre_o *= tanh_c
        dpre.reshape(B, 4, H)[:, :3] *= dc[:, None, :]  # i, f, g act through c ...
        dpre_o *= dh                                # ... o through h
        dc *= f                                     # the additive path: dc_{t-1} = dc_t * f_t
        np.matmul(dpre, W_hh, out=dh_next)          # dh_{t-1} from the recurrent input

    flat = dpres.reshape(T * B, 4 * H)
    db = flat.sum(axis=0)
    dparams = {"W_ih": flat.T @ x.reshape(T * B, D).astype(dtype, copy=False),
               "W_hh": flat.T @ hs[:-1].reshape(T * B, H),
               "b_ih": db, "b_hh": db.copy()}
    dx = (flat @ p["W_ih"]).reshape(T, B, D)
    return dx, dparams, dh_next, dc
