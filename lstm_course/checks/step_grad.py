"""Checker for one LSTM step's backward, which adds its parameter gradients into
a ``grads`` dict (exercise 5).

The learner writes ``step_backward(dh, dc, cache, grads) -> (dx_t, dh_prev, dc_prev)``
for the package's tuple cache (x_t, h_prev, c_prev, i, f, g, o, tanh_c, params),
adding this step's dW_ih, dW_hh, db_ih, db_hh into grads (+=), so that a loop over
time sums them. Reference: ``lstm.step_backward``. Every variant is ``_backward``
with one mistake (a path missing, a derivative missing or applied twice, blocks
in another order, the gradients overwritten instead of added).
"""
import itertools

import numpy as np

from .. import lstm
from . import guards
from .core import FAILED, Case, Stop, Variant, diagnose
from .step import step_cases

GRADS = ("W_ih", "W_hh", "b_ih", "b_hh")


def _backward(dh, dc, cache, *, mistake=None, order=(0, 1, 2, 3), gate=None):
    """lstm.step_backward written out, with one mistake; returns (dparams, dx_t, dh_prev, dc_prev).
    gate: the block (0 i, 1 f, 2 g, 3 o) a derivative mistake applies to (None: all sigmoid gates)."""
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    dtanh = {"no tanh'": 1.0, "tanh' not squared": 1 - tanh_c}.get(mistake, 1 - tanh_c ** 2)
    dc_all = dc if mistake == "no h path" else dh * o * dtanh if mistake == "no incoming dc" else dc + dh * o * dtanh
    do = dh * tanh_c
    raw = [dc_all * g, dc_all * c_prev, dc_all * i, do]
    local = [i * (1 - i), f * (1 - f), 1 - g ** 2, o * (1 - o)]
    blocks = [gate] if gate is not None else [0, 1, 3]
    for k in blocks:
        if mistake == "sigmoid' twice":
            local[k] = local[k] ** 2
        elif mistake == "no sigmoid'":
            local[k] = 1.0
    if mistake == "g: sigmoid'":
        local[2] = g * (1 - g)
    elif mistake == "no tanh' for g":
        local[2] = 1.0
    elif mistake == "g: 1 - g":
        local[2] = 1 - g
    elif mistake == "tanh of g again":
        local[2] = 1 - np.tanh(g) ** 2
    elif mistake == "tanh' twice for g":
        local[2] = (1 - g ** 2) ** 2
    da = np.concatenate([raw[k] * local[k] for k in order], axis=1)
    dc_prev = {"dc_prev = dc": dc_all, "dc_prev from incoming dc": dc * f}.get(mistake, dc_all * f)
    W_for_h = params["W_ih"] if mistake == "dh_prev through W_ih" else params["W_hh"]
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    if mistake == "one bias":
        dparams["b_hh"] = 0 * dparams["b_hh"]
    if mistake == "dx and dh_prev swapped":
        return dparams, da @ params["W_hh"], da @ params["W_ih"], dc_prev
    return dparams, da @ params["W_ih"], da @ W_for_h, dc_prev


def _reference(dh, dc, cache, grads):
    dx, dh_prev, dc_prev, dparams = lstm.step_backward(dh, dc, cache)
    return dparams, dx, dh_prev, dc_prev


def _variant(hint, overwrite=False, rebind=False, **how):
    def fn(dh, dc, cache, grads):
        dparams, *rest = _backward(dh, dc, cache, **how)
        if overwrite:
            dparams = {k: dparams[k] - grads[k] for k in dparams}
        if rebind:
            dparams = {k: 0 * v for k, v in dparams.items()}
        return (dparams, *rest)
    return Variant(hint, fn)


ORDER = ("stack da in the order i, f, g, o, the order of W_ih's rows (0:H input gate, H:2H forget gate, 2H:3H "
         "cell input, 3H:4H output gate)")
SIG_TWICE = ("the sigmoid's derivative is applied twice: di = dc * g is the gradient of the opening i, and "
             "da_i = di * i * (1 - i) multiplies by i (1 - i) once (likewise for f and o).")
