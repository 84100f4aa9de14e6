"""training / char_training: the loops learn, stop when solved, and never diverge silently."""
import math

import numpy as np
import pytest

from lstm_course import adding
from lstm_course.char_training import train_chars
from lstm_course.training import diverged, evaluate_adding, train_adding


def test_lstm_solves_a_short_adding_problem():
    r = train_adding(length=10, hidden_size=8, chrono=10, max_sequences=40_000, progress=False)
    assert r["solved"] and r["stopped"] == "solved" and r["solved_at"] == r["sequences"]
    assert adding.is_solved(r["train_abs_errors"])       # the criterion held on the history
    test = evaluate_adding(r["model"], 10, 1000)
    assert test["mse"] < adding.SOLVED_MSE and test["fraction_correct"] > 0.95
    h = r["history"]
    assert h["loss"][-1] < adding.PLATEAU_MSE / 10 < h["loss"][0]


def test_same_seed_same_run():
    a = train_adding(length=10, hidden_size=4, max_sequences=640, progress=False)
    b = train_adding(length=10, hidden_size=4, max_sequences=640, progress=False)
    assert a["history"]["loss"] == b["history"]["loss"] and a["stopped"] == "sequences"


def test_budget_in_seconds_stops_unsolved():
    r = train_adding(length=20, hidden_size=4, cell="rnn", max_seconds=0.2, progress=False)
    assert r["stopped"] == "seconds" and not r["solved"] and r["solved_at"] is None


def test_exploding_loss_stops_with_a_message():
    with pytest.warns(RuntimeWarning, match="diverged"):
        r = train_adding(length=10, hidden_size=8, lr=50.0, clip=None, max_loss=1.0,
                         max_sequences=30_000, progress=False)
    assert r["stopped"] == "diverged" and "exploded" in r["message"] and r["sequences"] < 30_000


def test_divergence_check():
    assert "nan" in diverged(math.nan, 10) and "inf" in diverged(math.inf, 10)
    assert "exploded" in diverged(11.0, 10) and diverged(0.5, 10) is None


def test_bad_settings_raise_value_error():
    with pytest.raises(ValueError, match="length must be an integer >= 10"):
        train_adding(length=5)
    with pytest.raises(ValueError, match="batch_size must be a positive integer"):
        train_adding(batch_size=0)
    with pytest.raises(ValueError, match="lr"):
        train_chars("abc" * 100, lr=-1.0)


def test_char_model_beats_the_unigram_baseline():
    text = "the cat sat on the mat.\n" * 60
    r = train_chars(text, hidden_size=16, seq_len=12, batch_size=4, lr=1e-2, max_steps=150,
                    eval_every=50, sample_every=150, sample_length=40, progress=False, print_samples=False)
    h = r["history"]
    assert r["steps"] == 150 and h["eval_step"] == [50, 100, 150]
    assert h["val_loss"][-1] < 0.5 * r["unigram_loss"] < r["uniform_loss"]
    assert h["samples"][0][0] == 150 and len(h["samples"][0][1]) == 40
    assert np.mean(h["train_loss"][-10:]) < np.mean(h["train_loss"][:10])
