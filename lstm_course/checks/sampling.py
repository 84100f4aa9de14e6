"""Checkers for sampling from the character model (lesson 7): probabilities with
a temperature and a top-k cut, and drawing a character from a uniform number.

References: ``sampling_probs`` (``lstm_course.readout.softmax`` of the scores over
the temperature, cut to each row's top_k) and ``draw`` below. Cases: rows of very
different magnitude (a global instead of a per-row maximum shows), one row,
float32 scores, a uniform number exactly on a boundary.
"""
import contextlib
import io
import sys

import numpy as np

from ..readout import softmax
from . import guards
from .core import FAILED, Case, Stop, Variant, diagnose


# --------------------------------------------------------------------------- temperature and top-k
def sampling_probs(logits, temperature, top_k=None):
    """softmax(logits / temperature) over the last axis; with top_k, only each row's top_k largest
    scores keep a probability. float32 scores give float32 probabilities."""
    z = np.asarray(logits) / temperature
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    return softmax(z)


def _probs_with(*, temp=lambda z, t: z / t, top="right", shift="row", norm="row", after=None):
    """sampling_probs with one mistake in how the temperature, the top-k cut, the maximum or the sum is taken."""
    def fn(logits, temperature, top_k=None):
        z = temp(np.asarray(logits), temperature)
        if top_k is not None and top in ("drop smallest", "exactly k"):
            order = np.argsort(z, axis=-1)
            cut = order[..., :top_k] if top == "drop smallest" else order[..., :-top_k]
            z = z.copy()
            np.put_along_axis(z, cut, -np.inf, axis=-1)
        elif top_k is not None and top != "ignore" and top != "after":
            s = np.sort(z, axis=None if top == "global" else -1)
            kth = s[-top_k] if top == "global" else (s[..., top_k - 1] if top == "smallest"
                                                       else s[..., -top_k])[..., None]
            keep = {"right": z >= kth, "global": z >= kth, "smallest": z <= kth, "strict": z > kth,
                    "zero": z >= kth}[top]
            z = np.where(keep, z, 0.0 if top == "zero" else -np.inf)
        m = {"row": z.max(axis=-1, keepdims=True), "global": z.max(), "none": 0.0,
             "axis 0": z.max(axis=0, keepdims=True)}[shift]
        e = np.exp(z - m)
        p = e / {"whole": e.sum(), "axis 0": e.sum(axis=0, keepdims=True)}.get(norm, e.sum(axis=-1, keepdims=True))
        if top == "after" and top_k is not None:
            kth = np.sort(p, axis=-1)[..., -top_k][..., None]
            p = np.where(p >= kth, p, 0.0)
        return after(p, temperature) if after else p
    return fn


AXIS0 = ("take the softmax over the last axis, axis=-1 (each row's scores over the vocabulary), for the maximum and "
         "for the sum: yours uses axis=0, which runs down the batch, so for a batch the columns sum to 1, not the "
         "rows.")

def _axis0_first(logits, temperature, top_k=None):
    """The softmax over axis 0, the maximum subtracted before the top-k cut."""
    z = np.asarray(logits) / temperature
    z = z - z.max(axis=0, keepdims=True)
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z)
    return e / e.sum(axis=0, keepdims=True)