VARIANTS = [
    _variant("c also reaches the loss through h = tanh(c) * o: add dh * o * (1 - tanh_c**2) to dc before using "
             "it.", mistake="no h path"),
    _variant("the path from h back to c goes through tanh: dc += dh * o * (1 - tanh_c**2); the factor "
             "1 - tanh_c**2 (tanh's derivative) is missing.", mistake="no tanh'"),
    _variant("tanh's derivative is 1 - tanh_c**2 (squared), not 1 - tanh_c.", mistake="tanh' not squared"),
    _variant("add the incoming dc: the memory's gradient from the next step. c's full gradient is dc + dh * o * "
             "(1 - tanh_c**2); yours keeps only the path through h.", mistake="no incoming dc"),
    _variant("dc_prev = dc * f: the memory path back to the previous step is scaled by the forget gate.",
             mistake="dc_prev = dc"),
    _variant("dc_prev = dc * f with dc the full gradient of c, including the path through h (dc + dh * o * "
             "(1 - tanh_c**2)), not only the dc that came in.", mistake="dc_prev from incoming dc"),
    _variant(SIG_TWICE, mistake="sigmoid' twice"),
    *[_variant(SIG_TWICE, mistake="sigmoid' twice", gate=k) for k in (0, 1, 3)],
    _variant("g = tanh(a_g): its derivative is 1 - g**2 once; you applied it twice.", mistake="tanh' twice for g"),
    _variant("the cache's g is already tanh(a_g), so its derivative is 1 - g**2: yours applies tanh again, "
             "1 - tanh(g)**2.", mistake="tanh of g again"),
    _variant("g = tanh(a_g): its derivative is 1 - g**2, not the sigmoid's g (1 - g).", mistake="g: sigmoid'"),
    _variant("g = tanh(a_g): its derivative is 1 - g**2 (g squared), not 1 - g.", mistake="g: 1 - g"),
    _variant("g = tanh(a_g): multiply dg by tanh's derivative 1 - g**2 before it reaches the pre-activation.",
             mistake="no tanh' for g"),
    _variant("multiply the gates' gradients by the sigmoid's derivative, s (1 - s) for s = i, f, o, before "
             "they reach the pre-activation.", mistake="no sigmoid'"),
    *[_variant(f"the {name} gate's gradient must be multiplied by the sigmoid's derivative {s} (1 - {s}) before "
               "it reaches the pre-activation.", mistake="no sigmoid'", gate=k)
      for k, name, s in ((0, "input", "i"), (1, "forget", "f"), (3, "output", "o"))],
    *[_variant(ORDER + f"; yours are {', '.join('ifgo'[k] for k in perm)}.", order=perm)
      for perm in itertools.permutations(range(4)) if perm != (0, 1, 2, 3)],
    _variant("dh_prev = da @ W_hh: h_prev entered through W_hh (W_ih carries x_t).", mistake="dh_prev through W_ih"),
    _variant("dx_t and dh_prev are swapped: x_t entered through W_ih, so dx_t = da @ W_ih (B, D), and h_prev "
             "through W_hh, so dh_prev = da @ W_hh (B, H); return them in the order (dx_t, dh_prev, dc_prev).",
             mistake="dx and dh_prev swapped"),
    _variant("both biases get the same gradient (da summed over the batch): they are added to the same "
             "pre-activation.", mistake="one bias"),
    _variant("add this step's gradients into grads (grads[k] += ...): you replaced what was there, so a loop "
             "over time would keep only one step's.", overwrite=True),
    _variant("update the caller's grads (grads['W_ih'] += ..., for every key): rebinding the name grads to a new "
             "dict, or adding into a copy, changes nothing the caller sees.", rebind=True),
]

_SHAPES = ("a gradient has the wrong shape: each grads[k] has its parameter's shape, W_ih (4H, D): da.T @ x_t "
           "(not x_t.T @ da), W_hh (4H, H): da.T @ h_prev, and the biases (4H,): da.sum(axis=0), summed over "
           "the batch.")
_MATMUL = ("Mind the shapes going back: da is (B, 4H) and W_ih is (4H, D), so dx_t = da @ W_ih (B, D) and "
           "dh_prev = da @ W_hh (B, H); no .T here.")
ERRORS = (("non-broadcastable output", _SHAPES), ("could not be broadcast", _SHAPES),
          ("matmul", _MATMUL), ("not aligned", _MATMUL),
          ("too many values to unpack", "the cache has 9 entries: x_t, h_prev, c_prev, i, f, g, o, tanh_c, params."),
          ("not enough values to unpack", "the cache has 9 entries: x_t, h_prev, c_prev, i, f, g, o, tanh_c, "
                                          "params."))


