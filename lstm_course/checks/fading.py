"""Checker for lesson 1's transfer task: after how many steps does a value kept by
multiplying (c_t = w c_{t-1}) fall below a threshold?

The answer is the smallest whole t >= 0 with |c0| |w|**t < threshold ("below" is
strict), 0 when |c0| is below already, and None when it never falls below
(|w| >= 1 and |c0| >= threshold). The reference runs the neuron step by step, so
a learner's closed form (logarithms) is checked against what actually happens.
A learner's loop that never ends is stopped after two seconds (where signals work).
"""
import math
import signal
import threading

import numpy as np

from .core import ERROR, FAILED, PASSED, Stop, call_learner, guarded, report

NAME = "check_steps_until_below"
TIME_LIMIT = 2.0   # seconds for one call


def steps_until_below(c0, w, threshold, *, strict=True):
    """The reference: run c_t = w c_{t-1} until |c_t| < threshold."""
    c, w = abs(float(c0)), abs(float(w))
    if w >= 1 and c >= threshold:
        return None
    t = 0
    while (c >= threshold) if strict else (c > threshold):
        c, t = c * w, t + 1
    return t


# (label, (c0, w, threshold)); the never-ending cases come last, so that a loop that
# never ends is reported only after everything else was judged.
CASES = [
    ("c0 = 3, w = 0.9, threshold 0.01", (3.0, 0.9, 0.01)),
    ("c0 = 1, w = 0.5, threshold 0.125 (after 3 steps it is exactly 0.125: not below yet)", (1.0, 0.5, 0.125)),
    ("c0 = 2, w = 0.5, threshold 2 (c0 is at the threshold, not below)", (2.0, 0.5, 2.0)),
    ("c0 = 0.005, w = 0.9, threshold 0.01 (already below)", (0.005, 0.9, 0.01)),
    ("c0 = -3, w = 0.9, threshold 0.01 (a negative value)", (-3.0, 0.9, 0.01)),
    ("c0 = 3, w = -0.9, threshold 0.01 (a negative w)", (3.0, -0.9, 0.01)),
    ("c0 = 1e6, w = 0.99, threshold 1e-6 (a long wait)", (1e6, 0.99, 1e-6)),
    ("c0 = 0.001, w = 1.5, threshold 0.01 (below at the start, though it grows)", (0.001, 1.5, 0.01)),
    ("c0 = 3, w = 1, threshold 0.01 (never)", (3.0, 1.0, 0.01)),
    ("c0 = 3, w = 1.1, threshold 0.01 (never)", (3.0, 1.1, 0.01)),
    ("c0 = 3, w = -1, threshold 0.01 (never)", (3.0, -1.0, 0.01)),
]

_NEGATIVE_W = ("a negative w flips the sign each step but shrinks the size just the same: work with abs(w) "
               "(the log of a negative number is undefined).")
ERROR_HINTS = (("math domain error", _NEGATIVE_W), ("NaN", _NEGATIVE_W),
               ("OverflowError", "your numbers grew past what a float can hold: something is multiplied by a "
                                 "|w| > 1 again and again; the loop should stop once the value is below the "
                                 "threshold, and never start when it cannot get there."),
               ("division by zero", "log(1) is 0: when |w| = 1 the value never falls below, so return None "
                                    "before dividing by log(abs(w))."))


def _signed(c0, w, thr):
    """The loop without abs(): a negative value counts as below at once."""
    c, t = float(c0), 0
    while c >= thr and t < 10_000:
        c, t = c * w, t + 1
    return t


def _variant_answers(c0, w, thr):
    """Known slips: name -> that slip's answer for this case."""
    right = steps_until_below(c0, w, thr)
    out = {"strict": steps_until_below(c0, w, thr, strict=False)}
    if right is not None:
        out["one fewer"], out["one more"] = max(right - 1, 0), right + 1
        out["no abs"] = _signed(c0, w, thr)
        out["signed c0"] = 0 if c0 < thr else right
        out["no c0"] = steps_until_below(1.0, w, thr)
        out["signed w"] = _signed(abs(c0), w, thr)
        out["at least one"] = max(right, 1)
    return out


