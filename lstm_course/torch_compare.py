"""Moving weights between the numpy LSTM and ``torch.nn.LSTM`` (lessons 4, 8), and any cell with a
PyTorch module (the GRU, the plain RNN; lesson 9).

PyTorch stores a one-layer LSTM's parameters under the names weight_ih_l0
(4H, D), weight_hh_l0 (4H, H), bias_ih_l0 (4H,) and bias_hh_l0 (4H,), with the
four blocks in the order i, f, g, o: the same layout as ``lstm.init_params``,
so moving weights is a copy, with no reordering. (A learner mapping weights of
another layout, e.g. the lecture's z, z_i, z_f, z_o, must reorder to i, f, g, o.)
"""
import numpy as np

from .params import KEYS, check_params

TORCH_NAMES = {"W_ih": "weight_ih_l0", "W_hh": "weight_hh_l0", "b_ih": "bias_ih_l0", "b_hh": "bias_hh_l0"}


def to_torch(params):
    """A ``torch.nn.LSTM`` (one layer, time-major) holding a copy of ``params``.

    Inputs: params with W_ih (4H, D), W_hh (4H, H), b_ih (4H,), b_hh (4H,).
    Returns torch.nn.LSTM(D, H) in the params' dtype (float64 stays float64).
    """
    import torch
    return module_from_params(params, torch.nn.LSTM, blocks=4)


def from_torch(module):
    """The parameters of a one-layer ``torch.nn.LSTM`` as a numpy dict (copies).

    Returns W_ih (4H, D), W_hh (4H, H), b_ih (4H,), b_hh (4H,) in the module's
    dtype; zero biases for an LSTM made with bias=False.
    """
    import torch
    return params_from_module(module, torch.nn.LSTM)


def module_from_params(params, module_class, blocks):
    """A one-layer ``module_class`` (torch.nn.LSTM, GRU or RNN: the same four names, in the same
    layout as ours, so this is a copy) holding a copy of ``params``, whose weights have
    ``blocks`` blocks of H rows. The module has the params' dtype."""
    import torch

    letters = f"{blocks}H" if blocks > 1 else "H"
    if not isinstance(params, dict) or "W_ih" not in params:
        check_params(params, 0, blocks=blocks)   # raises the KeyError/ValueError that names what is missing
    W_ih = np.asarray(params["W_ih"])
    if W_ih.ndim != 2:
        raise ValueError(f"params['W_ih'] must have shape ({letters}, D), got {tuple(W_ih.shape)}")
    H = check_params(params, W_ih.shape[1], blocks=blocks)
    dtype = np.result_type(*params.values())
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"params must be float32 or float64 arrays, got {dtype}")
    module = module_class(W_ih.shape[1], H).to(getattr(torch, dtype.name))
    with torch.no_grad():
        for key in KEYS:
            getattr(module, TORCH_NAMES[key]).copy_(torch.from_numpy(np.asarray(params[key], dtype=dtype)))
    return module


def params_from_module(module, module_class):
    """The parameters of a one-layer, one-direction ``module_class`` as a numpy dict (copies),
    in the module's dtype; zero biases for a module made with bias=False."""
    if not isinstance(module, module_class):
        raise ValueError(f"from_torch needs a torch.nn.{module_class.__name__}, got {type(module).__name__}")
    proj = getattr(module, "proj_size", 0)
    if module.num_layers != 1 or module.bidirectional or proj:
        raise ValueError(
            f"from_torch handles one layer, one direction{', no projection' if hasattr(module, 'proj_size') else ''}; "
            f"got num_layers={module.num_layers}, bidirectional={module.bidirectional}"
            + (f", proj_size={proj}" if hasattr(module, "proj_size") else ""))
    W_ih = module.weight_ih_l0.detach().cpu().numpy().copy()
    params = {"W_ih": W_ih, "W_hh": module.weight_hh_l0.detach().cpu().numpy().copy()}
    for key in ("b_ih", "b_hh"):
        params[key] = (getattr(module, TORCH_NAMES[key]).detach().cpu().numpy().copy() if module.bias
                       else np.zeros(W_ih.shape[0], dtype=W_ih.dtype))
    return params


def cell_to_torch(cell, params):
    """The PyTorch module that computes the same as ``cell`` (a name or a cell of
    ``lstm_course.cells``) with ``params``, holding a copy of them: torch.nn.LSTM for "lstm"
    and "vanilla", torch.nn.GRU for "gru", torch.nn.RNN (tanh) for "rnn". PyTorch has no
    module for the other variants: they are compared through autograd instead (lesson 8's
    ``torch_scratch`` way), and asking for one raises ValueError saying so."""
    import torch

    from .cells import get_cell
    from .variants import gru

    name = get_cell(cell).name
    if name in ("lstm", "vanilla"):
        return to_torch(params)
    if name == "gru":
        return gru.to_torch(params)
    if name == "rnn":
        return module_from_params(params, torch.nn.RNN, blocks=1)
    raise ValueError(f"PyTorch has no built-in module for the {name} cell ({get_cell(cell).title}); "
                     "compare it with autograd through the same equations in torch ops instead")