PROBS_VARIANTS = [
    Variant(AXIS0, _axis0_first),
    Variant(AXIS0, _probs_with(shift="axis 0", norm="axis 0")),
    Variant(AXIS0, _probs_with(norm="axis 0")),
    Variant(AXIS0, _probs_with(shift="axis 0")),
    Variant("divide the scores by the temperature before the softmax, not the probabilities after it: "
            "softmax(logits / temperature).", _probs_with(temp=lambda z, t: z, after=lambda p, t: p / t)),
    Variant("divide by the temperature (a temperature below 1 must sharpen the distribution): "
            "softmax(logits / temperature), not logits * temperature.", _probs_with(temp=lambda z, t: z * t)),
    Variant("use the temperature: softmax(logits / temperature).", _probs_with(temp=lambda z, t: z)),
    Variant("subtract each row's maximum before exp: exp(1000) overflows to inf, and inf / inf is nan "
            "(the result is otherwise unchanged).", _probs_with(shift="none")),
    Variant("subtract each row's own maximum (z.max(axis=-1, keepdims=True)), not one maximum of the whole "
            "batch: a row far below it underflows to exp(-2000) = 0 everywhere, and 0 / 0 is nan.",
            _probs_with(shift="global")),
    Variant("normalise each row on its own: sum over the last axis (axis=-1, keepdims=True), so every "
            "row of a batch sums to 1.", _probs_with(norm="whole")),
    Variant("normalise each row on its own: take the maximum and the sum over the last axis (axis=-1, "
            "keepdims=True), so every row of a batch sums to 1.", _probs_with(norm="whole", shift="global")),
    Variant("with top_k, keep only the top_k largest scores of each row (the others get probability 0); "
            "yours ignores top_k.", _probs_with(top="ignore")),
    Variant("top-k keeps the largest scores: the top_k-th largest is np.sort(z, axis=-1)[..., -top_k] "
            "(yours keeps the smallest).", _probs_with(top="smallest")),
    Variant("top_k keeps each row's top_k largest scores and cuts the other V - top_k: yours cuts the top_k "
            "smallest instead (np.argsort(z)[..., :top_k] are the smallest scores, the ones to keep are at the end, "
            "[..., -top_k:]).", _probs_with(top="drop smallest")),
    Variant("scores tied with the row's top_k-th largest all keep their probability, as the task says (compare "
            "with that score: z >= np.sort(z, axis=-1)[..., -top_k]); yours keeps exactly top_k positions "
            "(argsort), so it cuts some of the tied scores, whichever the sort put first.",
            _probs_with(top="exactly k")),
    Variant("set the cut scores to -inf before the softmax, so that exp gives exactly 0: a score of 0 still "
            "gets a probability.", _probs_with(top="zero")),
    Variant("keep exactly top_k scores: compare with >= the top_k-th largest (with > you keep top_k - 1).",
            _probs_with(top="strict")),
    Variant("after cutting to the top_k, renormalise: the kept probabilities must sum to 1 (cut the scores "
            "to -inf before the softmax, and the softmax does it for you).", _probs_with(top="after")),
    Variant("the top_k largest of each row (sort along axis=-1), not of the whole batch.",
            _probs_with(top="global")),
]


def _probs_cases():
    rng = np.random.default_rng(71)
    far = np.stack([1000 + rng.normal(size=5), -1000 + rng.normal(size=5), rng.normal(size=5)])
    return [Case("scores (V=6), temperature 0.5", (rng.normal(size=6), 0.5)),
            Case("a batch (B=3, V=5), temperature 2", (rng.normal(size=(3, 5)), 2.0)),
            Case("a batch of one, temperature 0.8", (rng.normal(size=(1, 4)), 0.8)),
            Case("zero scores, temperature 0.3", (np.zeros((2, 4)), 0.3)),
            Case("large scores (about 1000), temperature 1", (1000 + rng.normal(size=(2, 5)), 1.0)),
            Case("rows near +1000, -1000 and 0", (far, 1.0)),
            Case("top_k = 3 of V = 6, B = 2", (rng.normal(size=(2, 6)), 0.7), {"top_k": 3}),
            Case("top_k = 1 (always the best)", (rng.normal(size=(3, 4)), 1.5), {"top_k": 1}),
            Case("top_k = 2, rows of different magnitude", (far, 1.0), {"top_k": 2}),
            Case("float32 scores, top_k = 4", (rng.normal(size=(2, 7)).astype(np.float32), 0.9), {"top_k": 4}),
            Case("float32 scores", (rng.normal(size=(3, 5)).astype(np.float32), 1.3))]


