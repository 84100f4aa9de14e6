"""Layers of LSTMs stacked on top of each other (lesson 4).

Letters: T time steps, B batch, D input size, H hidden size, L layers.

Layer 0 reads the input x (T, B, D); layer k reads the outputs hs (T, B, H) of
layer k-1, as if they were its input sequence. So layer 0's W_ih is (4H, D) and
every higher layer's W_ih is (4H, H). Each layer is ``lstm.forward``/
``lstm.backward`` unchanged; stacking is only the wiring between them, and
backward runs the layers in reverse, passing each layer's dx down as the dhs
of the layer below. This is what ``torch.nn.LSTM(D, H, num_layers=L)`` computes
(without dropout), with the initial and final states shaped (L, B, H).
"""
import numpy as np

from . import lstm
from .params import check_params
from .shapes import as_array, check_rank, check_shape


def init_params(input_size, hidden_size, num_layers, *, seed=0, dtype=np.float64):
    """A list of L parameter dicts, as ``lstm.init_params``; layer k is seeded seed + k.

    Layer 0: W_ih (4H, D); layers 1..L-1: W_ih (4H, H). All: W_hh (4H, H), b_ih, b_hh (4H,).
    """
    if isinstance(num_layers, bool) or not isinstance(num_layers, (int, np.integer)) or num_layers < 1:
        raise ValueError(f"num_layers must be a positive integer, got {num_layers!r}")
    return [lstm.init_params(input_size if k == 0 else hidden_size, hidden_size, seed=seed + k, dtype=dtype)
            for k in range(int(num_layers))]


def _check_layers(layers, D):
    """Check the wiring (each layer's input size is the previous layer's H); return H."""
    if not isinstance(layers, (list, tuple)) or len(layers) == 0:
        raise ValueError(f"layers must be a non-empty list of parameter dicts, got {type(layers).__name__}")
    size_in, sizes = D, []
    for k, params in enumerate(layers):
        try:
            size_in = check_params(params, size_in)  # layer k's H is layer k+1's input size
        except ValueError as err:
            raise ValueError(f"layer {k}: {err}") from None
        sizes.append(size_in)
    if len(set(sizes)) != 1:
        raise ValueError(f"all layers must have the same hidden size H, got {sizes}")
    return sizes[0]


def _check_states(name, value, L, B, H):
    if value is None:
        return [None] * L
    value = as_array(name, value)
    check_shape(name, value, (L, B, H), "LBH")
    return list(value)


def forward(x, layers, h0=None, c0=None):
    """Run L stacked layers over a sequence.

    Inputs:
    - x: inputs, of shape (T, B, D).
    - layers: a list of L parameter dicts (see ``init_params``).
    - h0, c0: initial outputs and memories of every layer, of shape (L, B, H); zeros when omitted.

    Returns (hs, (h_T, c_T), cache):
    - hs: the top layer's outputs, of shape (T, B, H).
    - h_T, c_T: every layer's last output and memory, of shape (L, B, H).
    - cache: a list of the L layers' caches, for ``backward``.
    """
    x = as_array("x", x)
    check_rank("x", x, "TBD")
    T, B, D = x.shape
    H = _check_layers(layers, D)
    L = len(layers)
    h0s, c0s = _check_states("h0", h0, L, B, H), _check_states("c0", c0, L, B, H)
    caches, h_T, c_T = [], [], []
    inputs = x
    for params, h0_k, c0_k in zip(layers, h0s, c0s):
        inputs, (h_k, c_k), cache = lstm.forward(inputs, params, h0_k, c0_k)  # (T, B, H) feeds the next layer
        caches.append(cache)
        h_T.append(h_k)
        c_T.append(c_k)
    return inputs, (np.stack(h_T), np.stack(c_T)), caches


def backward(dhs, cache, dh_T=None, dc_T=None):
    """Backpropagation through time for ``forward``, top layer first.

    Inputs:
    - dhs: gradient of the loss with respect to the top layer's hs, of shape (T, B, H); None for zeros.
    - cache: the cache returned by ``forward``.
    - dh_T, dc_T: gradients with respect to the returned h_T, c_T, of shape (L, B, H); zeros when omitted.

    Returns (dx, dlayers, dh0, dc0): dx (T, B, D); dlayers a list of L dicts shaped
    like the layers; dh0, dc0 of shape (L, B, H).
    """
    if not isinstance(cache, list) or not cache or not all(isinstance(c, dict) and "gates" in c for c in cache):
        raise ValueError("cache must be the third value returned by stacked.forward")
    L = len(cache)
    T, B, H = cache[-1]["hs"].shape[0] - 1, cache[-1]["hs"].shape[1], cache[-1]["hs"].shape[2]
    dh_Ts, dc_Ts = _check_states("dh_T", dh_T, L, B, H), _check_states("dc_T", dc_T, L, B, H)
    dlayers, dh0, dc0 = [None] * L, [None] * L, [None] * L
    grad = dhs
    for k in range(L - 1, -1, -1):
        # The gradient that reaches layer k's inputs is the gradient of layer k-1's outputs.
        grad, dlayers[k], dh0[k], dc0[k] = lstm.backward(grad, cache[k], dh_Ts[k], dc_Ts[k])
    return grad, dlayers, np.stack(dh0), np.stack(dc0)


def to_torch(layers):
    """A ``torch.nn.LSTM(D, H, num_layers=L)`` holding a copy of ``layers``.

    PyTorch names layer k's parameters weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k},
    bias_hh_l{k}, each with the same layout as our dicts (blocks i, f, g, o).
    torch is imported here, not at the top, so the numerics import without it.
    """
    import torch

    D = np.asarray(layers[0]["W_ih"]).shape[1] if layers and isinstance(layers[0], dict) and "W_ih" in layers[0] else 0
    H = _check_layers(layers, D)
    dtype = np.result_type(*(v for p in layers for v in p.values()))
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"layers must hold float32 or float64 arrays, got {dtype}")
    module = torch.nn.LSTM(D, H, num_layers=len(layers)).to(getattr(torch, dtype.name))
    names = {"W_ih": "weight_ih_l", "W_hh": "weight_hh_l", "b_ih": "bias_ih_l", "b_hh": "bias_hh_l"}
    with torch.no_grad():
        for k, params in enumerate(layers):
            for key, name in names.items():
                getattr(module, f"{name}{k}").copy_(torch.from_numpy(np.asarray(params[key], dtype=dtype)))
    return module
