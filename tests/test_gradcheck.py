"""gradcheck: rel_error and the central differences, against numbers worked out by hand.

Many tests rely on ``rel_error`` to say "these gradients agree", so it is pinned down
here on its own: a rel_error that returns 0 for everything (``==`` turned into ``!=``),
that multiplies instead of dividing, that averages instead of taking the largest error,
or that lets two different shapes broadcast, fails these tests.
"""
import math

import numpy as np
import pytest

from lstm_course.gradcheck import numerical_gradient, numerical_gradient_array, rel_error


# --- rel_error: max over elements of |a - b| / max(1e-8, |a| + |b|) ----------------------

@pytest.mark.parametrize("a", [np.array([1.0, -2.0, 3.5]), np.zeros((2, 3)), np.float64(7.0),
                               np.array([[1e-30, -4e12]])])
def test_equal_arrays_have_error_zero(a):
    assert rel_error(a, a.copy()) == 0.0


def test_known_values_worked_out_by_hand():
    # |1 - 1| / (1 + 1) = 0 and |2 - 3| / (2 + 3) = 1/5: the largest is 0.2
    assert rel_error([1.0, 2.0], [1.0, 3.0]) == pytest.approx(0.2, rel=1e-15)
    # one number: |1 - 3| / (1 + 3) = 0.5
    assert rel_error(1.0, 3.0) == pytest.approx(0.5, rel=1e-15)
    # opposite signs: |-1 - 1| / (|-1| + |1|) = 1, the largest rel_error can be
    assert rel_error([-1.0], [1.0]) == pytest.approx(1.0, rel=1e-15)
    # the order of the arguments does not matter, nor the sign of the difference
    assert rel_error([1.0, 3.0], [1.0, 2.0]) == pytest.approx(0.2, rel=1e-15)
    # an error of 1e-6 on a gradient element of 0.5: 1e-6 / (1 + 1e-6)
    assert rel_error([0.5], [0.5 + 1e-6]) == pytest.approx(1e-6 / (1 + 1e-6), rel=1e-8)


def test_it_is_the_largest_error_over_elements_not_the_mean_or_the_smallest():
    a = np.array([[1.0, 1.0, 1.0], [2.0, 4.0, 10.0]])
    b = np.array([[1.0, 2.0, 1.5], [2.0, 4.0, 10.0]])
    # errors: 0, 1/3, 0.5/2.5 = 0.2, then 0, 0, 0; the largest is 1/3 (mean 0.0889, min 0)
    assert rel_error(a, b) == pytest.approx(1 / 3, rel=1e-15)
    # wherever the one wrong element sits
    for k in range(6):
        wrong = np.ones(6)
        wrong[k] = 3.0
        assert rel_error(np.ones(6), wrong) == pytest.approx(0.5, rel=1e-15), k


def test_the_floor_of_1e_8_for_elements_near_zero():
    # |a| + |b| = 6e-9 is below the floor: the error is 6e-9 / 1e-8 = 0.6, not 6e-9 / 6e-9 = 1
    assert rel_error([3e-9], [-3e-9]) == pytest.approx(0.6, rel=1e-12)
    assert rel_error([0.0, 1e-9], [0.0, 0.0]) == pytest.approx(0.1, rel=1e-12)
    # at 2e-8, above the floor, the plain ratio: 2e-8 / 2e-8 = 1
    assert rel_error([2e-8], [0.0]) == pytest.approx(1.0, rel=1e-12)
    # both exactly zero: no 0 / 0, error 0
    assert rel_error(np.zeros(4), np.zeros(4)) == 0.0


def test_returns_a_python_float_and_takes_lists_and_integers():
    err = rel_error([1, 2], [1, 3])  # integers: no integer division
    assert type(err) is float and err == pytest.approx(0.2, rel=1e-15)
    assert type(rel_error(np.float32(1.0), np.float32(3.0))) is float


