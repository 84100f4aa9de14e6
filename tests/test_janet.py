"""JANET (forget gate only): gradient-checked, equal to the paper's equations in torch, and protocol-conform."""
import numpy as np
import pytest
import torch

from lstm_course import lstm, rnn
from lstm_course.gradcheck import numerical_gradient, rel_error
from lstm_course.params import count_params
from lstm_course.variants import gru, janet


def problem(rng, T, B, D, H, dtype=np.float64):
    def r(*shape):
        return rng.normal(size=shape).astype(dtype)
    return {"x": r(T, B, D), "h0": r(B, H), "dhs": r(T, B, H), "dh_T": r(B, H)}


def run_numpy(params, prob):
    hs, (hT,), cache = janet.forward(prob["x"], params, (prob["h0"],))
    dx, dp, (dh0,) = janet.backward(prob["dhs"], cache, (prob["dh_T"],))
    return hs, hT, dict(dp, x=dx, h0=dh0)


def run_torch(params, prob):
    """The paper's equations written in torch ops, differentiated by autograd."""
    t = {k: torch.tensor(v, requires_grad=True) for k, v in {**params, "x": prob["x"], "h0": prob["h0"]}.items()}
    H = params["W_hh"].shape[1]
    W_f, W_c = t["W_ih"][:H], t["W_ih"][H:]
    U_f, U_c = t["W_hh"][:H], t["W_hh"][H:]
    b_f = t["b_ih"][:H] + t["b_hh"][:H]
    b_c = t["b_ih"][H:] + t["b_hh"][H:]
    c, outs = t["h0"], []
    for x_t in t["x"]:
        s = x_t @ W_f.T + b_f + c @ U_f.T
        c_tilde = torch.tanh(x_t @ W_c.T + c @ U_c.T + b_c)
        c = torch.sigmoid(s) * c + (1 - torch.sigmoid(s - 1.0)) * c_tilde
        outs.append(c)
    hs = torch.stack(outs)
    ((hs * torch.tensor(prob["dhs"])).sum() + (c * torch.tensor(prob["dh_T"])).sum()).backward()
    return hs.detach().numpy(), {k: v.grad.numpy() for k, v in t.items()}


@pytest.mark.parametrize("T,B,D,H", [(1, 1, 1, 1), (5, 3, 4, 2), (30, 2, 3, 5)])
def test_forward_and_backward_equal_the_papers_equations_under_autograd(T, B, D, H, rng):
    params = janet.init_params(D, H, seed=T + H)
    params["b_ih"][:H] += 2.0                             # a chrono-like forget bias, gates not all near 0.5
    prob = problem(rng, T, B, D, H)
    hs, hT, grads = run_numpy(params, prob)
    t_hs, t_grads = run_torch(params, prob)
    assert np.abs(hs - t_hs).max() < 1e-10 and np.array_equal(hT, hs[-1])
    for name, g in t_grads.items():
        assert rel_error(grads[name], g) < 1e-8, name


def test_five_point_gradient_check_for_x_every_param_and_h0(rng):
    T, B, D, H = 4, 2, 3, 3
    params = janet.init_params(D, H, seed=7)
    prob = problem(rng, T, B, D, H)

    def loss():
        hs, (hT,), _ = janet.forward(prob["x"], params, (prob["h0"],))
        return np.sum(hs * prob["dhs"]) + np.sum(hT * prob["dh_T"])

    _, _, grads = run_numpy(params, prob)
    worst = 0.0
    for name, where in [(k, params) for k in params] + [("x", prob), ("h0", prob)]:
        err = rel_error(grads[name], numerical_gradient(loss, where[name], h=1e-3, order=4))
        assert err <= 1e-7, name
        worst = max(worst, err)
    print(f"JANET gradcheck: max relative error {worst:.2e}")