HINTS = {
    "strict": "'below' means strictly less than the threshold: a value exactly at the threshold has not fallen "
              "below yet (use `>=` to keep going, `<` to stop; with logarithms, a whole-number ratio needs one "
              "more step).",
    "one fewer": "you return one step too few: after t steps the value is |w|**t |c0|, and you need the first t "
                 "where that is below the threshold (with logarithms: the next whole number above the ratio).",
    "one more": "you return one step too many: when |c0| is below the threshold already the answer is 0 steps.",
    "no abs": "a value falls below the threshold when its size does: compare abs(c_t) (use abs(c0)), or a "
              "negative start counts as below at once.",
    "signed c0": "a negative c0 is not below the threshold: its size is what fades, so compare abs(c0) (and "
                 "abs(c_t)); -3 has size 3, which takes as long to fall below as +3. You used abs(w) but not "
                 "abs(c0).",
    "no c0": "the kept value is c0 times w**t: start from abs(c0), not from 1.",
    "signed w": "a negative w flips the sign at every step but shrinks the size just the same: a value that "
                "turns negative has not fallen below; compare its size, abs(c_t) (multiply by abs(w)).",
    "at least one": "when |c0| is below the threshold already the answer is 0 steps: test before taking a step "
                    "(a `while` loop that checks first), not after the first one.",
}

_NEVER = ("return None when the value never falls below the threshold (|w| >= 1 while |c0| >= threshold), "
          "not a number.")


def _call(fn, args, label):
    """The learner's answer, stopped after TIME_LIMIT seconds where the platform allows."""
    use_alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not use_alarm:
        return call_learner(fn, *args, error_hints=ERROR_HINTS)

    def too_long(signum, frame):
        raise TimeoutError

    old = signal.signal(signal.SIGALRM, too_long)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        return call_learner(fn, *args, error_hints=ERROR_HINTS)
    except Stop as stop:
        if "TimeoutError" in stop.hint:
            raise Stop(FAILED, f"your function did not return within {TIME_LIMIT:g} seconds on case '{label}': "
                               "the value never falls below when |w| >= 1, so a loop that waits for it never "
                               "ends. Return None first in that case.") from None
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _as_count(got, label):
    """got as an int, or Stop with a hint when it is not a whole number of steps."""
    if isinstance(got, (bool, np.bool_)):
        raise Stop(FAILED, "return the number of steps (an int), not True or False.", f"case '{label}'")
    if isinstance(got, (int, np.integer)):
        return int(got)
    if isinstance(got, (float, np.floating)) and math.isfinite(got) and float(got).is_integer():
        raise Stop(FAILED, f"return the number of steps as an int (you returned the float {float(got)!r}): "
                           "np.ceil and np.floor give floats; wrap the result in int(...).", f"case '{label}'")
    if isinstance(got, (float, np.floating)):
        raise Stop(FAILED, f"return the number of steps t (a whole number, an int); you returned {float(got):.6g}, "
                           "which looks like a value, not a number of steps.", f"case '{label}'")
    raise Stop(FAILED, f"return the number of steps as an int (or None when it never falls below); you returned "
                       f"a {type(got).__name__}.", f"case '{label}'")


@guarded(NAME)
def check_steps_until_below(fn):
    """Check fn(c0, w, threshold) -> the first t >= 0 with |w**t c0| < threshold (an int), None if never."""
    answers, errors = [], []
    for label, args in CASES:
        expected = steps_until_below(*args)
        try:
            got = _call(fn, args, label)
        except Stop as stop:
            if stop.status not in (ERROR, FAILED) or not callable(fn):
                raise
            errors.append(stop)      # judged after the others: a known slip may explain it better
            continue
        if expected is None:
            if got is not None:
                raise Stop(FAILED, _NEVER, f"case '{label}': you returned {got!r}, expected None")
            continue
        if got is None:
            raise Stop(FAILED, f"on case '{label}' the value does fall below the threshold, after {expected} "
                               "steps; return None only when |w| >= 1 and |c0| >= threshold.",
                       f"case '{label}': you returned None")
        answers.append((label, args, _as_count(got, label), expected))
    wrong = [(label, args, g, e) for label, args, g, e in answers if g != e]
    if not wrong and not errors:
        return report(NAME, PASSED, summary="the step counts match running the neuron: fading, exactly at the "
                                            "threshold, already below, negative values and weights, and never.")
    if wrong:
        label, _, g, e = wrong[0]
        detail = f"case '{label}': you returned {g}, expected {e}"
        for slip in HINTS:
            if all(_variant_answers(*args).get(slip, e) == g for _, args, g, e in answers):
                return report(NAME, FAILED, HINTS[slip], detail)
    if errors:
        raise errors[0]
    return report(NAME, FAILED, f"on case '{label}' the value falls below the threshold after {e} steps, not "
                                f"{g}: run keep_by_multiplying for that many steps and look at the last values.",
                  detail)
