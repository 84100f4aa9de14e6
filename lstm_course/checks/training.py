"""Checkers for the pieces of the training loop: gradient clipping, SGD with
momentum, and Adam (lesson 6; the learning-rate schedule is in ``schedule.py``).

Reference: ``lstm_course.optim`` (clip_grad_norm, sgd_momentum_step, adam_step,
with states from sgd_momentum_init / adam_init). Optimisers
run three steps from a fresh state, so a state that is not kept shows; the
arrays the caller holds must be the ones that change (a dict entry rebound to a
new array trains nothing in lesson 6's loop), and the gradients must come back
unchanged. Cases: random, zero, tiny (1e-8) and large gradients, one parameter,
float32 parameters, other hyperparameters (a large eps among them).
"""
import itertools

import numpy as np

from .. import optim
from . import guards
from .core import ERROR, FAILED, Case, Stop, Variant, diagnose

CLIP_MAX = 1.0

IN_PLACE = ("update the caller's arrays in place (`g *= factor`, `p -= ...`): `g = g * factor` or `p = p - ...` "
            "makes a new array and leaves the one the caller holds as it was, so nothing changes outside "
            "your function.")


def _grads(rng, scale=1.0, keys=("W_ih", "W_hh", "b_ih"), dtype=np.float64):
    shapes = {"W_ih": (8, 3), "W_hh": (8, 2), "b_ih": (8,)}
    return {k: (scale * rng.normal(size=shapes[k])).astype(dtype) for k in keys}


# --------------------------------------------------------------------------- clipping
def _clip_cases():
    rng = np.random.default_rng(9)
    return [Case("norm above max_norm", (_grads(rng, 3.0), CLIP_MAX)),
            Case("norm below max_norm", (_grads(rng, 0.01), CLIP_MAX)),
            Case("all gradients zero", ({k: 0 * v for k, v in _grads(rng).items()}, CLIP_MAX)),
            Case("one parameter", (_grads(rng, 2.0, keys=("b_ih",)), CLIP_MAX)),
            Case("large gradients (1e6), max_norm 5", (_grads(rng, 1e6), 5.0)),
            Case("norm about 3, max_norm 5 (nothing to clip)", (_grads(rng, 0.5), 5.0)),
            Case("float32 gradients", (_grads(rng, 3.0, dtype=np.float32), 2.0))]


def _clip_run(clip, learner=False):
    """(returned norm, the caller's gradient arrays after the call)."""
    def run(grads, max_norm):
        held = dict(grads)                       # the arrays the training loop holds
        if not learner:
            return clip(grads, max_norm), held
        try:
            total = clip(grads, max_norm)
        except ZeroDivisionError:
            raise Stop(ERROR, _zero_division_hint(clip)) from None
        if total is None:
            raise Stop(FAILED, "return the norm before clipping, a number: you returned None (a function "
                               "without `return ...` returns None).")
        rebound = [k for k, arr in held.items() if grads.get(k) is not arr] if isinstance(grads, dict) else []
        if rebound:
            k = rebound[0]
            raise Stop(FAILED, f"you rebound grads[{k!r}] = ... to a new array: the dict now holds a new array, but "
                               "the training loop holds the old one, which is never clipped. Scale the array in "
                               f"place: `g = grads[k]` then `g *= max_norm / norm` (or `grads[k][...] = ...`).")
        return total, held
    return run


def _zero_division_hint(clip):
    """Why the learner's clip divided by zero on all-zero gradients: it also rescales gradients whose
    norm is below max_norm (no `if`), or only the zero case is unguarded."""
    rng = np.random.default_rng(90)
    small = _grads(rng, 0.01)
    before = guards.snapshot(small)
    try:
        with np.errstate(all="ignore"):
            clip(small, CLIP_MAX)
    except Exception:  # noqa: BLE001 (the learner's code; only its effect on small gradients matters)
        pass
    scaled_up = bool(guards.changed(before, small, "grads"))
    if scaled_up:
        return ("only scale down: your function divided by zero on all-zero gradients (norm 0) because it "
                "rescales whatever the norm; with an `if norm > max_norm:` it leaves small (and zero) gradients "
                "alone, as the task says.")
    return ("your function divided by zero on all-zero gradients (norm 0): scale only when the norm exceeds "
            "max_norm, which never divides by 0.")


