"""Checkers for lesson 8: one LSTM step with one fused weight matrix, a whole
layer, and a peephole step, in torch operations (the timer's checker is in
``timer.py``).

References: ``fused_step`` and ``peephole_step`` below (gate blocks in
PyTorch's order i, f, g, o) and ``torch_scratch.forward``. Besides the values,
``torch_guards`` checks that the inputs are unchanged, that tensors come back in
the inputs' dtype, and that autograd's gradients through the learner's answer
equal the reference's for every input. torch is imported inside the functions,
never at import time: ``import lstm_course.checks`` stays light.
"""
import numpy as np

from ..params import init_params
from . import torch_guards as tg
from .core import FAILED, Case, Variant, diagnose, report

STEP_ARGS = ("x_t", "h_prev", "c_prev", "W", "b")
PEEP_ARGS = STEP_ARGS + ("p",)
LAYER_ARGS = ("x", "W_ih", "W_hh", "b_ih", "b_hh")


def _gates(a, order=(0, 1, 2, 3)):
    chunks = a.chunk(4, dim=1)
    return tuple(chunks[k] for k in order)


def fused_step(x_t, h_prev, c_prev, W, b):
    """One LSTM step with W = [W_ih | W_hh] (4H, D + H) and b = b_ih + b_hh (4H,): returns (h, c)."""
    import torch

    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b                     # (B, 4H): i, f, g, o
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    c = torch.tanh(z) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    return torch.tanh(c) * torch.sigmoid(z_o), c


def peephole_step(x_t, h_prev, c_prev, W, b, p):
    """The step with peepholes p (3, H): the input and forget gates also see c_prev (p[0], p[1]),
    the output gate sees the new memory c (p[2]). Returns (h, c)."""
    import torch

    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    c = torch.tanh(z) * torch.sigmoid(z_i + p[0] * c_prev) + c_prev * torch.sigmoid(z_f + p[1] * c_prev)
    return torch.tanh(c) * torch.sigmoid(z_o + p[2] * c), c


def _run(fn, reference, arg_names, spec, learner=False):
    """A numpy-in, numpy-out wrapper: fn on fresh tensors in the case's dtype (for the learner, with
    the torch guards: inputs unchanged, tensors in the inputs' dtype)."""
    def run(*arrays, dtype="float64"):
        return tg.numpy_out(tg.call(fn, arrays, arg_names, spec, dtype, learner=learner))
    return run


def _check(name, fn, reference, arg_names, spec, cases, variants, outputs, summary, layout=None):
    """The gradient verdict first (values right, gradients not), else the value diagnosis."""
    stop = tg.gradient_verdict(fn, reference, cases, arg_names, spec)
    if stop is not None:
        return report(name, FAILED, stop.hint, stop.detail)
    return diagnose(name, _run(fn, reference, arg_names, spec, learner=True),
                    _run(reference, reference, arg_names, spec), cases, variants, outputs,
                    error_hints=_SHAPE_HINTS, arg_names=arg_names, layout=layout, summary=summary)


def _step_with(order=(0, 1, 2, 3), g="tanh", h_act="tanh", bias=True, cat_order="xh"):
    """A wrong step: the chunks read in ``order`` (as i, f, g, o), other activations, no bias, [h, x]."""
    def step(x_t, h_prev, c_prev, W, b):
        import torch

        parts = [x_t, h_prev] if cat_order == "xh" else [h_prev, x_t]
        a = torch.cat(parts, dim=1) @ W.T + (b if bias else 0)
        z_i, z_f, z, z_o = _gates(a, order)
        g_z = torch.tanh(z) if g == "tanh" else torch.sigmoid(z)
        c = g_z * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
        h = {"tanh": torch.tanh(c), "identity": c, "old c": torch.tanh(c_prev)}[h_act] * torch.sigmoid(z_o)
        return h, c
    return step


def _v(hint, fn, reference=fused_step, args=STEP_ARGS):
    return Variant(hint, _run(fn, reference, args, ("h", "c")))


