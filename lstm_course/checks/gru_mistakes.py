"""The GRU step, forward and backward, written out with one mistake each: the
variants that ``variants.check_gru_step`` and ``check_gru_backward`` name (exercise 9).

Reference: ``lstm_course.variants.gru`` (PyTorch's ``torch.nn.GRU``): three blocks r, z, n,

    r = sigmoid(W_ir x + b_ir + W_hr h + b_hr),   z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
    n = tanh(W_in x + b_in + r * (W_hn h + b_hn)),  h' = (1 - z) * n + z * h

``forward_with(x_t, h_prev, params, **switch)`` and ``backward_with(dh, cache, **switch)``
are that step with every switch at its default; each switch puts in one mistake (the
blocks in another order or a slice off by one, z and 1 - z swapped, r before the
product, a bias missing, W_hh's square blocks untransposed; in the backward a path
missing, a derivative wrong, the bias gradient averaged, dparams left at zero). The
block helpers (``misread``, ``take``, ``off_by_one``) serve the NFG step's checker too.
"""
import itertools

import numpy as np

from ..activations import sigmoid
from .core import Variant
from .step_slips import CLIPPED_SIGMOID, clipped_sigmoid

RZN = "rzn"
ORDER = ("PyTorch's GRU has three blocks, r, z, n: rows 0:H the reset gate r, H:2H the update gate z, 2H:3H the "
         "candidate n")
ROWS = ("0:H", "H:2H", "2H:3H")
CACHE_KEYS = ("x_t", "h_prev", "r", "z", "n", "hn", "params")
PARAM_KEYS = ("W_ih", "W_hh", "b_ih", "b_hh")


def misread(perm, names):
    """'yours takes r from rows H:2H (the z block), z from rows 0:H (the r block)' for a block order."""
    wrong = [f"{names[k]} from rows {ROWS[perm[k]]} (the {names[perm[k]]} block)" for k in range(3) if perm[k] != k]
    return "yours takes " + ", ".join(wrong)


def take(a, H, order=(0, 1, 2), shift=(0, 0, 0)):
    """The three H-wide blocks of a (B, 3H) array: block k read from column order[k] * H + shift[k] on."""
    return [a[:, order[k] * H + shift[k]:order[k] * H + shift[k] + H] for k in range(3)]


# Slices off by one that keep H columns inside the 3H: a start shift (-1, 0 or +1) for each block.
SHIFTS = [s for s in itertools.product((-1, 0, 1), repeat=3)
          if any(s) and s[0] >= 0 and s[2] <= 0]


def _moved(bound, s):
    return "1" if bound == "0" else f"{bound}{'+' if s > 0 else '-'}1"


def off_by_one(shift, names, where="a[:, {}]", place=""):
    """'a block's slice is off by one: the z block is a[:, H:2*H], yours reads a[:, H-1:2*H-1]. ...'."""
    bounds = (("0", "H"), ("H", "2*H"), ("2*H", "3*H"))
    wrong = [f"the {names[k]} block is {where.format(f'{a}:{b}')}, yours reads "
             f"{where.format(f'{_moved(a, s)}:{_moved(b, s)}')}"
             for k, ((a, b), s) in enumerate(zip(bounds, shift)) if s]
    return (f"a block's slice is off by one{place}: " + "; ".join(wrong) + ". Block k is "
            + where.format("k*H:(k+1)*H") + ", H wide from k*H.")


def untransposed(blocks):
    """The hint for W_hh's square (H, H) blocks multiplied without their .T; blocks: e.g. 'W_hr, W_hz, W_hn'."""
    first = blocks.split(",")[0]
    return (f"W_hh's square blocks are used untransposed: {blocks} are (H, H) each, so h_prev @ {first} runs without "
            "an error but multiplies by the wrong matrix (right only where h is zero or H = 1). Like the whole "
            f"matrix, each block needs its .T: h_prev @ {first}.T, or h_prev @ W_hh.T once and then the slices.")


BOTH_MISSING = "both biases are missing: add b_ih to the input's part and b_hh to the state's part, each once."


# --------------------------------------------------------------------------- forward
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


# --------------------------------------------------------------------------- backward
_SIG = {"s(1 - s)": lambda s: s * (1 - s), "none": lambda s: 1, "twice": lambda s: (s * (1 - s)) ** 2,
        "1 - s^2": lambda s: 1 - s * s}


