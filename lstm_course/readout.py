"""The readout: a linear layer on top of the LSTM, and the losses it is trained with (lesson 6).

Letters: N rows (any leading axes, e.g. T*B or B), H hidden size, O outputs
(O = 1 for the adding problem, O = V, the vocabulary size, for characters).

    linear        y = h W^T + b                     h (..., H) -> y (..., O)
    mse           L = mean((y - target)^2)          regression (adding problem)
    cross-entropy L = mean(-log softmax(y)[target]) next character

Each forward returns what backward needs; each backward sits right below its
forward. The losses return (loss, dy) together: their gradient is one line.
"""
import numpy as np

from .shapes import as_array, check_rank, check_shape, float_dtype


def init_readout(hidden_size, output_size, *, seed=0, dtype=np.float64):
    """W (O, H) and b (O,), each U(-1/sqrt(H), 1/sqrt(H)) as torch.nn.Linear draws them."""
    for name, n in (("hidden_size", hidden_size), ("output_size", output_size)):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")
    rng = np.random.default_rng(seed)
    k = 1.0 / np.sqrt(hidden_size)
    return {"W": rng.uniform(-k, k, size=(output_size, hidden_size)).astype(dtype),
            "b": rng.uniform(-k, k, size=(output_size,)).astype(dtype)}


def linear_forward(h, params):
    """y = h W^T + b.

    Inputs: h of shape (..., H); params with W (O, H) and b (O,).
    Returns (y, cache): y of shape (..., O); cache for ``linear_backward``.
    """
    h = as_array("h", h)
    W, b = as_array("params['W']", params["W"]), as_array("params['b']", params["b"])
    check_rank("params['W']", W, "OH")
    O, H = W.shape
    check_shape("params['b']", b, (O,), "O")
    if h.ndim < 1 or h.shape[-1] != H:
        raise ValueError(f"h must have shape (..., H) with H = {H}, got {tuple(h.shape)}")
    return h @ W.T + b, (h, W)


def linear_backward(dy, cache):
    """Backward of ``linear_forward``.

    Inputs: dy of shape (..., O), the gradient of the loss with respect to y.
    Returns (dh, dparams): dh (..., H); dparams {"W": (O, H), "b": (O,)}.
    """
    h, W = cache
    dy = as_array("dy", dy)
    check_shape("dy", dy, h.shape[:-1] + (W.shape[0],))
    dy2, h2 = dy.reshape(-1, W.shape[0]), h.reshape(-1, W.shape[1])  # all leading axes are rows
    return dy @ W, {"W": dy2.T @ h2, "b": dy2.sum(axis=0)}


def mse_loss(y, target):
    """Mean squared error and its gradient.

    Inputs: y and target of the same shape (any).
    Returns (loss, dy): loss = mean((y - target)^2), a float; dy = 2 (y - target) / y.size.
    """
    y, target = as_array("y", y), as_array("target", target)
    check_shape("target", target, y.shape)
    diff = y - target
    return float(np.mean(np.square(diff))), 2.0 * diff / diff.size


def softmax(logits):
    """Softmax over the last axis; subtracting the row maximum keeps exp from overflowing."""
    logits = as_array("logits", logits)
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_cross_entropy(logits, targets):
    """Cross-entropy of the softmax of logits against integer targets, and its gradient.

    Inputs: logits of shape (..., V); targets, integers in [0, V), of shape (...).
    Returns (loss, dlogits): loss = mean over rows of -log p[target] (in nats, a float);
    dlogits = (p - onehot(target)) / rows, of shape (..., V).
    """
    logits, targets = as_array("logits", logits), as_array("targets", targets)
    if logits.ndim < 1:
        raise ValueError(f"logits must have shape (..., V), got {tuple(logits.shape)}")
    check_shape("targets", targets, logits.shape[:-1])
    V = logits.shape[-1]
    if not np.issubdtype(targets.dtype, np.integer) or targets.size and (targets.min() < 0 or targets.max() >= V):
        raise ValueError(f"targets must be integers in [0, {V}), got dtype {targets.dtype}"
                         + (f", range [{targets.min()}, {targets.max()}]" if targets.size else ""))
    dtype = float_dtype(logits)
    z = logits.reshape(-1, V).astype(dtype, copy=False)
    t = targets.reshape(-1)
    z = z - z.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))       # log-softmax, stable
    rows = np.arange(t.size)
    loss = -float(np.mean(log_p[rows, t]))
    dz = np.exp(log_p)
    dz[rows, t] -= 1
    return loss, (dz / t.size).reshape(logits.shape)
