"""Checkers for the GRU step, forward and backward (exercise 9).

Reference: ``lstm_course.variants.gru`` (PyTorch's ``torch.nn.GRU``): three blocks r, z, n,

    r = sigmoid(W_ir x + b_ir + W_hr h + b_hr),   z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
    n = tanh(W_in x + b_in + r * (W_hn h + b_hn)),  h' = (1 - z) * n + z * h

The variants are the step written out with one mistake each (``_forward``'s and
``_backward``'s switches): the blocks in another order, z and 1 - z swapped (the Cho
et al. paper's convention), r applied before the recurrent product or with b_hn
outside it, r missing, the wrong squashing; and in the backward a path missing
(through r, through z * h, through W_hh), b_hn's place inside r forgotten, a
derivative missing or doubled. Cases: random, a batch of one, zeros, large inputs,
one cell (H = 1), D = H (where swapped matrices have the right shape), float32.
"""
import itertools

import numpy as np

from ..activations import sigmoid
from ..variants import gru
from .core import FAILED, Case, Stop, Variant, call_learner, diagnose, report

ONE = "a batch of one: keep the batch axis (B = 1), don't index [0] or squeeze it away."
RZN = "rzn"
ORDER = ("PyTorch's GRU has three blocks, r, z, n: rows 0:H the reset gate r, H:2H the update gate z, 2H:3H the "
         "candidate n")
ROWS = ("0:H", "H:2H", "2H:3H")


def misread(perm, names):
    """'yours takes r from rows H:2H (the z block), z from rows 0:H (the r block)' for a block order."""
    wrong = [f"{names[k]} from rows {ROWS[perm[k]]} (the {names[perm[k]]} block)" for k in range(3) if perm[k] != k]
    return "yours takes " + ", ".join(wrong)


def _inputs(rng, B, D, H, scale=1.0, dtype=np.float64):
    params = gru.init_params(D, H, seed=int(rng.integers(1000)), dtype=dtype)
    return (scale * rng.normal(size=(B, D))).astype(dtype), rng.normal(size=(B, H)).astype(dtype), params


def cases():
    rng = np.random.default_rng(9)
    x, h, p = _inputs(rng, 2, 3, 4)
    return [Case("random B=3, D=4, H=5", _inputs(rng, 3, 4, 5)),
            Case("a batch of one", _inputs(rng, 1, 3, 4), note=ONE),
            Case("zero inputs and state", (np.zeros_like(x), np.zeros_like(h), p)),
            Case("large inputs (x * 50)", _inputs(rng, 2, 3, 4, scale=50.0)),
            Case("one cell, H = 1", _inputs(rng, 2, 3, 1)),
            Case("D = H = 3", _inputs(rng, 2, 3, 3)),
            Case("float32 inputs", _inputs(rng, 2, 3, 4, dtype=np.float32))]


# --------------------------------------------------------------------------- forward
def _forward(x_t, h_prev, p, *, order=(0, 1, 2), n_pre="pytorch", n_act=np.tanh, r_act=sigmoid, z_act=sigmoid,
             mix="pytorch", bias=(1, 1)):
    """gru.step_forward's h, written out with one mistake."""
    W_ih, W_hh = p["W_ih"], p["W_hh"]
    H = p["W_hh"].shape[1]
    xi = x_t @ W_ih.T + bias[0] * p["b_ih"]
    hh = h_prev @ W_hh.T + bias[1] * p["b_hh"]
    (xr, xz, xn), (hr, hz, hn) = ([a[:, k * H:(k + 1) * H] for k in order] for a in (xi, hh))
    r, z = r_act(xr + hr), z_act(xz + hz)
    b_hn = bias[1] * p["b_hh"][2 * H:]
    pre = {"pytorch": lambda: xn + r * hn,
           "bias outside r": lambda: xn + r * (hn - b_hn) + b_hn,
           "r before the product": lambda: xn + (r * h_prev) @ W_hh[2 * H:].T + b_hn,
           "no r": lambda: xn + hn,
           "r on both parts": lambda: r * (xn + hn),
           "1 - r": lambda: xn + (1 - r) * hn}[n_pre]()
    n = n_act(pre)
    return {"pytorch": lambda: (1 - z) * n + z * h_prev,
            "swapped": lambda: z * n + (1 - z) * h_prev,
            "n only": lambda: n,
            "h not gated": lambda: (1 - z) * n + h_prev,
            "n not gated": lambda: n + z * h_prev,
            "z only": lambda: z * n + z * h_prev}[mix]()


