"""Stacked LSTM layers (lstm_course.stacked) against torch.nn.LSTM(num_layers=L) and central differences."""
import numpy as np
import pytest
import torch

from lstm_course import lstm, stacked
from lstm_course.gradcheck import numerical_gradient, rel_error


def _problem(rng, T=5, B=3, D=4, H=3, L=2):
    layers = stacked.init_params(D, H, L, seed=7)
    return layers, rng.normal(size=(T, B, D)), rng.normal(size=(L, B, H)), rng.normal(size=(L, B, H))


def test_init_shapes_and_seeds():
    layers = stacked.init_params(3, 5, 3, seed=4)
    assert [p["W_ih"].shape for p in layers] == [(20, 3), (20, 5), (20, 5)]
    assert all(p["W_hh"].shape == (20, 5) for p in layers)
    np.testing.assert_array_equal(layers[1]["W_hh"], lstm.init_params(5, 5, seed=5)["W_hh"])


@pytest.mark.parametrize("L", [1, 2, 3])
def test_forward_and_backward_equal_torch(rng, L):
    layers, x, h0, c0 = _problem(rng, L=L)
    hs, (h_T, c_T), cache = stacked.forward(x, layers, h0, c0)
    dhs, dh_T, dc_T = rng.normal(size=hs.shape), rng.normal(size=h_T.shape), rng.normal(size=c_T.shape)
    dx, dlayers, dh0, dc0 = stacked.backward(dhs, cache, dh_T, dc_T)

    module = stacked.to_torch(layers)
    xt, h0t, c0t = (torch.tensor(a, requires_grad=True) for a in (x, h0, c0))
    out, (hn, cn) = module(xt, (h0t, c0t))
    loss = (out * torch.from_numpy(dhs)).sum() + (hn * torch.from_numpy(dh_T)).sum() + (cn * torch.from_numpy(dc_T)).sum()
    loss.backward()
    for ours, theirs in ((hs, out), (h_T, hn), (c_T, cn), (dx, xt.grad), (dh0, h0t.grad), (dc0, c0t.grad)):
        np.testing.assert_allclose(ours, theirs.detach().numpy(), rtol=0, atol=1e-12)
    names = {"W_ih": "weight_ih_l", "W_hh": "weight_hh_l", "b_ih": "bias_ih_l", "b_hh": "bias_hh_l"}
    for k in range(L):
        for key, name in names.items():
            np.testing.assert_allclose(dlayers[k][key], getattr(module, f"{name}{k}").grad.numpy(), rtol=0, atol=1e-12)


def test_two_layers_are_two_forward_calls(rng):
    layers, x, _, _ = _problem(rng)
    hs, _, _ = stacked.forward(x, layers)
    first, _, _ = lstm.forward(x, layers[0])
    second, _, _ = lstm.forward(first, layers[1])
    np.testing.assert_array_equal(hs, second)


def test_gradient_check(rng):
    layers, x, h0, c0 = _problem(rng, T=3, B=2, D=2, H=2)
    w = rng.normal(size=(3, 2, 2))

    def loss():
        return np.sum(stacked.forward(x, layers, h0, c0)[0] * w)

    _, _, cache = stacked.forward(x, layers, h0, c0)
    dx, dlayers, dh0, dc0 = stacked.backward(w, cache)
    assert rel_error(dx, numerical_gradient(loss, x)) < 1e-7
    assert rel_error(dh0, numerical_gradient(loss, h0)) < 1e-7
    assert rel_error(dc0, numerical_gradient(loss, c0)) < 1e-7
    for k in range(2):
        for key in ("W_ih", "W_hh", "b_ih"):
            assert rel_error(dlayers[k][key], numerical_gradient(loss, layers[k][key])) < 1e-7


def test_bad_input_names_shapes(rng):
    layers, x, h0, _ = _problem(rng)
    with pytest.raises(ValueError, match=r"\(T, B, D\)|dimensions"):
        stacked.forward(x[0], layers)
    with pytest.raises(ValueError, match=r"h0 must have shape \(2, 3, 3\)"):
        stacked.forward(x, layers, h0=h0[0])
    with pytest.raises(ValueError, match="layer 1"):
        stacked.forward(x, [layers[0], lstm.init_params(4, 3)])        # layer 1 must read H = 3 inputs
    with pytest.raises(ValueError, match="same hidden size"):
        stacked.forward(x, [layers[0], lstm.init_params(3, 5)])
    with pytest.raises(ValueError, match="non-empty list"):
        stacked.forward(x, [])
    with pytest.raises(ValueError, match="num_layers"):
        stacked.init_params(3, 3, 0)
    with pytest.raises(ValueError, match="stacked.forward"):
        stacked.backward(np.zeros((5, 3, 3)), {"x": 1})