ORDER_HINT = "PyTorch's gate order is i, f, g, o: z_i, z_f, z, z_o = a.chunk(4, dim=1)."
STEP_VARIANTS = [
    _v("your forget gate multiplies the new input instead of the old memory: "
       "c = tanh(z) * sigmoid(z_i) + c_prev * sigmoid(z_f).", _step_with(order=(1, 0, 2, 3))),
    _v(ORDER_HINT + " You read the chunks in the lecture's order z, z_i, z_f, z_o.", _step_with(order=(1, 2, 0, 3))),
    _v(ORDER_HINT + " You read them as i, f, o, g.", _step_with(order=(0, 1, 3, 2))),
    _v("the cell input g uses tanh (values in -1..1, so the memory can go down); only the three gates "
       "use sigmoid.", _step_with(g="sigmoid")),
    _v("the output is tanh(c') times the output gate: h = tanh(c) * sigmoid(z_o).", _step_with(h_act="identity")),
    _v("the output reads the new memory: h = tanh(c) * sigmoid(z_o), with c computed first in this step (yours "
       "uses tanh(c_prev), the memory before the update).", _step_with(h_act="old c")),
    _v("add the bias b (it is b_ih + b_hh in one): a = cat([x_t, h_prev]) @ W.T + b.", _step_with(bias=False)),
    _v("return (h, c) in that order: the output first, then the memory.",
       lambda *a: fused_step(*a)[::-1]),
    _v("W's first D columns belong to x_t, the last H to h_prev: torch.cat([x_t, h_prev], dim=1) (yours puts "
       "h_prev first).", _step_with(cat_order="hx")),
]
_SHAPE_HINTS = (("values to unpack", "split the 4H gate axis: z_i, z_f, z, z_o = a.chunk(4, dim=1). a is (B, 4H), so "
                                     "dim=0 would cut the batch into pieces instead of the gates."),
                ("cannot be multiplied", "W is (4H, D + H): multiply the concatenation [x_t, h_prev] (B, D + H) "
                                         "by its transpose, W.T; for a layer, W = torch.cat([W_ih, W_hh], dim=1)."),
                ("size of tensor", "W is (4H, D + H): multiply the concatenation [x_t, h_prev] (B, D + H) by its "
                                   "transpose, W.T; for a layer, W = torch.cat([W_ih, W_hh], dim=1)."),
                ("Sizes of tensors must match", "concatenate along the feature axis, dim=1: torch.cat([x_t, h_prev], "
                                                "dim=1) gives (B, D + H), torch.cat([W_ih, W_hh], dim=1) gives "
                                                "(4H, D + H)."),) + tg.TORCH_ERROR_HINTS


def _step_case(rng, B, D, H, scale=1.0, peep=False):
    p = init_params(D, H, seed=int(rng.integers(1000)))
    W = np.concatenate([p["W_ih"], p["W_hh"]], axis=1)
    args = (scale * rng.normal(size=(B, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H)), W,
            p["b_ih"] + p["b_hh"])
    return args + (rng.normal(size=(3, H)),) if peep else args


def _step_cases(peep=False):
    rng = np.random.default_rng(81)
    zeros = tuple(np.zeros_like(a) if k < 3 else a for k, a in enumerate(_step_case(rng, 2, 3, 3, peep=peep)))
    return [Case("random B=3, D=2, H=4", _step_case(rng, 3, 2, 4, peep=peep)),
            Case("a batch of one", _step_case(rng, 1, 3, 5, peep=peep)),
            Case("zero input and state", zeros),
            Case("large inputs (x 50)", _step_case(rng, 2, 2, 3, 50.0, peep=peep)),
            Case("one cell, H = 1", _step_case(rng, 4, 2, 1, peep=peep)),
            Case("float32 tensors", _step_case(rng, 2, 3, 2, peep=peep), {"dtype": "float32"})]


