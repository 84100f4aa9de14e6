"""What every checker verifies besides the numbers.

- the learner's function left its inputs alone (a caller's ``c`` changed in place
  spoils every later cell that reads it);
- it returned the kind of thing asked for: an array, not a list; a tensor where a
  tensor is asked for; the input's dtype (float32 in, float32 out; float64 stays
  float64; integers become floats);
- an optimiser updated the caller's own arrays: a training loop holds those arrays,
  so a dict entry rebound to a new array is an update nobody sees.

Each function returns a hint (a sentence for the learner) or None/[] when all is well.
torch is never imported here: tensors are recognised by their type's module.
"""
import numpy as np


def is_tensor(value):
    return type(value).__module__.split(".")[0] == "torch" and hasattr(value, "detach")


def snapshot(value):
    """A deep copy of arrays and tensors, also inside dicts, lists and tuples; other
    values (numbers, strings, functions) as they are."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if is_tensor(value):
        return value.detach().clone()
    if isinstance(value, dict):
        return {k: snapshot(v) for k, v in value.items()}
    if isinstance(value, list):
        return [snapshot(v) for v in value]
    if isinstance(value, tuple):
        return tuple(snapshot(v) for v in value)
    return value


def _equal(before, after):
    """Same type, shape, dtype and values (nan equal to nan)."""
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and before.shape == after.shape and before.dtype == after.dtype
                and np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))
    if is_tensor(before):
        if not is_tensor(after) or before.shape != after.shape or before.dtype != after.dtype:
            return False
        b, a = before.detach().cpu(), after.detach().cpu()
        return bool(((b == a) | (b.isnan() & a.isnan()) if b.is_floating_point() else (b == a)).all())
    return True   # numbers and the like cannot be changed by the callee


def changed(before, after, name):
    """The paths under ``name`` (e.g. ``"params['W_ih']"``) where ``after`` differs from
    the snapshot ``before``: values written into an array, dict entries rebound,
    added or removed, list items replaced."""
    if isinstance(before, dict):
        if not isinstance(after, dict):
            return [name]
        paths = [f"{name}[{k!r}]" for k in before if k not in after]
        paths += [f"{name}[{k!r}]" for k in after if k not in before]
        for k in before:
            if k in after:
                paths += changed(before[k], after[k], f"{name}[{k!r}]")
        return paths
    if isinstance(before, (list, tuple)):
        if not isinstance(after, (list, tuple)) or len(after) != len(before):
            return [name]
        return [p for k, (b, a) in enumerate(zip(before, after)) for p in changed(b, a, f"{name}[{k}]")]
    return [] if _equal(before, after) else [name]


def changed_arguments(before_args, after_args, before_kwargs, after_kwargs, arg_names, mutable=()):
    """Every changed path among the call's arguments, except those named in ``mutable``."""
    paths = []
    for k, (b, a) in enumerate(zip(before_args, after_args)):
        name = arg_names[k] if k < len(arg_names) else f"argument {k + 1}"
        if name not in mutable:
            paths += changed(b, a, name)
    for key, b in before_kwargs.items():
        if key not in mutable:
            paths += changed(b, after_kwargs.get(key), key)
    return paths


def input_changed_hint(paths, tensors=False):
    """The hint for inputs changed in place."""
    what = ", ".join(f"`{p}`" for p in paths[:4]) + (" and more" if len(paths) > 4 else "")
    one = paths[0].split("[")[0]
    if tensors:
        how = (f"in-place operations such as `{one}.mul_(...)`, `{one} += ...` or `{one}[...] = ...` overwrite the "
               f"caller's tensor; write `{one} = {one} * ...` (a new tensor) instead")
    elif "[" in paths[0] and "'" in paths[0]:
        how = (f"assigning into the caller's dict (`{paths[0]} = ...`) or writing into its arrays changes what the "
               "caller holds; build a new dict or new arrays instead")
    else:
        how = (f"`{one} *= ...`, `{one} += ...`, `{one}[...] = ...` or `out={one}` overwrite the caller's array; "
               f"write `{one} = {one} * ...`, which makes a new one (or work on `{one}.copy()`)")
    return (f"your function changed its input {what} in place, so the caller's value is different after the call: "
            f"{how}.")