def test_float32_and_float16_inputs_are_compared_in_float64():
    a, b = np.float32(1.0), np.nextafter(np.float32(1.0), np.float32(2.0))  # one float32 step apart
    exact = (float(b) - float(a)) / (float(a) + float(b))                   # 5.96e-8, in float64
    assert rel_error(a, b) == pytest.approx(exact, rel=1e-12)
    # in float16, |a| + |b| = 120000 would overflow to inf and report 0 instead of 1
    assert rel_error(np.float16(60000), np.float16(-60000)) == 1.0


def test_a_nan_is_never_reported_as_agreement():
    assert math.isnan(rel_error([1.0, np.nan], [1.0, 1.0]))
    assert not rel_error([np.nan], [np.nan]) < 1e-8


@pytest.mark.parametrize("a_shape, b_shape", [((3,), (1, 3)), ((3, 1), (3,)), ((1, 3), (3,)),
                                              ((2, 1), (2, 3)), ((), (1,)), ((2,), (3,))])
def test_shapes_that_differ_raise_even_when_they_broadcast(a_shape, b_shape):
    with pytest.raises(ValueError) as err:
        rel_error(np.ones(a_shape), np.ones(b_shape))
    assert str(a_shape) in str(err.value) and str(b_shape) in str(err.value)


@pytest.mark.parametrize("shape", [(0,), (0, 3), (2, 0, 4)])
def test_empty_arrays_agree(shape):
    assert rel_error(np.zeros(shape), np.ones(shape)) == 0.0


def test_empty_arrays_of_different_shapes_raise():
    with pytest.raises(ValueError, match=r"\(0,\).*\(0, 3\)"):
        rel_error(np.zeros(0), np.zeros((0, 3)))


# --- numerical_gradient ------------------------------------------------------------------

def test_numerical_gradient_of_a_cubic():
    x = np.array([[0.5, -1.0], [2.0, 0.0]])
    before = x.copy()
    exact = 3 * x ** 2                                   # d/dx sum(x^3)
    g2 = numerical_gradient(lambda: np.sum(x ** 3), x)   # error h^2 = 1e-10 per unit of f'''
    np.testing.assert_array_equal(x, before)             # x nudged and put back
    np.testing.assert_allclose(g2, exact, rtol=0, atol=1e-8)
    # the two-point rule is off by exactly h^2 (the third derivative 6 over 6): a test for h
    g2_coarse = numerical_gradient(lambda: np.sum(x ** 3), x, h=1e-2)
    np.testing.assert_allclose(g2_coarse - exact, 1e-4, rtol=1e-6)
    # the five-point rule is exact for a cubic, up to rounding
    g4 = numerical_gradient(lambda: np.sum(x ** 3), x, h=1e-2, order=4)
    np.testing.assert_allclose(g4, exact, rtol=0, atol=1e-11)
    assert g2.dtype == np.float64 and g2.shape == x.shape


def test_five_points_beat_two_on_a_quintic():
    x = np.array([1.3])
    exact = 5 * 1.3 ** 4
    e2 = abs(numerical_gradient(lambda: float(x[0] ** 5), x, h=1e-3)[0] - exact)
    e4 = abs(numerical_gradient(lambda: float(x[0] ** 5), x, h=1e-3, order=4)[0] - exact)
    # two points: h^2 f'''/6 = 1e-6 * 60 * 1.3^2 / 6 = 1.69e-5; five points: ~h^4, far smaller
    assert e2 == pytest.approx(1e-6 * 10 * 1.3 ** 2, rel=1e-3)
    assert e4 < 1e-9


def test_numerical_gradient_array_weights_outputs_by_df():
    x = np.array([1.0, 2.0, -0.5])
    df = np.array([2.0, -1.0, 0.5])
    grad = numerical_gradient_array(lambda: x ** 2, x, df)  # d/dx sum(x^2 df) = 2 x df
    np.testing.assert_allclose(grad, 2 * x * df, rtol=1e-9)


def test_numerical_gradient_refuses_other_orders_and_integer_arrays():
    with pytest.raises(ValueError, match="order must be 2 or 4, got 3"):
        numerical_gradient(lambda: 0.0, np.zeros(2), order=3)
    x = np.array([1, 2])
    with pytest.raises(ValueError, match="x must be a floating array"):
        numerical_gradient(lambda: float(np.sum(x)), x)   # x + h would be truncated to x
