"""The GRU step's forward written out with one mistake per switch (exercise 9's ``check_gru_step``).

Reference: ``lstm_course.variants.gru`` (PyTorch's ``torch.nn.GRU``): three blocks r, z, n,

    r = sigmoid(W_ir x + b_ir + W_hr h + b_hr),   z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
    n = tanh(W_in x + b_in + r * (W_hn h + b_hn)),  h' = (1 - z) * n + z * h

``forward_with(x_t, h_prev, params, **switch)`` is that step with every switch at its
default; each switch puts in one mistake (the blocks in another order or a slice off by
one, z and 1 - z swapped, r before the product, a bias missing, W_hh's square blocks
untransposed). ``FORWARD_VARIANTS``: each mistake as a ``Variant`` with its hint.
"""
import itertools

import numpy as np

from ..activations import sigmoid
from .block_slips import BOTH_MISSING, SHIFTS, misread, off_by_one, take, untransposed
from .core import Variant
from .step_slips import CLIPPED_SIGMOID, clipped_sigmoid

RZN = "rzn"
ORDER = ("PyTorch's GRU has three blocks, r, z, n: rows 0:H the reset gate r, H:2H the update gate z, 2H:3H the "
         "candidate n")


def forward_with(x_t, h_prev, p, *, order=(0, 1, 2), shift=(0, 0, 0), n_pre="pytorch", n_act=np.tanh,
                 r_act=sigmoid, z_act=sigmoid, mix="pytorch", bias=(1, 1), w_hh=".T", gates_see_h=True,
                 z_sees_x=True, clip_h=False):
    """gru.step_forward's h (B, H) from x_t (B, D), h_prev (B, H), params; the switches put in one mistake
    (w_hh="none": the W_hh h_prev product left out, only b_hh kept; clip_h: h clipped to [-1, 1])."""
    W_ih, W_hh = p["W_ih"], p["W_hh"]
    H = p["W_hh"].shape[1]
    xi = x_t @ W_ih.T + bias[0] * p["b_ih"]
    W_used = W_hh if w_hh == ".T" else np.concatenate([W_hh[k * H:(k + 1) * H].T for k in range(3)])
    hh = (0 * h_prev @ W_used.T if w_hh == "none" else h_prev @ W_used.T) + bias[1] * p["b_hh"]
    (xr, xz, xn), (hr, hz, hn) = (take(a, H, order, shift) for a in (xi, hh))
    r = r_act(xr + hr) if gates_see_h else r_act(xr)
    z = z_act((xz if z_sees_x else 0) + hz) if gates_see_h else z_act(xz)
    b_hn = bias[1] * p["b_hh"][2 * H:]
    pre = {"pytorch": lambda: xn + r * hn,
           "bias outside r": lambda: xn + r * (hn - b_hn) + b_hn,
           "no b_hn": lambda: xn + r * (hn - b_hn),
           "r before the product": lambda: xn + (r * h_prev) @ W_hh[2 * H:].T + b_hn,
           "no r": lambda: xn + hn,
           "z for r": lambda: xn + z * hn,
           "r on both parts": lambda: r * (xn + hn),
           "1 - r": lambda: xn + (1 - r) * hn}[n_pre]()
    n = n_act(pre)
    h = {"pytorch": lambda: (1 - z) * n + z * h_prev,
         "r for z": lambda: (1 - z) * n + r * h_prev,
         "swapped": lambda: z * n + (1 - z) * h_prev,
         "n only": lambda: n,
         "h not gated": lambda: (1 - z) * n + h_prev,
         "n not gated": lambda: n + z * h_prev,
         "z only": lambda: z * n + z * h_prev}[mix]()
    return np.clip(h, -1, 1) if clip_h else h


def _v(hint, **how):
    return Variant(hint, lambda x, h, p: forward_with(x, h, p, **how))


SWAPPED_Z = ("PyTorch writes h' = (1 - z) * n + z * h: a z near 1 KEEPS the old h (z is the memory gate). Yours is "
             "z * n + (1 - z) * h, with z and 1 - z swapped (the convention of Cho et al.'s paper, not "
             "torch.nn.GRU's).")
BIAS_OUTSIDE = ("r multiplies the whole recurrent part of n, bias included: n = tanh(W_in x + b_in + r * (W_hn h + "
                "b_hn)). Yours adds b_hn outside r (r * W_hn h + b_hn): in the n block the two biases are not a plain "
                "sum, unlike the LSTM's.")
R_BEFORE = ("r is applied after the recurrent product: r * (W_hn h + b_hn). Yours resets h first, W_hn (r * h) "
            "(Cho et al.'s paper, Keras' reset_after=False), which torch.nn.GRU does not do.")