def check_torch_step(fn):
    """Check fn(x_t (B, D), h_prev (B, H), c_prev (B, H), W (4H, D + H), b (4H,)) -> (h, c), torch tensors,
    against ``fused_step``: values, dtype, inputs unchanged, gradients by autograd."""
    return _check("check_torch_step", fn, fused_step, STEP_ARGS, ("h", "c"), _step_cases(), STEP_VARIANTS,
                  ("h", "c"), summary="h and c match the fused step, and so do autograd's gradients for every input "
                            "(random, a batch of one, zeros, large inputs, one cell, float32).")


# --------------------------------------------------------------------------- peephole step
def _peep_with(o_sees="c", rows=(0, 1, 2), skip=None, outside=False, if_see="c_prev", matmul=False):
    def step(x_t, h_prev, c_prev, W, b, p):
        import torch

        a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
        z_i, z_f, z, z_o = a.chunk(4, dim=1)
        pi, pf, po = (p[r] for r in rows)
        if outside:   # the peephole added to the gate's output, after the sigmoid
            i, f = torch.sigmoid(z_i) + pi * c_prev, torch.sigmoid(z_f) + pf * c_prev
            c = torch.tanh(z) * i + c_prev * f
            o = torch.sigmoid(z_o) + po * c if outside == "ifo" else torch.sigmoid(z_o + po * c)
            return torch.tanh(c) * o, c
        if matmul:   # p applied by a matrix product: one number per gate and row, c @ p.T
            pc = c_prev @ p.T
            c = torch.tanh(z) * torch.sigmoid(z_i + pc[:, 0:1]) + c_prev * torch.sigmoid(z_f + pc[:, 1:2])
            return torch.tanh(c) * torch.sigmoid(z_o + (c @ p.T)[:, 2:3]), c
        old = c_prev if if_see == "c_prev" else h_prev
        i = torch.sigmoid(z_i + (0 if skip == "i" else pi * old))
        f = torch.sigmoid(z_f + (0 if skip == "f" else pf * old))
        c = torch.tanh(z) * i + c_prev * f
        seen = {"c": c, "c_prev": c_prev, "h_prev": h_prev}[o_sees]
        return torch.tanh(c) * torch.sigmoid(z_o + (0 if skip == "o" else po * seen)), c
    return step


def _pv(hint, fn):
    return _v(hint, fn, peephole_step, PEEP_ARGS)


ON_H = ("the peepholes look at the memory, not the output: i = sigmoid(z_i + p[0] * c_prev), f = sigmoid(z_f + "
        "p[1] * c_prev), o = sigmoid(z_o + p[2] * c) (yours multiplies p by h_prev).")
