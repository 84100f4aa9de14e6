"""python -m lstm_course.variant_study: the runs it would start, the summary it writes, and the
committed results (results/variants/) recomputed from the runs they keep."""
import json
import statistics
from pathlib import Path

import pytest

from lstm_course import cells, variant_study as vs
from lstm_course import text as tx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "results" / "variants"


def test_matched_hidden_sizes_give_about_the_vanillas_parameter_count():
    V = len(tx.build_vocab(tx.load_text()))
    target = vs.count_params("vanilla", V, vs.CHARS_HIDDEN, V)
    for cell in cells.VARIANTS:
        H = vs.matched_hidden(cell, V, V)
        n = vs.count_params(cell, V, H, V)
        assert abs(n - target) / target < 0.01, (cell, H, n, target)
        # no other hidden size comes closer
        assert all(abs(vs.count_params(cell, V, h, V) - target) >= abs(n - target) for h in (H - 1, H + 1))
    assert vs.matched_hidden("janet", V, V) > vs.matched_hidden("gru", V, V) > vs.CHARS_HIDDEN


def test_every_run_is_one_train_command_that_differs_only_in_cell_and_seed():
    jobs = vs.commands("adding", ["vanilla", "nfg"], [0, 1], "OUT")
    assert [(c, s) for c, s, _ in jobs] == [("vanilla", 0), ("vanilla", 1), ("nfg", 0), ("nfg", 1)]
    argv = jobs[0][2]
    assert argv[:5] == ["adding", "--cell", "vanilla", "--seed", "0"] and "--no-record" in argv
    strip = lambda a: [v for i, v in enumerate(a) if i not in (2, 4)]   # the cell and the seed
    assert all(strip(a) == strip(argv) for _, _, a in jobs)
    chars = vs.commands("chars", ["gru"], [3], "OUT")[0][2]
    assert "--keep-best" in chars and chars[chars.index("--keep-best") + 1].startswith("--")
    assert chars[chars.index("--name") + 1] == "gru_seed3"


def test_bad_cells_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        vs.main(["adding", "--cells", "vanilla,tree", "--summarise-only"])
    assert exc.value.code == 2 and "cell must be one of" in capsys.readouterr().err


def test_a_tiny_study_end_to_end(tmp_path, monkeypatch):
    monkeypatch.setitem(vs.ADDING, "length", 12)
    monkeypatch.setitem(vs.ADDING, "max-sequences", 200)
    assert vs.main(["adding", "--cells", "gru,nfg", "--seeds", "2", "--jobs", "2",
                    "--out", str(tmp_path), "--no-progress"]) == 0
    summary = json.loads((tmp_path / "adding_summary.json").read_text())
    assert [r["cell"] for r in summary["cells"]] == ["gru", "nfg"]
    assert len(summary["runs"]) == 4 and all(r["runs"] == 2 for r in summary["cells"])
    assert "gru" in vs.results_table(summary) and "nfg" in vs.results_table(summary)


@pytest.mark.parametrize("task", ["adding", "chars"])
def test_the_committed_summaries_are_what_their_runs_say(task):
    summary = json.loads((RESULTS / f"{task}_summary.json").read_text())
    assert [r["cell"] for r in summary["cells"]] == list(cells.VARIANTS)
    assert summary["seeds"] == [0, 1, 2, 3, 4]
    for row in summary["cells"]:
        runs = [r for r in summary["runs"] if r["cell"] == row["cell"]]
        assert sorted(r["seed"] for r in runs) == [0, 1, 2, 3, 4] and row["runs"] == 5
        kept = [r for r in runs if r["stopped"] != "diverged"]
        assert row["diverged"] == 5 - len(kept)
        assert row["median_seconds"] == round(statistics.median(r["seconds"] for r in runs), 2)
        if task == "adding":
            solved = [r["solved_at"] for r in runs if r["solved"]]
            assert row["solved"] == len(solved)
            assert row["median_sequences_to_solve"] == (statistics.median(solved) if solved else None)
            assert row["median_test_loss"] == statistics.median(r["test"]["mse"] for r in kept)
            assert all(r["sequences"] <= vs.ADDING["max-sequences"] + vs.ADDING["batch"] for r in runs)
        elif kept:
            assert row["median_test_loss"] == statistics.median(r["test"]["loss"] for r in kept)
        # each run's command is what the study would start today: the results are reproducible
        for r in runs:
            argv = vs.commands(task, [row["cell"]], [r["seed"]], "results/variants")[0][2]
            assert r["command"] == "python -m lstm_course.train " + " ".join(argv)


def test_the_noaf_follow_up_diverged_at_every_learning_rate_and_vanilla_did_not():
    runs = json.loads((RESULTS / "noaf_lr_followup.json").read_text())["runs"]
    noaf = [r for r in runs if r["cell"] == "noaf"]
    assert {r["lr"] for r in noaf} == {0.001, 0.002} and len(noaf) == 10
    assert all(r["stopped"] == "diverged" and r["steps"] < 30 for r in noaf)
    vanilla = [r for r in runs if r["cell"] == "vanilla"]
    assert len(vanilla) == 5 and all(r["stopped"] == "steps" and r["test_loss"] < 2.3 for r in vanilla)


def test_the_readme_states_what_the_summaries_say():
    readme = " ".join((ROOT / "README.md").read_text().split())
    adding = {r["cell"]: r for r in json.loads((RESULTS / "adding_summary.json").read_text())["cells"]}
    chars = {r["cell"]: r for r in json.loads((RESULTS / "chars_summary.json").read_text())["cells"]}
    assert [c for c, r in adding.items() if r["solved"] < 5] == ["nig", "nfg"]
    assert (adding["nig"]["solved"], adding["nfg"]["solved"]) == (0, 1)
    assert "except no input gate (0 of 5) and no forget gate (1 of 5)" in readme
    trained = sorted((r["median_test_loss"], c) for c, r in chars.items() if r["median_test_loss"] is not None)
    assert [c for _, c in trained[:2]] == ["gru", "cifg"] and trained[-1][1] == "nfg"
    for cell, words in (("gru", "the GRU ({:.3f} nats/char)"), ("cifg", "CIFG ({:.3f})"),
                        ("vanilla", "vanilla LSTM {:.3f}"), ("nfg", "without a forget gate {:.3f}")):
        assert words.format(chars[cell]["median_test_loss"]) in readme, cell
    assert chars["noaf"]["diverged"] == 5 and "every run diverges" in readme
