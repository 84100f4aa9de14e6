"""The machinery every exercise checker shares: run the learner's code safely,
compare it with the package's reference, and name the likely mistake.

A checker builds a list of ``Case``s (random inputs and edge cases: zeros, a
batch of one, large values), a reference (a function of the package) and a list
of ``Variant``s: known-wrong versions, each with the hint it stands for. When the
learner's output differs from the reference, the first variant whose output it
matches on every case names the mistake. Nothing from inside the package ever
reaches the learner as a traceback: their exception becomes one friendly line.

Every checker prints one line (plus a hint when it fails) and returns a
``CheckResult``: truthy when passed, with ``status`` and ``hint`` for tests.
"""
import os
import sys
import traceback
import warnings
from dataclasses import dataclass, field

import numpy as np

from .result import ERROR, FAILED, NOT_DONE, PASSED, CheckResult, Stop, report  # noqa: F401 (re-exported)

RTOL, ATOL = 1e-6, 1e-9        # learner and reference may compute in a different order

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
        for text, hint in error_hints:
            if text in said:
                msg += f". {hint}"
                break
        raise Stop(ERROR, msg, f"at {where}" if where else "") from None


@dataclass
class Case:
    """One input to try: a label for messages, positional and keyword arguments."""
    label: str
    args: tuple
    kwargs: dict = field(default_factory=dict)


@dataclass
class Variant:
    """A known-wrong version of the reference and the hint that names its mistake."""
    hint: str
    fn: object


def as_outputs(value, names):
    """The output as a tuple of float arrays, one per name; Stop(FAILED) if its
    structure (the number of returned values) is not what was asked for."""
    if len(names) == 1:
        value = (value,)
    elif not isinstance(value, (tuple, list)) or len(value) < len(names):
        got = f"{len(value)} values" if isinstance(value, (tuple, list)) else f"a {type(value).__name__}"
        raise Stop(FAILED, f"return {len(names)} values, ({', '.join(names)}); you returned {got}")
    out = []
    for name, v in zip(names, value):
        if isinstance(v, dict):
            out.append({k: _float_array(name, x) for k, x in v.items()})
        else:
            out.append(_float_array(name, v))
    return tuple(out)


def _float_array(name, v):
    try:
        arr = np.asarray(v, dtype=np.float64)
    except (TypeError, ValueError):
        raise Stop(FAILED, f"{name} should be a number or an array, you returned a {type(v).__name__}") from None
    return arr


def _flat(outputs, names):
    """(name, array) pairs, dict entries flattened as name['key']."""
    pairs = []
    for name, v in zip(names, outputs):
        if isinstance(v, dict):
            pairs += [(f"{name}[{k!r}]", v[k]) for k in sorted(v)]
        else:
            pairs.append((name, v))
    return pairs


def difference(got, expected, names, rtol=RTOL, atol=ATOL):
    """None when got matches expected, else a short description of the first difference."""
    for name, e, g in zip(names, expected, got):
        if isinstance(e, dict) and (not isinstance(g, dict) or set(g) != set(e)):
            keys = sorted(g) if isinstance(g, dict) else f"a {type(g).__name__}"
            return f"{name} must be a dict with keys {sorted(e)}, got {keys}"
        if isinstance(g, dict) and not isinstance(e, dict):
            return f"{name} must be an array, got a dict"
    for (name, e), (_, g) in zip(_flat(expected, names), _flat(got, names)):
        if g.shape != e.shape:
            return f"{name} has shape {g.shape}, expected {e.shape}"
        if not np.all(np.isfinite(g)) and np.all(np.isfinite(e)):
            return f"{name} contains nan or inf"
        if not np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True):
            err = float(np.max(np.abs(g - e)))
            return f"{name} differs from the reference by up to {err:.3g}"
    return None


def _matches(got, expected, names, rtol, atol):
    if expected is None:
        return False
    try:
        return difference(got, expected, names, rtol, atol) is None
    except Exception:  # a variant that cannot even be compared does not match
        return False


def fresh(case):
    """A copy of the case whose arrays (also inside dicts) are copies: the
    learner's function may change its inputs without spoiling the next call."""
    def copy(v):
        if isinstance(v, np.ndarray):
            return v.copy()
        if isinstance(v, dict):
            return {k: copy(x) for k, x in v.items()}
        if isinstance(v, (tuple, list)):
            return type(v)(copy(x) for x in v)
        return v
    return Case(case.label, tuple(copy(a) for a in case.args), {k: copy(v) for k, v in case.kwargs.items()})


def diagnose(name, learner, reference, cases, variants, outputs, *, summary,
             rtol=RTOL, atol=ATOL, fallback_hint="", prepare=fresh, error_hints=()):
    """Run the learner on every case, compare with the reference, name the mistake.

    - learner, reference: functions with the same signature; each variant's ``fn`` too.
    - outputs: the names of the returned values, e.g. ("c_new", "a").
    - prepare(case) -> case: fresh copies of the inputs for each call (the learner,
      the reference and each variant get their own).
    - error_hints: passed to ``call_learner``.
    Returns the CheckResult (printed).
    """
    try:
        results = []
        for case in cases:
            c = prepare(case)
            got = as_outputs(call_learner(learner, *c.args, error_hints=error_hints, **c.kwargs), outputs)
            c = prepare(case)
            with np.errstate(all="ignore"):
                expected = as_outputs(reference(*c.args, **c.kwargs), outputs)
            results.append((case, got, expected))
        failing = [(case, g, e) for case, g, e in results if difference(g, e, outputs, rtol, atol)]
        if not failing:
            return report(name, PASSED, summary=summary)
        for variant in variants:
            if all(_matches(g, _run_variant(variant, prepare(case), outputs), outputs, rtol, atol)
                   for case, g, _ in results):
                case, g, e = failing[0]
                return report(name, FAILED, variant.hint,
                              f"case '{case.label}': {difference(g, e, outputs, rtol, atol)}")
        case, g, e = failing[0]
        return report(name, FAILED, fallback_hint, f"case '{case.label}': {difference(g, e, outputs, rtol, atol)}")
    except Stop as stop:
        return report(name, stop.status, stop.hint, stop.detail)


def _run_variant(variant, case, outputs):
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return as_outputs(variant.fn(*case.args, **case.kwargs), outputs)
    except Exception:  # this mistake does not even run on this case: no match
        return None


def guarded(name):
    """Decorator for checkers that do their own comparisons: a ``Stop`` raised
    inside becomes the printed result."""
    def wrap(checker):
        def run(*args, **kwargs):
            try:
                return checker(*args, **kwargs)
            except Stop as stop:
                return report(name, stop.status, stop.hint, stop.detail)
        run.__name__, run.__doc__, run.__wrapped__ = checker.__name__, checker.__doc__, checker
        return run
    return wrap
