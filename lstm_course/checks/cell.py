"""Checkers for one memory cell (lesson 2) and its coupled-gate variant.

memory_cell(s, c, g=tanh, h=tanh): the four signals come stacked in one array s of
shape c.shape + (4,), s[..., 0:4] = z, z_i, z_f, z_o (the lecture's order, on the
last axis, a step toward lesson 4's stacked pre-activation);
c' = g(z) f(z_i) + c f(z_f), a = h(c') f(z_o), both shaped like c, with g and h
keyword parameters whose default is tanh (lesson 3 passes the identity).
cifg_cell: the coupled input-forget gate cell, whose input gate is 1 - f(z_f):
c' = g(z) (1 - f(z_f)) + c f(z_f), a = h(c') f(z_o).

Reference: ``lstm_course.cell.memory_cell`` (the CIFG cell is it with z_i = -z_f,
since 1 - f(z_f) = f(-z_f)). Each wrong variant is the reference fed the wrong
thing (gates swapped, an activation left out), so the hints stay in step with the
package. Cases: scalars, arrays, zeros, a batch of one, gate signals of +-100,
float32 (float32 out), whole numbers (float64 out) and the identity g, h.
"""
import inspect
import itertools

import numpy as np

from ..activations import identity, sigmoid, tanh
from ..cell import memory_cell
from .core import FAILED, Case, Variant, diagnose, report


def _cases(n_signals):
    """Cases for a cell taking n_signals arrays (z, [z_i,] z_f, z_o, c)."""
    rng = np.random.default_rng(1)
    r = lambda *shape: rng.normal(0, 2, size=shape)  # noqa: E731
    big = lambda: 100 * np.sign(r(2, 3))              # noqa: E731
    scalars = (0.5, 2.0, -1.0, 3.0, 1.5)[-n_signals:]
    return [
        Case("scalars", scalars),
        Case("random (3, 4)", tuple(r(3, 4) for _ in range(n_signals))),
        Case("zeros (2, 3)", tuple(np.zeros((2, 3)) for _ in range(n_signals))),
        Case("a batch of one (1, 4)", tuple(r(1, 4) for _ in range(n_signals))),
        Case("large gate signals (+-100)", (r(2, 3),) + tuple(big() for _ in range(n_signals - 2)) + (r(2, 3),)),
        Case("float32 (2, 3): float32 out", tuple(r(2, 3).astype(np.float32) for _ in range(n_signals))),
        Case("whole numbers (ints): float64 out", tuple(rng.integers(-3, 4, size=(2, 3)) for _ in range(n_signals))),
        # The lecture's cell adds 3 to a memory of 4 and reads it out; the CIFG cell, its forget
        # gate closed, replaces the 4 by 3.
        Case("g, h identity (the lecture's cell)" if n_signals == 5 else "g, h identity: replace 4 by 3",
             (3.0, 90.0, 110.0, 90.0, 4.0) if n_signals == 5 else (3.0, -110.0, 90.0, 4.0),
             {"g": identity, "h": identity}),
        Case("g, h identity, random (2, 3)", tuple(r(2, 3) for _ in range(n_signals)), {"g": identity, "h": identity}),
    ]


def _signature_hint(fn, name, signature):
    """A hint when fn cannot take g and h as keywords with defaults, takes z_i where it must
    not (CIFG), or still takes the four signals one by one (the stacked memory cell)."""
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return None
    if any(p.kind == p.VAR_KEYWORD for p in params.values()):
        return None
    if name == "cifg_cell" and "z_i" in params:
        return (f"the CIFG cell has no input-gate signal z_i: its input gate is 1 - f(z_f), computed from the "
                f"forget gate's signal. Write `def {signature}`.")
    positional = [p for p in params.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                  and p.name not in ("g", "h")]
    if name == "memory_cell" and (len(positional) > 2 or "z_i" in params):
        return (f"memory_cell takes the four signals stacked in ONE array s of shape c.shape + (4,), then c: "
                f"`def {signature}`, with z = s[..., 0], z_i = s[..., 1], z_f = s[..., 2], z_o = s[..., 3]; "
                "yours still takes them one by one.")
    missing = [k for k in ("g", "h") if k not in params or params[k].kind == params[k].POSITIONAL_ONLY]
    if missing:
        return (f"{name} must take g and h as keyword parameters with tanh as their default: `def {signature}`. "
                "Lesson 3 calls the cell with g=identity, h=identity, which your function cannot take.")
    no_default = [k for k in ("g", "h") if params[k].default is inspect.Parameter.empty]
    if no_default:
        return (f"give {' and '.join(no_default)} a default value, tanh: `def {signature}`, so that "
                f"{name}(...) without g and h is the usual tanh cell.")
    return None


