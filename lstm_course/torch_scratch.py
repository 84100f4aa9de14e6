"""The LSTM from the lessons, written again with torch tensors (lesson 8).

The same equations as ``lstm.step_forward`` and the same parameter layout as
``params.init_params`` and ``torch.nn.LSTM``: W_ih (4H, D), W_hh (4H, H),
b_ih (4H,), b_hh (4H,), the four blocks in the order

    i  input gate   (the lecture's z_i)   sigmoid
    f  forget gate  (z_f)                  sigmoid
    g  cell input   (z)                    tanh
    o  output gate  (z_o)                  sigmoid

Only the forward pass is written: torch's autograd records every operation and
derives the backward pass (BPTT) by itself. Every tensor stays on the device and
in the dtype of its inputs, so the same code runs on the CPU and on a CUDA GPU.

What ``torch.nn.LSTM`` adds on a GPU is cuDNN: the loop below launches a handful
of small kernels per time step from Python; cuDNN runs the whole sequence in
fused kernels, with the weights kept close to the arithmetic units.
"""
import collections

import numpy as np
import torch
from torch.overrides import TorchFunctionMode

from .params import KEYS, check_params

__all__ = ["params_to_torch", "step", "forward", "ScratchLSTM", "count_torch_calls"]


def params_to_torch(params, *, device=None, dtype=None, requires_grad=False):
    """A numpy parameter dict as a dict of torch tensors (copies).

    Inputs: params with W_ih (4H, D), W_hh (4H, H), b_ih (4H,), b_hh (4H,);
    device (e.g. "cpu", "cuda"); dtype (a torch dtype; default: the arrays' own).
    Returns a dict with the same keys, leaf tensors that require grad if asked.
    """
    if not isinstance(params, dict) or "W_ih" not in params:
        check_params(params, 0)  # raises the error that names what is missing
    W_ih = np.asarray(params["W_ih"])
    if W_ih.ndim != 2:
        raise ValueError(f"params['W_ih'] must have shape (4H, D), got {tuple(W_ih.shape)}")
    check_params(params, W_ih.shape[1])
    out = {}
    for key in KEYS:
        t = torch.as_tensor(np.asarray(params[key])).to(device=device, dtype=dtype).clone()
        out[key] = t.requires_grad_(requires_grad)
    return out


def step(x_proj_t, h_prev, c_prev, W_hh, b_hh):
    """One time step, given the input's share of the pre-activation.

    Inputs: x_proj_t = x_t W_ih^T + b_ih (B, 4H); h_prev, c_prev (B, H);
    W_hh (4H, H); b_hh (4H,). Returns (h, c), each (B, H).
    """
    pre = x_proj_t + h_prev @ W_hh.T + b_hh      # (B, 4H): [z_i, z_f, z, z_o]
    z_i, z_f, z, z_o = pre.chunk(4, dim=1)       # PyTorch's order i, f, g, o
    c = torch.tanh(z) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)   # c' = g(z) f(z_i) + c f(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)                                 # a = h(c') f(z_o)
    return h, c


def _check(x, params, h0, c0):
    if not isinstance(x, torch.Tensor):
        raise ValueError(f"x must be a torch.Tensor of shape (T, B, D), got {type(x).__name__}")
    if x.ndim != 3:
        raise ValueError(f"x must have 3 dimensions (T, B, D), got shape {tuple(x.shape)}")
    T, B, D = x.shape
    if not isinstance(params, dict) or any(not isinstance(params.get(k), torch.Tensor) for k in KEYS):
        raise ValueError(f"params must be a dict of torch tensors with keys {list(KEYS)} (see params_to_torch)")
    W_hh, W_ih = params["W_hh"], params["W_ih"]
    H = W_hh.shape[1] if W_hh.ndim == 2 else -1
    expected = {"W_ih": (4 * H, D), "W_hh": (4 * H, H), "b_ih": (4 * H,), "b_hh": (4 * H,)}
    for key, shape in expected.items():
        if H < 1 or tuple(params[key].shape) != shape:
            raise ValueError(f"params['{key}'] must have shape {shape} for D={D}, H={W_hh.shape[-1]}, "
                             f"got {tuple(params[key].shape)}")
    for name, s in (("h0", h0), ("c0", c0)):
        if s is not None and tuple(s.shape) != (B, H):
            raise ValueError(f"{name} must have shape (B, H) = {(B, H)}, got {tuple(s.shape)}")
    if x.device != W_ih.device:
        raise ValueError(f"x is on {x.device} but the weights are on {W_ih.device}")
    return T, B, D, H


