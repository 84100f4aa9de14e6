"""Lesson 09 (which gate matters?): its structure; the equations, parameter counts and
tables it prints come from the cells and the committed results; every number its prose
quotes is printed; its figures show what they say."""
import json
import re
from pathlib import Path

import numpy as np
import pytest

from lstm_course.cells import VARIANTS, get_cell
from lstm_course.plots import variants as pv

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "notebooks" / "09_which_gate_matters.ipynb"
SUMMARIES = {task: ROOT / "results" / "variants" / f"{task}_summary.json" for task in ("adding", "chars")}


def _cells():
    return json.loads(LESSON.read_text(encoding="utf-8"))["cells"]


def _source(c):
    return "".join(c["source"]) if isinstance(c["source"], list) else c["source"]


def _outputs(c):
    out = []
    for o in c.get("outputs", []):
        for text in (o.get("text"), o.get("data", {}).get("text/plain"), o.get("data", {}).get("text/markdown")):
            if text:
                out.append("".join(text) if isinstance(text, list) else text)
    return "\n".join(out)


def _printed():
    return "\n".join(_outputs(c) for c in _cells())


def _prose():
    return "\n".join(_source(c) for c in _cells() if c["cell_type"] == "markdown")


def _summary(task):
    return json.loads(SUMMARIES[task].read_text())


