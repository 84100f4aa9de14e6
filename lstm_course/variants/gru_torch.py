"""The GRU's weights to and from ``torch.nn.GRU`` (one layer, one direction), both ways.

``variants.gru`` keeps PyTorch's layout: W_ih (3H, D), W_hh (3H, H), b_ih (3H,), b_hh (3H,),
blocks r, z, n in that order, so the mapping copies and never reorders. torch is imported
inside the functions, so that ``import lstm_course.variants.gru`` does not need it.
"""
import numpy as np

from ..params import KEYS, check_params
from ..shapes import as_array

TORCH_NAMES = {"W_ih": "weight_ih_l0", "W_hh": "weight_hh_l0", "b_ih": "bias_ih_l0", "b_hh": "bias_hh_l0"}


def to_torch(params):
    """A ``torch.nn.GRU`` (one layer, time-major) holding a copy of ``params``.

    Inputs: params with W_ih (3H, D), W_hh (3H, H), b_ih (3H,), b_hh (3H,) (the same
    r, z, n layout as PyTorch's, so no reordering). Returns torch.nn.GRU(D, H) in the
    params' dtype (float64 stays float64).
    """
    import torch

    if not isinstance(params, dict) or "W_ih" not in params:
        check_params(params, 0, blocks=3)            # raises the error naming what is missing
    W_ih = as_array("params['W_ih']", params["W_ih"])
    if W_ih.ndim != 2:
        raise ValueError(f"params['W_ih'] must have shape (3H, D), got {tuple(W_ih.shape)}")
    H = check_params(params, W_ih.shape[1], blocks=3)
    dtype = np.result_type(*params.values())
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"params must be float32 or float64 arrays, got {dtype}")
    module = torch.nn.GRU(W_ih.shape[1], H).to(getattr(torch, dtype.name))
    with torch.no_grad():
        for key in KEYS:
            getattr(module, TORCH_NAMES[key]).copy_(torch.from_numpy(np.asarray(params[key], dtype=dtype)))
    return module


def from_torch(module):
    """The parameters of a one-layer ``torch.nn.GRU`` as a numpy dict (copies).

    Returns W_ih (3H, D), W_hh (3H, H), b_ih (3H,), b_hh (3H,) in the module's dtype;
    zero biases for a GRU made with bias=False.
    """
    import torch

    if not isinstance(module, torch.nn.GRU):
        raise ValueError(f"from_torch needs a torch.nn.GRU, got {type(module).__name__}")
    if module.num_layers != 1 or module.bidirectional:
        raise ValueError("from_torch handles one layer, one direction; got "
                         f"num_layers={module.num_layers}, bidirectional={module.bidirectional}")
    W_ih = module.weight_ih_l0.detach().cpu().numpy().copy()
    params = {"W_ih": W_ih, "W_hh": module.weight_hh_l0.detach().cpu().numpy().copy()}
    for key in ("b_ih", "b_hh"):
        params[key] = (getattr(module, TORCH_NAMES[key]).detach().cpu().numpy().copy() if module.bias
                       else np.zeros(W_ih.shape[0], dtype=W_ih.dtype))
    return params