def forward(x, params, h0=None, c0=None, *, step_fn=step):
    """Run the layer over a sequence with plain torch operations.

    Inputs:
    - x: (T, B, D) tensor; params: dict of torch tensors (see ``params_to_torch``).
    - h0, c0: (B, H) tensors; zeros when omitted.
    - step_fn: the function for one step (``step``, or a compiled copy of it).
    Returns (hs, (h_T, c_T)) as ``torch.nn.LSTM`` does: hs (T, B, H); h_T, c_T (B, H).
    """
    T, B, D, H = _check(x, params, h0, c0)
    zeros = x.new_zeros((B, H))
    h = zeros if h0 is None else h0
    c = zeros if c0 is None else c0
    # The input's share for all T steps in one matrix product, as cuDNN does too:
    # only the recurrent product h_{t-1} W_hh^T has to wait for the previous step.
    x_proj = (x.reshape(T * B, D) @ params["W_ih"].T + params["b_ih"]).reshape(T, B, 4 * H)
    hs = []
    for t in range(T):
        h, c = step_fn(x_proj[t], h, c, params["W_hh"], params["b_hh"])
        hs.append(h)
    return torch.stack(hs), (h, c)


class ScratchLSTM(torch.nn.Module):
    """A module around ``forward`` with torch.nn.LSTM's parameter names.

    ``ScratchLSTM(D, H)`` holds weight_ih_l0 (4H, D), weight_hh_l0 (4H, H),
    bias_ih_l0 (4H,), bias_hh_l0 (4H,), so ``load_state_dict`` of a
    ``torch.nn.LSTM(D, H)`` works both ways. ``module(x)`` returns (hs, (h_T, c_T));
    unlike torch.nn.LSTM, h_T and c_T have shape (B, H), not (1, B, H).
    """

    def __init__(self, input_size, hidden_size, *, step_fn=step):
        super().__init__()
        for name, n in (("input_size", input_size), ("hidden_size", hidden_size)):
            if isinstance(n, bool) or not isinstance(n, int) or n < 1:
                raise ValueError(f"{name} must be a positive integer, got {n!r}")
        D, H = input_size, hidden_size
        k = 1.0 / H ** 0.5  # PyTorch's initialisation: U(-1/sqrt(H), 1/sqrt(H))
        shapes = {"weight_ih_l0": (4 * H, D), "weight_hh_l0": (4 * H, H), "bias_ih_l0": (4 * H,), "bias_hh_l0": (4 * H,)}
        for name, shape in shapes.items():
            self.register_parameter(name, torch.nn.Parameter(torch.empty(shape).uniform_(-k, k)))
        self.step_fn = step_fn

    def params(self):
        """The parameters as the dict ``forward`` takes (the same tensors, not copies)."""
        return {"W_ih": self.weight_ih_l0, "W_hh": self.weight_hh_l0, "b_ih": self.bias_ih_l0, "b_hh": self.bias_hh_l0}

    def forward(self, x, state=None):
        h0, c0 = (None, None) if state is None else state
        return forward(x, self.params(), h0, c0, step_fn=self.step_fn)


class _CallCounter(TorchFunctionMode):
    def __init__(self):
        super().__init__()
        self.calls = collections.Counter()

    def __torch_function__(self, func, types, args=(), kwargs=None):
        self.calls[getattr(func, "__name__", str(func))] += 1
        return func(*args, **(kwargs or {}))


def count_torch_calls(fn):
    """Run ``fn()`` and count the torch functions it calls, by name (a Counter).

    On a GPU each arithmetic call (matmul, add, mul, sigmoid, tanh) is at least
    one kernel launch, so this counts what a fused library such as cuDNN saves.
    """
    with _CallCounter() as counter:
        fn()
    return counter.calls
