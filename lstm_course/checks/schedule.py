"""Checker for a warm-up + cosine learning-rate schedule (lesson 6).

Reference: ``lr_at`` below: a linear warm-up from 0 to base_lr over ``warmup``
steps, then half a cosine from base_lr down to 0 at ``total``. The hints say at
which step the learner's rate first differs.
"""
import contextlib
import io
import math

import numpy as np

from .core import ERROR, FAILED, Case, Stop, Variant, diagnose


def lr_at(step, base_lr, warmup, total):
    """The learning rate at step ``step`` (1, 2, ..., total): a linear warm-up to base_lr over the first
    ``warmup`` steps, then half a cosine from base_lr down to 0 at step ``total``."""
    if step <= warmup:
        return base_lr * step / warmup
    progress = (step - warmup) / (total - warmup)
    return base_lr * 0.5 * (1 + math.cos(math.pi * progress))


def _curve(schedule, learner=False):
    """The rates at steps 1 .. total, as a float64 array."""
    def run(base_lr, warmup, total):
        rates = []
        for step in range(1, total + 1):
            try:
                r = schedule(step, base_lr, warmup, total)
            except ZeroDivisionError:
                if not learner:
                    raise
                if warmup == 0:
                    raise Stop(ERROR, "warmup = 0 means no warm-up: start the cosine at base_lr from step 1, "
                                      "without dividing by warmup (your function divided by zero).") from None
                raise Stop(ERROR, "warmup = total means the whole run is warm-up, no decay: compute the "
                                  "cosine only after the warm-up (your function divided by total - warmup = 0)."
                           ) from None
            if learner and not isinstance(r, (int, float, np.integer, np.floating)):
                raise Stop(FAILED, f"return the learning rate as a number (a float); at step {step} you "
                                   f"returned a {type(r).__name__}.")
            rates.append(float(r))
        return np.array(rates)
    return run


def _sched(warm=lambda s, w: s / w, decay=lambda s, w, n: 0.5 * (1 + math.cos(math.pi * (s - w) / (n - w))),
           base_in_warmup=True):
    def schedule(step, base_lr, warmup, total):
        if step <= warmup:
            return (base_lr if base_in_warmup else 1.0) * warm(step, warmup)
        return base_lr * decay(step, warmup, total)
    return schedule