def _kind(value):
    if is_tensor(value):
        return "tensor"
    if isinstance(value, np.ndarray):
        return "array"
    if isinstance(value, (list, tuple)):
        return type(value).__name__
    if isinstance(value, (bool, int, float, complex, np.generic)):
        return "number"
    return type(value).__name__


def type_hint(name, got, expected):
    """A hint when ``got`` is another kind of thing than the reference's ``expected``
    (a list for an array, numpy for torch), else None. Numbers and 0-d arrays are alike."""
    g, e = _kind(got), _kind(expected)
    if g == e or {g, e} <= {"array", "number"}:
        return None
    if e == "array" and g in ("list", "tuple"):
        return (f"{name} is a Python {g}; return a numpy array (np.array(...), np.stack(...) for a list of "
                "arrays), so that shapes, slicing and arithmetic work as in the lesson.")
    if e == "array" and g == "tensor":
        return f"{name} is a torch tensor; this task works in numpy: return a numpy array."
    if e == "tensor" and g in ("array", "number"):
        return (f"{name} is a numpy {'array' if g == 'array' else 'value'}, not a tensor: use torch operations "
                "(torch.sigmoid, torch.tanh, @) on the tensors, so that autograd can follow them.")
    if e == "tensor" and g in ("list", "tuple"):
        return (f"{name} is a Python {g}; return one tensor (torch.stack(...) makes one tensor out of a list "
                "of tensors).")
    return f"{name} should be {'a number' if e == 'number' else 'an ' + e if e == 'array' else 'a ' + e}, you returned a {g}."


def _dtype(value):
    if is_tensor(value):
        return str(value.dtype).replace("torch.", "")
    if isinstance(value, (np.ndarray, np.generic)):
        return value.dtype.name
    return None   # Python numbers: no dtype to keep


def dtype_hint(name, got, expected):
    """A hint when ``got``'s dtype is not the reference's (float32 in -> float32 out,
    float64 stays float64, integer inputs give floats), else None."""
    e, g = _dtype(expected), _dtype(got)
    if e is None or not e.startswith("float"):
        return None
    if g is None:
        g = np.asarray(got).dtype.name
    if g == e:
        return None
    if g.startswith(("int", "uint", "bool")):
        return (f"{name} holds integers ({g}) where floats ({e}) are expected: an integer start value (a list of "
                "ints, `np.zeros(n, dtype=int)`, `np.array([1, 2])`) truncates every value written into it; "
                "start from floats (`dtype=float`, or `np.zeros_like(x, dtype=float)`).")
    if e == "float32":
        return (f"{name} is {g} but the inputs are float32: keep the input's dtype (float32 in, float32 out). "
                "An array made inside without a dtype (`np.zeros(shape)`, `np.ones`, `np.array(..., dtype=float)`) "
                "is float64 and promotes the result; make it with `dtype=x.dtype` or `np.zeros_like(x)`.")
    if e == "float64" and g in ("float32", "float16"):
        return (f"{name} is {g} but the inputs are float64: something converted to {g} "
                f"(`.astype(np.{g})`, `dtype=np.{g}`); keep float64, or the result loses digits.")
    return f"{name} has dtype {g}; expected {e}, the same as the inputs'."


def kept_in_place(originals, params, name="params"):
    """For an optimiser: ``originals`` maps each key to the array the caller held
    before the step (the object, not a copy); the step must have updated those
    arrays, not put new ones into the dict. A hint, or None."""
    if not isinstance(params, dict):
        return None
    rebound = [k for k, arr in originals.items() if params.get(k) is not arr]
    if not rebound:
        return None
    k = rebound[0]
    return (f"you rebound {name}[{k!r}] = ... to a new array: the dict now holds a new array, but the model and "
            f"lesson 6's training loop hold the old one, which never changes, so nothing trains. Update the "
            f"array in place: `p = {name}[k]` then `p -= lr * ...` (or `{name}[k][...] = ...`).")
