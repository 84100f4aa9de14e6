"""timing.time_pass, which produces the course's speed claims, on a fake clock.

The clock (``time.perf_counter`` as timing reads it) only moves when the timed
function runs, by a duration the test chooses, and every call is recorded, so the
tests know exactly which times should come back: warm-up calls are not timed,
``repeats`` times come back unless ``max_seconds`` runs out (after 3 at least),
the benchmark's summary is the median, and on a GPU the clock is read only after
torch.cuda.synchronize() (GPU work is asynchronous: without it the clock would time
the kernel launches, not the work).
"""
import types

import numpy as np
import pytest

from lstm_course import timing


class FakeMachine:
    """A clock, a GPU synchronise and a timed function that each log what they do."""

    def __init__(self, durations):
        self.now = 1000.0
        self.durations = list(durations)
        self.events = []

    def perf_counter(self):
        self.events.append("clock")
        return self.now

    def synchronize(self):
        self.events.append("sync")

    def fn(self):
        self.events.append("fn")
        self.now += self.durations.pop(0)


@pytest.fixture
def machine(monkeypatch):
    def make(durations):
        m = FakeMachine(durations)
        monkeypatch.setattr(timing, "time", types.SimpleNamespace(perf_counter=m.perf_counter))
        monkeypatch.setattr(timing.torch.cuda, "synchronize", m.synchronize)
        return m
    return make


def test_warm_up_calls_are_run_but_not_timed(machine):
    m = machine([100.0, 200.0, 1.0, 2.0, 3.0])
    times = timing.time_pass(m.fn, "cpu", warmup=2, repeats=3, max_seconds=1e9)
    assert times == [1.0, 2.0, 3.0]
    assert m.events.count("fn") == 5 and not m.durations


def test_warm_up_time_does_not_count_towards_max_seconds(machine):
    m = machine([500.0, 1.0, 1.0, 1.0, 1.0, 1.0])
    assert timing.time_pass(m.fn, "cpu", warmup=1, repeats=5, max_seconds=10) == [1.0] * 5


@pytest.mark.parametrize("repeats", [1, 2, 4, 7])
def test_exactly_repeats_times_come_back(machine, repeats):
    m = machine([0.5] * 20)
    times = timing.time_pass(m.fn, "cpu", warmup=0, repeats=repeats, max_seconds=1e9)
    assert times == [0.5] * repeats
    assert m.events.count("fn") == repeats


def test_early_stop_once_max_seconds_have_passed_after_three_runs(machine):
    m = machine([1.0] * 10)
    # 1 s each, 2.5 s allowed: after 3 runs 3 s have passed -> stop
    assert timing.time_pass(m.fn, "cpu", warmup=0, repeats=10, max_seconds=2.5) == [1.0] * 3
    m = machine([1.0] * 10)
    # 4 s allowed: after 4 runs exactly 4 s (not more) -> one more run, then stop
    assert timing.time_pass(m.fn, "cpu", warmup=0, repeats=10, max_seconds=4) == [1.0] * 5


def test_at_least_three_runs_even_when_one_is_too_slow(machine):
    m = machine([10.0, 20.0, 30.0, 40.0])
    assert timing.time_pass(m.fn, "cpu", warmup=0, repeats=10, max_seconds=1) == [10.0, 20.0, 30.0]
    m = machine([10.0, 20.0, 30.0])
    # ... or all of them, when fewer than three are asked for
    assert timing.time_pass(m.fn, "cpu", warmup=0, repeats=2, max_seconds=1) == [10.0, 20.0]


def test_on_cuda_the_clock_is_read_only_after_synchronising(machine):
    m = machine([7.0, 1.0, 2.0, 3.0])
    times = timing.time_pass(m.fn, "cuda", warmup=1, repeats=3, max_seconds=1e9)
    assert times == [1.0, 2.0, 3.0]
    ev = m.events
    # every clock read comes after a synchronise, with no GPU work launched in between
    for k, e in enumerate(ev):
        if e == "clock":
            before = [x for x in ev[:k] if x != "clock"]
            assert before and before[-1] == "sync", (k, ev)
    # each timed call: sync, clock, fn, sync, clock
    timed = [k for k, e in enumerate(ev) if e == "fn"][1:]
    assert len(timed) == 3
    for k in timed:
        assert ev[k - 2:k + 3] == ["sync", "clock", "fn", "sync", "clock"], (k, ev)


def test_on_the_cpu_nothing_is_synchronised(machine):
    m = machine([1.0, 1.0, 1.0])
    timing.time_pass(m.fn, "cpu", warmup=1, repeats=2, max_seconds=1e9)
    assert "sync" not in m.events
    # warm-up; start; clock, fn, clock; clock, fn, clock and the max_seconds check (2 runs done)
    assert m.events == ["fn", "clock", "clock", "fn", "clock", "clock", "fn", "clock", "clock"]


def _benchmark_on(machine, monkeypatch, forward, backward, repeats):
    """run_benchmark over one size with fake runners whose durations are given."""
    m = machine([50.0] + list(forward) + [60.0] + list(backward))  # a warm-up call before each pass
    monkeypatch.setattr(timing, "make_runners", lambda *a, **k: {"forward": m.fn, "forward+backward": m.fn})
    results = timing.run_benchmark([(10, 4, 8)], ("numpy",), warmup=1, repeats=repeats,
                                   max_seconds=1e9, progress=False)
    return {row["pass"]: row for row in results["rows"]}


def test_the_benchmark_summary_is_the_median(machine, monkeypatch):
    rows = _benchmark_on(machine, monkeypatch, [0.5, 0.125, 0.375, 0.25, 9.0], [4.0, 1.0, 3.0, 2.0, 100.0], 5)
    fwd, both = rows["forward"], rows["forward+backward"]
    assert fwd["times_s"] == [0.5, 0.125, 0.375, 0.25, 9.0]  # (binary fractions: exact on the clock)
    assert fwd["median_s"] == 0.375                        # mean 2.05, min 0.125, last 9.0
    assert fwd["tokens_per_s"] == pytest.approx(10 * 4 / 0.375, rel=1e-12)
    assert both["median_s"] == 3.0 and both["status"] == "ok"
    assert both["tokens_per_s"] == pytest.approx(10 * 4 / 3.0, rel=1e-12)


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two(machine, monkeypatch):
    rows = _benchmark_on(machine, monkeypatch, [4.0, 1.0, 3.0, 2.0], [8.0, 8.0, 1.0, 1.0], 4)
    assert rows["forward"]["median_s"] == pytest.approx(2.5, rel=1e-12)
    assert rows["forward+backward"]["median_s"] == pytest.approx(4.5, rel=1e-12)
    assert rows["forward"]["median_s"] == float(np.median(rows["forward"]["times_s"]))