def _norm(grads):
    return float(np.sqrt(sum(np.sum(np.square(g.astype(np.float64))) for g in grads.values())))


def _scaled(norm_fn, factor_fn=lambda m, n: m / n, always=False, limit=None, guard_zero=True):
    """A clip that measures with norm_fn and, when the norm exceeds the limit, multiplies by factor_fn."""
    def clip(grads, max_norm):
        total = np.float64(norm_fn(grads))     # 0 / 0 gives nan, as the learner's numpy would
        m = max_norm if limit is None else limit
        if (always or total > m) and (total > 0 or not guard_zero):
            for g in grads.values():
                g *= factor_fn(m, total)
        return total
    return clip


def _each_separately(grads, max_norm):
    total = _norm(grads)
    for g in grads.values():
        optim.clip_grad_norm({"g": g}, max_norm)
    return total


def _elementwise(grads, max_norm):
    total = _norm(grads)
    for g in grads.values():
        np.clip(g, -max_norm, max_norm, out=g)
    return total


def _norm_after(grads, max_norm):
    optim.clip_grad_norm(grads, max_norm)
    return _norm(grads)


CLIP_VARIANTS = [
    Variant("clip all gradients together: one norm over all of them and one scale factor, which keeps "
            "the step's direction (you clipped each array by its own norm).", _clip_run(_each_separately)),
    Variant("only scale down: when the norm is already below max_norm, leave the gradients alone.",
            _clip_run(_scaled(_norm, always=True))),
    Variant("only scale down: when the norm is already below max_norm (or 0), leave the gradients alone.",
            _clip_run(_scaled(_norm, always=True, guard_zero=False))),
    Variant("clip the norm, not each value: multiply every gradient by max_norm / norm (np.clip changes "
            "the direction).", _clip_run(_elementwise)),
    Variant("return the norm before clipping (it is what is worth logging).", _clip_run(_norm_after)),
    Variant("your gradients come out unchanged where they should be scaled down: " + IN_PLACE,
            _clip_run(lambda grads, max_norm: _norm(grads))),
    Variant("the norm is the square root of the sum of all squared entries: you forgot the square root.",
            _clip_run(_scaled(lambda gs: _norm(gs) ** 2))),
    Variant("the norm of all gradients together is sqrt(sum of every squared entry), not the sum of the "
            "arrays' norms.", _clip_run(_scaled(lambda gs: sum(float(np.linalg.norm(g)) for g in gs.values())))),
    Variant("the norm is sqrt of the sum of the squares of every entry: yours squares the sum of each array "
            "(np.sum(g) ** 2), the square of the sum instead of the sum of squares (np.sum(g ** 2)).",
            _clip_run(_scaled(lambda gs: float(np.sqrt(sum(float(np.sum(g.astype(np.float64))) ** 2
                                                          for g in gs.values())))))),
    Variant("the norm is sqrt of the sum of the squares of every entry: yours takes the square of the sum of all "
            "entries instead of the sum of squares.",
            _clip_run(_scaled(lambda gs: abs(float(sum(np.sum(g.astype(np.float64)) for g in gs.values())))))),
    Variant("multiply by max_norm / norm (below 1 when clipping), not norm / max_norm.",
            _clip_run(_scaled(_norm, factor_fn=lambda m, n: n / m))),
    Variant("use the max_norm you are given, not 1.", _clip_run(_scaled(_norm, limit=1.0))),
]


