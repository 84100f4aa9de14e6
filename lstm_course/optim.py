"""Optimisers written out by hand: Adam, SGD with momentum, gradient clipping (lesson 6).

A parameter set is a dict of numpy arrays (as ``params.init_params`` returns) and
its gradients a dict with the same keys and shapes (as ``lstm.backward`` returns).
Every update works in place, so the arrays a model holds are the ones trained.

    clip_grad_norm   if the norm of all gradients together exceeds max_norm,
                     scale them all down by the same factor (keeps the direction)
    sgd_momentum     v <- momentum v + g;   p <- p - lr v
    adam             m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g^2
                     p <- p - lr m_hat / (sqrt(v_hat) + eps), hats = bias-corrected

Adam and SGD follow ``torch.optim.Adam`` / ``torch.optim.SGD`` step for step
(the tests compare them), so the numbers a learner sees match PyTorch's.
"""
import numpy as np

from .shapes import as_array, check_shape


def _check_pair(params, grads):
    """Same keys, same shapes: an optimiser fed mismatched dicts must not guess."""
    for name, d in (("params", params), ("grads", grads)):
        if not isinstance(d, dict) or not d:
            raise ValueError(f"{name} must be a non-empty dict of arrays, got {type(d).__name__}")
    if set(params) != set(grads):
        raise ValueError(f"grads must have the keys of params {sorted(params)}, got {sorted(grads)}")
    for k in params:
        if not isinstance(params[k], np.ndarray):
            raise ValueError(f"params[{k!r}] must be a numpy array (it is updated in place), "
                             f"got {type(params[k]).__name__}")
        check_shape(f"grads[{k!r}]", as_array(f"grads[{k!r}]", grads[k]), params[k].shape)


def _check_positive(name, value, allow_zero=False):
    ok = value >= 0 if allow_zero else value > 0
    if not np.isfinite(value) or not ok:
        raise ValueError(f"{name} must be a {'non-negative' if allow_zero else 'positive'} number, got {value!r}")


def global_norm(grads):
    """The Euclidean norm of all gradients taken together, as one long vector."""
    return float(np.sqrt(sum(float(np.sum(np.square(g))) for g in grads.values())))


def clip_grad_norm(grads, max_norm):
    """Scale all gradients by one factor so that their joint norm is at most max_norm.

    Like ``torch.nn.utils.clip_grad_norm_``: the factor is max_norm / (norm + 1e-6),
    applied only when it is below 1. One factor for all keeps the step's direction;
    only its length is capped, which is what stops one huge gradient from throwing
    the weights far away (the exploding gradient of lesson 5).

    Inputs: grads, a dict of arrays (modified in place); max_norm > 0.
    Returns the total norm *before* clipping (worth logging: a spike means trouble).
    """
    if not isinstance(grads, dict) or not grads:
        raise ValueError(f"grads must be a non-empty dict of arrays, got {type(grads).__name__}")
    _check_positive("max_norm", max_norm)
    total = global_norm(grads)
    factor = max_norm / (total + 1e-6)
    if factor < 1:
        for g in grads.values():
            g *= factor
    return total


def sgd_momentum_init(params):
    """State for ``sgd_momentum_step``: a velocity of zeros for every parameter."""
    return {"velocity": {k: np.zeros_like(p) for k, p in params.items()}}


def sgd_momentum_step(params, grads, state, *, lr=0.1, momentum=0.9):
    """One step of SGD with momentum, in place (as torch.optim.SGD, dampening 0).

    v <- momentum * v + g, then p <- p - lr * v. The velocity averages recent
    gradients, so steps along a consistent direction grow and zig-zags cancel.
    Inputs: params, grads (dicts, same keys and shapes); state from ``sgd_momentum_init``.
    """
    _check_pair(params, grads)
    _check_positive("lr", lr)
    if not 0 <= momentum < 1:
        raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")
    if not isinstance(state, dict) or set(state.get("velocity", {})) != set(params):
        raise ValueError("state must come from sgd_momentum_init(params) for these params")
    for k, p in params.items():
        v = state["velocity"][k]
        v *= momentum
        v += grads[k]
        p -= lr * v


def adam_init(params):
    """State for ``adam_step``: step count 0, first and second moments of zeros."""
    if not isinstance(params, dict) or not params:
        raise ValueError(f"params must be a non-empty dict of arrays, got {type(params).__name__}")
    return {"t": 0,
            "m": {k: np.zeros_like(np.asarray(p)) for k, p in params.items()},
            "v": {k: np.zeros_like(np.asarray(p)) for k, p in params.items()}}


def adam_step(params, grads, state, *, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    """One Adam step (Kingma & Ba 2015), in place, exactly as torch.optim.Adam.

    m is a running mean of the gradient, v of its square; both start at zero, so
    early on they are divided by (1 - beta^t) to undo that bias. Each parameter
    then moves by about lr in the direction of its mean gradient, whatever the
    gradient's scale: that is what makes Adam forgiving to tune.
    Inputs: params, grads (dicts, same keys and shapes); state from ``adam_init``.
    """
    _check_pair(params, grads)
    _check_positive("lr", lr)
    _check_positive("eps", eps, allow_zero=True)
    b1, b2 = betas
    if not (0 <= b1 < 1 and 0 <= b2 < 1):
        raise ValueError(f"betas must both be in [0, 1), got {betas!r}")
    if not isinstance(state, dict) or set(state.get("m", {})) != set(params):
        raise ValueError("state must come from adam_init(params) for these params")
    state["t"] += 1
    t = state["t"]
    step_size = lr / (1 - b1 ** t)
    root_bc2 = np.sqrt(1 - b2 ** t)
    for k, p in params.items():
        g, m, v = np.asarray(grads[k]), state["m"][k], state["v"][k]  # grads may be lists
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * np.square(g)
        p -= step_size * m / (np.sqrt(v) / root_bc2 + eps)
