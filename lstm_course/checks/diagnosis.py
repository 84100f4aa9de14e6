"""The generic diagnosis: when no known mistake matches, say what the learner's
output looks like next to the expected one.

``describe(name, got, expected, tags)`` tries, in order: a different shape
(transposed, axes in another order, an axis squeezed or added, one step more or
less), nan or inf, all zeros, a sign flipped, a factor (2, 1/2 or any constant),
a constant offset, gate blocks permuted or one block wrong, shifted or reversed
in time, or right up to some step; and at the least where the largest difference
sits. ``tags`` names the axes: "T" the time axis, "G" the 4H axis of gate blocks
in the order i, f, g, o (None for the others).
"""
import itertools

import numpy as np

GATES = ("i (input gate)", "f (forget gate)", "g (cell input)", "o (output gate)")
SHORT = "ifgo"


def _close(a, b, rtol, atol):
    return a.shape == b.shape and np.allclose(a, b, rtol=rtol, atol=atol)


def _tiny(e, atol):
    return np.max(np.abs(e), initial=0.0) <= atol


def transform(name, g, e, rtol=1e-6, atol=1e-9):
    """A whole-array relation between g and e (zeros, sign, a factor, transposed,
    an offset), as a phrase, or None."""
    if _tiny(g, atol) and not _tiny(e, atol):
        below_one = np.all(np.abs(e) < 1) and not np.all(e == np.round(e))
        return (f"{name} is all zeros where the expected values are not: something is never written or is multiplied "
                "by 0" + (", or an integer division `//` (or int()) rounded values below 1 down to 0" if below_one else ""))
    if g.size < 2:   # one number: any ratio or offset "fits", which says nothing
        return None
    whole_numbers = np.all(g == np.round(g)) and not np.all(e == np.round(e))
    if whole_numbers and np.all(np.abs(g - e) < 1 + atol) and np.all(np.abs(g) <= np.abs(e) + atol):
        return (f"{name} is rounded down to whole numbers where the expected values have fractions: an integer "
                "division `//` (or int(), or an integer array) where `/` belongs")
    if _close(g, -e, rtol, atol):
        return f"{name} has the sign flipped: yours is -1 times the expected value"
    for factor, word in ((2.0, "twice"), (0.5, "half"), (4.0, "4 times"), (0.25, "a quarter of")):
        if _close(g, factor * e, rtol, atol):
            return f"{name} is {word} the expected value: a term counted twice, or a factor of 2 (or 1/2) too many"
    if g.ndim == 2 and g.shape[0] == g.shape[1] > 1 and _close(g, e.T, rtol, atol):
        return f"{name} is transposed: yours is the expected array's .T"
    mask = np.abs(e) > max(atol, 1e-12)
    if mask.sum() >= 2:
        ratio = g[mask] / e[mask]
        r = float(np.median(ratio))
        if np.isfinite(r) and abs(r - 1) > 1e-3 and _close(g, r * e, rtol, atol):
            return f"{name} is {r:.4g} times the expected value everywhere: one constant factor is wrong"
    if g.size >= 2:
        d = float(np.median(g - e))
        if abs(d) > atol and _close(g, e + d, rtol, atol):
            return f"{name} is off by the same constant everywhere ({d:+.4g}): an offset or a bias term is wrong"
    return None


def _shape_phrase(name, g, e, tags):
    """Why the shapes differ, as a phrase."""
    gs, es = g.shape, e.shape
    base = f"{name} has shape {gs}, expected {es}"
    if g.ndim == e.ndim == 2 and gs == es[::-1]:
        return f"{base}: it is transposed (yours is the expected array's .T)"
    if g.ndim == e.ndim and g.ndim >= 2 and sorted(gs) == sorted(es):
        for perm in itertools.permutations(range(g.ndim)):
            if tuple(gs[p] for p in perm) == es and _close(np.transpose(g, perm), e, 1e-6, 1e-9):
                hint = ""
                if tags and "T" in tags and tags.index("T") == 0 and g.ndim == 3:
                    hint = " (the course is time-major: (T, B, ...), time first, then the batch)"
                return f"{base}: the same numbers with the axes in another order{hint}"
    if g.size == e.size and g.ndim != e.ndim:
        squeezed = [n for n in es if n != 1]
        if [n for n in gs if n != 1] == squeezed:
            if g.ndim < e.ndim:
                return (f"{base}: an axis of length 1 is missing (a batch of one squeezed away, or a sum without "
                        "keepdims=True); keep every axis")
            return f"{base}: it has an extra axis of length 1; drop it (or index it away)"
    if tags and "T" in tags and g.ndim == e.ndim:
        t = tags.index("T")
        rest_same = all(gs[k] == es[k] for k in range(g.ndim) if k != t)
        if rest_same and gs[t] == es[t] + 1:
            return (f"{base}: one time step too many (the initial state kept as a first step?); "
                    f"there is one entry per input step, {es[t]}")
        if rest_same and gs[t] == es[t] - 1:
            return f"{base}: one time step missing (a loop that stops one step early, range(T - 1)?)"
    return base


def _blocks(a, axis):
    return np.split(a, 4, axis=axis)