def check_clip(fn):
    """Check fn(grads, max_norm) -> total norm before clipping; grads scaled in place."""
    return diagnose("check_clip", _clip_run(fn, learner=True), _clip_run(optim.clip_grad_norm), _clip_cases(),
                    CLIP_VARIANTS, ("returned norm", "grads after"), rtol=1e-5, atol=1e-9, mutable=("grads",),
                    summary="norms and clipped gradients match optim.clip_grad_norm (above and below "
                            "max_norm, zeros, one parameter, large gradients, float32).")


# --------------------------------------------------------------------------- optimisers
def _opt_cases(other_hypers):
    """Three steps each: random, one parameter, large / zero / tiny gradients, float32, other hyperparameters."""
    rng = np.random.default_rng(10)
    cases = []
    specs = [("random", 1.0, ("W_ih", "W_hh", "b_ih"), np.float64, {}),
             ("one parameter", 1.0, ("b_ih",), np.float64, {}),
             ("large gradients (1e3)", 1e3, ("W_ih", "b_ih"), np.float64, {}),
             ("zero gradients", 0.0, ("W_hh",), np.float64, {}),
             ("tiny gradients (1e-8)", 1e-8, ("W_ih", "b_ih"), np.float64, {}),
             ("float32 parameters and gradients", 1.0, ("W_ih", "b_ih"), np.float32, {})]
    specs += [(f"{', '.join(f'{k}={v}' for k, v in h.items())}", 1.0, ("W_ih", "W_hh"), np.float64, h)
              for h in other_hypers]
    for label, scale, keys, dtype, hyper in specs:
        params = _grads(rng, 1.0, keys, dtype)
        steps = [_grads(rng, scale, keys, dtype) for _ in range(3)]
        cases.append(Case(label, (params, steps, hyper)))
    return cases


VELOCITY_REBOUND = ("update the velocity in place, as the task asks: `v = state['velocity'][k]`, then `v *= momentum` "
                    "and `v += grads[k]`. Yours puts a new array into state['velocity'][{k!r}] at every step, so "
                    "whoever holds the state's arrays (a checkpoint, a logger) never sees them change.")


def _three_steps(step, init, learner=False, before_step=None, velocity=False):
    """Run step(params, grads, state, **hyper) 3 times from init(params): (the caller's params after each step),
    and with velocity=True also state['velocity'] after the last step."""
    def run(params, steps, hyper):
        held = dict(params)
        state = init(params)
        out = []
        for grads in steps:
            if before_step:
                before_step(state)
            grads_before = guards.snapshot(grads)
            held_velocity = dict(state["velocity"]) if learner and velocity else {}
            step(params, grads, state, **hyper)
            if learner:
                hint = guards.kept_in_place(held, params)
                if hint:
                    raise Stop(FAILED, hint)
                if velocity and isinstance(state.get("velocity"), dict):
                    rebound = [k for k, v in held_velocity.items() if state["velocity"].get(k) is not v]
                    if rebound:
                        raise Stop(FAILED, VELOCITY_REBOUND.format(k=rebound[0]))
                paths = guards.changed(grads_before, grads, "grads")
                if paths:
                    raise Stop(FAILED, f"your step changed `grads` in place ({', '.join(paths[:2])}): the "
                                       "gradients belong to the caller (a training loop logs and clips them); "
                                       "compute into the state's arrays or new ones, never into grads[k].")
            out.append({k: v.copy() for k, v in held.items()})
        if velocity:
            stored = state.get("velocity") if isinstance(state, dict) else None
            out.append({k: np.array(v, copy=True) for k, v in stored.items()} if isinstance(stored, dict) else stored)
        return tuple(out)
    return run


def _ignoring(step, defaults, names):
    """The step run with the default values of ``names`` whatever the caller passes."""
    def wrong(params, grads, state, **hyper):
        step(params, grads, state, **{k: v for k, v in hyper.items() if k not in names},
             **{k: defaults[k] for k in names})
    return wrong


