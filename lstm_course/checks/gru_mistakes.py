"""The GRU step's backward written out with one mistake per switch: the variants that
``variants.check_gru_backward`` names (exercise 9); the forward's are ``gru_forward_mistakes``'s.

Reference: ``lstm_course.variants.gru.step_backward`` (PyTorch's ``torch.nn.GRU``): three blocks r, z, n,

    r = sigmoid(W_ir x + b_ir + W_hr h + b_hr),   z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
    n = tanh(W_in x + b_in + r * (W_hn h + b_hn)),  h' = (1 - z) * n + z * h

``backward_with(dh, cache, **switch)`` is that step's backward with every switch at its
default; each switch puts in one mistake (a path missing, a derivative wrong, the bias
gradient averaged, dparams left at zero). This module also gives, under their old names,
the forward's (``forward_with``, ``FORWARD_VARIANTS``) and the block helpers of
``block_slips`` (``misread``, ``take``, ``off_by_one``), which serve the NFG step's checker too.
"""
import itertools

import numpy as np

from .block_slips import BOTH_MISSING, ROWS, SHIFTS, misread, off_by_one, take, untransposed
from .core import Variant
from .gru_forward_mistakes import FORWARD_VARIANTS, ORDER, RZN, forward_with

__all__ = ["BACKWARD_VARIANTS", "BOTH_MISSING", "CACHE_KEYS", "DX_VIA_W_HH", "FORWARD_VARIANTS", "ORDER",
           "PARAM_KEYS", "ROWS", "RZN", "SHIFTS", "backward_with", "forward_with", "misread", "off_by_one",
           "take", "untransposed"]
CACHE_KEYS = ("x_t", "h_prev", "r", "z", "n", "hn", "params")
PARAM_KEYS = ("W_ih", "W_hh", "b_ih", "b_hh")


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