def test_sequence_equals_step_by_step(rng):
    T, B, D, H = 6, 3, 4, 5
    params = janet.init_params(D, H, seed=3)
    prob = problem(rng, T, B, D, H)
    hs, hT, grads = run_numpy(params, prob)
    h, caches = prob["h0"], []
    for t in range(T):
        h, cache = janet.step_forward(prob["x"][t], h, params)
        assert np.abs(h - hs[t]).max() < 1e-12
        caches.append(cache)
    dh_next, total = prob["dh_T"], {k: 0 for k in params}
    for t in reversed(range(T)):
        dx_t, dh_next, dp = janet.step_backward(prob["dhs"][t] + dh_next, caches[t])
        assert rel_error(dx_t, grads["x"][t]) < 1e-10
        total = {k: total[k] + dp[k] for k in params}
    assert rel_error(dh_next, grads["h0"]) < 1e-10
    for k in params:
        assert total[k].shape == params[k].shape and rel_error(total[k], grads[k]) < 1e-10, k


def test_the_shifted_input_gate_lets_a_saturated_forget_gate_keep_the_memory():
    # With a large forget bias, f ~ 1 and 1 - sigmoid(s - 1) ~ 0: h stays where it was.
    params = {k: np.zeros_like(v) for k, v in janet.init_params(1, 1).items()}
    params["b_ih"][0], params["b_hh"][1] = 30.0, 5.0     # s = 30; c~ = tanh(5) ~ 1
    hs, _, _ = janet.forward(np.zeros((50, 1, 1)), params, (np.full((1, 1), 0.25),))
    assert np.allclose(hs, 0.25, atol=1e-9)
    params["b_ih"][0] = 0.0                               # s = 0: keeps half, writes 1 - sigmoid(-1)
    hs, _, _ = janet.forward(np.zeros((1, 1, 1)), params, (np.full((1, 1), 0.25),))
    assert np.isclose(hs[0, 0, 0], 0.5 * 0.25 + (1 - 1 / (1 + np.e)) * np.tanh(5.0))


def test_float32_in_float32_out(rng):
    params = janet.init_params(4, 3, dtype=np.float32)
    prob = problem(rng, 5, 2, 4, 3, dtype=np.float32)
    hs, (hT,), cache = janet.forward(prob["x"], params, (prob["h0"],))
    dx, dp, (dh0,) = janet.backward(prob["dhs"], cache, (prob["dh_T"],))
    for arr in (hs, hT, dx, dh0, *dp.values()):
        assert arr.dtype == np.float32
    h, c = janet.step_forward(prob["x"][0], prob["h0"], params)
    assert h.dtype == np.float32 and all(a.dtype == np.float32 for a in janet.step_backward(h, c)[2].values())
    hs64, _, _ = janet.forward(prob["x"].astype(np.float64), {k: v.astype(np.float64) for k, v in params.items()},
                               (prob["h0"].astype(np.float64),))
    assert np.abs(hs - hs64).max() < 1e-5


def test_inputs_unchanged_and_outputs_do_not_alias_the_cache(rng):
    params = janet.init_params(3, 2, seed=1)
    prob = problem(rng, 4, 2, 3, 2)
    before = {k: v.copy() for k, v in params.items()}
    given = {k: v.copy() for k, v in prob.items()}
    hs, (hT,), cache = janet.forward(prob["x"], params, (prob["h0"],))
    dx1, _, (dh0,) = janet.backward(prob["dhs"], cache, (prob["dh_T"],))
    hs *= 0; hT *= 0
    dx2, _, _ = janet.backward(prob["dhs"], cache, (prob["dh_T"],))
    assert np.array_equal(dx1, dx2)
    h, c = janet.step_forward(prob["x"][0], prob["h0"], params)
    janet.step_backward(prob["dh_T"], c)
    for k in params:
        np.testing.assert_array_equal(params[k], before[k], err_msg=k)
    for k in prob:
        np.testing.assert_array_equal(prob[k], given[k], err_msg=k)
    assert not np.shares_memory(dh0, prob["dh_T"])


def test_zero_state_and_omitted_gradients(rng):
    params = janet.init_params(2, 3, seed=1)
    x = rng.normal(size=(4, 2, 2))
    hs_a, _, cache = janet.forward(x, params)
    hs_b, _, _ = janet.forward(x, params, (None,))
    assert np.array_equal(hs_a, hs_b)
    dx, dp, (dh0,) = janet.backward(None, cache)
    assert not dx.any() and not dh0.any() and all(not v.any() for v in dp.values())