def _output_reads_old_memory(cell):
    def wrong(*signals, g=tanh, h=tanh):
        c_new, _ = cell(*signals, g=g, h=h)
        return c_new, h(np.asarray(signals[-1])) * sigmoid(signals[-2])
    return wrong


def _gate_inside_h(cell):
    def wrong(*signals, g=tanh, h=tanh):
        c_new, _ = cell(*signals, g=g, h=h)
        return c_new, h(c_new * sigmoid(signals[-2]))
    return wrong


def _swapped_return(cell):
    def wrong(*signals, g=tanh, h=tanh):
        c_new, a = cell(*signals, g=g, h=h)
        return a, c_new
    return wrong


def _common_variants(cell, gate):
    """Mistakes any cell can make; ``cell`` is the right cell, gate its gate name for hints."""
    return [
        Variant("the output reads the new memory c', not the old c: a = h(c') f(z_o).", _output_reads_old_memory(cell)),
        Variant("the output gate scales h(c'); it does not go inside h: a = h(c') f(z_o), yours is "
                "h(c' f(z_o)).", _gate_inside_h(cell)),
        Variant("apply h to the new memory before the output gate: a = h(c') f(z_o).",
                lambda *s, g=tanh, h=tanh: cell(*s, g=g, h=identity)),
        Variant(f"apply g to the cell input: c' = g(z) {gate} + c f(z_f).",
                lambda *s, g=tanh, h=tanh: cell(*s, g=identity, h=h)),
        Variant("use the g and h you are given: with g=identity, h=identity your cell still applies tanh. Write "
                "g(z) and h(c_new) (and pass g=g, h=h on when you call another cell), not np.tanh, so that lesson "
                "3 can pass the identity.", lambda *s, g=tanh, h=tanh: cell(*s, g=tanh, h=tanh)),
        Variant("use the h you are given: with h=identity your output still applies tanh. Write h(c_new), not "
                "np.tanh(c_new), so that lesson 3 can pass the identity.",
                lambda *s, g=tanh, h=tanh: cell(*s, g=g, h=tanh)),
        Variant("use the g you are given: with g=identity your cell still applies tanh to z. Write g(z), not "
                "np.tanh(z), so that lesson 3 can pass the identity.",
                lambda *s, g=tanh, h=tanh: cell(*s, g=tanh, h=h)),
        Variant("the defaults must be tanh: g=tanh, h=tanh. Lesson 3 passes the identity itself when it wants it.",
                lambda *s, g=identity, h=identity: cell(*s, g=g, h=h)),
        Variant("return (c_new, a): the new memory first, then the output.", _swapped_return(cell)),
    ]