def _ignore_variants(step, init, defaults, velocity=False):
    return [Variant(f"use the {' and '.join(names)} you are given (the checker passes other values): yours "
                    f"behaves as if {', '.join(f'{k}={defaults[k]}' for k in names)} were written into the code.",
                    _three_steps(_ignoring(step, defaults, names), init, velocity=velocity))
            for n in range(1, len(defaults) + 1) for names in itertools.combinations(defaults, n)]


def _adam_with(*, correct=True, keep=True, betas_swapped=False, sign=1, eps_mode="outside", square=np.square,
               t_mode="once", correct_in_place=False, hat_betas="12"):
    """Adam with one mistake: no bias correction, moments not kept, betas swapped, the sign, eps placed
    wrongly, v of another function of g, t counted wrongly, or the stored moments bias-corrected."""
    def step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
        b1, b2 = betas[::-1] if betas_swapped else betas
        if t_mode == "once":
            state["t"] += 1
        for k, p in params.items():
            if t_mode == "per parameter":
                state["t"] += 1
            t = {"once": state["t"], "per parameter": state["t"], "stays 1": 1, "zero": 0}[t_mode]
            m = b1 * state["m"][k] + (1 - b1) * grads[k]
            v = b2 * state["v"][k] + (1 - b2) * square(grads[k])
            if keep:
                state["m"][k], state["v"][k] = m, v
            if correct in (True, "m", "v"):
                bm, bv = (b1 if hat_betas[0] == "1" else b2), (b1 if hat_betas[1] == "1" else b2)
                m_hat, v_hat = m / (1 - bm ** t), v / (1 - bv ** t)
                m = m_hat if correct in (True, "m") else m
                v = v_hat if correct in (True, "v") else v
                if correct_in_place:
                    state["m"][k], state["v"][k] = m, v
            root = {"outside": np.sqrt(v) + eps, "inside": np.sqrt(v + eps), "minus": np.sqrt(v) - eps}[eps_mode]
            p -= sign * lr * m / root
    return step


ADAM_DEFAULTS = {"lr": 1e-2, "betas": (0.9, 0.999), "eps": 1e-8}
_A = optim.adam_init
ADAM_VARIANTS = [
    Variant("divide m by (1 - beta1**t) and v by (1 - beta2**t): both start at zero, so early on they are "
            "too small until corrected.", _three_steps(_adam_with(correct=False), _A)),
    Variant("bias-correct v too: v_hat = v / (1 - beta2**t) (yours corrects m only, and divides by the square root "
            "of the uncorrected v, which starts near zero, so the first steps come out too large).",
            _three_steps(_adam_with(correct="m"), _A)),
    Variant("bias-correct m too: m_hat = m / (1 - beta1**t) (yours corrects v only).",
            _three_steps(_adam_with(correct="v"), _A)),
    Variant("correct v with beta2: v_hat = v / (1 - beta2**t); yours divides by (1 - beta1**t), beta1's "
            "correction (copied from the line for m_hat).", _three_steps(_adam_with(hat_betas="11"), _A)),
    Variant("correct m with beta1: m_hat = m / (1 - beta1**t); yours divides by (1 - beta2**t), beta2's "
            "correction.", _three_steps(_adam_with(hat_betas="22"), _A)),
    Variant("m_hat = m / (1 - beta1**t) and v_hat = v / (1 - beta2**t): yours swaps the two corrections.",
            _three_steps(_adam_with(hat_betas="21"), _A)),
    Variant("keep m and v in the state between steps (update state['m'][k] in place, or store the new "
            "arrays back): yours start from zero at every step.", _three_steps(_adam_with(keep=False), _A)),
    Variant("m uses beta1 = 0.9 (a short memory of the gradient), v uses beta2 = 0.999 (a long one of its "
            "square): you swapped them.", _three_steps(_adam_with(betas_swapped=True), _A)),
    Variant("step against the gradient: p -= lr * m_hat / (sqrt(v_hat) + eps).",
            _three_steps(_adam_with(sign=-1), _A)),
    Variant("your parameters come out unchanged: " + IN_PLACE, _three_steps(lambda *a, **h: None, _A)),
    Variant("eps goes outside the square root: sqrt(v_hat) + eps (yours is sqrt(v_hat + eps), which with tiny "
            "gradients or a large eps takes far smaller steps).", _three_steps(_adam_with(eps_mode="inside"), _A)),
    Variant("add eps, don't subtract it: sqrt(v_hat) + eps keeps the division away from zero (sqrt(v_hat) - eps "
            "blows up when the gradients are tiny).", _three_steps(_adam_with(eps_mode="minus"), _A)),
    Variant("v is the running mean of the squared gradient: v <- beta2 * v + (1 - beta2) * g**2.",
            _three_steps(_adam_with(square=np.abs), _A)),
    Variant("v is the running mean of the squared gradient: v <- beta2 * v + (1 - beta2) * g**2 (yours uses g, "
            "so v can turn negative and its square root nan).", _three_steps(_adam_with(square=lambda g: g), _A)),
    Variant("increase t once per step, before the loop over the parameters (yours counts every parameter, so "
            "the bias correction fades too fast).", _three_steps(_adam_with(t_mode="per parameter"), _A)),
    Variant("the bias correction needs the power t: m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t), with t = "
            "state['t'] the number of steps so far; yours divides by 1 - beta1 and 1 - beta2 at every step, as if "
            "t were always 1 (the `** t` is missing, or t is never increased).",
            _three_steps(_adam_with(t_mode="stays 1"), _A)),
    Variant("increase state['t'] before the bias correction: with t = 0, 1 - beta**t is 0 and the division "
            "gives inf and nan.", _three_steps(_adam_with(t_mode="zero"), _A)),
    Variant("bias-correct a copy: m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t); dividing the stored "
            "m and v themselves (m /= ...) spoils the running means kept in the state.",
            _three_steps(_adam_with(correct_in_place=True), _A)),
] + _ignore_variants(optim.adam_step, _A, ADAM_DEFAULTS)


