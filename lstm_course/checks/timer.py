"""Checker for an honest timer (lesson 8): warm-up, groups of calls timed, the median.

A call shorter than the clock's resolution cannot be timed alone, so the timer
times ``repeats`` groups of ``number`` calls each and returns the median of
(group time / number), the time of one call.

The timer is checked with a fake clock: the checker hands the learner's timer a
function whose k-th call takes a known time on that clock (slow first calls, an
outlier among the timed calls), so the right answer is known exactly, with no
real waiting, and every common mistake gives a different number.
"""
import numpy as np

from .core import FAILED, Case, Stop, Variant, diagnose


class _FakeClock:
    """A clock that only moves when the fake function runs: call k takes durations[k] seconds."""

    def __init__(self, durations):
        self.now, self.calls, self.reads, self.durations = 0.0, 0, 0, list(durations)

    def __call__(self):
        self.reads += 1
        return self.now

    def work(self):
        k = self.calls
        self.now += self.durations[k] if k < len(self.durations) else 1.0
        self.calls += 1


def _timer_run(timer):
    """(the timer's answer, how many times it called the function) on the fake clock."""
    def run(durations, warmup, repeats, number):
        clock = _FakeClock(durations)
        answer = timer(clock.work, warmup=warmup, repeats=repeats, number=number, clock=clock)
        if clock.reads == 0:
            raise Stop(FAILED, "read the time with the clock you are given, clock(), not time.perf_counter "
                               "directly (the checker hands you a fake clock)")
        try:
            return float(answer), clock.calls
        except (TypeError, ValueError):
            raise Stop(FAILED, f"return the median time in seconds, a number; you returned a "
                               f"{type(answer).__name__}") from None
    return run


def _truth(durations, warmup, repeats, number):
    """What an honest timer answers: after warmup calls, the median over repeats groups of
    (group time / number); warmup + repeats * number calls in all."""
    timed = np.asarray(durations[warmup:warmup + repeats * number]).reshape(repeats, number)
    return float(np.median(timed.sum(axis=1) / number)), warmup + repeats * number


def _per_call(clock, fn, n, number=1):
    times = []
    for _ in range(n):
        t0 = clock()
        for _ in range(number):
            fn()
        times.append(clock() - t0)
    return times


def _warm(fn, warmup):
    for _ in range(warmup):
        fn()


def _no_warmup(fn, *, warmup=2, repeats=5, number=1, clock=None):
    return float(np.median(_per_call(clock, fn, repeats, number))) / number


def _mean(fn, *, warmup=2, repeats=5, number=1, clock=None):
    _warm(fn, warmup)
    t0 = clock()
    for _ in range(repeats * number):
        fn()
    return (clock() - t0) / (repeats * number)


def _min(fn, *, warmup=2, repeats=5, number=1, clock=None):
    _warm(fn, warmup)
    return float(np.min(_per_call(clock, fn, repeats, number))) / number


def _one_call(fn, *, warmup=2, repeats=5, number=1, clock=None):
    _warm(fn, warmup)
    return _per_call(clock, fn, 1, number)[0] / number


def _warmup_timed(fn, *, warmup=2, repeats=5, number=1, clock=None):
    return float(np.median(_per_call(clock, fn, warmup + repeats, number))) / number


def _warmup_in_first(fn, *, warmup=2, repeats=5, number=1, clock=None):
    times, t0 = [], clock()
    _warm(fn, warmup)
    for _ in range(repeats):
        for _ in range(number):
            fn()
        t1 = clock()
        times.append((t1 - t0) / number)
        t0 = t1
    return float(np.median(times))


def _warmup_groups(fn, *, warmup=2, repeats=5, number=1, clock=None):
    _warm(fn, warmup * number)
    return float(np.median(_per_call(clock, fn, repeats, number))) / number


