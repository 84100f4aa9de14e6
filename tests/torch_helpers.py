"""Helpers for comparing with PyTorch, shared by the foundation's tests."""
import numpy as np
import torch


def torch_lstm_run(module, x, h0, c0, dhs, dh_T, dc_T):
    """Run ``module`` (torch.nn.LSTM) and backpropagate the same upstream gradients.

    Returns (hs, h_T, c_T, grads) with grads a dict: x, h0, c0 and the four
    parameters under the numpy names.
    """
    xt = torch.tensor(x, requires_grad=True)
    h0t = torch.tensor(h0, requires_grad=True)
    c0t = torch.tensor(c0, requires_grad=True)
    out, (hT, cT) = module(xt, (h0t[None], c0t[None]))
    loss = (out * torch.tensor(dhs)).sum() + (hT[0] * torch.tensor(dh_T)).sum() + (cT[0] * torch.tensor(dc_T)).sum()
    module.zero_grad()
    loss.backward()
    grads = {"x": xt.grad.numpy(), "h0": h0t.grad.numpy(), "c0": c0t.grad.numpy(),
             "W_ih": module.weight_ih_l0.grad.numpy(), "W_hh": module.weight_hh_l0.grad.numpy(),
             "b_ih": module.bias_ih_l0.grad.numpy(), "b_hh": module.bias_hh_l0.grad.numpy()}
    return out.detach().numpy(), hT[0].detach().numpy(), cT[0].detach().numpy(), grads


def random_problem(rng, T, B, D, H, dtype=np.float64, state=True):
    """Random inputs, initial state and upstream gradients of the given sizes."""
    def r(*shape):
        return rng.normal(size=shape).astype(dtype)
    zeros = np.zeros((B, H), dtype)
    return {"x": r(T, B, D), "h0": r(B, H) if state else zeros, "c0": r(B, H) if state else zeros,
            "dhs": r(T, B, H), "dh_T": r(B, H), "dc_T": r(B, H)}
