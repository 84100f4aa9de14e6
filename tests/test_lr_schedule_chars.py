"""The character model's learning-rate schedules: constant, and a cosine that falls to 0 over
--steps, or over --schedule-steps when the run is meant to stop before the lr reaches 0."""
import math

import pytest

from lstm_course import char_training

TEXT = "to be or not to be, that is the question.\n" * 20


def lrs(monkeypatch, **kwargs):
    seen = []
    real = char_training.train_step

    def spy(params, grads, opt_state, *, lr, clip):
        seen.append(lr)
        return real(params, grads, opt_state, lr=lr, clip=clip)

    monkeypatch.setattr(char_training, "train_step", spy)
    result = char_training.train_chars(TEXT, hidden_size=4, seq_len=5, batch_size=2, lr=0.01, max_steps=8,
                                       eval_every=4, progress=False, print_samples=False, sample_every=1000,
                                       test_fraction=0.1, **kwargs)
    return seen, result


def test_constant_and_cosine(monkeypatch):
    seen, _ = lrs(monkeypatch)
    assert seen == [0.01] * 8
    seen, _ = lrs(monkeypatch, lr_schedule="cosine")
    assert seen == pytest.approx([0.005 * (1 + math.cos(math.pi * s / 8)) for s in range(8)])


def test_a_longer_horizon_stops_before_the_lr_reaches_zero(monkeypatch):
    seen, result = lrs(monkeypatch, lr_schedule="cosine", schedule_steps=16)
    assert seen == pytest.approx([0.005 * (1 + math.cos(math.pi * s / 16)) for s in range(8)])
    assert seen[-1] > 0.005 and result["config"]["schedule_steps"] == 16
    with pytest.raises(ValueError, match="schedule_steps"):
        lrs(monkeypatch, lr_schedule="cosine", schedule_steps=0)
