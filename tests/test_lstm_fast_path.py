"""The fast path of ``lstm.forward``: accurate activations and the documented cache.

``lstm.forward`` must compute tanh with ``np.tanh`` and the sigmoid as
1 / (1 + exp(-z)): rewriting tanh as 2 sigmoid(2z) - 1 cancels digits near z = 0
(about 7% relative error at z = 1e-6 in float32), and a sigmoid built from tanh
loses the tiny openings far below 0. These tests fail on either rewrite. The cache
holds exactly what the ``forward`` docstring says it holds.
"""
import numpy as np
import pytest

from lstm_course import lstm
from lstm_course.activations import sigmoid


def _one_step_params(z_i, z_f, z, z_o, dtype):
    """Params with zero weights, so the pre-activations of step 1 are the biases."""
    H = len(z)
    b = np.concatenate([z_i, z_f, z, z_o]).astype(dtype)
    return {"W_ih": np.zeros((4 * H, 1), dtype), "W_hh": np.zeros((4 * H, H), dtype),
            "b_ih": b, "b_hh": np.zeros(4 * H, dtype)}


def test_tanh_is_accurate_near_zero_in_float32():
    z = np.array([1e-6, 1e-4, 1e-2, 0.5, -3e-6], dtype=np.float32)
    ones = np.full(len(z), 30.0)
    params = _one_step_params(ones, -ones, z, ones, np.float32)       # i = o = 1, f = 0
    x = np.zeros((1, 1, 1), np.float32)
    hs, (h_T, c_T), cache = lstm.forward(x, params)
    H = len(z)
    g = cache["gates"][0, 0, 2 * H:3 * H]
    exact = np.tanh(z.astype(np.float64))
    assert g.dtype == np.float32
    np.testing.assert_allclose(g, exact, rtol=2e-7, atol=0)           # a few float32 ulps
    np.testing.assert_allclose(c_T[0], exact, rtol=2e-7, atol=0)      # c = g * i, i = 1 exactly
    np.testing.assert_allclose(h_T[0], np.tanh(exact), rtol=5e-7, atol=0)
    np.testing.assert_allclose(cache["tanh_cs"][0, 0], np.tanh(exact), rtol=5e-7, atol=0)


def test_small_gate_openings_keep_their_relative_precision():
    z = np.array([-30.0, -60.0, -80.0])                               # sigmoid ~ 1e-13 ... 1e-35
    params = _one_step_params(z, z, z, z, np.float64)
    _, _, cache = lstm.forward(np.zeros((1, 2, 1)), params)
    H = len(z)
    gates = cache["gates"][0]
    exact = 1 / (1 + np.exp(-z))
    for block in (0, 1, 3):                                           # i, f, o
        np.testing.assert_allclose(gates[:, block * H:(block + 1) * H], np.broadcast_to(exact, (2, H)),
                                   rtol=1e-14, atol=0)


def test_large_pre_activations_give_exact_limits_in_float32():
    z = np.array([-200.0, -90.0, 90.0, 200.0])
    params = _one_step_params(z, z, z, z, np.float32)
    with np.errstate(all="raise"):
        _, _, cache = lstm.forward(np.zeros((1, 1, 1), np.float32), params)
    H = len(z)
    gates = cache["gates"][0, 0]
    for block in (0, 1, 3):
        np.testing.assert_array_equal(gates[block * H:(block + 1) * H], [0, 0, 1, 1])
    np.testing.assert_array_equal(gates[2 * H:3 * H], [-1, -1, 1, 1])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_cache_holds_what_the_docstring_says(dtype, rng):
    T, B, D, H = 5, 3, 4, 6
    params = {k: v.astype(dtype) for k, v in lstm.init_params(D, H, seed=3).items()}
    x = rng.standard_normal((T, B, D)).astype(dtype)
    h0, c0 = (rng.standard_normal((B, H)).astype(dtype) for _ in range(2))
    _, _, cache = lstm.forward(x, params, h0, c0)
    assert set(cache) == {"x", "params", "hs", "cs", "gates", "tanh_cs"}
    assert cache["hs"].shape == cache["cs"].shape == (T + 1, B, H)
    assert cache["gates"].shape == (T, B, 4 * H) and cache["tanh_cs"].shape == (T, B, H)
    assert all(a.dtype == dtype for a in (cache["hs"], cache["cs"], cache["gates"], cache["tanh_cs"]))
    np.testing.assert_array_equal(cache["x"], x)
    for k in params:
        assert cache["params"][k].dtype == dtype
        np.testing.assert_array_equal(cache["params"][k], params[k])
    np.testing.assert_array_equal(cache["hs"][0], h0)
    np.testing.assert_array_equal(cache["cs"][0], c0)
    tol = 1e-13 if dtype == np.float64 else 1e-5
    h, c = h0.astype(np.float64), c0.astype(np.float64)
    p64 = {k: v.astype(np.float64) for k, v in params.items()}
    for t in range(T):
        pre = x[t] @ p64["W_ih"].T + p64["b_ih"] + h @ p64["W_hh"].T + p64["b_hh"]
        i, f, g, o = sigmoid(pre[:, :H]), sigmoid(pre[:, H:2 * H]), np.tanh(pre[:, 2 * H:3 * H]), sigmoid(pre[:, 3 * H:])
        c = g * i + c * f
        h = np.tanh(c) * o
        # gates[t] holds step t+1's openings i, f, g, o: the pre-activations are overwritten.
        np.testing.assert_allclose(cache["gates"][t], np.concatenate([i, f, g, o], axis=1), rtol=0, atol=tol)
        np.testing.assert_allclose(cache["cs"][t + 1], c, rtol=0, atol=tol)
        np.testing.assert_allclose(cache["hs"][t + 1], h, rtol=0, atol=tol)
        np.testing.assert_allclose(cache["tanh_cs"][t], np.tanh(c), rtol=0, atol=tol)


def test_step_forward_cache_is_documented_tuple(rng):
    B, D, H = 2, 3, 4
    params = lstm.init_params(D, H, seed=0)
    x_t, h_prev, c_prev = rng.standard_normal((B, D)), rng.standard_normal((B, H)), rng.standard_normal((B, H))
    h, c, cache = lstm.step_forward(x_t, h_prev, c_prev, params)
    x_c, h_c, c_c, i, f, g, o, tanh_c, p = cache
    assert x_c is x_t and h_c is h_prev and c_c is c_prev and p is params
    np.testing.assert_allclose(tanh_c, np.tanh(c), rtol=0, atol=1e-15)
    np.testing.assert_allclose(h, tanh_c * o, rtol=0, atol=1e-15)
    np.testing.assert_allclose(c, g * i + c_prev * f, rtol=0, atol=1e-15)