def backward_with(dh, cache, *, z_path="z", w_blocks="rzn", w_shift=(0, 0, 0), r_path=True, r_reads="hn",
                  dz_of="h - n", n_gate="1 - z", tanh_d="1 - n^2", sig_d="s(1 - s)", z_sig=None, r_scales="Wbh",
                  order=(0, 1, 2), bias_grad="sum", dx_via="W_ih", zeroed=(), swap_dx_dh=False, dx_from="input",
                  dw_hh_from="h_prev", zero_b_hn=False, clip=None, roll_state=0, per_batch=1):
    """gru.step_backward written out, (dx_t (B, D), dh_prev (B, H), dparams), with one mistake per switch.
    w_blocks: the blocks whose state part flows back to h_prev through W_hh (w_shift: its rows off by one);
    r_scales: which of W_hn's gradient (W), b_hn's (b), dh_prev's n part (h) and the input's part (x) get
    da_n * r; zeroed: the dparams entries left at zero."""
    x_t, h_prev, r, z, n, hn, p = (cache[k] for k in CACHE_KEYS)
    H = h_prev.shape[1]
    dtanh = {"1 - n^2": 1 - n * n, "none": 1, "1 - n": 1 - n, "tanh again": 1 - np.tanh(n) ** 2,
             "sigmoid's": n * (1 - n), "twice": (1 - n * n) ** 2}[tanh_d]
    da_n = dh * (1 - z if n_gate == "1 - z" else z) * dtanh
    r_times = {"hn": hn, "hn - b_hn": hn - p["b_hh"][2 * H:], "n": n}[r_reads]
    da_r = da_n * r_times * _SIG[sig_d](r) if r_path else 0 * da_n
    h_new = (1 - z) * n + z * h_prev
    dz_raw = {"h - n": h_prev - n, "n - h": n - h_prev, "h": h_prev, "-n": -n, "zero": 0 * n,
              "h' - n": h_new - n}[dz_of]
    da_z = dh * dz_raw * (r * (1 - r) if z_sig == "r's" else _SIG[z_sig or sig_d](z))

    def stack(last):
        blocks = (da_r, da_z, last)
        return np.concatenate([blocks[k] for k in order], axis=1)

    dxi = stack(da_n * r if "x" in r_scales else da_n)
    dhh = {k: stack(da_n * r if k in r_scales else da_n) for k in "Wbh"}
    sum_b = {"sum": lambda a: a.sum(axis=0), "none": lambda a: a, "mean": lambda a: a.mean(axis=0)}[bias_grad]
    h_used = np.resize(x_t, h_prev.shape) if dw_hh_from == "x_t" else h_prev
    dW, db = (np.roll(dhh[k], roll_state, axis=1) for k in "Wb")
    dparams = {"W_ih": dxi.T @ x_t, "W_hh": dW.T @ h_used, "b_ih": sum_b(dxi), "b_hh": sum_b(db)}
    dparams.update({k: np.zeros_like(p[k]) for k in zeroed})
    if zero_b_hn:
        dparams["b_hh"][2 * H:] = 0
    if per_batch != 1:
        dparams = {k: v / len(x_t) for k, v in dparams.items()}
    direct = {"z": dh * z, "1 - z": dh * (1 - z), "none": 0 * dh}[z_path]
    back = take(dhh["h"], H)
    dh_prev = direct + sum(back[k] @ p["W_hh"][k * H + w_shift[k]:(k + 1) * H + w_shift[k]]
                           for k in range(3) if RZN[k] in w_blocks)
    dx_t = (dxi if dx_from == "input" else dhh["h"]) @ p[dx_via]
    if clip:
        dx_t, dh_prev = np.clip(dx_t, -clip, clip), np.clip(dh_prev, -clip, clip)
        dparams = {k: np.clip(v, -clip, clip) for k, v in dparams.items()}
    return (dh_prev, dx_t, dparams) if swap_dx_dh else (dx_t, dh_prev, dparams)


def _bv(hint, **how):
    return Variant(hint, lambda dh, cache: backward_with(dh, cache, **how))


Z_PATH = ("h' = (1 - z) * n + z * h reaches h_prev directly too: the path through z * h is missing. Add dh * z to "
          "dh_prev, beside what comes back through W_hh.")
R_PATH = ("the path through r is missing: r reaches n as r * hn (hn = W_hn h_prev + b_hn, in the cache), so "
          "da_r = da_n * hn * r * (1 - r), and it flows on into dW_ih, dW_hh, the biases, dx_t and dh_prev.")
