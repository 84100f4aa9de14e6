"""Checkers for a layer over a whole sequence, batch-first: forward, and
backpropagation through time (exercises 4-5).

The exercises use PyTorch's ``batch_first=True`` layout: x (B, T, D), hs and dhs
(B, T, H), so step t reads x[:, t]. Reference: ``lstm_course.lstm.forward`` /
``backward`` (time-major) on the transposed arrays. The forward's caches are
checked entry by entry (``cache.cache_problem``): one per step, in order. The
wrong variants loop over the package's step functions with one mistake each.
Cases: with and without h0, c0, a batch of one, one step, no steps (T = 0), zeros,
large inputs, float32; B differs from T, so that time and batch cannot be confused.
"""
import numpy as np

from .. import lstm
from . import guards
from .cache import cache_problem, step_values
from .core import FAILED, NOT_DONE, Case, Stop, Variant, call_learner, diagnose, report

ONE = "a batch of one: keep the batch axis (B = 1), don't index [0] or squeeze it away."
EMPTY = ("no time steps (T = 0): the loop never runs, so hs is an empty (B, 0, H) array (np.stack of an empty "
         "list fails) and (h_T, c_T) is the start state.")


def _inputs(rng, B, T, D, H, scale=1.0, state=True, dtype=np.float64):
    params = lstm.init_params(D, H, seed=int(rng.integers(1000)), dtype=dtype)
    x = (scale * rng.normal(size=(B, T, D))).astype(dtype)
    h0, c0 = (rng.normal(size=(B, H)).astype(dtype), rng.normal(size=(B, H)).astype(dtype)) if state else (None, None)
    return x, params, h0, c0


def sequence_cases(empty=True):
    rng = np.random.default_rng(6)
    x, p, h0, c0 = _inputs(rng, 2, 3, 3, 4)
    cases = [Case("random B=3, T=5, D=4, H=5 with h0, c0", _inputs(rng, 3, 5, 4, 5)),
             Case("h0, c0 = None (zeros), B=4, T=2", _inputs(rng, 4, 2, 3, 4, state=False)),
             Case("a batch of one", _inputs(rng, 1, 4, 3, 2), note=ONE),
             Case("one time step", _inputs(rng, 2, 1, 3, 4)),
             Case("zero inputs", (np.zeros_like(x), p, np.zeros_like(h0), np.zeros_like(c0))),
             Case("large inputs (x * 50)", _inputs(rng, 2, 4, 3, 4, scale=50.0)),
             Case("float32, h0, c0 = None", _inputs(rng, 2, 3, 3, 4, state=False, dtype=np.float32))]
    if empty:
        cases.append(Case("no time steps, T = 0", _inputs(rng, 2, 0, 3, 4), note=EMPTY))
    return cases


def _forward(x, params, h0=None, c0=None):
    hs, state, _ = lstm.forward(np.swapaxes(x, 0, 1), params, h0, c0)
    return np.swapaxes(hs, 0, 1), state


def _loop(x, params, h0, c0, *, carry_h=True, carry_c=True, use_state=True, keep_h0=False, time_major=False,
          c_stays=False, c_from_h0=False, h_from_c0=False):
    """lstm.step_forward over the sequence (batch-first), with the chosen mistake."""
    B, T, _ = x.shape
    H = params["W_hh"].shape[1]
    zeros = np.zeros((B, H), dtype=x.dtype)
    h_start = h0 if (h0 is not None and use_state) else zeros
    c_start = c0 if (c0 is not None and use_state) else zeros
    if c_from_h0 and c0 is not None:    # `c = ... if c0 is None else h0`: a line copied from h's
        c_start = h0 if h0 is not None else zeros
    if h_from_c0 and h0 is not None:
        h_start = c0 if c0 is not None else zeros
    h, c, hs = h_start, c_start, [h_start] if keep_h0 else []
    for t in range(T):
        h, c_new, _ = lstm.step_forward(x[:, t], h if carry_h else h_start, c if carry_c else c_start, params)
        c = c if c_stays else c_new     # c_stays: the new memory thrown away (`h, _, cache = ...`)
        hs.append(h)
    if T == 0:
        return np.zeros((B, 0, H), dtype=x.dtype), (h, c)
    return np.stack(hs, axis=0 if time_major else 1), (h, c)