def _cell5(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    return memory_cell(z, z_i, z_f, z_o, c, g=g, h=h)


def _unstack(s):
    s = np.asarray(s)
    return tuple(s[..., k] for k in range(4))


def _stacked(cell5, order=(0, 1, 2, 3)):
    """cell5(z, z_i, z_f, z_o, c, g, h) as a cell of (s, c, g, h): z, z_i, z_f, z_o read
    from s[..., order[0]], s[..., order[1]], ... (the right order is 0, 1, 2, 3)."""
    def cell(s, c, **g_h):   # g and h only when given: a variant's own defaults stay
        signals = _unstack(s)
        return cell5(*(signals[k] for k in order), c, **g_h)
    return cell


def _cell(s, c, g=tanh, h=tanh):
    """The reference: s[..., 0:4] = z, z_i, z_f, z_o (shape c.shape + (4,)); (c_new, a) shaped like c."""
    return _cell5(*_unstack(s), c, g=g, h=h)


def stack_signals(z, z_i, z_f, z_o):
    """The four signals stacked on a new last axis, as memory_cell takes them."""
    return np.stack(np.broadcast_arrays(*(np.asarray(v) for v in (z, z_i, z_f, z_o))), axis=-1)


def _kept_axis(s, c, g=tanh, h=tanh):
    """The signals sliced with s[..., k:k + 1] (or np.split): a last axis of length 1 kept."""
    s = np.asarray(s)
    return _cell5(*(s[..., k:k + 1] for k in range(4)), np.asarray(c)[..., None], g=g, h=h)


_NAMES = ("z", "z_i", "z_f", "z_o")
LAYOUT = ("the four signals lie on the LAST axis of s, in the lecture's order: z = s[..., 0], z_i = s[..., 1], "
          "z_f = s[..., 2], z_o = s[..., 3]")


def _order_hint(order):
    read = ", ".join(f"{n} from s[..., {k}]" for n, k in zip(_NAMES, order))
    if tuple(order) == (3, 0, 1, 2):
        return LAYOUT + "; you read the gates first (z_i, z_f, z_o, z): " + read + "."
    if tuple(order) == (1, 2, 3, 0):
        return LAYOUT + "; your indices are off by one (" + read + ")."
    return LAYOUT + "; you read " + read + "."


_FIVE_VARIANTS = [
    Variant("your forget gate multiplies the new input instead of the old memory: "
            "c' = g(z) f(z_i) + c f(z_f), the input gate scales what is written, the forget gate what is kept.",
            lambda z, z_i, z_f, z_o, c, g=tanh, h=tanh: memory_cell(z, z_f, z_i, z_o, c, g=g, h=h)),
    Variant("each gate signal must pass through the sigmoid f first: f(z_i), f(z_f), f(z_o) are "
            "openings between 0 and 1.",
            lambda z, z_i, z_f, z_o, c, g=tanh, h=tanh: memory_cell(z, z_i, z_f, z_o, c, f=identity, g=g, h=h)),
    Variant("the new memory must keep the old one: add c f(z_f) to what is written.",
            lambda z, z_i, z_f, z_o, c, g=tanh, h=tanh: memory_cell(z, z_i, z_f, z_o, 0 * np.asarray(c), g=g, h=h)),
    Variant("the forget gate scales only the old memory: c' = g(z) f(z_i) + c f(z_f); yours multiplies the "
            "sum (g(z) f(z_i) + c) by f(z_f).",
            lambda z, z_i, z_f, z_o, c, g=tanh, h=tanh: (
                (g(z) * sigmoid(z_i) + c) * sigmoid(z_f), h((g(z) * sigmoid(z_i) + c) * sigmoid(z_f)) * sigmoid(z_o))),
    Variant("the input gate scales what g gives: c' = g(z) f(z_i) + c f(z_f); yours puts it inside g, "
            "g(z f(z_i)).",
            lambda z, z_i, z_f, z_o, c, g=tanh, h=tanh: memory_cell(
                np.asarray(z) * sigmoid(z_i), 1e9 * np.ones_like(np.asarray(z_i, dtype=float)), z_f, z_o, c, g=g, h=h)),
] + _common_variants(_cell5, "f(z_i)")

VARIANTS = [Variant(v.hint, _stacked(v.fn)) for v in _FIVE_VARIANTS] + [
    Variant(_order_hint(order), _stacked(_cell5, order))
    for order in [(3, 0, 1, 2), (1, 2, 3, 0)] + [p for p in itertools.permutations(range(4))
                                                 if p not in ((0, 1, 2, 3), (0, 2, 1, 3), (3, 0, 1, 2), (1, 2, 3, 0))]
] + [
    Variant("s[..., 0:1] (or np.split(s, 4, axis=-1)) keeps a last axis of length 1: take each signal with an "
            "index, z = s[..., 0], so that c_new and a are shaped like c.", _kept_axis),
]

_NUMPY_HINT = ("use numpy's functions (np.tanh, np.exp), which work on whole arrays; math.tanh and math.exp "
               "take one number only.")
ERROR_HINTS = (("Python scalars", _NUMPY_HINT), ("only length-1 arrays", _NUMPY_HINT),
               ("only 0-dimensional arrays", _NUMPY_HINT), ("must be real number", _NUMPY_HINT))
_FIRST_AXIS = (LAYOUT + " (s has shape c.shape + (4,)). `z, z_i, z_f, z_o = s`, s[0] or np.split(s, 4) read the "
               "FIRST axis, which is the batch when c is an array; s[..., 0:1] or np.split(s, 4, axis=-1) keep a "
               "last axis of length 1 that no longer fits c. Index the last axis: s[..., k].")
CELL_ERROR_HINTS = ERROR_HINTS + (
    ("values to unpack", _FIRST_AXIS), ("could not be broadcast", _FIRST_AXIS),
    ("array split does not result", _FIRST_AXIS),
    ("out of bounds", "s has 4 signals on its LAST axis, indices 0 to 3 (Python counts from 0): z = s[..., 0], "
                      "z_i = s[..., 1], z_f = s[..., 2], z_o = s[..., 3]; s[k] or s[k, ...] index the first axis "
                      "(the batch when c is an array)."),
    ("too many indices", "s has shape c.shape + (4,): for one cell (c a number) it is just (4,), for c of shape "
                         "(B, H) it is (B, H, 4). Read the signals with s[..., k], which works for every shape, "
                         "not s[:, k] or s[:, :, k]."),
    ("positional argument", "memory_cell takes two arguments, (s, c): the four signals stacked in s, then c."),
)


def _stacked_case(case):
    z, z_i, z_f, z_o, c = case.args
    return Case(case.label, (stack_signals(z, z_i, z_f, z_o), c), case.kwargs, case.note, case.rtol, case.atol)


def check_memory_cell(fn):
    """Check fn(s, c, g=tanh, h=tanh) -> (c_new, a), s[..., 0:4] = z, z_i, z_f, z_o of shape
    c.shape + (4,), against ``cell.memory_cell``."""
    name, signature = "check_memory_cell", "memory_cell(s, c, g=tanh, h=tanh)"
    if callable(fn):
        hint = _signature_hint(fn, "memory_cell", signature)
        if hint:
            return report(name, FAILED, hint)
    rng = np.random.default_rng(3)
    cases = [_stacked_case(c) for c in _cases(5)] + [
        Case("c (4, 4): the first axis also has 4 entries", (rng.normal(0, 2, size=(4, 4, 4)), rng.normal(size=(4, 4))))]
    return diagnose(name, fn, _cell, cases, VARIANTS, ("c_new", "a"),
                    arg_names=("s", "c"), error_hints=CELL_ERROR_HINTS,
                    summary="c' and a match lstm_course's memory_cell with s[..., 0:4] = z, z_i, z_f, z_o on "
                            "scalars, arrays, zeros, a batch of one, large gate signals, float32, whole numbers "
                            "and the lecture's identity g, h; s and c are left unchanged.")


# --------------------------------------------------------------------------- the CIFG cell
def cifg_reference(z, z_f, z_o, c, g=tanh, h=tanh):
    """c' = g(z) (1 - f(z_f)) + c f(z_f), a = h(c') f(z_o): the memory cell with z_i = -z_f."""
    return memory_cell(z, -np.asarray(z_f), z_f, z_o, c, g=g, h=h)


def _sig_of(v):
    return sigmoid(np.asarray(v, dtype=float))


CIFG_VARIANTS = [
    Variant("the forget gate f(z_f) keeps the old memory and the input gate is what it lets go, 1 - f(z_f): "
            "c' = g(z) (1 - f(z_f)) + c f(z_f). Yours has them the other way round.",
            lambda z, z_f, z_o, c, g=tanh, h=tanh: memory_cell(z, z_f, -np.asarray(z_f), z_o, c, g=g, h=h)),
    Variant("one gate for both terms is not coupling: the input gate is 1 - f(z_f), what the forget gate lets "
            "go, so that c' = g(z) (1 - f(z_f)) + c f(z_f).",
            lambda z, z_f, z_o, c, g=tanh, h=tanh: memory_cell(z, z_f, z_f, z_o, c, g=g, h=h)),
    Variant("take 1 - ... after the sigmoid: the input gate is 1 - f(z_f), an opening; f(1 - z_f) is a "
            "different number.",
            lambda z, z_f, z_o, c, g=tanh, h=tanh: memory_cell(z, 1 - np.asarray(z_f), z_f, z_o, c, g=g, h=h)),
    Variant("only the input and forget gates are coupled; the output gate is its own: a = h(c') f(z_o).",
            lambda z, z_f, z_o, c, g=tanh, h=tanh: cifg_reference(z, z_f, -np.asarray(z_o), c, g=g, h=h)),
] + _common_variants(cifg_reference, "(1 - f(z_f))")


_CALL_CELL = ("your memory_cell (Task 3) takes (s, c): stack the four signals on a new last axis first, "
              "memory_cell(np.stack([z, z_i, z_f, z_o], axis=-1), c, g=g, h=h), with the z_i that makes "
              "f(z_i) = 1 - f(z_f).")
_STACK_AXIS = ("if you call memory_cell: it takes s of shape c.shape + (4,), the four signals on the LAST axis, "
               "np.stack([z, z_i, z_f, z_o], axis=-1). np.stack(...) without axis=-1 (axis=0) puts them on the "
               "first axis, and memory_cell then reads rows of the batch as signals.")
CIFG_ERROR_HINTS = ERROR_HINTS + (("could not be broadcast", _STACK_AXIS), ("values to unpack", _STACK_AXIS),
                                  ("positional argument", _CALL_CELL), ("multiple values for argument", _CALL_CELL),
                                  ("unexpected keyword argument", _CALL_CELL))


def check_cifg_cell(fn):
    """Check fn(z, z_f, z_o, c, g=tanh, h=tanh) -> (c_new, a), the coupled input-forget gate cell."""
    name, signature = "check_cifg_cell", "cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh)"
    if callable(fn):
        hint = _signature_hint(fn, "cifg_cell", signature)
        if hint:
            return report(name, FAILED, hint)
    return diagnose(name, fn, cifg_reference, _cases(4), CIFG_VARIANTS, ("c_new", "a"),
                    arg_names=("z", "z_f", "z_o", "c"), error_hints=CIFG_ERROR_HINTS,
                    summary="c' = g(z) (1 - f(z_f)) + c f(z_f) and a = h(c') f(z_o) on scalars, arrays, zeros, "
                            "a batch of one, large gate signals, float32, whole numbers and the identity g, h; "
                            "c is left unchanged.")