def check_adam_step(fn):
    """Check fn(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8), updating params in
    place, with state from ``optim.adam_init``; three steps are compared with ``optim.adam_step``."""
    cases = _opt_cases([{"eps": 1.0}, {"lr": 0.1, "betas": (0.8, 0.99)}])
    return diagnose("check_adam_step", _three_steps(fn, _A, learner=True), _three_steps(optim.adam_step, _A),
                    cases, ADAM_VARIANTS, ("after step 1", "after step 2", "after step 3"), mutable=("params",),
                    summary="three Adam steps match optim.adam_step, on the arrays you were given (random, one "
                            "parameter, large, tiny and zero gradients, float32, a large eps, other lr and "
                            "betas).")


def _sgd_with(*, velocity=True, lr_on_v=True, sign=1, damp=False, late=False, cs231n=False, v_sign=1,
              step_params=True, lr_in_v=False, momentum_on="v", step_by_grad=False):
    def step(params, grads, state, lr=0.1, momentum=0.9):
        for k, p in params.items():
            v = state["velocity"][k]
            if cs231n:
                v *= momentum
                v -= lr * grads[k]
                p += v
                continue
            if lr_in_v:
                v *= momentum
                v += lr * grads[k]
                p -= v
                continue
            if momentum_on == "g":
                v += momentum * grads[k]
                p -= lr * v
                continue
            if momentum_on == "both":
                v *= momentum
                v += momentum * grads[k]
                p -= lr * v
                continue
            if late:
                p -= lr * v
            if velocity:
                v *= momentum
                v += (1 - momentum) * grads[k] if damp else v_sign * grads[k]
                g = v
            else:
                g = grads[k]
            if step_by_grad:
                g = grads[k]
            if not late and step_params:
                p -= sign * (lr if lr_on_v else 1.0) * g
    return step


SGD_DEFAULTS = {"lr": 0.1, "momentum": 0.9}
_S = optim.sgd_momentum_init