def _v(hint, **how):
    return Variant(hint, lambda x, h, p: _forward(x, h, p, **how))


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
    _v(R_BEFORE, n_pre="r before the product"),
    _v("r is missing from n: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); yours adds the state's part ungated, "
       "as the LSTM's blocks do.", n_pre="no r"),
    _v("r gates only the state's part of n: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); yours multiplies the "
       "input's part by r too.", n_pre="r on both parts"),
    _v("r multiplies the state's part of n (r * (W_hn h + b_hn)), not 1 - r.", n_pre="1 - r"),
    *[_v(f"{ORDER}; {misread(perm, RZN)}.", order=perm)
      for perm in itertools.permutations(range(3)) if perm != (0, 1, 2)],
    _v("the candidate n uses tanh (values in (-1, 1)), not the sigmoid.", n_act=sigmoid),
    _v("the reset gate r is a gate: sigmoid, an opening between 0 and 1, not tanh.", r_act=np.tanh),
    _v("the update gate z is a gate: sigmoid, an opening between 0 and 1, not tanh.", z_act=np.tanh),
    _v("the gates r and z use the sigmoid, not tanh; only n uses tanh.", r_act=np.tanh, z_act=np.tanh),
    _v("h' mixes the candidate with the old state: h' = (1 - z) * n + z * h; yours returns n alone.", mix="n only"),
    _v("the old h is kept in proportion z: h' = (1 - z) * n + z * h; yours adds h ungated.", mix="h not gated"),
    _v("the candidate is let in in proportion 1 - z: h' = (1 - z) * n + z * h; yours adds n ungated.",
       mix="n not gated"),
    _v("h' = (1 - z) * n + z * h: n gets 1 - z, not z.", mix="z only"),
    _v(_BOTH, bias=(1, 0)), _v(_BOTH, bias=(0, 1)), _v(_TWICE, bias=(2, 2)),
]
_MATMUL = ("Mind the shapes: x_t (B, D) goes with W_ih (3H, D), so x_t @ W_ih.T; h_prev (B, H) with W_hh (3H, H), "
           "so h_prev @ W_hh.T. Don't swap the two matrices, and keep the .T.")
MATH_ON_ARRAYS = ("only 0-dimensional arrays", "a math function (math.exp, math.tanh) was given an array; use "
                                              "numpy's (np.exp, np.tanh), which work on whole arrays")
FORWARD_ERRORS = (MATH_ON_ARRAYS, ("matmul", _MATMUL), ("not aligned", _MATMUL),
                  ("could not be broadcast", "the pre-activations have 3H columns, blocks r, z, n, each H wide (H = "
                                             "W_hh.shape[1]): a[:, :H], a[:, H:2*H], a[:, 2*H:]."),
                  ("split", "the pre-activations have 3H columns (blocks r, z, n), not 4H."))

SIZES = ("your function works only when the input size D equals the number of cells H: H is h_prev.shape[1] (or "
         "W_hh.shape[1]); x_t.shape[1] is D. Read each size from the array that has it.")


def only_when_d_is_h(fn, first_case, make_args, reference):
    """SIZES when fn raises on ``first_case`` (D != H) but is right whenever D == H, else None.
    make_args(rng, B, D, H) -> args; reference(*args) -> a tuple of the expected outputs."""
    try:
        call_learner(fn, *first_case.args)
        return None
    except Stop:
        pass
    rng = np.random.default_rng(13)
    try:
        for B, H in ((3, 4), (2, 2)):
            args = make_args(rng, B, H, H)
            got, expected = call_learner(fn, *args), reference(*args)
            got = got if isinstance(got, tuple) else (got,)
            if len(got) < len(expected) or not all(np.shape(g) == np.shape(e) and np.allclose(np.asarray(g, float), e)
                                                   for g, e in zip(got, expected)):
                return None
    except (Stop, TypeError, ValueError):
        return None
    return SIZES


def _h_alone(fn):
    """The learner's step, with a named hint when it returns (h, something) instead of h."""
    def learner(x_t, h_prev, params):
        out = fn(x_t, h_prev, params)
        if isinstance(out, (tuple, list)) and len(out) >= 2 and np.shape(out[0]) == np.shape(h_prev):
            raise Stop(FAILED, f"gru_step returns h alone, one array (B, H); you returned a {type(out).__name__} of "
                               f"{len(out)} values (the package's gru.step_forward also returns its cache; this task "
                               "does not).")
        return out
    return learner


def _h(x_t, h_prev, params):
    return (gru.step_forward(x_t, h_prev, params)[0],)


def check_gru_step(fn):
    """Check fn(x_t, h_prev, params) -> h against ``gru.step_forward``."""
    hint = only_when_d_is_h(fn, cases()[0], _inputs, _h) if callable(fn) else None
    if hint:
        return report("check_gru_step", FAILED, hint, f"case '{cases()[0].label}' (D = 4, H = 5) fails; with D = H "
                                                      "your function is right")
    learner = _h_alone(fn) if callable(fn) else fn       # a non-function gets call_learner's own hint
    return diagnose("check_gru_step", learner, lambda x, h, p: gru.step_forward(x, h, p)[0], cases(),
                    FORWARD_VARIANTS, ("h",), error_hints=FORWARD_ERRORS, arg_names=("x_t", "h_prev", "params"),
                    summary="h matches lstm_course.variants.gru.step_forward, torch.nn.GRU's equations (random, "
                            "a batch of one, zeros, large inputs, one cell, D = H, float32).")


