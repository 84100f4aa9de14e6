"""Calling the learner's function safely: "not done yet" for the untouched
placeholder, one friendly line (with the learner's own line of code and the usual
cause of that exception) for any error, never a traceback."""
import os
import re
import sys
import traceback
import warnings

import numpy as np

from .result import ERROR, NOT_DONE, Stop

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_SKIP_DIRS = tuple(os.path.dirname(os.path.abspath(m.__file__)) for m in (os, np)
                   if getattr(m, "__file__", None)) + (_PACKAGE_DIR,)


def _your_line(exc):
    """'line 4: `c = g * i`' for the innermost frame of the learner's own code, or ''."""
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if not os.path.abspath(f.filename).startswith(_SKIP_DIRS)
            and "site-packages" not in f.filename and not f.filename.startswith(sys.prefix)]
    if not mine:
        return ""
    f = mine[-1]
    code = f" `{f.line.strip()}`" if f.line else ""
    return f"line {f.lineno} of your code{':' if code else ''}{code}"


_SHAPES = ("the shapes do not fit: print the shapes of what you combine (x.shape, W.shape); a weight may "
           "need .T, or an axis may be missing or in another place")
# Checked after a checker's own error_hints: the usual causes of the usual exceptions.
GENERIC_ERROR_HINTS = (
    ("RecursionError", "your function calls itself: a helper you wrote may have the same name as the "
                       "exercise's function"),
    ("matmul", _SHAPES), ("not aligned", _SHAPES), ("could not be broadcast", _SHAPES),
    ("cannot be multiplied", _SHAPES), ("must match the size of tensor", _SHAPES),
    ("math range error", "math.exp takes one number and overflows; np.exp works on whole arrays"),
    ("only length-1 arrays", "a math function (math.exp, math.tanh) was given an array; use numpy's (np.exp)"),
    ("only size-1 arrays", "a math function (math.exp, math.tanh) was given an array; use numpy's (np.exp)"),
    ("only 0-dimensional arrays", "a math function (math.exp, math.tanh) was given an array; use numpy's (np.exp)"),
    ("can't convert np.ndarray", "numpy and torch are mixed: on tensors use torch operations (torch.sigmoid, "
                                 "torch.tanh), on arrays numpy's"),
    ("Can't call numpy() on Tensor that requires grad", "a numpy function was called on a tensor that autograd "
                                                        "follows: use the torch operation instead"),
    ("expected Tensor", "numpy and torch are mixed: on tensors use torch operations, on arrays numpy's"),
    ("'NoneType'", "something is None: a `return` is missing in a function, or you used the result of an "
                   "in-place method (list.append, dict.update, np.random.shuffle), which returns None"),
    ("'list' object", "a Python list is used like an array: make it one with np.array(...) (or np.stack)"),
    ("list indices", "a Python list is used like an array: make it one with np.array(...) (or np.stack)"),
    ("out of bounds", "an index runs past the end: a loop one step too long (range(T + 1)?) or the wrong axis"),
    ("too many indices", "an array has fewer axes than you index: print its .shape"),
    ("truth value of an array", "`x or y`, `if x:` and `not x` do not work on an array: to test for a missing "
                                "value write `h0 if h0 is not None else np.zeros(...)` (or `if h0 is None:`)"),
    ("division by zero", "a division by zero: one of the cases has a zero there (zero gradients, an empty input); "
                         "divide only when the divisor is not zero, as the task's rule says"),
    ("ZeroDivisionError", "a division by zero: one of the cases has a zero there (zero gradients, an empty input); "
                          "divide only when the divisor is not zero, as the task's rule says"),
    ("must have the same shape", "np.stack needs arrays of one shape: is the last piece shorter than the others? "
                                 "Count how many whole pieces fit (integer division) and cut the rest off"),
    ("values to unpack", "unpacking got another number of values than names on the left: check how many pieces "
                         "you split into and along which axis (the batch is axis 0, the 4H gate axis is the last)"),
    ("KeyError", "a dict has no such key: print(d.keys()) to see the names it has"),
    ("NameError", "a name is used that is not defined (yet): check its spelling, and run the cells above first"),
    ("UnboundLocalError", "a variable is used before it is assigned in your function: check the order of the lines"),
)


def _shape_of(text):
    return tuple(int(n) for n in re.findall(r"\d+", text))


def broadcast_hint(said):
    """For numpy's "could not be broadcast together with shapes (a) (b)": what the two
    shapes say (an axis lost by a sum without keepdims, a transposed operand), or ''."""
    found = re.search(r"broadcast together with shapes ((?:\([\d,]*\) ?)+)", said)
    if not found:
        return ""
    shapes = [_shape_of(t) for t in re.findall(r"\([\d,]*\)", found.group(1))]
    text = " and ".join(str(s) for s in shapes)
    for a in shapes:
        for b in shapes:
            if len(a) == len(b) + 1 and a[:-1] == b:
                return (f"the shapes {text} do not fit: one has lost its last axis, as a sum, max or mean over "
                        f"axis -1 does; keep it with keepdims=True (shape {b + (1,)}), or index with [..., None]")
            if len(a) == len(b) == 2 and a == b[::-1] and a != b:
                return f"the shapes {text} do not fit: one is the transpose of the other"
    return (f"the shapes {text} do not fit elementwise: print the shapes of what you combine; an axis in "
            "another place, a stack along the wrong axis, or a (B,) where (B, 1) belongs")


def call_learner(fn, *args, error_hints=(), **kwargs):
    """Call the learner's function; NotImplementedError -> Stop(NOT_DONE), any other
    exception -> Stop(ERROR) with a one-line summary. Warnings are silenced (their
    text would carry file paths into the notebook) and numpy errors ignored: the
    output is judged instead (a nan in it is reported).

    error_hints: (text, hint) pairs; when text appears in the exception's message
    (or type name), the hint explains the likely cause."""
    if not callable(fn):
        raise Stop(ERROR, f"pass your function itself (e.g. `my_function`, no brackets); "
                          f"got a {type(fn).__name__}")
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return fn(*args, **kwargs)
    except Stop:
        raise
    except NotImplementedError:
        raise Stop(NOT_DONE) from None
    except Exception as exc:  # the learner's bug, reported without a traceback
        where = _your_line(exc)
        said = f"{type(exc).__name__}: {exc}"
        msg = f"your function raised {said}"
        hints = tuple(error_hints) + (("could not be broadcast", broadcast_hint(said)),) + GENERIC_ERROR_HINTS
        for text, hint in hints:
            if text in said and hint:
                msg = msg.rstrip(". ") + f". {hint}"
                break
        raise Stop(ERROR, msg, f"at {where}" if where else "") from None