TIE_CASE = Case("ties at the cut: top_k = 2 of [3, 2, 2, 0, 1]",
                (np.array([[3.0, 2.0, 2.0, 0.0, 1.0], [1.0, 1.0, 1.0, 0.5, 4.0]]), 1.0), {"top_k": 2})


def check_sampling_probs(fn):
    """Check fn(logits (..., V), temperature, top_k=None) -> probabilities (..., V) against
    ``sampling_probs``: softmax(logits / temperature), cut to each row's top_k scores; then, once that is
    right, scores tied with the top_k-th largest (all of them keep a probability)."""
    summary = ("your probabilities equal softmax(logits / temperature), cut to the top_k (one row, a batch, zeros, "
               "rows near +-1000, top_k from 1 to 4, float32, ties at the cut).")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        result = diagnose("check_sampling_probs", fn, sampling_probs, _probs_cases(), PROBS_VARIANTS,
                          ("probabilities",), arg_names=("logits", "temperature"), summary=summary)
    if not result:
        sys.stdout.write(printed.getvalue())
        sys.stdout.flush()
        return result
    return diagnose("check_sampling_probs", fn, sampling_probs, [TIE_CASE], PROBS_VARIANTS, ("probabilities",),
                    arg_names=("logits", "temperature"), summary=summary)


# --------------------------------------------------------------------------- drawing a character
def draw(probs, u):
    """For each row b, the first index i whose cumulative probability exceeds u[b] (the inverse of the
    cumulative distribution): int array (B,). probs (B, V), rows summing to 1; u (B,) in [0, 1)."""
    cdf = np.cumsum(probs, axis=-1)                                   # (B, V)
    return np.minimum((cdf <= np.asarray(u)[:, None]).sum(axis=-1), probs.shape[-1] - 1)


def _draw_run(fn, learner=False):
    def run(probs, u):
        out = fn(probs, u)
        if learner:
            hint = guards.type_hint("your result", out, np.zeros(1))
            if hint:
                raise Stop(FAILED, hint)
            if np.asarray(out).dtype.kind not in "iu":
                raise Stop(FAILED, f"return the indices as integers (they index the vocabulary); yours are "
                                   f"{np.asarray(out).dtype}: np.zeros(B) holds floats, use dtype=int.")
        return out
    return run


def _cdf(probs, axis=-1, flat=False, sort=False, cumulative=True):
    """The cumulative probabilities as a mistaken learner computes them."""
    p = np.asarray(probs)
    if sort:
        p = np.sort(p, axis=-1)[:, ::-1]
    if not cumulative:
        return p
    return np.cumsum(p).reshape(p.shape) if flat else np.cumsum(p, axis=axis)


def _ways(hint, over, offset=0):
    """Variants for one mistake, ``over(probs, u)`` -> the (B, V) booleans "cumulative probability > u" as the
    learner computes them, read in the three usual ways: np.argmax of the row (0 where none is True), the count of
    the False ones (V where none is True), and that count capped at V - 1."""
    def read(way):
        def fn(probs, u):
            o = over(np.asarray(probs), np.asarray(u)[:, None])
            V = o.shape[-1]
            index = {"argmax": np.argmax(o, axis=-1), "count": (~o).sum(axis=-1),
                     "capped": np.minimum((~o).sum(axis=-1), V - 1),
                     "first or last": np.where(o.any(axis=-1), np.argmax(o, axis=-1), V - 1)}[way]
            return index + offset
        return fn
    return [Variant(hint, _draw_run(read(way))) for way in ("argmax", "count", "capped", "first or last")]


NO_CDF_ABOVE = ("when no cumulative probability exceeds u (round-off can leave the last one at 0.9999999999999998 "
                "or 0.9999999999999999, not above a u that close to 1), return the last index, V - 1, as the task "
                "says: np.argmax of a row that is all False gives 0, a count of the cumulative probabilities <= u "
                "gives V (np.minimum(..., V - 1) caps it).")
AXIS0_CUMSUM = ("take the cumulative sum along each row, np.cumsum(probs, axis=-1) (or axis=1): axis=0 adds up "
                "the rows of the batch, one column at a time.")
