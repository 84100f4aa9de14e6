"""python -m lstm_course.train: bad arguments exit 2 with a message; a tiny run works end to end."""
import json
import subprocess
import sys

import numpy as np
import pytest

from lstm_course import train
from lstm_course.model import load_model


def _run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "lstm_course.train", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd)


@pytest.mark.parametrize("args,message", [
    ([], "required"),
    (["sideways"], "invalid choice"),
    (["adding", "--length", "5"], "at least 10"),
    (["adding", "--length", "ten"], "invalid int value"),
    (["adding", "--lr", "-0.1"], "positive number"),
    (["adding", "--forget-bias", "nan"], "finite"),
    (["adding", "--cell", "rnn", "--forget-bias", "5"], "no forget gate"),
    (["chars", "--steps", "0"], "positive int"),
    (["chars", "--schedule-steps", "0"], "positive int"),
    (["adding", "--cell", "lstm2"], "invalid choice"),
    (["adding", "--cell", "nfg", "--forget-bias", "1"], "no forget gate"),
    (["chars", "--bogus"], "unrecognized arguments"),
])
def test_bad_arguments_exit_2_with_a_message(args, message, capsys):
    with pytest.raises(SystemExit) as exc:
        train.main(args)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("args,message", [(["adding", "--length", "5"], "at least 10"),
                                          (["chars", "--steps", "-3"], "positive int")])
def test_bad_arguments_from_the_shell(args, message):
    r = _run(*args)
    assert r.returncode == 2 and message in r.stderr and "usage:" in r.stderr


def test_a_tiny_adding_run_writes_its_files(tmp_path):
    r = _run("adding", "--length", "10", "--hidden", "4", "--max-sequences", "320", "--seed", "3",
             "--out", str(tmp_path), "--test-sequences", "100")
    assert r.returncode == 1, r.stderr                    # not solved within 320 sequences
    line = r.stdout.strip().splitlines()[-1]
    assert line.startswith("adding lstm T=10 seed 3") and "not solved" in line
    assert "320 training sequences" in line and "wall time" in line and "100 fresh" in line
    run = json.loads((tmp_path / "adding_lstm_T10_chrono_seed3.json").read_text())
    assert run["solved"] is False and run["sequences"] == 320 and run["test"]["n"] == 100
    model = load_model(tmp_path / "adding_lstm_T10_chrono_seed3.npz")
    assert model["core"]["W_hh"].shape == (16, 4)
    runs = json.loads((tmp_path / "adding_runs.json").read_text())["runs"]
    assert len(runs) == 1 and runs[0]["config"]["seed"] == 3
    assert "320/320" in r.stderr                          # the progress bar, on stderr
    # the same run again, without a progress bar: the same result, and it replaces the first
    again = _run("adding", "--length", "10", "--hidden", "4", "--max-sequences", "320", "--seed", "3",
                 "--out", str(tmp_path), "--test-sequences", "100", "--no-progress")
    assert again.returncode == 1, again.stderr            # still not solved: exit 1, not a crash
    assert again.stderr == ""                             # --no-progress: nothing on stderr
    same = again.stdout.strip().splitlines()[-1]
    assert same.split("; wall time")[0] == line.split("; wall time")[0]   # seeded: same numbers
    rerun = json.loads((tmp_path / "adding_lstm_T10_chrono_seed3.json").read_text())
    assert rerun["test"] == run["test"] and rerun["sequences"] == 320
    runs = json.loads((tmp_path / "adding_runs.json").read_text())["runs"]
    assert len(runs) == 1 and runs[0]["config"]["seed"] == 3   # replaced, not appended


def test_a_tiny_chars_run(tmp_path):
    r = _run("chars", "--steps", "3", "--hidden", "8", "--seq-len", "10", "--batch", "2",
             "--out", str(tmp_path), "--no-progress")
    assert r.returncode == 0, r.stderr
    line = r.stdout.strip().splitlines()[-1]
    assert line.startswith("chars: 3 steps (60 characters") and "unigram baseline" in line
    run = json.loads((tmp_path / "chars_seed0.json").read_text())
    assert run["steps"] == 3 and np.isfinite(run["history"]["val_loss"][-1])
    assert (tmp_path / "chars_seed0.npz").exists()