_SHIFT = "the cosine starts when the warm-up ends: progress = (step - warmup) / (total - warmup), from 0 to 1."
LR_VARIANTS = [
    Variant("step / warmup with `//` is integer division (0 until the last warm-up step): use `/`.",
            _curve(_sched(warm=lambda s, w: s // w))),
    Variant("progress = (step - warmup) / (total - warmup) with `/`: `//` is integer division, 0 until the last "
            "step, so your rate stays at base_lr for the whole decay and drops to 0 only at step total.",
            _curve(_sched(decay=lambda s, w, n: 0.5 * (1 + math.cos(math.pi * ((s - w) // (n - w))))))),
    Variant("`//` is integer division: use `/` both in the warm-up, step / warmup, and in the progress, "
            "(step - warmup) / (total - warmup).",
            _curve(_sched(warm=lambda s, w: s // w,
                          decay=lambda s, w, n: 0.5 * (1 + math.cos(math.pi * ((s - w) // (n - w))))))),
    Variant("steps count from 1: the first step gets base_lr / warmup and step `warmup` gets base_lr (yours is "
            "one step behind: (step - 1) / warmup).", _curve(_sched(warm=lambda s, w: (s - 1) / w))),
    Variant(_SHIFT + " Yours uses step / total.",
            _curve(_sched(decay=lambda s, w, n: 0.5 * (1 + math.cos(math.pi * s / n))))),
    Variant(_SHIFT + " Yours divides by total.",
            _curve(_sched(decay=lambda s, w, n: 0.5 * (1 + math.cos(math.pi * (s - w) / n))))),
    Variant("the decay is base_lr * 0.5 * (1 + cos(pi * progress)), from base_lr down to 0; a bare cos goes "
            "down to -base_lr.", _curve(_sched(decay=lambda s, w, n: math.cos(math.pi * (s - w) / (n - w))))),
    Variant("the cosine part is base_lr * 0.5 * (1 + cos(pi * progress)): you forgot the 1/2, so right after the "
            "warm-up your rate jumps to 2 * base_lr instead of starting its decay at base_lr.",
            _curve(_sched(decay=lambda s, w, n: 1 + math.cos(math.pi * (s - w) / (n - w))))),
    Variant("half a cosine, 0.5 * (1 + cos(pi * progress)), falls from base_lr to 0 as progress goes from 0 to 1: "
            "yours, cos(pi * progress / 2), is a quarter cosine (it stays high longer, then falls steeply).",
            _curve(_sched(decay=lambda s, w, n: math.cos(math.pi * (s - w) / (n - w) / 2)))),
    Variant("half a cosine: 0.5 * (1 + cos(pi * progress)) with pi, not pi / 2 (yours is a quarter cosine, which "
            "ends at base_lr / 2, not 0).",
            _curve(_sched(decay=lambda s, w, n: 0.5 * (1 + math.cos(math.pi * (s - w) / (n - w) / 2))))),
    Variant("the cosine runs from 0 to pi: cos(pi * progress) (yours forgot pi, so it never gets near 0).",
            _curve(_sched(decay=lambda s, w, n: 0.5 * (1 + math.cos((s - w) / (n - w)))))),
    Variant("the decay follows half a cosine, not a straight line: base_lr * 0.5 * (1 + cos(pi * progress)).",
            _curve(_sched(decay=lambda s, w, n: 1 - (s - w) / (n - w)))),
    Variant("the warm-up climbs to base_lr: base_lr * step / warmup (yours forgot base_lr).",
            _curve(_sched(base_in_warmup=False))),
]


def _schedule_cases():
    return [Case("base_lr 0.01, warmup 10, total 100", (0.01, 10, 100)),
            Case("base_lr 0.1, warmup 4, total 12", (0.1, 4, 12)),
            Case("no warm-up: warmup 0, total 20", (0.003, 0, 20)),
            Case("all warm-up: warmup 5, total 5", (0.02, 5, 5)),
            Case("warmup 1, total 2", (1.0, 1, 2))]


def _first_difference(fn):
    """'your rates first differ at step ...' for the first case where they do, or ''."""
    ref, mine = _curve(lr_at), _curve(fn, learner=True)
    for case in _schedule_cases():
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                got = mine(*case.args)
        except Exception:  # reported by diagnose itself
            return ""
        expected = ref(*case.args)
        bad = np.flatnonzero(~np.isclose(got, expected, rtol=1e-6, atol=1e-12))
        if bad.size:
            step, (_, warmup, _) = int(bad[0]) + 1, case.args
            where = "in the warm-up" if step <= warmup else f"{'the first step ' if step == warmup + 1 else ''}after the warm-up"
            return (f"your rates first differ at step {step} of case '{case.label}', {where}: yours "
                    f"{got[step - 1]:.6g}, expected {expected[step - 1]:.6g}. Work out that step by hand from the "
                    "task's formula.")
    return ""


def check_lr_schedule(fn):
    """Check fn(step, base_lr, warmup, total) -> the learning rate at that step (steps count from 1),
    against ``lr_at``: a linear warm-up to base_lr, then half a cosine down to 0 at step total."""
    return diagnose("check_lr_schedule", _curve(fn, learner=True), _curve(lr_at), _schedule_cases(), LR_VARIANTS,
                    ("rates at steps 1..total",), rtol=1e-6, atol=1e-12, arg_names=("base_lr", "warmup", "total"),
                    fallback_hint=_first_difference(fn),
                    summary="your rates match the warm-up + cosine schedule at every step (a long and a short "
                            "run, no warm-up, all warm-up, two steps).")
