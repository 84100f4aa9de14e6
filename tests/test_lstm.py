"""The numpy LSTM equals torch.nn.LSTM: values to 1e-10, gradients to 1e-8 (float64)."""
import numpy as np
import pytest
import torch

from lstm_course import lstm
from lstm_course.gradcheck import numerical_gradient, rel_error
from lstm_course.torch_compare import from_torch, to_torch
from torch_helpers import random_problem, torch_lstm_run

# (T, B, D, H): one step, a batch of one, one cell, D != H, a long sequence.
SHAPES = [(1, 1, 1, 1), (1, 3, 5, 4), (6, 1, 3, 1), (5, 4, 6, 3), (4, 2, 2, 7), (300, 2, 3, 4)]


def run_numpy(params, prob):
    hs, (hT, cT), cache = lstm.forward(prob["x"], params, prob["h0"], prob["c0"])
    dx, dp, dh0, dc0 = lstm.backward(prob["dhs"], cache, prob["dh_T"], prob["dc_T"])
    return hs, hT, cT, dict(dp, x=dx, h0=dh0, c0=dc0)


@pytest.mark.parametrize("T,B,D,H", SHAPES)
@pytest.mark.parametrize("state", [True, False], ids=["h0c0", "zeros"])
def test_forward_and_backward_match_torch_via_to_torch(T, B, D, H, state, rng):
    params = lstm.init_params(D, H, seed=T * 100 + H)
    prob = random_problem(rng, T, B, D, H, state=state)
    hs, hT, cT, grads = run_numpy(params, prob)
    t_hs, t_hT, t_cT, t_grads = torch_lstm_run(to_torch(params), **prob)
    assert hs.shape == (T, B, H) and hT.shape == cT.shape == (B, H)
    assert np.abs(hs - t_hs).max() < 1e-10
    assert np.abs(hT - t_hT).max() < 1e-10
    assert np.abs(cT - t_cT).max() < 1e-10
    for name, g in grads.items():
        assert g.shape == t_grads[name].shape, name
        assert rel_error(g, t_grads[name]) < 1e-8, name


@pytest.mark.parametrize("T,B,D,H", [(3, 2, 4, 5), (8, 3, 2, 2)])
def test_torch_initialised_module_via_from_torch(T, B, D, H, rng):
    torch.manual_seed(T + B)
    module = torch.nn.LSTM(D, H).double()
    params = from_torch(module)
    prob = random_problem(rng, T, B, D, H)
    hs, hT, cT, grads = run_numpy(params, prob)
    t_hs, _, t_cT, t_grads = torch_lstm_run(module, **prob)
    assert np.abs(hs - t_hs).max() < 1e-10
    assert np.abs(cT - t_cT).max() < 1e-10
    for name, g in grads.items():
        assert rel_error(g, t_grads[name]) < 1e-8, name


def test_backward_matches_central_differences(rng):
    # Five-point central differences: accurate to ~1e-13, so the 1e-8 bound holds
    # even for the smallest gradient elements (two-point ones reach only ~1e-8 there).
    T, B, D, H = 4, 2, 3, 3
    params = lstm.init_params(D, H, seed=7)
    prob = random_problem(rng, T, B, D, H)

    def loss():
        hs, (hT, cT), _ = lstm.forward(prob["x"], params, prob["h0"], prob["c0"])
        return np.sum(hs * prob["dhs"]) + np.sum(hT * prob["dh_T"]) + np.sum(cT * prob["dc_T"])

    _, _, _, grads = run_numpy(params, prob)
    for name in ("W_ih", "W_hh", "b_ih", "b_hh"):
        assert rel_error(grads[name], numerical_gradient(loss, params[name], h=1e-3, order=4)) < 1e-8, name
    for name in ("x", "h0", "c0"):
        assert rel_error(grads[name], numerical_gradient(loss, prob[name], h=1e-3, order=4)) < 1e-8, name


def test_float32_in_float32_out(rng):
    params = lstm.init_params(4, 3, dtype=np.float32)
    prob = random_problem(rng, 5, 2, 4, 3, dtype=np.float32)
    hs, (hT, cT), cache = lstm.forward(prob["x"], params, prob["h0"], prob["c0"])
    dx, dp, dh0, dc0 = lstm.backward(prob["dhs"], cache, prob["dh_T"], prob["dc_T"])
    for arr in (hs, hT, cT, dx, dh0, dc0, *dp.values()):
        assert arr.dtype == np.float32
    t_hs, *_ = torch_lstm_run(to_torch(params), **prob)
    assert np.abs(hs - t_hs).max() < 1e-5