def _upper_middle(fn, *, warmup=2, repeats=5, number=1, clock=None):
    _warm(fn, warmup)
    times = sorted(_per_call(clock, fn, repeats, number))
    return times[len(times) // 2] / number


def _total(fn, *, warmup=2, repeats=5, number=1, clock=None):
    _warm(fn, warmup)
    return sum(_per_call(clock, fn, repeats, number)) / number


def _group_time(fn, *, warmup=2, repeats=5, number=1, clock=None):
    _warm(fn, warmup)
    return float(np.median(_per_call(clock, fn, repeats, number)))


def _each_call(fn, *, warmup=2, repeats=5, number=1, clock=None):
    _warm(fn, warmup)
    return float(np.median(_per_call(clock, fn, repeats * number)))


def _by_repeats(fn, *, warmup=2, repeats=5, number=1, clock=None):
    _warm(fn, warmup)
    return float(np.median(_per_call(clock, fn, repeats, number))) / repeats


def _floor_divided(fn, *, warmup=2, repeats=5, number=1, clock=None):
    _warm(fn, warmup)
    return float(np.median([t // number for t in _per_call(clock, fn, repeats, number)]))


def _ungrouped(fn, *, warmup=2, repeats=5, number=1, clock=None):
    _warm(fn, warmup)
    return float(np.median(_per_call(clock, fn, repeats)))


TIMER_VARIANTS = [
    Variant("warm up first: call fn warmup times untimed (the first calls pay one-off costs), then time "
            "repeats calls.", _timer_run(_no_warmup)),
    Variant("don't time the warm-up calls: run them, throw their times away, then time repeats calls.",
            _timer_run(_warmup_timed)),
    Variant("read the clock after the warm-up, at the start of each group: yours reads it before the warm-up "
            "calls, so the first group's time includes them (read t0 = clock() inside the loop, just before the "
            "group's calls).", _timer_run(_warmup_in_first)),
    Variant("return the median of the group times: one clock read before and after each of the repeats groups, "
            "then np.median. Yours is the total over all timed calls / (repeats * number), the mean, which one "
            "slow group (another program, the garbage collector) drags up.", _timer_run(_mean)),
    Variant("return the median of the group times (np.median), not the minimum: the task asks for the typical "
            "time of one call; the minimum (timeit's advice) is the luckiest group.", _timer_run(_min)),
    Variant("time repeats calls, not just one: a single call is at the mercy of whatever else the machine "
            "is doing; the median of several is not.", _timer_run(_one_call)),
    Variant("return the time of one call (the median), not the total of all timed calls.", _timer_run(_total)),
    Variant("for an even number of repeats the median is the mean of the two middle times: use np.median.",
            _timer_run(_upper_middle)),
    Variant("divide each group's time by number: the answer is the time of one call, not of a group of "
            "`number` calls.", _timer_run(_group_time)),
    Variant("time each group of `number` calls as a whole (one clock read before and one after the group): "
            "timing every call on its own is what fails for calls shorter than the clock's resolution.",
            _timer_run(_each_call)),
    Variant("divide each group's time by number (the calls in the group), not by repeats (the groups).",
            _timer_run(_by_repeats)),
    Variant("each of the `repeats` timings is a group of `number` calls: call fn number times between the "
            "two clock reads (yours calls it once).", _timer_run(_ungrouped)),
    Variant("divide with `/`, not `//`: (t1 - t0) // number is integer (floor) division, which rounds a group's "
            "time per call down to a whole number of seconds, 0 for anything faster than a second.",
            _timer_run(_floor_divided)),
    Variant("warm up with `warmup` calls, not warmup groups of `number` calls.", _timer_run(_warmup_groups)),
]


def _timer_cases():
    return [Case("warmup=3, repeats=5, slow first calls and one outlier",
                 ([0.5, 0.2, 0.1, 0.010, 0.012, 0.011, 0.4, 0.013], 3, 5, 1)),
            Case("warmup=2, repeats=4 (an even count)", ([0.3, 0.05, 0.020, 0.028, 0.022, 0.5], 2, 4, 1)),
            Case("warmup=1, repeats=3, number=2",
                 ([0.9, 0.004, 0.002, 0.003, 0.005, 0.2, 0.4, 0.7, 0.8], 1, 3, 2)),
            Case("warmup=2, repeats=3, number=3",
                 ([0.6, 0.3, 0.01, 0.02, 0.03, 0.5, 0.01, 0.01, 0.02, 0.02, 0.04, 0.9, 0.7], 2, 3, 3)),
            Case("warmup=0, repeats=3", ([0.03, 0.01, 0.02], 0, 3, 1))]


def check_median_time(fn):
    """Check fn(f, *, warmup, repeats, number, clock) -> the time of one call of f: after warmup untimed
    calls, the median over repeats groups of (group time / number), on a fake clock with known call times."""
    return diagnose("check_median_time", _timer_run(fn), _truth, _timer_cases(), TIMER_VARIANTS,
                    ("median time", "calls of f"), rtol=1e-9, atol=1e-12,
                    arg_names=("durations", "warmup", "repeats", "number"),
                    summary="on a fake clock with slow first calls and outliers, your timer warms up, times "
                            "groups of calls and returns the median time of one call (five cases).")