def _cases():
    rng = np.random.default_rng(5)
    cases = []
    for case in step_cases():
        _, _, cache = lstm.step_forward(*case.args)
        B, H = case.args[1].shape
        dtype = case.args[0].dtype
        grads = {k: rng.normal(size=v.shape).astype(dtype) for k, v in case.args[3].items()}
        args = (rng.normal(size=(B, H)).astype(dtype), rng.normal(size=(B, H)).astype(dtype), cache, grads)
        cases.append(Case(case.label, args, note=case.note))
    return cases


def _learner(fn):
    def learner(dh, dc, cache, grads):
        if not isinstance(grads, dict):
            raise Stop(FAILED, "grads must stay a dict")
        before, held = guards.snapshot(grads), dict(grads)
        out = fn(dh, dc, cache, grads)
        rebound = [k for k, arr in held.items() if grads.get(k) is not arr]
        if rebound and isinstance(out, (tuple, list)) and len(out) == 3 and set(grads) == set(before):
            expected = lstm.step_backward(dh, dc, cache)[3]
            if all(np.allclose(np.asarray(grads[k]) - before[k], expected[k], rtol=1e-4, atol=1e-6) for k in before):
                k = rebound[0]
                raise Stop(FAILED, f"add into the arrays grads holds, in place: `grads[{k!r}] += ...`. Yours rebinds "
                                   f"`grads[{k!r}] = grads[{k!r}] + ...` to a new array, so whoever holds the old "
                                   "array (lstm_backward's caller, an optimiser) never sees this step's gradient.")
        if set(grads) == set(before):
            expected = lstm.step_backward(dh, dc, cache)[3]
            replaced = [k for k in before
                        if np.shape(grads[k]) == np.shape(before[k]) and np.any(before[k] != 0)
                        and np.allclose(np.asarray(grads[k]), expected[k], rtol=1e-4, atol=1e-6)
                        and not np.allclose(np.asarray(grads[k]) - before[k], expected[k], rtol=1e-4, atol=1e-6)]
            if replaced:
                names = ", ".join(f"grads[{k!r}]" for k in replaced)
                raise Stop(FAILED, f"add this step's gradients into grads (grads[k] += ...): you replaced what was "
                                   f"there in {names} (`=` instead of `+=`), so a loop over time would keep only "
                                   "one step's.")
        if isinstance(out, (tuple, list)) and len(out) == 4 and isinstance(out[3], dict):
            raise Stop(FAILED, "this step_backward adds its parameter gradients into grads (grads[k] += ...) and "
                               "returns three values, (dx_t, dh_prev, dc_prev).")
        if not isinstance(out, (tuple, list)) or len(out) != 3:
            got = f"{len(out)} values" if isinstance(out, (tuple, list)) else f"a {type(out).__name__}"
            raise Stop(FAILED, f"step_backward returns 3 values, (dx_t, dh_prev, dc_prev); you returned {got}.")
        if set(grads) != set(before):
            raise Stop(FAILED, f"grads must keep exactly the keys {sorted(before)}; it has {sorted(grads)}.")
        added = {k: np.asarray(grads[k]) - before[k] for k in before}
        return (added, *out)
    return learner


LAYOUT = {"grads['W_ih']": ("G", None), "grads['W_hh']": ("G", None), "grads['b_ih']": ("G",),
          "grads['b_hh']": ("G",)}


def check_step_backward(fn):
    """Check fn(dh, dc, cache, grads) -> (dx_t, dh_prev, dc_prev), adding into grads, against
    ``lstm.step_backward``. cache is ``lstm.step_forward``'s (x_t, h_prev, c_prev, i, f, g, o, tanh_c, params)."""
    return diagnose("check_step_backward", _learner(fn), _reference, _cases(), VARIANTS,
                    ("grads", "dx_t", "dh_prev", "dc_prev"), error_hints=ERRORS,
                    arg_names=("dh", "dc", "cache", "grads"), mutable=("grads",), layout=LAYOUT,
                    summary="what you add into grads, and dx_t, dh_prev and dc_prev, match lstm.step_backward "
                            "(random, a batch of one, zeros, large inputs, one cell, D = H, float32).")
