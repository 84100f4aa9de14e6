"""The machinery every exercise checker shares: run the learner's code safely,
compare it with the package's reference, and name the likely mistake.

A checker builds a list of ``Case``s (random inputs and edge cases: zeros, a
batch of one, large values), a reference (a function of the package) and a list
of ``Variant``s: known-wrong versions, each with the hint it stands for. When the
learner's output differs from the reference, the first variant whose output it
matches on every case names the mistake. Before the numbers, the guards
(``guards.py``) check that the inputs came back unchanged and that each output is
the kind of thing the reference returns (an array, its dtype); after them, when no
variant matches, the notes of the failing cases or the generic diagnosis
(``diagnosis.py``: which output, which gate block, which time step, what
transformation) name what was seen. Nothing from inside the package ever reaches
the learner as a traceback: their exception becomes one friendly line (``calling.py``).

Every checker prints one line (plus a hint when it fails) and returns a
``CheckResult``: truthy when passed, with ``status`` and ``hint`` for tests.
"""
import inspect
import warnings
from dataclasses import dataclass, field

import numpy as np

from . import guards
from .calling import GENERIC_ERROR_HINTS, call_learner  # noqa: F401 (re-exported)
from .diagnosis import describe_specific, transform
from .outputs import (ATOL, RTOL, as_outputs, difference, flat, matches, raw_outputs,  # noqa: F401 (re-exported)
                      structure, wrong_outputs)
from .result import ERROR, FAILED, NOT_DONE, PASSED, CheckResult, Stop, report  # noqa: F401 (re-exported)



@dataclass
class Case:
    """One input to try: a label for messages, positional and keyword arguments.

    note: a hint shown when the learner fails only on cases that carry notes (e.g.
    "a batch of one: ..."). rtol, atol: this case's tolerance (default: the
    checker's, looser for float32 inputs)."""
    label: str
    args: tuple
    kwargs: dict = field(default_factory=dict)
    note: str = ""
    rtol: float = None
    atol: float = None


@dataclass
class Variant:
    """A known-wrong version of the reference and the hint that names its mistake."""
    hint: str
    fn: object


F32_RTOL, F32_ATOL = 1e-4, 1e-6   # float32 keeps about 7 digits


def _has_float32(value):
    if isinstance(value, (np.ndarray, np.generic)) or guards.is_tensor(value):
        return "float32" in str(value.dtype)
    if isinstance(value, dict):
        return any(_has_float32(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_float32(v) for v in value)
    return False


def tolerance(case, rtol=RTOL, atol=ATOL):
    """(rtol, atol) for a case: its own, else the checker's, looser when it has float32 inputs."""
    if _has_float32(case.args) or _has_float32(case.kwargs):
        rtol, atol = max(rtol, F32_RTOL), max(atol, F32_ATOL)
    return (case.rtol if case.rtol is not None else rtol), (case.atol if case.atol is not None else atol)


def fresh(case):
    """A copy of the case whose arrays and tensors (also inside dicts, lists and
    tuples) are copies: every call gets inputs of its own."""
    return Case(case.label, guards.snapshot(case.args), guards.snapshot(case.kwargs),
                case.note, case.rtol, case.atol)


def _arg_names(reference, arg_names):
    if arg_names is not None:
        return tuple(arg_names)
    try:
        params = inspect.signature(reference).parameters.values()
    except (TypeError, ValueError):
        return ()
    return tuple(p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))


def _guard_types(raw_got, raw_expected, names, check):
    """A type hint (check=guards.type_hint) or dtype hint (guards.dtype_hint) for the
    first output that is the wrong kind of thing, else None."""
    for name, g, e in zip(names, raw_got, raw_expected):
        if isinstance(e, dict) and isinstance(g, dict):
            pairs = [(f"{name}[{k!r}]", g[k], e[k]) for k in sorted(e) if k in g]
        else:
            pairs = [(name, g, e)]
        for n, gv, ev in pairs:
            hint = check(n, gv, ev)
            if hint:
                return hint
    return None


def explain(got, expected, names, layout=None, rtol=RTOL, atol=ATOL, with_specific=False, use_transform=True):
    """The generic diagnosis of one case: which output is wrong, how it differs, and
    which outputs are right. ``layout`` maps an output's (flat) name to its axes' tags.
    With ``with_specific``, (text, whether a telling pattern was found)."""
    layout = layout or {}
    wrong = wrong_outputs(got, expected, names, rtol, atol)
    if not wrong:
        return ""
    described = []
    for name, g, e in wrong:   # the first output with a telling pattern, else the first one
        tags = layout.get(name, layout.get(name.split("[")[0]))
        described.append((name,) + describe_specific(name, g, e, tags, rtol, atol, use_transform))
    name, seen, specific = next((d for d in described if d[2]), described[0])
    wrong = [w for w in wrong if w[0] == name] + [w for w in wrong if w[0] != name]
    wrong_names = {n for n, _, _ in wrong}
    right = [n for n, _ in flat(expected, names) if n not in wrong_names]
    if right:
        seen += f" ({', '.join(right)} {'is' if len(right) == 1 else 'are'} right"
        seen += f"; {', '.join(n for n, _, _ in wrong[1:])} also differ{'s' if len(wrong) == 2 else ''})" \
            if len(wrong) > 1 else ")"
    return (seen + ".", specific, name) if with_specific else seen + "."


