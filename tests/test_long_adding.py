"""The 1997 paper's longer rows of the adding problem, rerun with the course's LSTM
(results/long_adding/, made by python -m lstm_course.train adding --length 500|1000): every
committed run solved the task, and its record says with which command and how fast."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUNS = ROOT / "results" / "long_adding"
PAPER = {500: 209_000, 1000: 853_000}      # Hochreiter & Schmidhuber 1997, experiment 4: sequences to solve


def runs(length):
    return [json.loads(p.read_text()) for p in sorted(RUNS.glob(f"adding_lstm_T{length}_chrono_seed*.json"))]


@pytest.mark.parametrize("length", [500, 1000])
def test_five_seeds_each_solved_with_fewer_sequences_than_the_paper(length):
    found = runs(length)
    assert sorted(r["config"]["seed"] for r in found) == [0, 1, 2, 3, 4]
    for r in found:
        assert r["config"]["length"] == length and r["init"] == f"chrono T_max={length}"
        assert r["solved"] and r["stopped"] == "solved"
        assert r["solved_at"] < PAPER[length]
        assert r["test"]["fraction_correct"] > 0.99 and r["test"]["n"] == 2000
        assert (RUNS / r["parameters_file"]).exists()


def test_the_runs_file_lists_the_same_runs():
    listed = json.loads((RUNS / "adding_runs.json").read_text())["runs"]
    assert sorted((r["config"]["length"], r["config"]["seed"]) for r in listed) == \
        [(T, s) for T in (500, 1000) for s in range(5)]
    for r in listed:
        match = [x for x in runs(r["config"]["length"]) if x["config"]["seed"] == r["config"]["seed"]]
        assert r["solved_at"] == match[0]["solved_at"]


def test_the_readme_states_the_medians():
    import statistics
    readme = " ".join((ROOT / "README.md").read_text().split())
    m500 = statistics.median(r["solved_at"] for r in runs(500))
    m1000 = statistics.median(r["solved_at"] for r in runs(1000))
    assert f"at T = 500 after a median of {m500:,} training sequences (the paper: 209,000)" in readme
    assert f"T = 1000 after {m1000:,} (the paper: 853,000)" in readme
    assert all(40 < r["seconds"] < 120 for r in runs(500) + runs(1000))   # "about a minute each"
