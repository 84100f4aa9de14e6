"""Predict, then check: which ablation of the LSTM fails on the adding problem (exercise 9).

The learner writes ``prediction()`` returning one short name (one of ``ABLATIONS``),
before seeing any result; case, quotes, a full stop and an explanation in brackets after
the name are forgiven (``"NIG (no input gate)."`` reads as ``"nig"``). ``check_prediction``
compares it with the measured experiment,
results/variants/adding_summary.json (``python -m lstm_course.variant_study``; its
"cells" rows carry "cell", "runs", "solved", "median_sequences_to_solve",
"median_test_loss"). The ablation that fails is the one that solved the task in the
fewest runs; where several tie, each of them is right. A wrong prediction is told,
from the measured numbers, what its cell did and what the failing one did.
"""
import difflib
import json
import re
from pathlib import Path

from ..adding import PLATEAU_MSE
from ..variants import family
from .core import ERROR, FAILED, PASSED, Stop, call_learner, report

ABLATIONS = ("nig", "nfg", "nog", "niaf", "noaf", "cifg")
SUMMARY = Path(__file__).resolve().parent.parent.parent / "results" / "variants" / "adding_summary.json"
NAME = "check_prediction"
_LIST = ", ".join(f"'{a}'" for a in ABLATIONS)
_NOT_ABLATIONS = {
    "lstm": "the vanilla LSTM, the baseline every ablation is compared with",
    "vanilla": "the vanilla LSTM, the baseline every ablation is compared with",
    "peephole": "the peephole LSTM, which adds a part (the peepholes) rather than removing one",
    "gru": "the GRU, a different cell (no separate memory c), not an LSTM with one part removed",
    "janet": "JANET, a different cell (the forget gate only), not an LSTM with one part removed",
    "rnn": "the plain RNN, which has no gates at all",
}
_PARTS = (("coupl", "cifg"), ("input activation", "niaf"), ("output activation", "noaf"), ("input gate", "nig"),
          ("output gate", "nog"), ("forget", "nfg"), ("1997", "nfg"))   # a description -> the short name


def _title(name):
    return family.FAMILY[name].title


_FORGIVEN = " \t\n'\"`.,;:!"       # around the name: spaces, quotes, a full stop
_GLOSSED = re.compile(r"^(\w+)[\s'\"`]*\((.*)\)$", re.DOTALL)   # 'nig (no input gate)'


def _glossed(text, value):
    """The short name of 'name (an explanation)', or None; Stop(FAILED) when the brackets begin by
    naming another ablation and never this one ('nig (NFG)', 'nig (no forget gate)')."""
    found = _GLOSSED.match(text)
    if not found or found.group(1).strip(_FORGIVEN) not in ABLATIONS:
        return None
    name, gloss = found.group(1).strip(_FORGIVEN), found.group(2)
    opening = re.match(r"\s*(?:(?:no|without)\s+(?:the\s+|an?\s+)?(input gate|forget gate|output gate|"
                       r"input activation|output activation)|([a-z]+))", gloss)
    said = opening and (opening.group(2) if opening.group(2) in ABLATIONS
                        else next((a for part, a in _PARTS if opening.group(1) and part in opening.group(1)), None))
    if said and said != name and name not in re.findall(r"[a-z]+", gloss):   # "nig (unlike nfg, nig ...)" is fine
        raise Stop(FAILED, f"your name and your words disagree: '{name}' is {_title(name)}, but the brackets "
                           f"describe '{said}'; you wrote {value!r}. Return the one you mean.")
    return name