# --------------------------------------------------------------------------- backward
CACHE_KEYS = ("x_t", "h_prev", "r", "z", "n", "hn", "params")


def _backward(dh, cache, *, z_path="z", w_path=True, r_path=True, r_sees_b=True, dz_of="h - n", n_gate="1 - z",
              tanh_d="1 - n^2", sig_d="s(1 - s)", r_scales="Wbh", order=(0, 1, 2), summed=True,
              swap_dx_dh=False):
    """gru.step_backward written out with one mistake; returns (dx_t, dh_prev, dparams).
    r_scales: which of W_hn's gradient (W), b_hn's (b) and dh_prev's n part (h) get da_n * r."""
    x_t, h_prev, r, z, n, hn, p = (cache[k] for k in CACHE_KEYS)
    H = h_prev.shape[1]
    sig = {"s(1 - s)": lambda s: s * (1 - s), "none": lambda s: 1, "twice": lambda s: (s * (1 - s)) ** 2}[sig_d]
    dtanh = {"1 - n^2": 1 - n * n, "none": 1, "1 - n": 1 - n, "tanh again": 1 - np.tanh(n) ** 2,
             "sigmoid's": n * (1 - n), "twice": (1 - n * n) ** 2}[tanh_d]
    da_n = dh * (1 - z if n_gate == "1 - z" else z) * dtanh
    hn_used = hn if r_sees_b else hn - p["b_hh"][2 * H:]
    da_r = da_n * hn_used * sig(r) if r_path else 0 * da_n
    dz_raw = {"h - n": h_prev - n, "n - h": n - h_prev, "h": h_prev, "-n": -n}[dz_of]
    da_z = dh * dz_raw * sig(z)

    def stack(last):
        blocks = (da_r, da_z, last)
        return np.concatenate([blocks[k] for k in order], axis=1)

    dxi = stack(da_n)
    dhh = {k: stack(da_n * r if k in r_scales else da_n) for k in "Wbh"}
    sum_b = (lambda a: a.sum(axis=0)) if summed else (lambda a: a)
    dparams = {"W_ih": dxi.T @ x_t, "W_hh": dhh["W"].T @ h_prev, "b_ih": sum_b(dxi), "b_hh": sum_b(dhh["b"])}
    direct = {"z": dh * z, "1 - z": dh * (1 - z), "none": 0 * dh}[z_path]
    dh_prev = direct + (dhh["h"] @ p["W_hh"] if w_path else 0)
    dx_t = dxi @ p["W_ih"]
    return (dh_prev, dx_t, dparams) if swap_dx_dh else (dx_t, dh_prev, dparams)


def _bv(hint, **how):
    return Variant(hint, lambda dh, cache: _backward(dh, cache, **how))


Z_PATH = ("h' = (1 - z) * n + z * h reaches h_prev directly too: the path through z * h is missing. Add dh * z to "
          "dh_prev, beside what comes back through W_hh.")
R_PATH = ("the path through r is missing: r reaches n as r * hn (hn = W_hn h_prev + b_hn, in the cache), so "
          "da_r = da_n * hn * r * (1 - r), and it flows on into dW_ih, dW_hh, the biases, dx_t and dh_prev.")
B_INSIDE = ("b_hn sits inside r * (W_hn h + b_hn): like W_hn's, its gradient is da_n * r (summed over the batch); "
            "yours gives it da_n, as if the n block were b_hn + r * W_hn h (or b_ih's gradient copied to b_hh).")
