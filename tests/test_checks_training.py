"""Checkers of lesson 6 (clipping, SGD with momentum, Adam): the solutions pass,
planted mistakes get their hint."""
import numpy as np
import pytest

from lstm_course import checks, optim

from checks_helpers import assert_caught, assert_passes, solution_functions


@pytest.fixture(scope="module")
def sol6():
    return solution_functions("06_training_adding_problem")


def test_lesson6_solutions_pass(sol6, capsys):
    assert_passes(checks.check_clip(sol6["clip_grad_norm"]), capsys)
    assert_passes(checks.check_sgd_momentum_step(sol6["sgd_momentum_step"]), capsys)
    assert_passes(checks.check_adam_step(sol6["adam_step"]), capsys)


def test_package_references_pass(capsys):
    assert_passes(checks.check_clip(optim.clip_grad_norm), capsys)
    assert_passes(checks.check_sgd_momentum_step(optim.sgd_momentum_step), capsys)
    assert_passes(checks.check_adam_step(optim.adam_step), capsys)


def _norm(grads):
    return np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))


def _clip(mistake=None):
    def clip_grad_norm(grads, max_norm):
        total = _norm(grads)
        for g in grads.values():
            if mistake == "each":
                n = np.sqrt(np.sum(g ** 2))
                if n > max_norm:
                    g *= max_norm / n
            elif mistake == "elementwise":
                np.clip(g, -max_norm, max_norm, out=g)
            elif (total > max_norm or mistake == "always") and total > 0:
                g *= max_norm / total
        return _norm(grads) if mistake == "after" else total
    return clip_grad_norm


@pytest.mark.parametrize("mistake, hint", [
    ("each", "clip all gradients together"),
    ("always", "only scale down"),
    ("elementwise", "clip the norm, not each value"),
    ("after", "return the norm before clipping"),
])
def test_clip_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_clip(_clip(mistake)), capsys, hint)


def _sgd(mistake=None):
    def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
        for k, p in params.items():
            if mistake == "plain":
                p -= lr * grads[k]
                continue
            v = state["velocity"][k]
            if mistake == "momentum on g":
                v += momentum * grads[k]
                p -= lr * v
                continue
            v *= momentum
            if mistake == "lr in v":
                v += lr * grads[k]
                p -= v
                continue
            v += -grads[k] if mistake == "sign" else grads[k]
            p -= v if mistake == "no lr" else lr * v
    return sgd_momentum_step


@pytest.mark.parametrize("mistake, hint", [
    ("plain", "keep a velocity"),
    ("no lr", "multiply the velocity by lr"),
    ("sign", "step against the gradient"),
    ("lr in v", "folds lr into it"),
    ("momentum on g", "momentum multiplies the old velocity, not the gradient"),
])
def test_sgd_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_sgd_momentum_step(_sgd(mistake)), capsys, hint)


def _adam(mistake=None):
    def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
        b1, b2 = betas[::-1] if mistake == "betas swapped" else betas
        state["t"] += 1
        t = state["t"]
        for k, p in params.items():
            m = b1 * state["m"][k] + (1 - b1) * grads[k]
            v = b2 * state["v"][k] + (1 - b2) * grads[k] ** 2
            if mistake != "forgets state":
                state["m"][k], state["v"][k] = m, v
            if mistake != "no correction":
                m, v = m / (1 - b1 ** t), v / (1 - (b1 if mistake == "beta1 in v_hat" else b2) ** t)
            step = lr * m / (np.sqrt(v) + eps)
            p += step if mistake == "sign" else -step
    return adam_step


@pytest.mark.parametrize("mistake, hint", [
    ("no correction", "1 - beta1**t"),
    ("forgets state", "keep m and v in the state"),
    ("betas swapped", "you swapped them"),
    ("sign", "step against the gradient"),
    ("beta1 in v_hat", "correct v with beta2"),
])
def test_adam_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_adam_step(_adam(mistake)), capsys, hint)


def test_clip_without_if_on_python_floats_names_the_missing_if(capsys):
    """math.sqrt gives a Python float: 1.0 / 0.0 raises on zero gradients; the hint names the missing `if`."""
    import math

    def clip_grad_norm(grads, max_norm):
        norm = math.sqrt(sum(float(np.sum(g ** 2)) for g in grads.values()))
        for g in grads.values():
            g *= max_norm / norm
        return norm
    assert_caught(checks.check_clip(clip_grad_norm), capsys, "only scale down")


def test_sgd_velocity_kept_in_place_and_in_torch_convention(capsys):
    def rebinds(params, grads, state, lr=0.1, momentum=0.9):
        for k in params:
            state["velocity"][k] = momentum * state["velocity"][k] + grads[k]
            params[k] -= lr * state["velocity"][k]

    def cs231n(params, grads, state, lr=0.1, momentum=0.9):
        for k in params:
            v = state["velocity"][k]
            v *= momentum
            v -= lr * grads[k]
            params[k] += v
    assert_caught(checks.check_sgd_momentum_step(rebinds), capsys, "update the velocity in place")
    assert_caught(checks.check_sgd_momentum_step(cs231n), capsys, "CS231n's convention")


def test_schedule_without_the_half_is_named(capsys):
    import math

    def lr_at(step, base_lr, warmup, total):
        if step <= warmup:
            return base_lr * step / warmup
        return base_lr * (1 + math.cos(math.pi * (step - warmup) / (total - warmup)))
    assert_caught(checks.check_lr_schedule(lr_at), capsys, "you forgot the 1/2")


def test_schedule_integer_division_in_the_progress_is_named(capsys):
    import math

    def lr_at(step, base_lr, warmup, total):
        if step <= warmup:
            return base_lr * step / warmup
        progress = (step - warmup) // (total - warmup)
        return base_lr * 0.5 * (1 + math.cos(math.pi * progress))
    assert_caught(checks.check_lr_schedule(lr_at), capsys, "`//` is integer division")