def _sgd_steps(step):
    return _three_steps(step, _S, velocity=True)


SGD_VARIANTS = [
    Variant("store the velocity as the task (and torch) does, v <- momentum * v + g, then p <- p - lr * v: yours "
            "keeps v <- momentum * v - lr * g and p <- p + v (CS231n's convention). The parameters agree while lr "
            "stays fixed, but state['velocity'] holds -lr times torch's, and the two part ways as soon as lr "
            "changes (a schedule, Task 4).", _sgd_steps(_sgd_with(cs231n=True))),
    Variant("keep lr out of the velocity, as the task (and torch) does: v <- momentum * v + g, then p <- p - lr * v. "
            "Yours folds lr into it (v <- momentum * v + lr * g, p <- p - v): the parameters agree while lr stays "
            "fixed, but state['velocity'] holds lr times torch's, and the two part ways as soon as lr changes (a "
            "schedule, Task 4).", _sgd_steps(_sgd_with(lr_in_v=True))),
    Variant("momentum multiplies the old velocity, not the gradient: v <- momentum * v + g (yours is "
            "v <- v + momentum * g, which never forgets old gradients).", _sgd_steps(_sgd_with(momentum_on="g"))),
    Variant("momentum multiplies the old velocity only: v <- momentum * v + g (yours also multiplies the gradient "
            "by momentum).", _sgd_steps(_sgd_with(momentum_on="both"))),
    Variant("keep a velocity in the state: v <- momentum * v + g, stored in state['velocity'][k], then "
            "p <- p - lr * v (yours is plain SGD).", _sgd_steps(_sgd_with(velocity=False))),
    Variant("move the parameter by the velocity, p <- p - lr * v: yours updates v but steps by the gradient, "
            "p <- p - lr * g, so the momentum never reaches the parameters.",
            _sgd_steps(_sgd_with(step_by_grad=True))),
    Variant("multiply the velocity by lr when you step: p <- p - lr * v.", _sgd_steps(_sgd_with(lr_on_v=False))),
    Variant("step against the gradient: p <- p - lr * v.", _sgd_steps(_sgd_with(sign=-1))),
    Variant("step against the gradient: the velocity adds the gradient, v <- momentum * v + g, and the step "
            "subtracts it, p <- p - lr * v (yours has the sign flipped).", _sgd_steps(_sgd_with(v_sign=-1))),
    Variant("your parameters come out unchanged: " + IN_PLACE, _sgd_steps(lambda *a, **h: None)),
    Variant("your parameters come out unchanged (the velocity is right): " + IN_PLACE,
            _sgd_steps(_sgd_with(step_params=False))),
    Variant("torch's SGD adds the gradient itself: v <- momentum * v + g, without (1 - momentum).",
            _sgd_steps(_sgd_with(damp=True))),
    Variant("update the velocity first, then step with the new velocity (yours steps with the previous "
            "step's velocity, one step late).", _sgd_steps(_sgd_with(late=True))),
] + _ignore_variants(optim.sgd_momentum_step, _S, SGD_DEFAULTS, velocity=True)


def check_sgd_momentum_step(fn):
    """Check fn(params, grads, state, lr=0.1, momentum=0.9), in place, with state from
    ``optim.sgd_momentum_init``, over three steps against ``optim.sgd_momentum_step``."""
    cases = _opt_cases([{"lr": 0.05, "momentum": 0.5}])
    return diagnose("check_sgd_momentum_step", _three_steps(fn, _S, learner=True, velocity=True),
                    _sgd_steps(optim.sgd_momentum_step), cases, SGD_VARIANTS,
                    ("after step 1", "after step 2", "after step 3", "state['velocity'] after step 3"),
                    mutable=("params",),
                    summary="three steps match optim.sgd_momentum_step, on the arrays you were given, and so does "
                            "the velocity kept in the state (random, one parameter, large, tiny and zero "
                            "gradients, float32, another lr and momentum).")
