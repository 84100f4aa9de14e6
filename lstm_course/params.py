"""Parameters of a recurrent layer: their shapes, their initialisation, their checks.

A layer with G weight blocks (G = 4 for the LSTM: i, f, g, o; G = 1 for a plain
RNN) and hidden size H, input size D, holds, as PyTorch does:

    W_ih (G*H, D)   input weights       b_ih (G*H,)   input bias
    W_hh (G*H, H)   recurrent weights   b_hh (G*H,)   recurrent bias

The two biases always appear as a sum; PyTorch keeps both for cuDNN's sake, and
so do we, so that weights move between the two without change.
"""
import numpy as np

from .shapes import as_array, check_keys, check_shape

KEYS = ("W_ih", "W_hh", "b_ih", "b_hh")


def init_params(input_size, hidden_size, *, seed=0, dtype=np.float64, blocks=4):
    """Weights drawn as PyTorch draws them: each entry U(-1/sqrt(H), 1/sqrt(H)).

    Inputs:
    - input_size: D; hidden_size: H (both positive integers).
    - seed: seeds a ``numpy.random.default_rng``, so the same seed gives the same weights.
    - dtype: float64 (default) or float32.
    - blocks: 4 for the LSTM (i, f, g, o); 1 for a plain RNN.
    Returns a dict: W_ih (blocks*H, D), W_hh (blocks*H, H), b_ih (blocks*H,), b_hh (blocks*H,).
    """
    for name, n in (("input_size", input_size), ("hidden_size", hidden_size)):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")
    dtype = np.dtype(dtype)
    if not np.issubdtype(dtype, np.floating):
        raise ValueError(f"dtype must be a floating type such as float64 or float32, got {dtype}")
    D, H = int(input_size), int(hidden_size)
    rng = np.random.default_rng(seed)
    k = 1.0 / np.sqrt(H)
    shapes = {"W_ih": (blocks * H, D), "W_hh": (blocks * H, H), "b_ih": (blocks * H,), "b_hh": (blocks * H,)}
    return {name: rng.uniform(-k, k, size=shape).astype(dtype) for name, shape in shapes.items()}


def check_params(params, input_size, *, blocks=4):
    """Check a parameter dict against input size D; return the hidden size H.

    Raises KeyError for a missing key and ValueError for an unexpected key or
    a parameter of the wrong shape, naming the expected and the actual shape.
    """
    check_keys("params", params, KEYS)
    W_hh = as_array("params['W_hh']", params["W_hh"])
    letters = f"{blocks}H" if blocks > 1 else "H"
    if W_hh.ndim != 2 or W_hh.shape[0] != blocks * W_hh.shape[1]:
        raise ValueError(f"params['W_hh'] must have shape ({letters}, H) for some H, got {tuple(W_hh.shape)}")
    H = W_hh.shape[1]
    check_shape("params['W_ih']", as_array("params['W_ih']", params["W_ih"]), (blocks * H, input_size), (letters, "D"))
    for b in ("b_ih", "b_hh"):
        check_shape(f"params['{b}']", as_array(f"params['{b}']", params[b]), (blocks * H,), (letters,))
    return H


def count_params(params):
    """The number of scalars in a parameter dict."""
    return int(sum(np.asarray(v).size for v in params.values()))
