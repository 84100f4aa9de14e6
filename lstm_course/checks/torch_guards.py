"""What a torch answer must get right besides its values (lesson 8).

``run_torch(fn, reference, arrays, arg_names, out_names, dtype)`` calls the
learner's function on fresh tensors made from numpy arrays and checks, in order:
its inputs are unchanged (an in-place ``c_prev.mul_()`` changes the caller's
memory), it returns tensors (not a Python list, not numpy), in the inputs'
dtype, and, when the values equal the reference's, that autograd's gradients
through the learner's answer equal those through the reference, for every
input that requires grad: a ``.detach()``, ``.data``, ``.item()`` or a numpy
round trip gives the right numbers and the wrong (or no) gradient.

torch is imported inside the functions only: ``import lstm_course.checks``
stays light.
"""
import numpy as np

from . import guards
from .core import FAILED, Stop

GRAD_RTOL, GRAD_ATOL = 1e-6, 1e-9


def tensors(arrays, dtype="float64", requires_grad=False):
    """Fresh leaf tensors (copies) from numpy arrays, in ``dtype``."""
    import torch

    dt = getattr(torch, dtype)
    return [torch.tensor(np.asarray(a), dtype=dt).requires_grad_(requires_grad) for a in arrays]


def flat_names(spec):
    """('hs', ('h_T', 'c_T')) -> ('hs', 'h_T', 'c_T')."""
    return tuple(n for s in spec for n in ((s,) if isinstance(s, str) else s))


def _spell(spec):
    return "(" + ", ".join(f"({', '.join(s)})" if isinstance(s, tuple) else s for s in spec) + ")"


def _flatten(out, spec):
    """The returned value as a list of (name, value) following spec, e.g. ('hs', ('h_T', 'c_T'));
    Stop when its structure is not that."""
    if len(spec) == 1:
        return [(spec[0], out)]
    if not isinstance(out, (tuple, list)) or len(out) != len(spec):
        raise Stop(FAILED, f"return {_spell(spec)}; you returned "
                           + (f"{len(out)} values" if isinstance(out, (tuple, list)) else f"a {type(out).__name__}"))
    flat = []
    for item, s in zip(out, spec):
        if isinstance(s, tuple):
            if not isinstance(item, (tuple, list)) or len(item) != len(s):
                raise Stop(FAILED, f"return {_spell(spec)}, with the pair ({', '.join(s)}) as the last item")
            flat += list(zip(s, item))
        else:
            flat.append((s, item))
    return flat


def _output_hint(name, value, dtype):
    """A hint when an output is not a tensor of the inputs' dtype."""
    import torch

    if isinstance(value, list) and value and all(isinstance(v, torch.Tensor) for v in value):
        return (f"{name} is a Python list of tensors; return one tensor: torch.stack(...) stacks the list along "
                "a new first axis (and autograd follows it).")
    if not isinstance(value, torch.Tensor):
        return guards.type_hint(name, value, torch.zeros(1)) or f"{name} must be a tensor."
    if str(value.dtype) != f"torch.{dtype}":
        got = str(value.dtype).replace("torch.", "")
        return (f"{name} is {got} but the inputs are {dtype}: keep the inputs' dtype (float32 in, float32 out). "
                "A tensor made inside without a dtype (`torch.zeros(B, H)` is float32, `torch.tensor(np_array)` "
                "float64) changes it: make new tensors with `x.new_zeros(...)` or `dtype=x.dtype`.")
    return None


def call(fn, arrays, arg_names, out_names, dtype="float64", learner=False):
    """fn on fresh tensors: [(name, tensor)] of the outputs. With learner=True: Stop on changed inputs,
    outputs that are not tensors, or another dtype."""
    args = tensors(arrays, dtype)
    before = [a.clone() for a in args]
    out = fn(*args)
    flat = _flatten(out, out_names)
    if learner:
        paths = [n for n, b, a in zip(arg_names, before, args) if guards.changed(b, a, n)]
        if paths:
            raise Stop(FAILED, guards.input_changed_hint(paths, tensors=True))
        for name, value in flat:
            hint = _output_hint(name, value, dtype)
            if hint:
                raise Stop(FAILED, hint)
    return flat


def numpy_out(flat):
    """The outputs as float64 numpy arrays (what the value comparison sees)."""
    return tuple(v.detach().cpu().double().numpy() if hasattr(v, "detach") else np.asarray(v, dtype=float)
                 for _, v in flat)