PEEP_VARIANTS = [
    _pv(ON_H, _peep_with(if_see="h_prev")),
    _pv(ON_H, _peep_with(if_see="h_prev", o_sees="h_prev")),
    _pv("p multiplies the memory elementwise, p[0] * c_prev (each cell looks at its own memory, through its own "
        "weight): a matrix product c_prev @ p.T mixes all the cells into one number per gate.",
        _peep_with(matmul=True)),
    _pv("the output gate looks at the new memory: o = sigmoid(z_o + p[2] * c), with c computed first "
        "(yours uses c_prev).", _peep_with(o_sees="c_prev")),
    _pv("p's rows are i, f, o: p[0] for the input gate, p[1] for the forget gate (yours swapped them).",
        _peep_with(rows=(1, 0, 2))),
    _pv("p's rows are i, f, o: p[2] belongs to the output gate (yours mixes up p[1] and p[2]).",
        _peep_with(rows=(0, 2, 1))),
    *[_pv(f"each gate has its own row of p: p[0] input, p[1] forget, p[2] output; yours uses p[{r}] for both the "
          f"{a} and the {b} gate (a copy-pasted line).", _peep_with(rows=rows))
      for rows, r, a, b in (((1, 1, 2), 1, "input", "forget"), ((0, 0, 2), 0, "input", "forget"),
                            ((0, 1, 1), 1, "forget", "output"), ((0, 2, 2), 2, "forget", "output"),
                            ((0, 1, 0), 0, "input", "output"), ((2, 1, 2), 2, "input", "output"))],
    _pv("every gate has its peephole: the input gate adds p[0] * c_prev to z_i.", _peep_with(skip="i")),
    _pv("every gate has its peephole: the forget gate adds p[1] * c_prev to z_f.", _peep_with(skip="f")),
    _pv("every gate has its peephole: the output gate adds p[2] * c to z_o.", _peep_with(skip="o")),
    _pv("the peephole goes inside the sigmoid: i = sigmoid(z_i + p[0] * c_prev) (likewise f and o). Added after "
        "it, sigmoid(z_i) + p[0] * c_prev, a gate is no longer an opening between 0 and 1.", _peep_with(outside="ifo")),
    _pv("the peephole goes inside the sigmoid: i = sigmoid(z_i + p[0] * c_prev), f = sigmoid(z_f + p[1] * c_prev), "
        "as you did for o. Added after it, sigmoid(z_i) + p[0] * c_prev, a gate is no longer an opening between 0 "
        "and 1.", _peep_with(outside="if")),
    _pv("return (h, c) in that order: the output first, then the memory.", lambda *a: peephole_step(*a)[::-1]),
    _pv("the peepholes are the lesson's step plus p * memory inside three gates; yours matches the plain step "
        "without them.", lambda x, h, c, W, b, p: fused_step(x, h, c, W, b)),
]


P_COLUMNS = ("p is (3, H), one row per gate: p[0] (input), p[1] (forget), p[2] (output), each of shape (H,) like a "
             "row of the memory. p[:, k] takes a column, (3,), which does not fit (B, H).")


def _indexes_columns(fn):
    """Whether fn fails on the first case but gives the reference's values when p is transposed
    (H, 3): it reads the peepholes as p[:, k]."""
    import contextlib
    import io
    import warnings

    case = _step_cases(peep=True)[0]
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                tg.call(fn, case.args, PEEP_ARGS, ("h", "c"))
                return False
            except Exception:  # noqa: BLE001 (the learner's error: does the transposed p explain it?)
                pass
            args = case.args[:5] + (case.args[5].T.copy(),)
            got = tg.numpy_out(tg.call(fn, args, PEEP_ARGS, ("h", "c")))
            expected = tg.numpy_out(tg.call(peephole_step, case.args, PEEP_ARGS, ("h", "c")))
            return all(g.shape == e.shape and np.allclose(g, e) for g, e in zip(got, expected))
    except Exception:  # noqa: BLE001
        return False


def check_peephole_step(fn):
    """Check fn(x_t, h_prev, c_prev, W (4H, D + H), b (4H,), p (3, H)) -> (h, c) against ``peephole_step``:
    values, dtype, inputs unchanged, gradients by autograd (the peepholes' too)."""
    if callable(fn) and _indexes_columns(fn):
        return report("check_peephole_step", FAILED, P_COLUMNS, "case 'random B=3, D=2, H=4': your function "
                                                                 "raised an error; with p transposed it is right")
    return _check("check_peephole_step", fn, peephole_step, PEEP_ARGS, ("h", "c"), _step_cases(peep=True),
                  PEEP_VARIANTS, ("h", "c"), summary="h and c match the peephole step, and so do autograd's gradients for every input, "
                            "the peepholes p included (random, a batch of one, zeros, large inputs, float32).")


# --------------------------------------------------------------------------- a whole layer
def _layer(forward):
    """forward(x, params) as a function of the five tensors x, W_ih, W_hh, b_ih, b_hh."""
    def run(x, W_ih, W_hh, b_ih, b_hh):
        return forward(x, {"W_ih": W_ih, "W_hh": W_hh, "b_ih": b_ih, "b_hh": b_hh})
    return run


def _reference_forward(x, p):
    from .. import torch_scratch

    return torch_scratch.forward(x, p)


LAYER_SPEC = ("hs", ("h_T", "c_T"))


