"""A step's cache as exercise 4 asks for it: a dict of the learner's design that
the backward can read (lessons 4-5).

The backward needs x_t, h_prev, c_prev and params, which it cannot recompute, and
the gate openings i, f, g, o and tanh(c), which it can. So a cache must hold the
first four (under those names) and may hold the others; ``backward_from_cache``
uses what is stored and recomputes what is not, as lesson 5's
``step_backward_by_hand`` does. ``cache_problem`` checks every stored entry and
says what a wrong one holds instead (the pre-activation, another gate, c, ...).
"""
import numpy as np

from .. import lstm
from ..activations import sigmoid
from .diagnosis import describe

NEEDED = {"x_t": "dW_ih = da.T @ x_t", "h_prev": "dW_hh = da.T @ h_prev",
          "c_prev": "the forget gate's gradient dc * c_prev", "params": "dx_t = da @ W_ih and dh_prev = da @ W_hh"}
OPTIONAL = ("i", "f", "g", "o", "tanh_c")
NAMES = {"a_i": "the input gate's pre-activation (before the sigmoid)",
         "a_f": "the forget gate's pre-activation (before the sigmoid)",
         "a_g": "the cell input's pre-activation (before tanh)",
         "a_o": "the output gate's pre-activation (before the sigmoid)",
         "i": "the input gate's opening i", "f": "the forget gate's opening f", "g": "the cell input g",
         "o": "the output gate's opening o", "c": "the new memory c (before tanh)", "tanh_c": "tanh(c)",
         "h": "the new output h", "x_t": "the input x_t", "h_prev": "h_prev", "c_prev": "c_prev"}
F32 = dict(rtol=1e-4, atol=1e-6)


def step_values(x_t, h_prev, c_prev, params):
    """Every value of one step by name (pre-activations a_i..a_o, gates, c, tanh_c, h, the inputs)."""
    x_t, h_prev, c_prev = (np.asarray(v) for v in (x_t, h_prev, c_prev))
    H = params["W_hh"].shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    v = {f"a_{k}": a[:, n * H:(n + 1) * H] for n, k in enumerate("ifgo")}
    v.update(i=sigmoid(v["a_i"]), f=sigmoid(v["a_f"]), g=np.tanh(v["a_g"]), o=sigmoid(v["a_o"]))
    v["c"] = v["g"] * v["i"] + c_prev * v["f"]
    v["tanh_c"] = np.tanh(v["c"])
    v["h"] = v["tanh_c"] * v["o"]
    v.update(x_t=x_t, h_prev=h_prev, c_prev=c_prev, params=params)
    return v


def backward_from_cache(dh, dc, cache):
    """lstm.step_backward for a dict cache: stored gates are used, missing ones recomputed."""
    v = step_values(cache["x_t"], cache["h_prev"], cache["c_prev"], cache["params"])
    gates = [np.asarray(cache[k]) if k in cache else v[k] for k in OPTIONAL]
    return lstm.step_backward(dh, dc, (cache["x_t"], cache["h_prev"], cache["c_prev"], *gates, cache["params"]))


def _close(got, expected):
    try:
        g = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return g.shape == np.shape(expected) and np.allclose(g, expected, **F32)


def _entry_problem(label, key, got, values):
    """What is wrong with one stored entry, or None."""
    if key == "params":
        p = values["params"]
        if not isinstance(got, dict) or any(k not in got or not _close(got[k], p[k]) for k in p):
            return (f"{label}['params'] is not the params the step was given: store the dict itself "
                    "(`'params': params`).")
        return None
    if _close(got, values[key]):
        return None
    for other in NAMES:
        if other != key and _close(got, values[other]):
            return (f"{label}[{key!r}] holds {NAMES[other]}, not {NAMES[key]}: store the value the backward "
                    f"reads under that name.")
    try:
        seen = describe(f"{label}[{key!r}]", np.asarray(got, dtype=np.float64), values[key], None, **F32)
    except (TypeError, ValueError):
        seen = None
    return (f"{label}[{key!r}] should be {NAMES[key]}" + (f"; what I see: {seen}." if seen else "."))


def cache_problem(cache, values, label="cache"):
    """A hint when ``cache`` cannot serve the backward of the step whose values are ``values``, else None."""
    if isinstance(cache, (tuple, list)):
        return (f"{label} is a {type(cache).__name__}; in this exercise the cache is a dict, e.g. "
                "{'x_t': x_t, 'h_prev': h_prev, ...}, so that the backward finds each value by its name.")
    if not isinstance(cache, dict):
        return f"{label} should be a dict of the values the backward needs; you returned a {type(cache).__name__}."
    for key, why in NEEDED.items():
        if key not in cache:
            return (f"{label} has no {key!r}: the backward needs it for {why}, and cannot recompute it. "
                    "Keep x_t, h_prev, c_prev and params; i, f, g, o and tanh_c are your choice.")
    for key in (*NEEDED, *OPTIONAL):
        if key in cache:
            problem = _entry_problem(label, key, cache[key], values)
            if problem:
                return problem
    return None
