"""Checkers for looking inside the character model (lesson 10): a text feature (each
character's position in its line), the correlation of every cell with a feature, and
the gates' saturation fractions.

Reference: ``lstm_course.cell_analysis`` (line_position, correlations,
saturation_fractions). Cases: short texts with blank lines and a newline first or
last, a passage of the play; activations with a planted cell (positive and negative),
a feature with NaN steps, a cell that never changes, float32 and whole numbers; gate
openings exactly on the thresholds, other thresholds, one step, one cell.
"""
import numpy as np

from .. import cell_analysis as ca
from .. import text as tx
from .core import report, FAILED, Case, Stop, Variant, diagnose


# --------------------------------------------------------------------------- line position
def _positions(fn, learner=False):
    """fn(text) as an array; the learner's must be one int per character."""
    def run(text):
        out = fn(text)
        if learner:
            if isinstance(out, (list, tuple)):
                raise Stop(FAILED, f"positions is a Python {type(out).__name__}; return a numpy array of ints "
                                   "(np.array(positions, dtype=np.int64)), so that it can be compared and "
                                   "correlated like the lesson's features.")
            arr = np.asarray(out)
            if arr.ndim == 1 and len(text) and arr.shape[0] == len(text) - text.count("\n") and "\n" in text:
                raise Stop(FAILED, "one position per character of the text, the newlines included: you have "
                                   f"{arr.shape[0]} for {len(text)} characters. text.split('\\n') drops the "
                                   "newlines; a newline belongs to the line it ends (its position is the line's "
                                   "length). Walk over the text character by character instead.")
            if arr.size and arr.dtype.kind not in "iu":
                raise Stop(FAILED, f"positions are counts, integers; yours are {arr.dtype}: an array made with "
                                   "np.zeros(n) holds floats, so give it dtype=int (or build it with "
                                   "np.array([...], dtype=np.int64)).")
        return out
    return run


def _reset_first(text):
    out, col = [], 0
    for ch in text:
        if ch == "\n":
            col = 0
        out.append(col)
        col += 1
    return np.array(out, dtype=np.int64)


def _from_one(text):
    return ca.line_position(text) + 1


def _newline_zero_then_one(text):
    out, col = [], 0
    for ch in text:
        col = 0 if ch == "\n" else col + 1
        out.append(col)
    return np.array(out, dtype=np.int64)


def _newline_zero_no_step(text):
    out, col = [], 0
    for ch in text:
        if ch == "\n":
            col = 0
        out.append(col)
        col += 0 if ch == "\n" else 1
    return np.array(out, dtype=np.int64)


def _newline_zero_only(text):
    out = ca.line_position(text).copy()
    out[[k for k, ch in enumerate(text) if ch == "\n"]] = 0
    return out


def _rfind_inclusive(text):
    return np.array([k - text.rfind("\n", 0, k + 1) - 1 for k in range(len(text))], dtype=np.int64)


def _line_number(text):
    return np.array([text.count("\n", 0, k) for k in range(len(text))], dtype=np.int64)


LINE_VARIANTS = [
    Variant("a newline belongs to the line it ends: its position is that line's length, and the count starts "
            "again at 0 on the character AFTER it. You reset before recording, so the newline gets 0 and the "
            "next character 1; record the position first, then reset.", _positions(_reset_first)),
    Variant("positions count from 0, as Python's indices do: the first character of a line is at 0. Yours "
            "count from 1 (record the count before adding one).", _positions(_from_one)),
    Variant("record the position before you update the count: yours adds one (or resets) first, so every "
            "character gets the next one's position and a newline gets 0. A newline belongs to the line it "
            "ends: its position is that line's length.", _positions(_newline_zero_then_one)),
    Variant("a newline belongs to the line it ends: its position is that line's length (the count goes on), "
            "and the count starts again at 0 on the character AFTER it. Yours gives the newline 0.",
            _positions(_newline_zero_no_step)),
    Variant("a newline belongs to the line it ends: its position is that line's length (the count goes on), "
            "and the count starts again at 0 on the character AFTER it. Yours gives the newline 0.",
            _positions(_newline_zero_only)),
    Variant("text.rfind('\\n', 0, k + 1) finds the character itself when it is a newline (its position becomes "
            "-1): search before it, text.rfind('\\n', 0, k), so that a newline belongs to the line it ends.",
            _positions(_rfind_inclusive)),
    Variant("reset the count at every newline: yours counts from the start of the text (np.arange), so it "
            "never comes back to 0 on a new line.", _positions(lambda t: np.arange(len(t), dtype=np.int64))),
    Variant("only a newline starts a new line; a space does not: yours resets at spaces too (that is the "
            "position in the word).", _positions(ca.word_position)),
    Variant("the position WITHIN its line (characters since the last newline), not which line it is on: yours "
            "counts the newlines before each character.", _positions(_line_number)),
]