def _forward_with(carry=True, bias=(1, 1), h0_in_hs=False, reverse=False, w_order="ih", join="stack"):
    """A wrong forward: memory reset every step, a bias left out or doubled, h_0 kept in hs, time reversed."""
    def forward(x, p):
        import torch

        T, B, _ = x.shape
        W = torch.cat([p["W_ih"], p["W_hh"]] if w_order == "ih" else [p["W_hh"], p["W_ih"]], dim=1)
        b = bias[0] * p["b_ih"] + bias[1] * p["b_hh"]
        h = c = x.new_zeros((B, p["W_hh"].shape[1]))
        hs = [h] if h0_in_hs else []
        for t in (range(T - 1, -1, -1) if reverse else range(T)):
            h_new, c_new = fused_step(x[t], h, c, W, b)
            if carry:
                h, c = h_new, c_new
            hs.append(h_new)
        return (torch.stack(hs) if join == "stack" else torch.cat(hs)), (h_new, c_new)
    return forward


def _fv(hint, fn):
    return Variant(hint, _run(_layer(fn), _layer(_reference_forward), LAYER_ARGS, LAYER_SPEC))


FORWARD_VARIANTS = [
    _fv("fuse W as [W_ih | W_hh]: W = torch.cat([params['W_ih'], params['W_hh']], dim=1), the input's columns "
        "first, because lstm_step multiplies torch.cat([x_t, h_prev], dim=1) by W.T (yours puts W_hh first, so "
        "x_t meets W_hh's columns; the shapes only fit because D + H = H + D).", _forward_with(w_order="hh")),
    _fv("carry the memory: h, c = lstm_step(x[t], h, c, W, b) feeds each step's h and c into the next "
        "(yours starts every step from zeros).", _forward_with(carry=False)),
    _fv("the fused bias holds both biases: b = b_ih + b_hh (yours has only b_hh).", _forward_with(bias=(0, 1))),
    _fv("the fused bias holds both biases: b = b_ih + b_hh (yours has only b_ih).", _forward_with(bias=(1, 0))),
    _fv("each bias counts once: b = b_ih + b_hh (yours adds one of them twice).", _forward_with(bias=(2, 1))),
    _fv("hs holds the T outputs h_1 .. h_T, not the starting state h_0.", _forward_with(h0_in_hs=True)),
    _fv("read the sequence forwards: for t in range(T).", _forward_with(reverse=True)),
    _fv("stack the outputs on a new time axis: torch.stack(hs) gives (T, B, H); torch.cat(hs) joins them along the "
        "existing batch axis into (T * B, H).", _forward_with(join="cat")),
]


def _forward_cases():
    rng = np.random.default_rng(82)
    cases = []
    for T, B, D, H, s, scale, dtype in ((5, 3, 4, 2, 0, 1.0, "float64"), (1, 1, 2, 3, 1, 1.0, "float64"),
                                        (4, 2, 3, 1, 2, 1.0, "float64"), (3, 2, 2, 2, 3, 30.0, "float64"),
                                        (4, 2, 3, 2, 4, 1.0, "float32")):
        p = init_params(D, H, seed=s)
        cases.append(Case(f"T={T}, B={B}, D={D}, H={H}" + (", float32" if dtype == "float32" else ""),
                          (scale * rng.normal(size=(T, B, D)), p["W_ih"], p["W_hh"], p["b_ih"], p["b_hh"]),
                          {"dtype": dtype}))
    return cases


STATE_HINT = ("make the start state from x: `x.new_zeros((B, H))` has x's dtype and device. A bare `torch.zeros(B, H)` "
              "is float32 on the CPU whatever x is: on the CPU in float64 type promotion hides it, but with x on a "
              "GPU it is an error, and in float16 it changes the result's dtype. (The checker ran your layer with x "
              "in float16 on torch's 'meta' device, which stands in for a GPU: {seen}.)")


