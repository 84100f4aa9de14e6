"""Checkers for the pieces of the training loop: gradient clipping, SGD with
momentum and Adam (lesson 6).

Reference: ``lstm_course.optim`` (clip_grad_norm, sgd_momentum_step, adam_step,
with states from sgd_momentum_init / adam_init). Optimisers are run for three
steps from a fresh state, so a state that is not kept shows. Cases: random,
zero gradients, one parameter, large gradients.
"""
import numpy as np

from .. import optim
from .core import Case, Variant, diagnose

CLIP_MAX = 1.0


def _grads(rng, scale=1.0, keys=("W_ih", "W_hh", "b_ih")):
    shapes = {"W_ih": (8, 3), "W_hh": (8, 2), "b_ih": (8,)}
    return {k: scale * rng.normal(size=shapes[k]) for k in keys}


def _clip_cases():
    rng = np.random.default_rng(9)
    return [Case("norm above max_norm", (_grads(rng, 3.0), CLIP_MAX)),
            Case("norm below max_norm", (_grads(rng, 0.01), CLIP_MAX)),
            Case("all gradients zero", ({k: 0 * v for k, v in _grads(rng).items()}, CLIP_MAX)),
            Case("one parameter", (_grads(rng, 2.0, keys=("b_ih",)), CLIP_MAX)),
            Case("large gradients (1e6)", (_grads(rng, 1e6), 5.0))]


def _clip_run(clip):
    """(returned norm, the gradients after the call)."""
    def run(grads, max_norm):
        total = clip(grads, max_norm)
        return total, grads
    return run


def _each_separately(grads, max_norm):
    total = optim.global_norm(grads)
    for g in grads.values():
        optim.clip_grad_norm({"g": g}, max_norm)
    return total


def _always_scale(grads, max_norm):
    total = optim.global_norm(grads)
    for g in grads.values():
        g *= max_norm / total if total > 0 else 1.0
    return total


def _elementwise(grads, max_norm):
    total = optim.global_norm(grads)
    for g in grads.values():
        np.clip(g, -max_norm, max_norm, out=g)
    return total


def _norm_after(grads, max_norm):
    optim.clip_grad_norm(grads, max_norm)
    return optim.global_norm(grads)


CLIP_VARIANTS = [
    Variant("clip all gradients together: one norm over all of them and one scale factor, which keeps "
            "the step's direction (you clipped each array by its own norm).", _clip_run(_each_separately)),
    Variant("only scale down: when the norm is already below max_norm, leave the gradients alone.",
            _clip_run(_always_scale)),
    Variant("clip the norm, not each value: multiply every gradient by max_norm / norm (np.clip changes "
            "the direction).", _clip_run(_elementwise)),
    Variant("return the norm before clipping (it is what is worth logging).", _clip_run(_norm_after)),
]


def check_clip(fn):
    """Check fn(grads, max_norm) -> total norm before clipping; grads scaled in place."""
    return diagnose("check_clip", _clip_run(fn), _clip_run(optim.clip_grad_norm), _clip_cases(), CLIP_VARIANTS,
                    ("returned norm", "grads after"), rtol=1e-5, atol=1e-9,
                    summary="norms and clipped gradients match optim.clip_grad_norm (above and below "
                            "max_norm, zeros, one parameter, large gradients).")


# --------------------------------------------------------------------------- optimisers
def _opt_cases():
    rng = np.random.default_rng(10)
    cases = []
    for label, scale, keys in (("random", 1.0, ("W_ih", "W_hh", "b_ih")), ("one parameter", 1.0, ("b_ih",)),
                               ("large gradients (1e3)", 1e3, ("W_ih", "b_ih")), ("zero gradients", 0.0, ("W_hh",))):
        params = _grads(rng, 1.0, keys)
        steps = [_grads(rng, scale, keys) for _ in range(3)]
        cases.append(Case(label, (params, steps)))
    return cases