def check_line_position(fn):
    """Check fn(text) -> int array (len(text),): each character's position in its line,
    0 for a line's first character, a newline belonging to the line it ends."""
    play = tx.load_text()
    cases = [Case("'ab\\ncd'", ("ab\ncd",)),
             Case("a blank line: 'one\\n\\ntwo'", ("one\n\ntwo",)),
             Case("a newline first and last", ("\nWhen shall we three meet again\n",)),
             Case("no newline at all", ("Fair is foul",)),
             Case("an empty text: an empty int array", ("",)),
             Case("a passage of the play", (play[1000:1400],))]
    if callable(fn):   # right everywhere but an empty text's float array: name the dtype
        try:
            empty = fn("")
            outs = [(np.asarray(fn(*c.args)), c) for c in cases if c.args[0]]
            rest = all(o.dtype.kind in "iu" and np.array_equal(o, ca.line_position(*c.args)) for o, c in outs)
        except Exception:
            empty, rest = None, False
        if rest and isinstance(empty, np.ndarray) and empty.size == 0 and empty.dtype.kind not in "iu":
            return report("check_line_position", FAILED,
                          f"positions are counts, integers; for an empty text yours are {empty.dtype}: "
                          "np.array([]) of an empty text's empty list is float64, so give the dtype, "
                          "np.array([...], dtype=np.int64).", "case 'an empty text: an empty int array'")
    return diagnose("check_line_position", _positions(fn, learner=True), ca.line_position, cases,
                    LINE_VARIANTS, ("positions",), arg_names=("text",),
                    summary="positions match cell_analysis.line_position (a blank line, a newline first and "
                            "last, no newline, a passage of the play).")


# --------------------------------------------------------------------------- correlations
def _defined(acts, feature):
    acts, feature = np.asarray(acts, dtype=np.float64), np.asarray(feature, dtype=np.float64)
    keep = ~np.isnan(feature)
    return acts[keep], feature[keep]


def _like(r, acts, feature):
    return np.asarray(r).astype(np.result_type(np.asarray(acts).dtype, np.asarray(feature).dtype, np.float32))


def _uncentred(acts, feature):
    a, x = _defined(acts, feature)
    denom = np.sqrt((a ** 2).sum(0) * (x ** 2).sum())
    return _like(np.where(denom > 0, (a * x[:, None]).sum(0) / np.where(denom > 0, denom, 1), 0.0), acts, feature)


def _covariance(acts, feature):
    a, x = _defined(acts, feature)
    return _like(((a - a.mean(0)) * (x - x.mean())[:, None]).mean(0), acts, feature)


def _one_std(acts, feature):
    a, x = _defined(acts, feature)
    s = a.std(0)
    cov = ((a - a.mean(0)) * (x - x.mean())[:, None]).mean(0)
    return _like(np.where(s > 0, cov / np.where(s > 0, s, 1), 0.0), acts, feature)


def _ddof_mixed(acts, feature):
    a, _ = _defined(acts, feature)
    n = a.shape[0]
    return _like(ca.correlations(acts, feature) * n / (n - 1), acts, feature)


def _nan_kept(fill):
    """NaN steps not left out: every mean and sum is NaN, so r is NaN (or ``fill``, where a
    guard such as np.where(denominator > 0, ...) turned NaN into its fallback)."""
    def fn(acts, feature):
        feature = np.asarray(feature, dtype=np.float64)
        r = ca.correlations(acts, np.nan_to_num(feature))
        return _like(np.where(np.isnan(feature).any(), fill, r), acts, feature)
    return fn


def _nan_as_zero(acts, feature):
    return _like(ca.correlations(acts, np.nan_to_num(np.asarray(feature, dtype=np.float64))), acts, feature)


def _global_mean(acts, feature):
    a, x = _defined(acts, feature)
    a = a - a.mean()
    x = x - x.mean()
    denom = np.sqrt((a ** 2).sum(0) * (x ** 2).sum())
    return _like(np.where(denom > 0, (a * x[:, None]).sum(0) / np.where(denom > 0, denom, 1), 0.0), acts, feature)


def _corrcoef_all_steps(acts, feature):
    """np.corrcoef per cell over every step: NaN steps kept, a constant cell NaN, float64 out."""
    acts, feature = np.asarray(acts, dtype=np.float64), np.asarray(feature, dtype=np.float64)
    return np.array([np.corrcoef(acts[:, j], feature)[0, 1] for j in range(acts.shape[1])])