_BOTH = "add both biases, b_ih and b_hh: the input's part and the state's part each carry their own."
_TWICE = "a bias is added twice: the input's part is x W_ih^T + b_ih, the state's part h W_hh^T + b_hh, each bias once."
FORWARD_VARIANTS = [
    _v(SWAPPED_Z, mix="swapped"),
    _v(BIAS_OUTSIDE, n_pre="bias outside r"),
    _v("b_hn is missing from n: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); yours drops b_hn, the state's "
       "bias of the n block (rows 2H:3H of b_hh), while r and z keep theirs.", n_pre="no b_hn"),
    _v(R_BEFORE, n_pre="r before the product"),
    _v("r is missing from n: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); yours adds the state's part ungated, "
       "as the LSTM's blocks do.", n_pre="no r"),
    _v("r gates only the state's part of n: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); yours multiplies the "
       "input's part by r too.", n_pre="r on both parts"),
    _v("r multiplies the state's part of n (r * (W_hn h + b_hn)), not 1 - r.", n_pre="1 - r"),
    *[_v(f"{ORDER}; {misread(perm, RZN)}.", order=perm)
      for perm in itertools.permutations(range(3)) if perm != (0, 1, 2)],
    *[_v(off_by_one(s, RZN), shift=s) for s in SHIFTS],
    _v(untransposed("W_hr, W_hz, W_hn"), w_hh="blocks"),
    _v("the gates read the state too: r = sigmoid(W_ir x + b_ir + W_hr h + b_hr), likewise z; yours computes r and "
       "z from x only (the W_hh h part is missing from the gates).", gates_see_h=False),
    _v("the candidate n uses tanh (values in (-1, 1)), not the sigmoid.", n_act=sigmoid),
    _v("the reset gate r is a gate: sigmoid, an opening between 0 and 1, not tanh.", r_act=np.tanh),
    _v("the update gate z is a gate: sigmoid, an opening between 0 and 1, not tanh.", z_act=np.tanh),
    _v("the gates r and z use the sigmoid, not tanh; only n uses tanh.", r_act=np.tanh, z_act=np.tanh),
    _v("h' mixes the candidate with the old state: h' = (1 - z) * n + z * h; yours returns n alone.", mix="n only"),
    _v("the old h is kept in proportion z: h' = (1 - z) * n + z * h; yours adds h ungated.", mix="h not gated"),
    _v("the candidate is let in in proportion 1 - z: h' = (1 - z) * n + z * h; yours adds n ungated.",
       mix="n not gated"),
    _v("h' = (1 - z) * n + z * h: n gets 1 - z, not z.", mix="z only"),
    _v(_BOTH, bias=(1, 0)), _v(_BOTH, bias=(0, 1)), _v(BOTH_MISSING, bias=(0, 0)), _v(_TWICE, bias=(2, 2)),
    _v("the candidate n has no tanh: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); yours uses the sum itself, "
       "unbounded.", n_act=lambda a: a),
    _v("all three activations are swapped: the gates r and z use the sigmoid (openings between 0 and 1), the "
       "candidate n uses tanh; yours has tanh on r and z, the sigmoid on n.", r_act=np.tanh, z_act=np.tanh,
       n_act=sigmoid),
    _v("z reads the input too: z = sigmoid(W_iz x + b_iz + W_hz h + b_hz); yours leaves out the input's part "
       "(W_iz x + b_iz), so z sees only the state.", z_sees_x=False),
    _v("the reset gate r, not z, goes inside n: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); yours uses z "
       "there.", n_pre="z for r"),
    _v("the old h is kept in proportion z, the update gate: h' = (1 - z) * n + z * h; yours uses r (the reset "
       "gate) there.", mix="r for z"),
    _v("the state's product W_hh h_prev is missing: hh = h_prev @ W_hh.T + b_hh; yours keeps only b_hh, so the "
       "step never reads the old state through the weights.", w_hh="none"),
    _v("h is clipped to [-1, 1]: h' = (1 - z) * n + z * h mixes n with the old state, which can lie outside "
       "(-1, 1) (as in these cases); return the mix as it is, unclipped.", clip_h=True),
    *[_v(CLIPPED_SIGMOID.format(k, float(sigmoid(np.float64(k)))), r_act=clipped_sigmoid(k),
         z_act=clipped_sigmoid(k)) for k in (5, 10)],
    Variant("this is an LSTM step (blocks i, g, o and a memory c = g * i + ...), not the GRU's: the GRU has no "
            "memory c and no output gate. Its three blocks are r, z, n: n = tanh(W_in x + b_in + r * (W_hn h + "
            "b_hn)), h' = (1 - z) * n + z * h.", lambda x, h, p: _lstm_pasted(x, h, p)),
]


def _lstm_pasted(x_t, h_prev, p):
    """Lesson 4's LSTM step read into the GRU's 3H blocks: i, g, o, with h_prev as the memory."""
    H = p["W_hh"].shape[1]
    a = x_t @ p["W_ih"].T + p["b_ih"] + h_prev @ p["W_hh"].T + p["b_hh"]
    i, g, o = sigmoid(a[:, :H]), np.tanh(a[:, H:2 * H]), sigmoid(a[:, 2 * H:])
    return np.tanh(g * i + h_prev) * o