GREATER = ("the answer is the first index whose cumulative probability is greater than u, not greater or equal (so a "
           "u exactly on a boundary goes to the next character; np.searchsorted needs side='right').")
ONE_1_MINUS_U = "compare the cumulative sum with u itself, not 1 - u."

DRAW_VARIANTS = [
    *_ways(AXIS0_CUMSUM, lambda p, u: _cdf(p, axis=0) > u),
    *_ways("take the cumulative sum along each row, np.cumsum(probs, axis=-1): without the axis it runs over the "
           "whole batch as one long row.", lambda p, u: _cdf(p, flat=True) > u),
    *_ways(GREATER, lambda p, u: _cdf(p) >= u),
    Variant("draw at random through u: the first index whose cumulative probability exceeds u, not the most "
            "likely character (argmax is greedy decoding).", _draw_run(lambda p, u: np.argmax(p, axis=-1))),
    *_ways("the index is the number of cumulative probabilities that are <= u, starting at 0 (yours is one too "
           "high).", lambda p, u: _cdf(p) > u, offset=1),
    *_ways(ONE_1_MINUS_U, lambda p, u: _cdf(p) > 1 - u),
    *_ways("compare u with the cumulative probabilities, cdf = np.cumsum(probs, axis=-1), not with the "
           "probabilities themselves: index i is drawn when u falls in [cdf[i-1], cdf[i]), a stretch of length "
           "probs[i].", lambda p, u: _cdf(p, cumulative=False) > u),
    *_ways("keep the vocabulary's order: do not sort the probabilities (the index must be a character's id).",
           lambda p, u: _cdf(p, sort=True) > u),
    *_ways(NO_CDF_ABOVE, lambda p, u: _cdf(p) > u)[:2],
]


def _draw_cases():
    rng = np.random.default_rng(74)
    p = rng.dirichlet(np.ones(6), size=4)
    return [Case("B=4, V=6, random u", (p, rng.uniform(size=4))),
            Case("u exactly on a boundary", (np.array([[0.25, 0.25, 0.5], [0.5, 0.25, 0.25]]), np.array([0.25, 0.5]))),
            Case("a batch of one", (np.array([[0.1, 0.2, 0.3, 0.4]]), np.array([0.65]))),
            Case("u = 0 and u close to 1", (np.array([[0.0, 0.5, 0.5], [0.2, 0.3, 0.5]]), np.array([0.0, 0.999]))),
            Case("a skewed row, V=5", (np.array([[0.7, 0.1, 0.1, 0.05, 0.05]] * 3), np.array([0.05, 0.72, 0.9]))),
            Case("no cumulative probability exceeds u: probs 0.1 x 10 (the sum rounds to 0.9999999999999999), "
                 "u = 0.9999999999999999", (np.full((2, 10), 0.1), np.array([0.9999999999999999, 0.5])),
                 note=NO_CDF_ABOVE),
            Case("the cumulative sum rounds below u: probs 1/7 x 7 (0.9999999999999998), u = 0.9999999999999999",
                 (np.full((1, 7), 1 / 7), np.array([0.9999999999999999])), note=NO_CDF_ABOVE)]


def check_draw(fn):
    """Check fn(probs (B, V), u (B,)) -> int indices (B,): for each row the first index whose cumulative
    probability exceeds u (a draw from probs when u is uniform)."""
    return diagnose("check_draw", _draw_run(fn, learner=True), _draw_run(draw), _draw_cases(), DRAW_VARIANTS,
                    ("indices",), arg_names=("probs", "u"),
                    error_hints=(("broadcast", "compare each row with its own u: cdf <= u[:, None] (u has shape "
                                               "(B,), the cumulative sums (B, V))."),),
                    summary="your draws equal the inverse of the cumulative distribution (random rows, u on a "
                            "boundary, a batch of one, u = 0 and near 1, a skewed row, a cumulative sum that rounds "
                            "below u).")