def _dead_nan(acts, feature):
    a, _ = _defined(acts, feature)
    r = ca.correlations(acts, feature)
    return _like(np.where(a.std(0) > 0, r, np.nan), acts, feature)


CORR_VARIANTS = [
    Variant("subtract the means first: Pearson's r is the correlation of the deviations from each mean, "
            "(a - mean(a)) and (x - mean(x)); without it you measure the cosine of the raw vectors, which a "
            "constant offset changes.", _uncentred),
    Variant("divide the covariance by both standard deviations, r = cov(a, x) / (std(a) std(x)): yours is the "
            "covariance itself, whose size depends on the units; r lies between -1 and 1.", _covariance),
    Variant("divide by BOTH standard deviations, the cell's and the feature's: r = cov(a, x) / (std(a) std(x)).",
            _one_std),
    Variant("np.cov (and np.std(..., ddof=1)) divide by T - 1, np.std by T: mixed, r comes out T / (T - 1) "
            "times too large. Use the same divisor in the covariance and the standard deviations (or sums, "
            "where it cancels).", _ddof_mixed),
    Variant("leave out the steps where the feature is NaN (not defined there, like the vowel feature on a "
            "space): keep = ~np.isnan(feature), then use acts[keep] and feature[keep]. One NaN makes every "
            "mean and sum NaN.", _nan_kept(np.nan)),
    Variant("leave out the steps where the feature is NaN (not defined there, like the vowel feature on a "
            "space): keep = ~np.isnan(feature), then use acts[keep] and feature[keep]. One NaN makes every "
            "mean and sum NaN, and your guard for a zero denominator then turns every r into 0.", _nan_kept(0.0)),
    Variant("leave out the steps where the feature is NaN; setting them to 0 (np.nan_to_num) invents a value "
            "there and changes r. Keep = ~np.isnan(feature), then acts[keep], feature[keep].", _nan_as_zero),
    Variant("leave out the steps where the feature is NaN (np.isnan mask): keep = ~np.isnan(feature), then "
            "np.corrcoef(acts[keep, j], feature[keep]); one NaN step makes np.corrcoef's r NaN. Also give a cell "
            "that never changes r = 0 (np.corrcoef gives NaN there: 0 / 0) and keep the input's dtype "
            "(np.corrcoef returns float64).", _corrcoef_all_steps),
    Variant("subtract each cell's own mean, acts.mean(axis=0), shape (H,): acts.mean() is one number over all "
            "cells and steps.", _global_mean),
    Variant("a cell that never changes has standard deviation 0, and 0 / 0 is NaN: give such a cell r = 0 "
            "(no linear relation), e.g. np.where(denominator > 0, ..., 0.0).", _dead_nan),
    Variant("keep the sign of r: a cell that goes DOWN as the feature goes up tracks it just as well, and the "
            "sign says which way.", lambda a, x: _like(np.abs(ca.correlations(a, x)), a, x)),
]


def _corr_cases():
    rng = np.random.default_rng(10)
    T, H = 60, 5
    x = rng.normal(size=T)
    acts = rng.normal(size=(T, H)) + 0.5
    acts[:, 2] = 2 * x + 0.3 * rng.normal(size=T) + 1      # a planted cell
    acts[:, 4] = -x + 0.5 * rng.normal(size=T)             # and one that goes the other way
    nan_x = x.copy()
    nan_x[::7] = np.nan
    dead = acts.copy()
    dead[:, 1] = 0.25                                      # a cell that never changes
    binary = (x > 0).astype(float)
    return [Case("a planted cell (+) and one going the other way (-)", (acts, x)),
            Case("a feature with NaN steps", (acts, nan_x)),
            Case("a cell that never changes", (dead, x)),
            Case("a binary feature (0/1)", (acts, binary)),
            Case("float32 activations and feature: float32 out", (acts.astype(np.float32), x.astype(np.float32))),
            Case("whole numbers (ints): float64 out", (rng.integers(-3, 4, size=(20, 3)), rng.integers(0, 5, size=20)))]


def check_correlations(fn):
    """Check fn(acts, feature) -> r (H,): each cell's Pearson correlation with the
    feature over the steps where it is not NaN, 0 for a cell that never changes."""
    return diagnose("check_correlations", fn, ca.correlations, _corr_cases(), CORR_VARIANTS, ("r",),
                    arg_names=("acts", "feature"),
                    summary="r matches cell_analysis.correlations (a planted cell of either sign, NaN steps "
                            "left out, a cell that never changes, a binary feature, float32, whole numbers); "
                            "acts and feature are left unchanged.")