def _fv(hint, **how):
    return Variant(hint, lambda x, p, h0=None, c0=None: _loop(x, p, h0, c0, **how))


FORWARD_VARIANTS = [
    _fv("carry the state from step to step: step t's h_prev and c_prev are the h and c that step t-1 returned. "
        "Yours starts every step from h0, c0 (the new values go into other names, e.g. h_t, c_t, that never "
        "become the next step's input): write `h, c, cache = step_forward(x[:, t], h, c, params)`.",
        carry_h=False, carry_c=False),
    _fv("pass each step's h on to the next step: h_prev of step t is the h of step t-1.", carry_h=False),
    _fv("carry the memory from step to step: c_prev of step t is the c of step t-1.", carry_c=False),
    _fv("carry the memory from step to step: keep the c that each step returns (yours throws it away, "
        "`h, _, cache = ...`, so every step starts from c0).", c_stays=True),
    _fv("start from h0 and c0 when they are given (zeros only when they are None).", use_state=False),
    _fv("your memory starts from h0 where c0 is given: the line that sets c was copied from h's and still reads "
        "h0. Start c from c0 (zeros only when c0 is None).", c_from_h0=True),
    _fv("your output starts from c0 where h0 is given: start h from h0 and c from c0 (zeros only when they are "
        "None).", h_from_c0=True),
    _fv("hs holds the T outputs h_1 ... h_T, shape (B, T, H), without h0.", keep_h0=True),
    _fv("hs is batch-first, (B, T, H): stack the steps along axis 1 (np.stack(hs, axis=1)).", time_major=True),
]
_BATCH_FIRST = "x is batch-first, (B, T, D): step t reads x[:, t], of shape (B, D); x[t] is example t."
FORWARD_ERRORS = (("index", _BATCH_FIRST), ("could not be broadcast", _BATCH_FIRST),
                  ("need at least one array", EMPTY),
                  ("UnboundLocalError", "with no inputs (T = 0) the loop never runs, so a name assigned only inside "
                                        "it (such as the h_t, c_t you return) is never set. Start h, c from h0, c0 "
                                        "(or zeros) before the loop and update those same names inside it, "
                                        "`h, c, cache = step_forward(x[:, t], h, c, params)`: then the state is "
                                        "also carried from step to step, and T = 0 returns the start state."),
                  ("referenced before assignment", "with no inputs (T = 0) the loop never runs, so a name assigned "
                                                   "only inside it is never set: start h, c before the loop and "
                                                   "update those same names inside it."),
                  ("matmul", "x is batch-first, (B, T, D): step t reads x[:, t], of shape (B, D)."))


def _caches_checked(fn):
    """The learner's forward as (hs, (h_T, c_T)), after checking its structure and,
    where hs is right and the inputs untouched, its list of step caches."""
    def learner(x, params, h0=None, c0=None):
        before = guards.snapshot((x, params, h0, c0))
        out = fn(x, params, h0, c0)
        if not isinstance(out, (tuple, list)) or len(out) != 3:
            got = f"{len(out)} values" if isinstance(out, (tuple, list)) else f"a {type(out).__name__}"
            raise Stop(FAILED, f"lstm_forward returns 3 values, (hs, (h_T, c_T), caches); you returned {got}.")
        hs, state, caches = out
        if guards.changed(before, (x, params, h0, c0), "args"):
            return hs, state
        try:
            right = np.allclose(np.asarray(hs, float), _forward(*before)[0], 1e-4, 1e-6)
        except (TypeError, ValueError):
            right = False
        if right:
            problem = _caches_problem(caches, *before)
            if problem:
                raise Stop(FAILED, problem)
        return hs, state
    return learner