def _distance(a, b):
    """Edit distance with adjacent transpositions (optimal string alignment): 'ngi' is 1 from 'nig'."""
    d = [[i + j if not i * j else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def _closest(name):
    """The known name nearest to a typo (at most 2 edits, ties broken by difflib's ratio), or None."""
    compact = re.sub(r"[\s_\-]", "", name)
    known = ABLATIONS + tuple(_NOT_ABLATIONS)
    best = min(known, key=lambda k: (_distance(compact, k),
                                     -difflib.SequenceMatcher(None, compact, k).ratio()))
    return best if compact and _distance(compact, best) <= min(2, max(1, len(best) // 2)) else None


_PEEKS = ("SUMMARY", "load_summary", "open", "read_text", "loads", "load", "glob", "listdir", "genfromtxt")


def _peeks(fn):
    """Whether fn's code reads a file or the measured results: a name it uses (open, json.load,
    SUMMARY, ...) or a string naming the results (its docstring aside)."""
    code = getattr(fn, "__code__", None)
    stack, names, texts = ([code] if code is not None else []), set(), []
    while stack:
        c = stack.pop()
        names.update(c.co_names)
        texts += [k for k in c.co_consts if isinstance(k, str) and k != fn.__doc__]
        stack += [k for k in c.co_consts if hasattr(k, "co_names")]
    return bool(names & set(_PEEKS)) or any("results" in t or "summary" in t.lower() or t.endswith(".json")
                                            for t in texts)


def _name(value):
    """The predicted short name, or Stop(FAILED) naming what is wrong with the answer's form."""
    if value is None:
        raise Stop(FAILED, "prediction() returned None: end it with a return of the short name, `return \"...\"` "
                           f"with one of {_LIST} (print shows a value; only return gives it to the checker).")
    if isinstance(value, (list, tuple, set, dict)):
        raise Stop(FAILED, f"one name, one prediction: return a single string, one of {_LIST}; you returned a "
                           f"{type(value).__name__} of {len(value)}. Commit to the one you expect to fail most.")
    if not isinstance(value, str):
        raise Stop(FAILED, f"return the ablation's short name as a string, one of {_LIST}; you returned "
                           f"{value!r} ({type(value).__name__}).")
    name = value.strip(_FORGIVEN).lower()
    if name in ABLATIONS:
        return name
    glossed = _glossed(name, value)
    if glossed:
        return glossed
    if name in _NOT_ABLATIONS:
        raise Stop(FAILED, f"'{name}' is {_NOT_ABLATIONS[name]}. The question is which of the six ablations, {_LIST}, "
                           "fails.")
    shorts = [a for a in ABLATIONS if a in re.findall(r"[a-z]+", name)]
    if len(shorts) > 1:
        raise Stop(FAILED, f"one name, one prediction: return a single string, one of {_LIST}; you wrote "
                           f"{len(shorts)} names in {value!r}. Commit to the one you expect to fail most.")
    spaced = re.sub(r"[\-_]", " ", name)     # 'no-input-gate' reads as 'no input gate'
    short = shorts[0] if shorts else next((a for part, a in _PARTS if part in spaced), None)
    if short:
        raise Stop(FAILED, f"write the short name: '{short}' is {_title(short)}; you wrote {value!r}. The check "
                           f"compares names (an explanation may follow the name in brackets, '{short} (...)').")
    close = _closest(name)
    mean = f" Did you mean '{close}'?" if close else ""
    raise Stop(FAILED, f"'{value}' is not one of the ablations' names, {_LIST}.{mean}")


def load_summary(path=None):
    """{cell: row} and the settings from the experiment's summary; Stop(ERROR) when it is
    missing, Stop(FAILED) when it is not the summary's format."""
    path = Path(path) if path is not None else SUMMARY
    if not path.is_file():
        raise Stop(ERROR, f"your prediction is in; the measurement it is checked against, {_shown(path)}, is not "
                             "there yet. It is written by `python -m lstm_course.variant_study` (lesson 9 "
                             "prints the command).")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = {row["cell"]: row for row in data["cells"]}
        for row in rows.values():
            int(row["solved"]), int(row["runs"])
    except (ValueError, KeyError, TypeError) as exc:
        raise Stop(FAILED, f"{path.name} is not the experiment's summary (expected 'cells' rows with 'cell', "
                           f"'solved' and 'runs'): {type(exc).__name__}: {exc}") from None
    return rows, data.get("settings", {})


def _shown(path):
    """The path relative to the course folder where it is inside it (no machine paths in notebooks)."""
    try:
        return str(path.resolve().relative_to(SUMMARY.parent.parent.parent))
    except ValueError:
        return path.name


def _numbers(row):
    """'solved 0 of 5 runs (median test MSE 0.0417, the plateau of always answering 0.5)'."""
    text = f"solved {row['solved']} of {row['runs']} runs"
    extra = []
    if row.get("median_sequences_to_solve") is not None:
        seqs = f"{int(row['median_sequences_to_solve']):,}"
        extra.append(f"{seqs} sequences in its one solved run" if int(row["solved"]) == 1
                     else f"median {seqs} sequences to solve")
    if row.get("median_test_loss") is not None:
        mse = float(row["median_test_loss"])
        plateau = abs(mse - PLATEAU_MSE) < 0.1 * PLATEAU_MSE
        extra.append(f"median test MSE {mse:.3g}" + (", near the 1/24 = 0.042 of always answering 0.5" if plateau
                                                      else ""))
    if row.get("diverged"):
        extra.append(f"{int(row['diverged'])} diverged")
    return text + (f" ({'; '.join(extra)})" if extra else "")


def _setting(settings, seeds):
    names = (("length", "T = {:,}"), ("hidden", "H = {:,}"), ("hidden_size", "H = {:,}"),
             ("max-sequences", "at most {:,} sequences"), ("max_sequences", "at most {:,} sequences"))
    bits = [form.format(settings[k]) for k, form in names if isinstance(settings.get(k), int)]
    return f" ({', '.join(bits)}{seeds})" if bits or seeds else ""


def _verdict(predicted, rows, settings):
    """(passed, text) comparing the prediction with the measured rows."""
    present = [a for a in ABLATIONS if a in rows]
    if predicted not in rows:
        raise Stop(FAILED, f"'{predicted}' was not run in this experiment; the ablations measured are "
                           f"{', '.join(present)}.")
    fewest = min(int(rows[a]["solved"]) for a in present)
    worst = [a for a in present if int(rows[a]["solved"]) == fewest]
    vanilla = next((rows[k] for k in ("lstm", "vanilla") if k in rows), None)
    base = f" The vanilla LSTM {_numbers(vanilla)}." if vanilla else ""
    runs = {int(rows[a]["runs"]) for a in present}
    seeds = f", {runs.pop()} seeds each" if len(runs) == 1 else ""
    if len(worst) == len(present):
        return True, (f"every ablation solved {fewest} of its runs: none fails more often than another here, so "
                      f"your '{predicted}' is as right as any.{base}")
    if predicted in worst:
        others = [a for a in worst if a != predicted]
        tie = f" (tied with {', '.join(others)})" if others else ""
        rest = sorted({int(rows[a]["solved"]) for a in present} - {fewest})
        after = [a for a in present if rest and int(rows[a]["solved"]) == rest[0]]
        runner = (f" Next fewest: {', '.join(_title(a) for a in after)}, {rest[0]} of {rows[after[0]]['runs']}."
                  if after else "")
        return True, (f"right: {_title(predicted)} {_numbers(rows[predicted])}, the fewest of the ablations{tie}."
                      f"{runner}{base}")
    failed = " And ".join(f"{_title(a)}, which {_numbers(rows[a])}; its step: "
                          f"{family.FAMILY[a].equations[0].replace(chr(10), ', ')}." for a in worst)
    return False, (f"measured on the adding problem{_setting(settings, seeds)}: your prediction, "
                   f"{_title(predicted)}, {_numbers(rows[predicted])}. The ablation that solved it least often: "
                   f"{failed}{base}")


def check_prediction(fn, summary=None):
    """Check fn() -> the short name of the ablation predicted to fail most often on the
    adding problem, against the summary at ``summary`` (default results/variants/adding_summary.json)."""
    try:
        if callable(fn) and _peeks(fn):
            raise Stop(FAILED, "your prediction() reads a file or the measured results (open, json, SUMMARY, "
                               "results/variants/): the task asks you to predict before looking. Return the name "
                               "you expect as a plain string, `return \"...\"`; the check then shows the "
                               "measurement.")
        predicted = _name(call_learner(fn))
        rows, settings = load_summary(summary)
        passed, text = _verdict(predicted, rows, settings)
    except Stop as stop:
        return report(NAME, stop.status, stop.hint, stop.detail)
    return report(NAME, PASSED, summary=text) if passed else report(NAME, FAILED, text)