B_INSIDE = ("b_hn sits inside r * (W_hn h + b_hn): like W_hn's, its gradient is da_n * r (summed over the batch); "
            "yours gives it da_n, as if the n block were b_hn + r * W_hn h (or b_ih's gradient copied to b_hh).")
SIG_TWICE = "the sigmoid's derivative is applied twice: da_r = dr * r * (1 - r) once (likewise for z)."
LOCAL_NAMES = ("assigning to a local name does not write into the dict: after `dW_ih = dparams['W_ih']`, "
               "`dW_ih = ...` rebinds the name and leaves the dict's array as it was. Store each gradient in the dict, "
               "dparams['W_ih'] = ..., or build the dict from the gradients at the end.")
DX_VIA_W_HH = ("dx_t flows back through W_ih, the matrix x_t was multiplied with: dx_t = d(input part) @ W_ih, "
               "shape (B, D); yours uses W_hh.")
BACKWARD_VARIANTS = [
    _bv(Z_PATH, z_path="none"),
    _bv("h_prev is kept with weight z (h' = (1 - z) * n + z * h): the direct path is dh * z, not dh * (1 - z).",
        z_path="1 - z"),
    _bv("dh_prev also gets what flows back through W_hh from all three blocks: dh_prev = dh * z + d(state part) @ "
        "W_hh (the state's part of n scaled by r).", w_blocks=""),
    _bv("dh_prev misses the n block's path through W_hh: h_prev enters n through r * (W_hn h_prev + b_hn), so "
        "da_n * r comes back through W_hn too. dh_prev = dh * z + d(state part) @ W_hh, with all three blocks.",
        w_blocks="rz"),
    _bv("dh_prev misses the gates' paths through W_hh: h_prev enters r and z as well (through W_hr, W_hz), so "
        "dh_prev = dh * z + d(state part) @ W_hh, with all three blocks.", w_blocks="n"),
    *[_bv(off_by_one(s, RZN, "W_hh[{}]", " in dh_prev"), w_shift=s) for s in SHIFTS if sum(map(abs, s)) == 1],
    _bv(R_PATH, r_path=False),
    _bv("inside n, r multiplies hn = W_hn h_prev + b_hn, bias included (the cache's hn): da_r = da_n * hn * r * "
        "(1 - r); yours leaves b_hn out, as if n were r * W_hn h + b_hn.", r_reads="hn - b_hn"),
    _bv("r multiplies hn = W_hn h_prev + b_hn inside n (the cache's hn), so da_r = da_n * hn * r * (1 - r); yours "
        "uses n, the candidate itself.", r_reads="n"),
    _bv(B_INSIDE, r_scales="Wh"),
    _bv("the state's part of n is r * (W_hn h + b_hn): every gradient reaching it is scaled by r: W_hn's, b_hn's "
        "and the path back to h_prev (d(state part)_n = da_n * r); yours leaves r out.", r_scales=""),
    _bv("the path back to h_prev through W_hn is scaled by r: d(state part)_n = da_n * r before @ W_hh.",
        r_scales="Wb"),
    _bv("W_hn's gradient is (da_n * r).T @ h_prev: h_prev enters n through r * (W_hn h + b_hn).", r_scales="bh"),
    _bv("r gates only the state's part of n: the input's part (W_in x + b_in) gets da_n unscaled; yours multiplies "
        "its gradient by r too (dW_ih, db_ih and dx_t).", r_scales="Wbhx"),
    _bv("h' = n + z (h_prev - n), so dh'/dz = h_prev - n; your sign is flipped (n - h_prev).", dz_of="n - h"),
    _bv("z reaches h' twice, + z * h_prev and - z * n (from 1 - z): dz = dh * (h_prev - n); yours keeps only "
        "dh * h_prev.", dz_of="h"),
    _bv("z reaches h' twice, + z * h_prev and - z * n (from 1 - z): dz = dh * (h_prev - n); yours keeps only "
        "-dh * n.", dz_of="-n"),
    _bv("n enters h' with weight 1 - z: da_n = dh * (1 - z) * (1 - n**2), not dh * z * ...", n_gate="z"),
    _bv("n = tanh(...): multiply by tanh's derivative 1 - n**2 before the pre-activation.", tanh_d="none"),
    _bv("tanh's derivative is 1 - n**2 (n squared), not 1 - n.", tanh_d="1 - n"),
    _bv("the cache's n is already tanh(...), so its derivative is 1 - n**2; yours applies tanh again.",
        tanh_d="tanh again"),
    _bv("n uses tanh: its derivative is 1 - n**2, not the sigmoid's n (1 - n).", tanh_d="sigmoid's"),
    _bv("tanh's derivative 1 - n**2 is applied twice.", tanh_d="twice"),
    _bv("multiply the gates' gradients by the sigmoid's derivative, r (1 - r) and z (1 - z), before the "
        "pre-activation.", sig_d="none"),
    _bv("the update gate z is a sigmoid too: da_z = dh * (h_prev - n) * z * (1 - z); yours leaves the sigmoid's "
        "derivative off z.", z_sig="none"),
    _bv("the reset gate r is a sigmoid too: da_r = da_n * hn * r * (1 - r); yours leaves the sigmoid's derivative "
        "off r.", sig_d="none", z_sig="s(1 - s)"),
    _bv("the sigmoid's derivative is s * (1 - s): r * (1 - r) and z * (1 - z); yours is 1 - s**2, tanh's.",
        sig_d="1 - s^2"),
    _bv(SIG_TWICE, sig_d="twice"),
    *[_bv(f"{ORDER}; stack the gradients in that order: yours puts "
          f"{', '.join(f'{RZN[k]} in rows {ROWS[n]}' for n, k in enumerate(perm) if k != n)}.", order=perm)
      for perm in itertools.permutations(range(3)) if perm != (0, 1, 2)],
    _bv("a bias is shared by the whole batch: its gradient is summed over the batch, .sum(axis=0), shape (3H,).",
        bias_grad="none"),
    _bv("you averaged (mean) where the batch sum is needed: each example's gradient adds to the shared bias, "
        ".sum(axis=0); any 1/B belongs to the loss, which dh already carries.", bias_grad="mean"),
    _bv("dparams are 1/B of the expected: you averaged over the batch (mean, or / B); gradients are summed over "
        "the batch, since each example adds its own part to the shared weights. Any 1/B belongs to the loss, "
        "which dh already carries.", per_batch="B"),
    _bv(f"dparams holds only zeros: {LOCAL_NAMES}", zeroed=PARAM_KEYS),
    *[_bv(f"dparams['{k}'] is all zeros: {LOCAL_NAMES}", zeroed=(k,)) for k in PARAM_KEYS],
    _bv(DX_VIA_W_HH, dx_via="W_hh"),
    _bv("the path through z is missing: z reaches h' = (1 - z) * n + z * h, so da_z = dh * (h_prev - n) * z * "
        "(1 - z), and it flows on into dW_ih, dW_hh, the biases, dx_t and dh_prev.", dz_of="zero"),
    _bv("z and 1 - z are swapped in your backward: h' = (1 - z) * n + z * h, so n gets dh * (1 - z) and the "
        "direct path to h_prev dh * z.", n_gate="z", z_path="1 - z"),
    _bv("dh'/dz = h_prev - n, with the old state h_prev; yours uses the new h' (h' - n).", dz_of="h' - n"),
    _bv("z's sigmoid derivative is z * (1 - z), of z itself; yours uses r * (1 - r).", z_sig="r's"),
    _bv("dx_t comes from the input's part's gradient, where da_n is not scaled by r: dx_t = d(input part) @ "
        "W_ih; yours uses the state's part's (da_n * r).", dx_from="state"),
    _bv("dW_hh pairs the state's gradient with h_prev, the input that W_hh multiplied: dW_hh = d(state part).T @ "
        "h_prev; yours uses x_t.", dw_hh_from="x_t"),
    _bv("b_hn's gradient (rows 2H:3H of dparams['b_hh']) is zero in yours: b_hn sits inside r * (W_hn h + b_hn), "
        "so its gradient is da_n * r summed over the batch.", zero_b_hn=True),
    _bv("your gradients are clipped to [-1, 1]: clipping belongs to the training loop (on the whole gradient's "
        "norm); the step's backward returns the exact gradient.", clip=1.0),
    *[_bv("dW_hh's and db_hh's columns are shifted by one (np.roll, or a slice off by one): block k of d(state "
          "part) is columns k*H:(k+1)*H, r, z, n.", roll_state=k) for k in (1, -1)],
    _bv("dx_t and dh_prev are swapped: return (dx_t, dh_prev, dparams), dx_t = d(input part) @ W_ih of shape "
        "(B, D).", swap_dx_dh=True),
]