def _gate_phrase(name, g, e, axis, rtol, atol):
    """Blocks permuted, or which blocks differ (and how), as a phrase; None if no block-wise pattern."""
    if g.shape[axis] % 4:
        return None
    gb, eb = _blocks(g, axis), _blocks(e, axis)
    for perm in itertools.permutations(range(4)):
        if perm != (0, 1, 2, 3) and all(_close(gb[k], eb[perm[k]], rtol, atol) for k in range(4)):
            order = ", ".join(SHORT[p] for p in perm)
            return (f"the four gate blocks of {name} are in the order {order}; the course (and PyTorch) "
                    "use i, f, g, o: rows 0:H input gate, H:2H forget gate, 2H:3H cell input, 3H:4H output gate")
    bad = [k for k in range(4) if not _close(gb[k], eb[k], rtol, atol)]
    if not bad or len(bad) == 4:
        return None
    which = " and ".join(GATES[k] for k in bad)
    plural = "blocks" if len(bad) > 1 else "block"
    how = transform("it", gb[bad[0]], eb[bad[0]], rtol, atol)
    right = ", ".join(SHORT[k] for k in range(4) if k not in bad)
    phrase = f"in {name}, the {which} {plural} differ{'' if len(bad) > 1 else 's'} (blocks {right} are right)"
    return phrase + (f"; {how}" if how else "")


def _time_phrase(name, g, e, axis, rtol, atol):
    """Shifted or reversed in time, or right up to a step, as a phrase; None otherwise."""
    T = g.shape[axis]
    if T < 2:
        return None
    gm, em = np.moveaxis(g, axis, 0), np.moveaxis(e, axis, 0)
    if _close(gm[1:], em[:-1], rtol, atol):
        return f"{name} is one step late: your step t holds the expected step t-1 (an index off by one)"
    if _close(gm[:-1], em[1:], rtol, atol):
        return f"{name} is one step early: your step t holds the expected step t+1 (an index off by one)"
    if _close(gm, em[::-1], rtol, atol):
        return f"{name} is reversed in time: your step t holds the expected step T-1-t"
    ok = [_close(gm[t], em[t], rtol, atol) for t in range(T)]
    if all(ok):
        return None
    first = ok.index(False)
    if first > 0:
        return (f"{name} is right for steps 0 to {first - 1} and differs from step t={first} on: step {first} is "
                f"the first to go wrong; work it out by hand from its inputs and from step {first - 1}")
    if all(ok[1:]):
        return f"{name} differs at the first step only (t=0): look at how the initial state enters"
    if ok[-1] and not any(ok[:-1]):
        return f"{name} is right at the last step only: what flows back from one step to the one before is wrong"
    return None


def _where(name, g, e):
    """The largest difference, located."""
    diff = np.abs(g - e)
    diff = np.where(np.isnan(diff), np.inf, diff)
    idx = np.unravel_index(int(np.argmax(diff)), g.shape) if g.ndim else ()
    at = f" at index {tuple(int(i) for i in idx)}" if g.ndim else ""
    wrong = int(np.sum(diff > 0)) if g.size > 1 else 1
    share = f"; {wrong} of {g.size} values differ" if g.size > 1 else ""
    return f"{name} differs most{at}: yours {float(g[idx]) + 0.0:.6g}, expected {float(e[idx]) + 0.0:.6g}{share}"


def describe(name, got, expected, tags=None, rtol=1e-6, atol=1e-9):
    """A sentence saying how ``got`` differs from ``expected``, or None when they match."""
    found = describe_specific(name, got, expected, tags, rtol, atol)
    return found[0] if found else None


def describe_specific(name, got, expected, tags=None, rtol=1e-6, atol=1e-9, use_transform=True):
    """(sentence, specific) or None when they match; specific is False when all
    that could be said is where the largest difference sits. use_transform=False
    leaves out the whole-array relations (for when they do not hold on every case)."""
    try:
        g = np.asarray(got, dtype=np.float64)
        e = np.asarray(expected, dtype=np.float64)
    except (TypeError, ValueError):
        return f"{name} should be an array of numbers, you returned a {type(got).__name__}", True
    if g.shape != e.shape:
        return _shape_phrase(name, g, e, tags), True
    if np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True):
        return None
    if not np.all(np.isfinite(g)) and np.all(np.isfinite(e)):
        n = int(np.sum(~np.isfinite(g)))
        return (f"{name} contains {n} nan or inf value{'s' if n > 1 else ''}: an overflow (exp of a large "
                "number), a division by zero, or a value used before it was set (np.empty)"), True
    tags = tuple(tags) if tags else ()
    phrases = []
    if "G" in tags and len(tags) == g.ndim:
        phrases.append(_gate_phrase(name, g, e, tags.index("G"), rtol, atol))
    if "T" in tags and len(tags) == g.ndim:
        phrases.append(_time_phrase(name, g, e, tags.index("T"), rtol, atol))
    phrases = [p for p in phrases if p]
    whole = transform(name, g, e, rtol, atol) if use_transform else None
    if whole:
        phrases.insert(0, whole)
    if phrases:
        return "; ".join(phrases[:2]), True
    return _where(name, g, e), False