def _three_steps(step, init, **hyper):
    """Run step(params, grads, state, **hyper) 3 times from init(params): (params after each step)."""
    def run(params, steps):
        state = init(params)
        out = []
        for grads in steps:
            step(params, grads, state, **hyper)
            out.append({k: v.copy() for k, v in params.items()})
        return tuple(out)
    return run


def _adam_no_correction(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    for k, p in params.items():
        state["m"][k] = b1 * state["m"][k] + (1 - b1) * grads[k]
        state["v"][k] = b2 * state["v"][k] + (1 - b2) * grads[k] ** 2
        p -= lr * state["m"][k] / (np.sqrt(state["v"][k]) + eps)


def _adam_forgetful(params, grads, state, **hyper):
    """Updates a copy of the state, so the moments start from zero at every step."""
    state["t"] += 1
    fresh = {"t": state["t"] - 1, "m": optim.adam_init(params)["m"], "v": optim.adam_init(params)["v"]}
    optim.adam_step(params, grads, fresh, **hyper)


def _adam_betas_swapped(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    optim.adam_step(params, grads, state, lr=lr, betas=betas[::-1], eps=eps)


ADAM_VARIANTS = [
    Variant("divide m by (1 - beta1**t) and v by (1 - beta2**t): both start at zero, so early on they are "
            "too small until corrected.", _three_steps(_adam_no_correction, optim.adam_init)),
    Variant("keep m and v in the state between steps (update state['m'][k] in place, or store the new "
            "arrays back): yours start from zero at every step.", _three_steps(_adam_forgetful, optim.adam_init)),
    Variant("m uses beta1 = 0.9 (a short memory of the gradient), v uses beta2 = 0.999 (a long one of its "
            "square): you swapped them.", _three_steps(_adam_betas_swapped, optim.adam_init)),
    Variant("step against the gradient: p -= lr * m_hat / (sqrt(v_hat) + eps).",
            _three_steps(lambda p, g, s, **h: optim.adam_step(p, {k: -v for k, v in g.items()}, s, **h),
                         optim.adam_init)),
]


def check_adam_step(fn):
    """Check fn(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8), updating params in
    place, with state from ``optim.adam_init``; three steps are compared with ``optim.adam_step``."""
    return diagnose("check_adam_step", _three_steps(fn, optim.adam_init), _three_steps(optim.adam_step, optim.adam_init),
                    _opt_cases(), ADAM_VARIANTS, ("after step 1", "after step 2", "after step 3"),
                    summary="three Adam steps match optim.adam_step (random, one parameter, large and zero "
                            "gradients).")


def _sgd_no_velocity(params, grads, state, lr=0.1, momentum=0.9):
    for k, p in params.items():
        p -= lr * grads[k]


def _sgd_velocity_lr(params, grads, state, lr=0.1, momentum=0.9):
    for k, p in params.items():
        v = state["velocity"][k]
        v *= momentum
        v += grads[k]
        p -= v


SGD_VARIANTS = [
    Variant("keep a velocity in the state: v <- momentum * v + g, then p <- p - lr * v (yours is plain SGD).",
            _three_steps(_sgd_no_velocity, optim.sgd_momentum_init)),
    Variant("multiply the velocity by lr when you step: p <- p - lr * v.",
            _three_steps(_sgd_velocity_lr, optim.sgd_momentum_init)),
    Variant("step against the gradient: p <- p - lr * v.",
            _three_steps(lambda p, g, s, **h: optim.sgd_momentum_step(p, {k: -v for k, v in g.items()}, s, **h),
                         optim.sgd_momentum_init)),
]


def check_sgd_momentum_step(fn):
    """Check fn(params, grads, state, lr=0.1, momentum=0.9), in place, with state from
    ``optim.sgd_momentum_init``, over three steps against ``optim.sgd_momentum_step``."""
    return diagnose("check_sgd_momentum_step", _three_steps(fn, optim.sgd_momentum_init),
                    _three_steps(optim.sgd_momentum_step, optim.sgd_momentum_init), _opt_cases(), SGD_VARIANTS,
                    ("after step 1", "after step 2", "after step 3"),
                    summary="three steps match optim.sgd_momentum_step (random, one parameter, large and "
                            "zero gradients).")