def _state_problem(fn):
    """None when fn runs on float16 tensors on the 'meta' device (no values, only shapes, dtypes and
    devices) and returns tensors of that dtype and device; else what went wrong, for STATE_HINT."""
    import torch

    T, B, D, H = 3, 2, 4, 5
    def meta(*shape):
        return torch.empty(*shape, dtype=torch.float16, device="meta")
    x = meta(T, B, D)
    params = {"W_ih": meta(4 * H, D), "W_hh": meta(4 * H, H), "b_ih": meta(4 * H), "b_hh": meta(4 * H)}
    try:
        import contextlib
        import io
        import warnings
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            flat = tg.flat_names(LAYER_SPEC)
            out = fn(x, params)
        hs, (h_T, c_T) = out
    except Exception as exc:  # noqa: BLE001 (the learner's code on meta tensors)
        text = str(exc)
        if "device" in text:
            return f"your function raised {type(exc).__name__}: {text.splitlines()[0][:100]}"
        return None   # something meta tensors cannot do (values): not this check's business
    for name, v in zip(flat, (hs, h_T, c_T)):
        if isinstance(v, torch.Tensor) and (v.device.type != "meta" or v.dtype != torch.float16):
            return f"{name} came back as {str(v.dtype).replace('torch.', '')} on {v.device.type}"
    return None


SIZE_MIXUP = ("your layer is right when D == H but raises when they differ: a size comes from the wrong tensor. H is "
              "the hidden size, params['W_hh'].shape[1] (W_hh is (4H, H)), and the zeros for h and c are (B, H); "
              "x.shape[2] is D, the input's size.")


def _size_mixup(fn):
    """Whether fn raises on a case with D != H but is right on one with D == H (H taken from x, or D from W_hh)."""
    import contextlib
    import io
    import warnings

    rng = np.random.default_rng(83)
    ref = _run(_layer(_reference_forward), _layer(_reference_forward), LAYER_ARGS, LAYER_SPEC)
    mine = _run(_layer(fn), _layer(_reference_forward), LAYER_ARGS, LAYER_SPEC, learner=True)
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                mine(*_forward_cases()[0].args)
                return False
            except Exception:  # noqa: BLE001 (the learner's error: does D == H explain it?)
                pass
            p = init_params(3, 3, seed=7)
            args = (rng.normal(size=(3, 2, 3)), p["W_ih"], p["W_hh"], p["b_ih"], p["b_hh"])
            got, expected = mine(*args), ref(*args)
            return all(np.shape(g) == np.shape(e) and np.allclose(g, e) for g, e in zip(got, expected))
    except Exception:  # noqa: BLE001
        return False


def check_torch_forward(fn):
    """Check fn(x (T, B, D) tensor, params dict of tensors) -> (hs (T, B, H), (h_T, c_T)) against
    ``torch_scratch.forward``: values, dtype, inputs unchanged, gradients by autograd; then the start state
    follows x's dtype and device (a run on float16 'meta' tensors)."""
    import contextlib
    import io
    import sys

    if callable(fn) and _size_mixup(fn):
        return report("check_torch_forward", FAILED, SIZE_MIXUP,
                      f"case '{_forward_cases()[0].label}': your function raised an error; with D == H it is right")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        result = _check("check_torch_forward", _layer(fn), _layer(_reference_forward), LAYER_ARGS, LAYER_SPEC,
                        _forward_cases(), FORWARD_VARIANTS, ("hs", "h_T", "c_T"), layout={"hs": ("T", None, None)},
                        summary="hs, h_T and c_T match torch_scratch.forward, and so do autograd's gradients for x "
                                "and every weight, and your tensors follow x's dtype and device (several sizes, one "
                                "step, one cell, large inputs, float32, float16 on another device).")
    seen = _state_problem(fn) if result else None
    if seen:
        return report("check_torch_forward", FAILED, STATE_HINT.format(seen=seen),
                      "case 'x in float16 on the meta device'")
    sys.stdout.write(printed.getvalue())
    sys.stdout.flush()
    return result
