"""The plain RNN equals torch.nn.RNN (tanh) in values and gradients."""
import numpy as np
import pytest
import torch

from lstm_course import rnn
from lstm_course.gradcheck import rel_error


@pytest.mark.parametrize("T,B,D,H", [(1, 1, 1, 1), (6, 3, 4, 5), (50, 2, 3, 2)])
def test_rnn_matches_torch(T, B, D, H, rng):
    p = rnn.init_params(D, H, seed=T)
    x, h0, dhs, dhT = rng.normal(size=(T, B, D)), rng.normal(size=(B, H)), rng.normal(size=(T, B, H)), rng.normal(size=(B, H))
    hs, hT, cache = rnn.forward(x, p, h0)
    dx, dp, dh0 = rnn.backward(dhs, cache, dhT)

    m = torch.nn.RNN(D, H).double()
    with torch.no_grad():
        for k, name in (("W_ih", "weight_ih_l0"), ("W_hh", "weight_hh_l0"), ("b_ih", "bias_ih_l0"), ("b_hh", "bias_hh_l0")):
            getattr(m, name).copy_(torch.from_numpy(p[k]))
    xt, h0t = torch.tensor(x, requires_grad=True), torch.tensor(h0, requires_grad=True)
    out, ht = m(xt, h0t[None])
    ((out * torch.tensor(dhs)).sum() + (ht[0] * torch.tensor(dhT)).sum()).backward()
    assert np.abs(hs - out.detach().numpy()).max() < 1e-10
    assert np.abs(hT - ht[0].detach().numpy()).max() < 1e-10
    assert rel_error(dx, xt.grad.numpy()) < 1e-8 and rel_error(dh0, h0t.grad.numpy()) < 1e-8
    for k, name in (("W_ih", "weight_ih_l0"), ("W_hh", "weight_hh_l0"), ("b_ih", "bias_ih_l0"), ("b_hh", "bias_hh_l0")):
        assert rel_error(dp[k], getattr(m, name).grad.numpy()) < 1e-8, k


def test_rnn_shapes_and_count():
    p = rnn.init_params(3, 4)
    assert {k: v.shape for k, v in p.items()} == {"W_ih": (4, 3), "W_hh": (4, 4), "b_ih": (4,), "b_hh": (4,)}
