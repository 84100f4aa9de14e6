"""readout: the linear layer and both losses, gradient-checked; cross-entropy as torch's."""
import numpy as np
import pytest
import torch

from lstm_course import readout
from lstm_course.gradcheck import numerical_gradient, numerical_gradient_array, rel_error


def test_linear_backward_matches_central_differences(rng):
    h = rng.normal(size=(5, 3, 4))                 # (T, B, H): leading axes are rows
    params = readout.init_readout(4, 2, seed=1)
    y, cache = readout.linear_forward(h, params)
    assert y.shape == (5, 3, 2)
    dy = rng.normal(size=y.shape)
    dh, dparams = readout.linear_backward(dy, cache)
    f = lambda: readout.linear_forward(h, params)[0]
    assert rel_error(dh, numerical_gradient_array(f, h, dy)) < 1e-8
    for k in ("W", "b"):
        assert rel_error(dparams[k], numerical_gradient_array(f, params[k], dy)) < 1e-8


def test_mse_gradient(rng):
    y, t = rng.normal(size=(6, 1)), rng.normal(size=(6, 1))
    loss, dy = readout.mse_loss(y, t)
    assert loss == pytest.approx(np.mean((y - t) ** 2))
    assert rel_error(dy, numerical_gradient(lambda: readout.mse_loss(y, t)[0], y)) < 1e-8


def test_cross_entropy_gradient_and_torch(rng):
    logits = rng.normal(size=(4, 3, 7))
    targets = rng.integers(0, 7, size=(4, 3))
    loss, dlogits = readout.softmax_cross_entropy(logits, targets)
    t_logits = torch.tensor(logits.reshape(-1, 7), requires_grad=True)
    expected = torch.nn.functional.cross_entropy(t_logits, torch.tensor(targets.reshape(-1)))
    expected.backward()
    assert loss == pytest.approx(expected.item(), rel=1e-12)
    np.testing.assert_allclose(dlogits.reshape(-1, 7), t_logits.grad.numpy(), rtol=1e-10, atol=1e-15)
    num = numerical_gradient(lambda: readout.softmax_cross_entropy(logits, targets)[0], logits)
    assert rel_error(dlogits, num) < 1e-7


def test_cross_entropy_is_stable_for_huge_logits():
    loss, d = readout.softmax_cross_entropy(np.array([[1000.0, 0.0]]), np.array([1]))
    assert loss == pytest.approx(1000.0) and np.all(np.isfinite(d))


def test_softmax_rows_sum_to_one(rng):
    p = readout.softmax(rng.normal(size=(3, 5)) * 50)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0)


def test_bad_inputs():
    params = readout.init_readout(4, 2)
    with pytest.raises(ValueError, match=r"\(\.\.\., H\) with H = 4, got \(3, 5\)"):
        readout.linear_forward(np.zeros((3, 5)), params)
    with pytest.raises(ValueError, match="target"):
        readout.mse_loss(np.zeros((3, 1)), np.zeros(3))
    with pytest.raises(ValueError, match=r"\[0, 3\)"):
        readout.softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 3]))
    with pytest.raises(ValueError, match="integers"):
        readout.softmax_cross_entropy(np.zeros((2, 3)), np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match="output_size"):
        readout.init_readout(4, 0)