# --------------------------------------------------------------------------- saturation
def _sat(left_of, right_of, scale=1.0):
    def fn(gate, low=ca.LOW, high=ca.HIGH):
        gate = np.asarray(gate)
        return (np.asarray(left_of(gate, low, high)) * scale, np.asarray(right_of(gate, low, high)) * scale)
    return fn


_LEFT = lambda g, lo, hi: np.mean(g < lo, axis=0)      # noqa: E731
_RIGHT = lambda g, lo, hi: np.mean(g > hi, axis=0)     # noqa: E731

SAT_VARIANTS = [
    Variant("saturated means strictly beyond the threshold: left is gate < low, right is gate > high; an "
            "opening of exactly 0.1 or 0.9 does not count (yours uses <= and >=).",
            _sat(lambda g, lo, hi: np.mean(g <= lo, axis=0), lambda g, lo, hi: np.mean(g >= hi, axis=0))),
    Variant("fractions of the T steps, not counts: divide by the number of steps (or use np.mean over axis 0).",
            _sat(lambda g, lo, hi: np.sum(g < lo, axis=0), lambda g, lo, hi: np.sum(g > hi, axis=0))),
    Variant("per cell: average over the time axis, axis=0 (gate is (T, H)); axis=1 averages over the cells at "
            "each step.", _sat(lambda g, lo, hi: np.mean(g < lo, axis=1), lambda g, lo, hi: np.mean(g > hi, axis=1))),
    Variant("one fraction per cell: average over axis=0 only; yours averages over all cells and steps together.",
            _sat(lambda g, lo, hi: np.mean(g < lo), lambda g, lo, hi: np.mean(g > hi))),
    Variant("return (left, right): left-saturated (below low, shut) first, right-saturated (above high, open) "
            "second; yours are swapped.", lambda gate, low=0.1, high=0.9: _sat(_LEFT, _RIGHT)(gate, low, high)[::-1]),
    Variant("use the low and high you are given: with other thresholds yours still uses 0.1 and 0.9.",
            lambda gate, low=0.1, high=0.9: _sat(_LEFT, _RIGHT)(gate)),
    Variant("left-saturated is below LOW (gate < low), right-saturated above HIGH (gate > high): yours compares "
            "with the other threshold.",
            _sat(lambda g, lo, hi: np.mean(g < hi, axis=0), lambda g, lo, hi: np.mean(g > lo, axis=0))),
    Variant("fractions between 0 and 1, not percentages: drop the factor 100.", _sat(_LEFT, _RIGHT, 100.0)),
    Variant("integer division (//) of the counts by T rounds every fraction down to 0 (or 1): divide with /, "
            "or take np.mean of the comparison.",
            _sat(lambda g, lo, hi: np.sum(g < lo, axis=0) // g.shape[0],
                 lambda g, lo, hi: np.sum(g > hi, axis=0) // g.shape[0])),
]


def _sat_cases():
    rng = np.random.default_rng(20)
    rand = rng.uniform(size=(50, 6))
    edges = np.array([[0.1, 0.9, 0.5], [0.05, 0.95, 0.1], [0.9, 0.1, 0.95], [0.5, 0.5, 0.02]])
    skewed = 1 / (1 + np.exp(-3 * rng.normal(size=(40, 4)) - np.array([-4.0, 0.0, 4.0, 1.0])))
    return [Case("random openings (50, 6)", (rand,)),
            Case("openings exactly 0.1 and 0.9", (edges,)),
            Case("cells mostly shut, mixed, mostly open", (skewed,)),
            Case("thresholds low=0.2, high=0.8", (rand,), {"low": 0.2, "high": 0.8}),
            Case("one step (1, 3)", (np.array([[0.05, 0.5, 0.97]]),)),
            Case("float32 openings (fractions in float64)", (skewed.astype(np.float32),))]


def check_saturation_fractions(fn):
    """Check fn(gate, low=0.1, high=0.9) -> (left, right), each (H,): the fraction of the
    T steps each cell's gate is below low and above high."""
    return diagnose("check_saturation_fractions", fn, ca.saturation_fractions, _sat_cases(), SAT_VARIANTS,
                    ("left", "right"), arg_names=("gate", "low", "high"),
                    summary="left and right match cell_analysis.saturation_fractions (random openings, openings "
                            "exactly on 0.1 and 0.9, other thresholds, one step, float32); gate is left unchanged.")