def _caches_problem(caches, x, params, h0, c0):
    B, T, _ = x.shape
    if not isinstance(caches, (list, tuple)):
        return f"caches is a list of the T step caches (caches[t] for step t); you returned a {type(caches).__name__}."
    if len(caches) != T:
        return (f"caches holds {len(caches)} cache{'s' if len(caches) != 1 else ''} for T = {T} steps: keep every "
                "step's cache (append it inside the loop), caches[t] for step t; the backward needs each one.")
    if T == 0:
        return None
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    values = []
    for t in range(T):
        values.append(step_values(x[:, t], h, c, params))
        h, c = values[-1]["h"], values[-1]["c"]
    if T > 1 and len({id(k) for k in caches}) < T:
        return ("several entries of caches are the same object: make a new cache dict at every step (one dict "
                "reused and overwritten by each step leaves every entry holding the last step's values).")
    if T > 1 and cache_problem(caches[0], values[0]) and not cache_problem(caches[0], values[-1]):
        return "caches[t] must be step t's cache, in time order: yours are reversed (or start with the last step)."
    for t in range(T):
        problem = cache_problem(caches[t], values[t], label=f"caches[{t}]")
        if problem:
            return problem
    return None


def check_lstm_forward(fn):
    """Check fn(x, params, h0=None, c0=None) -> (hs, (h_T, c_T), caches), batch-first, against ``lstm.forward``."""
    return diagnose("check_lstm_forward", _caches_checked(fn), _forward, sequence_cases(), FORWARD_VARIANTS,
                    ("hs", "(h_T, c_T)"), error_hints=FORWARD_ERRORS, arg_names=("x", "params", "h0", "c0"),
                    layout={"hs": (None, "T", None)},
                    summary="hs, h_T and c_T match lstm.forward (batch-first; with and without h0, c0, a batch "
                            "of one, one step, no steps, zeros, large inputs, float32) and caches holds every "
                            "step's cache, in order.")


# --------------------------------------------------------------------------- backward
def _bptt(x, params, h0, c0, dhs, dh_T, dc_T, *, pass_dh=True, pass_dc=True, accumulate=True, forwards=False,
          use_dh_T=True, use_dc_T=True, swap_T=False, dh_T_every_step=False, time_major=False, dc_fixed=False):
    """BPTT (batch-first) with lstm.step_backward over the package's step caches, with one mistake."""
    B, T, _ = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    caches = []
    for t in range(T):
        h, c, cache = lstm.step_forward(x[:, t], h, c, params)
        caches.append(cache)
    zeros = np.zeros((B, H), dtype=dhs.dtype)
    if swap_T:
        dh_T, dc_T = dc_T, dh_T
    dh_next = dh_T if (dh_T is not None and use_dh_T) else zeros
    dc_next = dc_T if (dc_T is not None and use_dc_T) else zeros
    dx = [None] * T
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    for t in (range(T) if forwards else range(T - 1, -1, -1)):
        extra = dh_T if (dh_T_every_step and dh_T is not None and t < T - 1) else 0
        dx[t], dh_prev, dc_prev, dp = lstm.step_backward(dhs[:, t] + (dh_next if pass_dh else 0) + extra,
                                                         dc_next, caches[t])
        dh_next, dc_next = dh_prev, (dc_prev if pass_dc else dc_next if dc_fixed else 0 * dc_prev)
        grads = {k: (grads[k] if accumulate else 0) + dp[k] for k in grads}
    return np.stack(dx, axis=0 if time_major else 1), grads, dh_next, dc_next


def _bv(hint, **how):
    return Variant(hint, lambda x, p, h0, c0, dhs, dh_T, dc_T: _bptt(x, p, h0, c0, dhs, dh_T, dc_T, **how))


BACKWARD_VARIANTS = [
    _bv("dh must include the gradient from the next step: at step t use dhs[:, t] + the dh_prev that step t+1 "
        "returned.", pass_dh=False),
    _bv("dc must flow back too: pass each step's dc_prev to the step before it (it is the memory's additive "
        "path).", pass_dc=False),
    _bv("dc must flow back too: each step's dc_prev is the next dc (going back); yours stays at its start "
        "value.", pass_dc=False, dc_fixed=True),
    _bv("the weights are shared by all steps: add up their gradients over t instead of keeping one step's.",
        accumulate=False),
    _bv("loop backwards in time, from t = T-1 down to 0: each step needs the gradient coming from the step after "
        "it.", forwards=True),
    _bv("dh_T is the gradient of the returned h_T: start the backward loop with it (dh = dh_T at the last step, "
        "on top of dhs[:, T-1]) instead of zeros.", use_dh_T=False),
    _bv("dc_T is the gradient of the returned c_T: start the memory's gradient with it (dc = dc_T at the last "
        "step) instead of zeros.", use_dc_T=False),
    _bv("dh_T goes with h (added to the last step's dh), dc_T with c (the last step's dc): you swapped them.",
        swap_T=True),
    _bv("dh_T enters once, at the last step (t = T-1); from there on it travels back inside dh_prev. You added "
        "it at every step.", dh_T_every_step=True),
    _bv("dx is batch-first, (B, T, D): dx[:, t] is step t's dx_t (np.stack(dxs, axis=1)).", time_major=True),
]
BACKWARD_ERRORS = (("index", "dhs is batch-first, (B, T, H): step t's gradient is dhs[:, t], and caches[t] its "
                             "cache."),
                   ("operand", "dhs is batch-first, (B, T, H): step t's gradient is dhs[:, t], of shape (B, H)."))