def gradients(fn, arrays, arg_names, out_names, weights, dtype="float64"):
    """{input name: gradient or None} of sum_k <output_k, weights_k> through fn, by autograd."""
    import torch

    args = tensors(arrays, dtype, requires_grad=True)
    flat = _flatten(fn(*args), out_names)
    loss = sum((v * torch.as_tensor(w, dtype=v.dtype)).sum() for (_, v), w in zip(flat, weights)
               if isinstance(v, torch.Tensor) and v.requires_grad)
    if not isinstance(loss, torch.Tensor):
        return {n: None for n in arg_names}
    grads = torch.autograd.grad(loss, args, allow_unused=True)
    return {n: None if g is None else g.detach().double().numpy() for n, g in zip(arg_names, grads)}


def gradient_verdict(fn, reference, cases, arg_names, spec):
    """None when the learner's values equal the reference's on every case (guards passing) and its
    gradients do too; the Stop naming the first gradient problem when only the gradients differ; None
    (leave it to the value check) in every other situation."""
    import contextlib
    import io
    import warnings

    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            for case in cases:
                dtype = case.kwargs.get("dtype", "float64")
                got = numpy_out(call(fn, case.args, arg_names, spec, dtype, learner=True))
                expected = numpy_out(call(reference, case.args, arg_names, spec, dtype))
                tol = (1e-4, 1e-6) if dtype == "float32" else (1e-6, 1e-9)
                if not all(g.shape == e.shape and np.allclose(g, e, *tol) for g, e in zip(got, expected)):
                    return None
            for case in cases:
                if case.kwargs.get("dtype", "float64") == "float64":
                    check_gradients(fn, reference, case.args, arg_names, spec, case.label)
    except Stop as stop:
        return stop if stop.hint.startswith(("your values are right", "a numpy function", "an in-place",
                                             "autograd could not")) else None
    except Exception:  # the learner's error: the value check reports it
        return None
    return None


def check_gradients(fn, reference, arrays, arg_names, out_names, label, dtype="float64"):
    """Stop(FAILED) naming the first input whose gradient through fn differs from the reference's."""
    rng = np.random.default_rng(8)
    ref_flat = call(reference, arrays, arg_names, out_names, dtype)
    weights = [rng.normal(size=tuple(v.shape)) for _, v in ref_flat]
    try:
        mine = gradients(fn, arrays, arg_names, out_names, weights, dtype)
    except RuntimeError as exc:
        raise Stop(FAILED, _runtime_hint(str(exc)), f"case '{label}'") from None
    expected = gradients(reference, arrays, arg_names, out_names, weights, dtype)
    for name in arg_names:
        e, g = expected[name], mine[name]
        if e is None or not np.any(e):
            continue
        if g is None or not np.any(g):
            raise Stop(FAILED, f"your values are right, but no gradient reaches `{name}`: autograd lost track of "
                               "it. `.detach()`, `.data`, `.item()`, `.numpy()` or `torch.tensor(...)` of a tensor "
                               "cut the record; keep every step in torch operations on the tensors themselves.",
                       f"case '{label}'")
        if not np.allclose(g, e, rtol=GRAD_RTOL, atol=GRAD_ATOL):
            raise Stop(FAILED, f"your values are right, but the gradient with respect to `{name}` is not: part of "
                               "the computation is hidden from autograd (a `.detach()` or `.data` on the state, "
                               "`torch.no_grad()`, or an in-place change of a tensor it still needs).",
                       f"case '{label}': the gradient differs by up to {float(np.max(np.abs(g - e))):.3g}")


def _runtime_hint(text):
    if "numpy" in text.lower():
        return ("a numpy function met a tensor that requires grad (e.g. numpy's or lstm_course's sigmoid, "
                "np.tanh, np.exp): use torch.sigmoid / torch.tanh / torch.exp, so that autograd can follow.")
    if "in-place" in text or "inplace" in text:
        return ("an in-place operation (`.mul_()`, `+=`, `[...] =`) overwrote a tensor autograd still needs: "
                "write `c = c * f` (a new tensor) instead.")
    return f"autograd could not run through your function ({text.splitlines()[0][:120]})."


TORCH_ERROR_HINTS = (
    ("same dtype", "keep the inputs' dtype: a tensor made inside without a dtype (`torch.zeros(B, H)` is float32, "
                   "`torch.tensor(np_array)` float64) meets the inputs' dtype; use `x.new_zeros(...)` or "
                   "`dtype=x.dtype`."),
    ("numpy", "a numpy function met a tensor: use torch.sigmoid / torch.tanh / torch.exp on tensors (numpy's "
              "sigmoid, np.tanh and lstm_course's activations are for numpy arrays)."),
    ("in-place", "an in-place operation (`.mul_()`, `+=`, `[...] =`) on an input: write `c = c * f` instead."),
)