def test_large_pre_activations_saturate_without_nan_or_warnings():
    params = {k: v * 1e4 for k, v in janet.init_params(3, 2, seed=2).items()}
    with np.errstate(all="raise"):
        hs, _, cache = janet.forward(np.full((5, 1, 3), 50.0), params)
        janet.backward(np.ones_like(hs), cache)
    assert np.all(np.isfinite(hs))


def test_protocol_attributes_and_parameter_count():
    assert (janet.name, janet.state_names, janet.gates, janet.memory_gate, janet.write_gate, janet.BETA) == (
        "janet", ("h",), ("f", "g"), "f", None, 1.0)
    D, H = 7, 5
    p = janet.init_params(D, H)
    assert {k: v.shape for k, v in p.items()} == {"W_ih": (10, 7), "W_hh": (10, 5), "b_ih": (10,), "b_hh": (10,)}
    assert count_params(p) == 2 * H * (D + H + 2)


# --------------------------------------------------------------------------- bad input
T, B, D, H = 4, 3, 5, 2


@pytest.mark.parametrize("call,fragments", [
    (lambda p: janet.forward(np.zeros((B, D)), p), ["x", "(T, B, D)", "(3, 5)"]),
    (lambda p: janet.forward(np.zeros((T, B, 7)), p), ["W_ih", f"({2 * H}, 7)", f"({2 * H}, {D})"]),
    (lambda p: janet.forward(np.zeros((T, B, D)), p, (np.zeros((3, 5)),)), ["state0[0]", f"({B}, {H})", "(3, 5)"]),
    (lambda p: janet.forward(np.zeros((T, B, D)), p, (None, None)), ["state0", "tuple of 1", "length 2"]),
    (lambda p: janet.step_forward(np.zeros((B, D)), np.zeros((B, H + 1)), p),
     ["h_prev", f"({B}, {H})", f"({B}, {H + 1})"]),
])
def test_bad_shapes_name_expected_and_actual(call, fragments):
    with pytest.raises(ValueError) as info:
        call(janet.init_params(D, H))
    for frag in fragments:
        assert frag in str(info.value), (frag, str(info.value))


@pytest.mark.parametrize("key,shape,expected", [
    ("W_hh", (3 * H, H), "(2H, H)"),                     # a GRU's weights
    ("W_ih", (2 * H + 1, D), f"({2 * H}, {D})"),
    ("b_hh", (H,), f"({2 * H},)"),
])
def test_parameter_of_wrong_shape(key, shape, expected):
    params = janet.init_params(D, H)
    params[key] = np.zeros(shape)
    with pytest.raises(ValueError) as info:
        janet.forward(np.zeros((T, B, D)), params)
    assert key in str(info.value) and expected in str(info.value) and str(shape) in str(info.value)


def test_backward_rejects_other_caches_and_bad_gradients(rng):
    x = rng.normal(size=(T, B, D))
    hs, _, cache = janet.forward(x, janet.init_params(D, H))
    others = [lstm.forward(x, lstm.init_params(D, H))[2], rnn.forward(x, rnn.init_params(D, H))[2],
              gru.forward(x, gru.init_params(D, H))[2], None]
    for other in others:
        with pytest.raises(ValueError, match="janet.forward"):
            janet.backward(hs, other)
    _, gru_step_cache = gru.step_forward(x[0], np.zeros((B, H)), gru.init_params(D, H))
    with pytest.raises(ValueError, match="janet.step_forward"):
        janet.step_backward(np.zeros((B, H)), gru_step_cache)
    with pytest.raises(ValueError, match="gru.forward"):
        gru.backward(hs, cache)                           # and the GRU refuses JANET's
    with pytest.raises(ValueError, match=rf"dhs.*\({T}, {B}, {H}\).*\({T}, {B + 1}, {H}\)"):
        janet.backward(np.zeros((T, B + 1, H)), cache)
    with pytest.raises(ValueError, match=rf"dstate_T\[0\].*\({B}, {H}\).*\(1, {H}\)"):
        janet.backward(hs, cache, (np.zeros((1, H)),))