SIG_TWICE = "the sigmoid's derivative is applied twice: da_r = dr * r * (1 - r) once (likewise for z)."
BACKWARD_VARIANTS = [
    _bv(Z_PATH, z_path="none"),
    _bv("h_prev is kept with weight z (h' = (1 - z) * n + z * h): the direct path is dh * z, not dh * (1 - z).",
        z_path="1 - z"),
    _bv("dh_prev also gets what flows back through W_hh from all three blocks: dh_prev = dh * z + d(state part) @ "
        "W_hh (the state's part of n scaled by r).", w_path=False),
    _bv(R_PATH, r_path=False),
    _bv("inside n, r multiplies hn = W_hn h_prev + b_hn, bias included (the cache's hn): da_r = da_n * hn * r * "
        "(1 - r); yours leaves b_hn out, as if n were r * W_hn h + b_hn.", r_sees_b=False),
    _bv(B_INSIDE, r_scales="Wh"),
    _bv("the state's part of n is r * (W_hn h + b_hn): every gradient reaching it is scaled by r: W_hn's, b_hn's "
        "and the path back to h_prev (d(state part)_n = da_n * r); yours leaves r out.", r_scales=""),
    _bv("the path back to h_prev through W_hn is scaled by r: d(state part)_n = da_n * r before @ W_hh.",
        r_scales="Wb"),
    _bv("W_hn's gradient is (da_n * r).T @ h_prev: h_prev enters n through r * (W_hn h + b_hn).", r_scales="bh"),
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
    _bv(SIG_TWICE, sig_d="twice"),
    *[_bv(f"{ORDER}; stack the gradients in that order: yours puts "
          f"{', '.join(f'{RZN[k]} in rows {ROWS[n]}' for n, k in enumerate(perm) if k != n)}.", order=perm)
      for perm in itertools.permutations(range(3)) if perm != (0, 1, 2)],
    _bv("a bias is shared by the whole batch: its gradient is summed over the batch, .sum(axis=0), shape (3H,).",
        summed=False),
    _bv("dx_t and dh_prev are swapped: return (dx_t, dh_prev, dparams), dx_t = d(input part) @ W_ih of shape "
        "(B, D).", swap_dx_dh=True),
]
_BACK_MATMUL = ("da is (B, 3H) and W_ih is (3H, D): dx_t = da @ W_ih (no .T), dh_prev = ... @ W_hh; dW_ih = "
                "da.T @ x_t.")
BACKWARD_ERRORS = (MATH_ON_ARRAYS,
                   ("'str'", "the cache is a dict: unpacking it (`x_t, h_prev, ... = cache`) gives its keys, "
                             "strings, not its arrays; read the values by name: cache['x_t'], cache['r'], ..."),
                   ("KeyError", f"the cache is a dict with the keys {', '.join(CACHE_KEYS)}: read cache['z'] and "
                                "so on."),
                   ("unpack", f"the cache is a dict (keys {', '.join(CACHE_KEYS)}), not a tuple: read it by name, "
                              "cache['x_t'], cache['r'], ..."),
                   ("matmul", _BACK_MATMUL), ("not aligned", _BACK_MATMUL),
                   ("could not be broadcast", "shapes that do not fit: dh_prev = dh * z + d(state part) @ W_hh is "
                                              "(B, H): W_hh, not W_ih, brings the gradient back to h_prev; and each "
                                              "gradient has its parameter's shape: W_ih (3H, D): da.T @ x_t; biases "
                                              "(3H,): summed over the batch; da has blocks r, z, n."))


def _backward_cases():
    rng = np.random.default_rng(10)
    out = []
    for case in cases():
        _, cache = gru.step_forward(*case.args)
        B, H = case.args[1].shape
        out.append(Case(case.label, (rng.normal(size=(B, H)).astype(case.args[0].dtype), cache), note=case.note))
    return out


def _three_values(fn):
    """The learner's backward, with a named hint when the returned values are not (dx_t, dh_prev, dparams)."""
    def learner(dh, cache):
        out = fn(dh, cache)
        if isinstance(out, (tuple, list)):
            dicts = [k for k, v in enumerate(out) if isinstance(v, dict)]
            if len(out) == 3 and dicts and dicts != [2]:
                raise Stop(FAILED, f"return (dx_t, dh_prev, dparams) in this order, the dict last; yours has the "
                                   f"dict at position {dicts[0] + 1} of 3.")
            if len(out) == 3 and isinstance(out[2], (list, tuple)):
                raise Stop(FAILED, f"dparams must be a dict, {{'W_ih': ..., 'W_hh': ..., 'b_ih': ..., 'b_hh': ...}} "
                                   f"(the keys of params); yours is a {type(out[2]).__name__}.")
            if len(out) == 6 and not dicts:
                raise Stop(FAILED, "return three values, (dx_t, dh_prev, dparams), with the four parameter "
                                   "gradients in one dict dparams = {'W_ih': ..., 'W_hh': ..., 'b_ih': ..., "
                                   "'b_hh': ...}; you returned six separate values.")
        return out
    return learner


def check_gru_backward(fn):
    """Check fn(dh, cache) -> (dx_t, dh_prev, dparams) against ``gru.step_backward``;
    cache is ``gru.step_forward``'s dict (x_t, h_prev, r, z, n, hn, params)."""
    learner = _three_values(fn) if callable(fn) else fn
    return diagnose("check_gru_backward", learner, gru.step_backward, _backward_cases(), BACKWARD_VARIANTS,
                    ("dx_t", "dh_prev", "dparams"), error_hints=BACKWARD_ERRORS, arg_names=("dh", "cache"),
                    summary="dx_t, dh_prev and the four parameter gradients match lstm_course.variants.gru."
                            "step_backward (random, a batch of one, zeros, large inputs, one cell, D = H, float32).")