def test_lesson09_structure():
    cells = _cells()
    assert json.loads(LESSON.read_text())["metadata"]["kernelspec"]["name"] == "python3"
    text = _prose()
    assert "What you will learn" in text and "## Summary" in text
    assert "my_exercises/09_which_gate_matters.ipynb" in text
    for before, c in zip(cells, cells[1:]):
        if c["cell_type"] == "code":
            assert before["cell_type"] == "markdown", "a code cell without a sentence before it"
    tagged = [_source(c) for c in cells if "nbval-ignore-output" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1 and "cell_explorer(" in tagged[0] and "variant=" in tagged[0]  # only the widget
    for paper in ("Greff", "Jozefowicz", "van der Westhuizen", "Hochreiter"):
        assert paper in text
    assert "209,000" in text and "853,000" in text and "peephole" in text


def test_equations_are_the_cells_own():
    # one source: the table the lesson shows is made from each cell's ``equations``
    printed = _printed()
    for name in VARIANTS[:8]:
        assert get_cell(name).equations[1] in printed, name
    for name in ("janet", "gru"):
        assert get_cell(name).equations in printed, name


def test_parameter_counts_printed_are_the_cells():
    printed = _printed()
    D, H = 2, 32
    for name in VARIANTS:
        cell = get_cell(name)
        G = len(cell.gates)
        expected = G * H * (D + H + 2) + (3 * H if name == "peephole" else 0)
        assert sum(v.size for v in cell.init_params(D, H).values()) == expected
        assert re.search(rf"^{name}\s.*\s{expected:,} parameters", printed, re.M), name


@pytest.mark.parametrize("task", ["adding", "chars"])
def test_tables_are_the_committed_results(task):
    # the lesson reads results/variants/*.json; its printed table is that file's, not an older copy
    assert pv.results_table(_summary(task)) in _printed()
    assert _summary(task)["command"] in _printed()


def test_numbers_quoted_in_prose_are_printed():
    printed = _printed()
    quoted = re.findall(r"`([+-]?\d[\d,]*(?:\.\d+)?)`", _prose())
    assert len(quoted) >= 3
    for number in quoted:
        assert number in printed, f"the lesson quotes {number} but never prints it"


# --- its figures -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def lesson():
    from test_figures import _run_lesson   # runs the code cells (not the explorer), collects figures
    return _run_lesson(LESSON.stem)


def _figure(figures, needle):
    """The one figure made by the code cell whose source holds ``needle``."""
    cells = _cells()
    found = [figs for k, figs in figures.items() if needle in _source(cells[k])]
    assert len(found) == 1 and len(found[0]) == 1, needle
    return found[0][0]


def test_lesson09_figures(lesson):
    ns, figures = lesson
    cells = _cells()
    with_pictures = [k for k, c in enumerate(cells) if c["cell_type"] == "code"
                     and any("image/png" in o.get("data", {}) for o in c.get("outputs", []))]
    explorer = [k for k in with_pictures if "cell_explorer(" in _source(cells[k])]
    assert sorted(figures) == [k for k in with_pictures if k not in explorer], "a figure cell changed: test it here"

    grid = _figure(figures, "draw_variants")
    shown = [ax for ax in grid.axes if ax.get_visible()]
    assert [ax.get_title().split(":")[0] for ax in shown] == list(VARIANTS)
    for ax, name in zip(shown, VARIANTS):
        style = pv.variant_style(get_cell(name))
        assert set(ax.variant_parts) - {"notes", "peepholes"} == \
            set(style["removed"]) | ({"input gate"} if style["coupled"] else set())
        assert bool(ax.variant_parts["peepholes"]) == (name == "peephole")

    solved_ax, _, test_ax = _figure(figures, "plot_adding_results").axes
    adding = ns["adding"]["cells"]
    assert [b.get_width() for b in solved_ax.patches] == [c["solved"] / c["runs"] for c in adding]
    chars_ax = _figure(figures, "plot_chars_results").axes[0]
    known = [c["median_test_loss"] for c in ns["chars"]["cells"] if c["median_test_loss"] is not None]
    np.testing.assert_allclose(chars_ax.collections[0].get_offsets()[:, 0], known)

    live_ax = _figure(figures, "plot_adding_losses").axes[0]
    labels = [ln.get_label() for ln in live_ax.get_lines() if not ln.get_label().startswith("_")]
    assert labels == ["vanilla LSTM", "no input gate (NIG)"]
    assert ns["live"]["vanilla"]["solved"] and not ns["live"]["nig"]["solved"]


# --- what the prose claims about the results holds for the committed JSON ----------------

def _by_cell(task):
    return {c["cell"]: c for c in _summary(task)["cells"]}


def _runs(task, cell, key):
    s = _summary(task)
    if task == "adding":
        return [r[key] for r in s["runs"] if r["cell"] == cell and r["solved"]]
    return [r["test"]["loss"] for r in s["runs"] if r["cell"] == cell and r["stopped"] != "diverged"]


def test_the_claims_about_the_adding_problem_hold():
    by = _by_cell("adding")
    assert {c: r["solved"] for c, r in by.items() if r["solved"] < r["runs"]} == {"nig": 0, "nfg": 1}
    med = {c: r["median_sequences_to_solve"] for c, r in by.items()}
    assert med["peephole"] == med["vanilla"]                              # "the same median"
    assert abs(med["nog"] - med["vanilla"]) < 0.15 * med["vanilla"]      # "about as many"
    assert med["janet"] > med["cifg"] > med["vanilla"]                   # "more slowly"
    vanilla = _runs("adding", "vanilla", "solved_at")
    for cell in ("gru", "niaf"):                                         # "every run fewer than any vanilla run"
        assert max(_runs("adding", cell, "solved_at")) < min(vanilla)
    assert sorted(med, key=lambda c: med[c] or 10**9)[:2] == ["niaf", "gru"]


def test_the_claims_about_the_character_model_hold():
    by = _by_cell("chars")
    vanilla = _runs("chars", "vanilla", None)
    assert by["noaf"]["diverged"] == by["noaf"]["runs"] and by["noaf"]["median_test_loss"] is None
    assert not any(r["diverged"] for c, r in by.items() if c != "noaf")
    trained = {c: r["median_test_loss"] for c, r in by.items() if r["median_test_loss"] is not None}
    assert max(trained, key=trained.get) == "nfg" and min(_runs("chars", "nfg", None)) > max(vanilla)
    for cell in ("gru", "cifg"):                         # "every one of their runs better than every vanilla run"
        assert max(_runs("chars", cell, None)) < min(vanilla)
    assert sorted(trained, key=trained.get)[:2] == ["gru", "cifg"]
    assert sum(x > max(vanilla) for x in _runs("chars", "nog", None)) == 4
    for cell in ("peephole", "niaf"):                    # spreads that overlap: no winner called
        runs = _runs("chars", cell, None)
        assert min(runs) < max(vanilla) and max(runs) > min(vanilla)
    for cell in ("nig", "janet"):                        # "cost little", "a little behind"
        assert trained["vanilla"] < trained[cell] < trained["vanilla"] + 0.05
    assert {c: r["hidden_size"] for c, r in by.items() if r["hidden_size"] != 64} == \
        {"nig": 76, "nfg": 76, "nog": 76, "cifg": 76, "gru": 76, "janet": 96}
    assert not any("chrono" in r["command"] or "forget-bias" in r["command"] for r in _summary("chars")["runs"])



def test_only_the_forget_gate_hurt_clearly_on_both_tasks():
    # "the one part whose loss hurt clearly on both tasks": fewer adding runs solved AND every
    # character run worse than every vanilla run (or diverged) -- true of NFG alone
    adding, chars = _by_cell("adding"), _by_cell("chars")
    vanilla = _runs("chars", "vanilla", None)

    def hurt_both(cell):
        worse_chars = chars[cell]["diverged"] == chars[cell]["runs"] or min(_runs("chars", cell, None)) > max(vanilla)
        return adding[cell]["solved"] < adding[cell]["runs"] and worse_chars
    assert [c for c in ("nig", "nfg", "nog", "niaf", "noaf") if hurt_both(c)] == ["nfg"]


def test_the_claims_about_noaf_hold_at_every_learning_rate():
    s = _summary("chars")
    study = [r["sequences"] // s["settings"]["batch"] for r in s["runs"] if r["cell"] == "noaf"]
    followup = json.loads((ROOT / "results" / "variants" / "noaf_lr_followup.json").read_text())["runs"]
    noaf = [r for r in followup if r["cell"] == "noaf"]
    assert {r["lr"] for r in noaf} | {s["settings"]["lr"]} == {0.005, 0.002, 0.001}     # "three learning rates"
    assert all(r["stopped"] == "diverged" for r in noaf)
    assert max(study + [r["steps"] for r in noaf]) <= 24                                 # "within 24 steps"
    assert all(r["stopped"] != "diverged" for r in followup if r["cell"] == "vanilla")


def test_the_claims_about_the_1997_rows_hold():
    runs = json.loads((ROOT / "results" / "long_adding" / "adding_runs.json").read_text())["runs"]
    assert sorted((r["config"]["length"], r["config"]["seed"]) for r in runs) == \
        [(T, s) for T in (500, 1000) for s in range(5)]
    for r in runs:   # the command the lesson prints: defaults but the length, the seed and 1800 s
        c = r["config"]
        assert (c["cell"], c["hidden_size"], c["chrono"], c["max_sequences"], c["max_seconds"]) == \
            ("lstm", 32, c["length"], 1_000_000, 1800.0)
    assert all(r["solved"] for r in runs)                                  # "every run solved"
    median = {T: np.median([r["solved_at"] for r in runs if r["config"]["length"] == T]) for T in (500, 1000)}
    t100 = _by_cell("adding")["vanilla"]["median_sequences_to_solve"]
    assert t100 < median[500] < median[1000] < 1.3 * t100                 # "hardly more than at T = 100"
    assert median[500] < 209_000 / 5 and median[1000] < 853_000 / 20       # "far fewer sequences"


def test_the_lesson_is_finished():
    assert not any("TODO" in _source(c) for c in _cells())