def test_integer_inputs_are_computed_in_float64():
    params = lstm.init_params(2, 2)
    hs, _, _ = lstm.forward(np.ones((3, 1, 2), dtype=int), params)
    assert hs.dtype == np.float64


def test_sequence_equals_step_by_step(rng):
    T, B, D, H = 6, 3, 4, 5
    params = lstm.init_params(D, H, seed=3)
    prob = random_problem(rng, T, B, D, H)
    hs, hT, cT, grads = run_numpy(params, prob)
    h, c, caches = prob["h0"], prob["c0"], []
    for t in range(T):
        h, c, cache = lstm.step_forward(prob["x"][t], h, c, params)
        assert np.abs(h - hs[t]).max() < 1e-12
        caches.append(cache)
    assert np.abs(h - hT).max() < 1e-12 and np.abs(c - cT).max() < 1e-12  # the memory too
    dh_next, dc = prob["dh_T"], prob["dc_T"]
    total = {k: 0 for k in params}
    for t in reversed(range(T)):
        dx_t, dh_next, dc, dp = lstm.step_backward(prob["dhs"][t] + dh_next, dc, caches[t])
        assert rel_error(dx_t, grads["x"][t]) < 1e-10
        total = {k: total[k] + dp[k] for k in params}
    assert rel_error(dh_next, grads["h0"]) < 1e-10 and rel_error(dc, grads["c0"]) < 1e-10
    for k in params:
        assert rel_error(total[k], grads[k]) < 1e-10


def test_forward_does_not_change_its_inputs_and_outputs_do_not_alias_the_cache(rng):
    params = lstm.init_params(3, 2, seed=1)
    before = {k: v.copy() for k, v in params.items()}
    x = rng.normal(size=(4, 2, 3))
    x_before = x.copy()
    hs, (hT, cT), cache = lstm.forward(x, params)
    dx1, *_ = lstm.backward(np.ones_like(hs), cache)
    hs *= 0; hT *= 0; cT *= 0  # a learner editing the outputs ...
    dx2, *_ = lstm.backward(np.ones_like(hs), cache)
    assert np.array_equal(dx1, dx2)  # ... does not change the gradients
    assert np.array_equal(x, x_before)
    assert all(np.array_equal(params[k], before[k]) for k in params)


def test_large_pre_activations_saturate_without_nan_or_warnings():
    params = {k: v * 1e4 for k, v in lstm.init_params(3, 2, seed=2).items()}
    x = np.full((5, 1, 3), 50.0)
    with np.errstate(all="raise"):
        hs, (hT, cT), cache = lstm.forward(x, params)
        lstm.backward(np.ones_like(hs), cache)
    assert np.all(np.isfinite(hs)) and np.all(np.abs(hs) <= 1)


def test_init_params_shapes_order_and_range():
    p = lstm.init_params(5, 3, seed=0)
    assert p["W_ih"].shape == (12, 5) and p["W_hh"].shape == (12, 3)
    assert p["b_ih"].shape == (12,) and p["b_hh"].shape == (12,)
    bound = 1 / np.sqrt(3)
    assert all(np.abs(v).max() <= bound and v.dtype == np.float64 for v in p.values())
    assert all(np.abs(v).max() > 0.5 * bound for v in p.values())  # spread over the range
    again = lstm.init_params(5, 3, seed=0)
    assert all(np.array_equal(p[k], again[k]) for k in p)
    other = lstm.init_params(5, 3, seed=1)
    assert not np.array_equal(p["W_ih"], other["W_ih"])
    assert lstm.init_params(2, 2, dtype=np.float32)["W_hh"].dtype == np.float32


def test_backward_does_not_change_the_gradients_it_is_given(rng):
    # backward accumulates into its own buffers: a learner's dh_T and dc_T stay as they were
    T, B, D, H = 3, 2, 3, 4
    params = lstm.init_params(D, H, seed=4)
    prob = random_problem(rng, T, B, D, H)
    given = {k: prob[k].copy() for k in ("dhs", "dh_T", "dc_T")}
    _, _, cache = lstm.forward(prob["x"], params, prob["h0"], prob["c0"])
    _, _, dh0, dc0 = lstm.backward(prob["dhs"], cache, prob["dh_T"], prob["dc_T"])
    for k, v in given.items():
        np.testing.assert_array_equal(prob[k], v, err_msg=k)
    assert not np.shares_memory(dh0, prob["dh_T"]) and not np.shares_memory(dc0, prob["dc_T"])