def _transform_holds_everywhere(name, failing, outputs):
    """Whether a whole-array relation (sign, factor, zeros, ...) seen in output ``name``
    is the same in every failing case where that output has two or more values:
    a relation that one case shows by chance must not be claimed."""
    seen = set()
    for _, g, e, tol in failing:
        got, exp = dict(flat(g, outputs)).get(name), dict(flat(e, outputs)).get(name)
        if got is None or exp is None:
            continue
        got, exp = np.asarray(got, dtype=np.float64), np.asarray(exp, dtype=np.float64)
        if got.shape != exp.shape or got.size < 2 or np.allclose(got, exp, rtol=tol[0], atol=tol[1]):
            continue
        seen.add(transform(name, got, exp, *tol))
    return len(seen) <= 1


def _explain_failing(failing, outputs, layout):
    """The generic diagnosis from the failing case that shows most: the largest one
    whose difference has a telling pattern (one number fits any pattern), else the first."""
    by_size = sorted(failing, key=lambda f: -sum(np.size(v) for _, v in flat(f[2], outputs)))
    for _, g, e, tol in by_size:
        seen, specific, name = explain(g, e, outputs, layout, *tol, with_specific=True)
        if specific and not _transform_holds_everywhere(name, failing, outputs):
            seen, specific, name = explain(g, e, outputs, layout, *tol, with_specific=True, use_transform=False)
        if specific:
            return seen
    _, g, e, tol = failing[0]
    return explain(g, e, outputs, layout, *tol)


def diagnose(name, learner, reference, cases, variants, outputs, *, summary,
             rtol=RTOL, atol=ATOL, fallback_hint="", prepare=fresh, error_hints=(),
             arg_names=None, mutable=(), layout=None):
    """Run the learner on every case, compare with the reference, name the mistake.

    - learner, reference: functions with the same signature; each variant's ``fn`` too.
    - outputs: the names of the returned values, e.g. ("c_new", "a").
    - prepare(case) -> case: fresh copies of the inputs for each call (the learner,
      the reference and each variant get their own).
    - error_hints: passed to ``call_learner``.
    - arg_names: the arguments' names for messages (default: the reference's);
      mutable: those the function may change in place (all others must come back unchanged).
    - layout: {output name: axis tags} for the generic diagnosis ("T" time, "G" gate blocks).

    In order: the inputs are unchanged; each output is the kind of thing the
    reference returns (array, not list; its dtype); the values; the first variant
    that matches on every case names the mistake; else the notes of the failing
    cases; else the generic diagnosis (``diagnosis.describe``) names what it sees.
    Returns the CheckResult (printed).
    """
    names_in = _arg_names(reference, arg_names)
    dtype_problem = None   # (hint, detail) of the first output of the wrong dtype
    try:
        results = []
        for case in cases:
            c = prepare(case)
            before = guards.snapshot((c.args, c.kwargs))
            raw = call_learner(learner, *c.args, error_hints=error_hints, **c.kwargs)
            paths = guards.changed_arguments(before[0], c.args, before[1], c.kwargs, names_in, mutable)
            if paths:
                tensors = any(guards.is_tensor(v) for v in before[0])
                raise Stop(FAILED, guards.input_changed_hint(paths, tensors), f"case '{case.label}'")
            got = as_outputs(raw, outputs)
            c = prepare(case)
            with np.errstate(all="ignore"):
                raw_expected = reference(*c.args, **c.kwargs)
            expected = as_outputs(raw_expected, outputs)
            problem = structure(got, expected, outputs)
            if problem:
                raise Stop(FAILED, problem, f"case '{case.label}'")
            raw_got, raw_expected = raw_outputs(raw, outputs), raw_outputs(raw_expected, outputs)
            hint = _guard_types(raw_got, raw_expected, outputs, guards.type_hint)
            if hint:
                raise Stop(FAILED, hint, f"case '{case.label}'")
            if dtype_problem is None:
                hint = _guard_types(raw_got, raw_expected, outputs, guards.dtype_hint)
                dtype_problem = hint and (hint, f"case '{case.label}'")
            results.append((case, got, expected, tolerance(case, rtol, atol)))
        failing = [(case, g, e, tol) for case, g, e, tol in results if difference(g, e, outputs, *tol)]
        if not failing:   # right values, yet the wrong dtype: named; else passed
            return report(name, FAILED, *dtype_problem) if dtype_problem else report(name, PASSED, summary=summary)
        case, g, e, tol = failing[0]
        detail = f"case '{case.label}': {difference(g, e, outputs, *tol)}"
        if len(failing) < len(results):
            detail += f"; right on {len(results) - len(failing)} of {len(results)} cases"
        for variant in variants:   # a known mistake first: it says why (a dtype slip may be its symptom)
            if all(matches(g, _run_variant(variant, prepare(c), outputs), outputs, *tol)
                   for c, g, _, tol in results):
                return report(name, FAILED, variant.hint, detail)
        if dtype_problem:
            return report(name, FAILED, *dtype_problem)
        notes = [c.note for c, _, _, _ in failing]
        if all(notes) and len(failing) < len(results):
            return report(name, FAILED, " ".join(dict.fromkeys(notes)), detail)
        seen = _explain_failing(failing, outputs, layout)
        hint = f"{fallback_hint} What I see: {seen}" if fallback_hint else seen
        if len(failing) < len(results):
            wrong_labels = {id(f[0]) for f in failing}
            right = ", ".join(f"'{c.label}'" for c, _, _, _ in results if id(c) not in wrong_labels)
            hint += f" Your function is right on {right} but not on '{case.label}'."
        return report(name, FAILED, hint, detail)
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
