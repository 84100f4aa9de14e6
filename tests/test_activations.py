"""activations: exact values, dtypes and the derivatives written from the outputs."""
import numpy as np
import pytest

from lstm_course.activations import identity, sigmoid, sigmoid_grad_from_output, tanh, tanh_grad_from_output


def test_integers_and_bools_are_computed_in_float64():
    # an integer 0 must open the gate half way (0.5), not be rounded back to the integer 0
    s = sigmoid(np.array([0, 2, -3]))
    assert s.dtype == np.float64
    np.testing.assert_allclose(s, 1 / (1 + np.exp(-np.array([0.0, 2.0, -3.0]))), rtol=1e-15)
    assert sigmoid(0) == 0.5
    assert sigmoid(True) == pytest.approx(1 / (1 + np.exp(-1.0)), rel=1e-15)
    assert sigmoid(np.array([False, True])).dtype == np.float64


def test_sigmoid_keeps_shape_and_float_dtype():
    for dtype in (np.float16, np.float32, np.float64):
        z = np.linspace(-5, 5, 6, dtype=dtype).reshape(2, 3)
        s = sigmoid(z)
        assert s.shape == (2, 3) and s.dtype == dtype
    assert np.ndim(sigmoid(1.5)) == 0


def test_derivatives_from_outputs_by_hand():
    assert sigmoid_grad_from_output(0.25) == 0.25 * 0.75
    assert sigmoid_grad_from_output(0.5) == 0.25
    assert tanh_grad_from_output(0.5) == 0.75
    assert tanh_grad_from_output(-0.5) == 0.75
    np.testing.assert_array_equal(tanh(np.array([0.0, 1.0])), np.tanh([0.0, 1.0]))
    x = np.array([-2.0, 3.0])
    assert identity(x) is x