def _backward_cases():
    rng = np.random.default_rng(7)
    cases = []
    for k, case in enumerate(sequence_cases(empty=False)):
        x, params, h0, c0 = case.args
        B, T, _ = x.shape
        H = params["W_hh"].shape[1]
        normal = lambda: rng.normal(size=(B, H)).astype(x.dtype)  # noqa: E731
        dh_T, dc_T = (normal(), normal()) if k % 2 == 0 else (None, None)
        dhs = rng.normal(size=(B, T, H)).astype(x.dtype)
        cases.append(Case(case.label + (", dh_T, dc_T given" if dh_T is not None else ""),
                          (x, params, h0, c0, dhs, dh_T, dc_T), note=case.note))
    x, params, h0, c0 = cases[0].args[:4]
    only_dc = (x, params, h0, c0, np.zeros((x.shape[0], x.shape[1], params["W_hh"].shape[1])), None,
               rng.normal(size=h0.shape))
    cases.append(Case("only dc_T given (dhs zero)", only_dc))
    return cases


def _reference(x, params, h0, c0, dhs, dh_T, dc_T):
    _, _, cache = lstm.forward(np.swapaxes(x, 0, 1), params, h0, c0)
    dx, dparams, dh0, dc0 = lstm.backward(np.swapaxes(dhs, 0, 1), cache, dh_T, dc_T)
    return np.swapaxes(dx, 0, 1), dparams, dh0, dc0


LAYOUT = {"dx": (None, "T", None), "dparams['W_ih']": ("G", None), "dparams['W_hh']": ("G", None),
          "dparams['b_ih']": ("G",), "dparams['b_hh']": ("G",)}


def check_lstm_backward(backward, forward):
    """Check backward(dhs, caches, dh_T=None, dc_T=None) -> (dx, dparams, dh0, dc0), batch-first, against
    ``lstm.backward``, where caches is what *your* forward(x, params, h0, c0) returns (its third value)."""
    name = "check_lstm_backward"
    first_needed = "make the forward above pass first (run its cell): backward reads its caches."
    try:
        first = sequence_cases()[0]
        got = call_learner(forward, *first.args)
        if not (isinstance(got, (tuple, list)) and len(got) == 3 and
                np.allclose(np.asarray(got[0], float), _forward(*first.args)[0], 1e-6, 1e-9)):
            raise Stop(FAILED, first_needed)
    except Stop as stop:
        status = NOT_DONE if stop.status == NOT_DONE else FAILED
        return report(name, status, first_needed, stop.hint if stop.hint != first_needed else "")
    except ValueError:
        return report(name, FAILED, first_needed)

    def learner(x, params, h0, c0, dhs, dh_T, dc_T):
        _, _, caches = call_learner(forward, x, params, h0, c0)
        out = backward(dhs, caches, dh_T, dc_T)
        if not isinstance(out, (tuple, list)) or len(out) != 4:
            got = f"{len(out)} values" if isinstance(out, (tuple, list)) else f"a {type(out).__name__}"
            raise Stop(FAILED, f"lstm_backward returns 4 values, (dx, dparams, dh0, dc0); you returned {got}.")
        return out

    return diagnose(name, learner, _reference, _backward_cases(), BACKWARD_VARIANTS,
                    ("dx", "dparams", "dh0", "dc0"), error_hints=BACKWARD_ERRORS, layout=LAYOUT,
                    summary="dx, every parameter gradient, dh0 and dc0 match lstm.backward (batch-first; with "
                            "and without h0, c0, dh_T, dc_T, a batch of one, one step, zeros, large inputs, "
                            "float32).")
