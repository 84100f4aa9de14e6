"""memory_cell follows the lecture's formula; the activations are right and stable."""
import numpy as np
import pytest

from lstm_course.activations import identity, sigmoid, sigmoid_grad_from_output, tanh, tanh_grad_from_output
from lstm_course.cell import memory_cell, memory_cell_values
from lstm_course.gradcheck import numerical_gradient, rel_error


def logistic(v):
    return 1 / (1 + np.exp(-v))


def test_formula_on_arrays(rng):
    z, z_i, z_f, z_o, c = rng.normal(scale=3, size=(5, 4, 6))
    c_new, a = memory_cell(z, z_i, z_f, z_o, c)
    expected_c = np.tanh(z) * logistic(z_i) + c * logistic(z_f)
    assert np.allclose(c_new, expected_c, rtol=0, atol=1e-14)
    assert np.allclose(a, np.tanh(expected_c) * logistic(z_o), rtol=0, atol=1e-14)


def test_hand_wired_identity_cell_on_scalars():
    # Gates fully open/closed by large signals: the lecture's "write 3, then read".
    c_new, a = memory_cell(3.0, 100.0, -100.0, 100.0, 7.0, g=identity, h=identity)
    assert c_new == pytest.approx(3.0, abs=1e-12)   # the old 7 is forgotten, 3 written
    assert a == pytest.approx(3.0, abs=1e-12)
    c_new, a = memory_cell(5.0, -100.0, 100.0, -100.0, 7.0, g=identity, h=identity)
    assert c_new == pytest.approx(7.0, abs=1e-12) and a == pytest.approx(0.0, abs=1e-12)


def test_any_callables_are_used():
    c_new, a = memory_cell(2.0, 0.0, 0.0, 0.0, 4.0, f=lambda v: np.ones_like(v) * 0.5,
                           g=lambda v: 10 * v, h=lambda v: v + 1)
    assert c_new == pytest.approx(10 * 2 * 0.5 + 4 * 0.5)
    assert a == pytest.approx((c_new + 1) * 0.5)


def test_scalars_broadcast_against_arrays():
    c_new, a = memory_cell(np.array([1.0, -1.0]), 0, 0, 0, 0.0)
    assert c_new.shape == (2,) and a.shape == (2,)


def test_values_agree_with_memory_cell(rng):
    args = rng.normal(size=(5, 3))
    v = memory_cell_values(*args)
    c_new, a = memory_cell(*args)
    assert np.array_equal(v["c_new"], c_new) and np.array_equal(v["a"], a)
    assert np.allclose(v["written"] + v["kept"], c_new, atol=1e-15)
    assert np.allclose(v["h_c"] * v["gate_o"], a, atol=1e-15)


def test_sigmoid_is_stable_and_exact():
    z = np.array([-1000.0, -30.0, -1.0, 0.0, 2.0, 40.0, 1000.0])
    with np.errstate(all="raise"):
        s = sigmoid(z)
    assert np.all((s >= 0) & (s <= 1))
    assert s[3] == 0.5
    assert np.allclose(s[1:-1], logistic(z[1:-1]), rtol=1e-15, atol=0)
    assert sigmoid(np.float32(1.0)).dtype == np.float32
    assert isinstance(float(sigmoid(3)), float)


@pytest.mark.parametrize("fn,grad", [(sigmoid, sigmoid_grad_from_output), (tanh, tanh_grad_from_output)])
def test_derivatives_from_outputs(fn, grad, rng):
    z = rng.normal(scale=2, size=6)
    numeric = numerical_gradient(lambda: np.sum(fn(z)), z, h=1e-3, order=4)  # precise even where f' is 1e-5
    assert rel_error(grad(fn(z)), numeric) < 1e-8
