"""The GRU's weights to and from ``torch.nn.GRU`` (one layer, one direction), both ways.

``variants.gru`` keeps PyTorch's layout: W_ih (3H, D), W_hh (3H, H), b_ih (3H,), b_hh (3H,),
blocks r, z, n in that order, so the mapping copies and never reorders. torch is imported
inside the functions, so that ``import lstm_course.variants.gru`` does not need it.
"""
from ..torch_compare import TORCH_NAMES, module_from_params, params_from_module

__all__ = ["TORCH_NAMES", "to_torch", "from_torch"]


def to_torch(params):
    """A ``torch.nn.GRU`` (one layer, time-major) holding a copy of ``params``.

    Inputs: params with W_ih (3H, D), W_hh (3H, H), b_ih (3H,), b_hh (3H,) (the same
    r, z, n layout as PyTorch's, so no reordering). Returns torch.nn.GRU(D, H) in the
    params' dtype (float64 stays float64).
    """
    import torch
    return module_from_params(params, torch.nn.GRU, blocks=3)


def from_torch(module):
    """The parameters of a one-layer ``torch.nn.GRU`` as a numpy dict (copies).

    Returns W_ih (3H, D), W_hh (3H, H), b_ih (3H,), b_hh (3H,) in the module's dtype;
    zero biases for a GRU made with bias=False.
    """
    import torch
    return params_from_module(module, torch.nn.GRU)
