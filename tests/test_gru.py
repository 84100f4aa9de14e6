"""The numpy GRU equals torch.nn.GRU (values 1e-10, gradients 1e-8, float64) and follows the cell protocol."""
import numpy as np
import pytest
import torch

from lstm_course import lstm, rnn
from lstm_course.gradcheck import numerical_gradient, rel_error
from lstm_course.params import count_params
from lstm_course.variants import gru

# (T, B, D, H): one step, a batch of one, one unit, D != H, a longer sequence.
SHAPES = [(1, 1, 1, 1), (1, 3, 5, 4), (6, 1, 3, 1), (5, 4, 6, 3), (4, 2, 2, 7), (60, 2, 3, 4)]


def problem(rng, T, B, D, H, dtype=np.float64):
    def r(*shape):
        return rng.normal(size=shape).astype(dtype)
    return {"x": r(T, B, D), "h0": r(B, H), "dhs": r(T, B, H), "dh_T": r(B, H)}


def run_numpy(params, prob, with_h0=True):
    state0 = (prob["h0"],) if with_h0 else None
    hs, (hT,), cache = gru.forward(prob["x"], params, state0)
    dx, dp, (dh0,) = gru.backward(prob["dhs"], cache, (prob["dh_T"],))
    return hs, hT, dict(dp, x=dx, h0=dh0)


def run_torch(module, prob, with_h0=True):
    """torch.nn.GRU on the same input; autograd of the scalar sum(hs * dhs) + sum(h_T * dh_T)."""
    x = torch.tensor(prob["x"], requires_grad=True)
    h0 = torch.tensor(prob["h0"] if with_h0 else np.zeros_like(prob["h0"]), requires_grad=True)
    out, hT = module(x, h0[None]) if with_h0 else module(x)
    loss = (out * torch.tensor(prob["dhs"])).sum() + (hT[0] * torch.tensor(prob["dh_T"])).sum()
    module.zero_grad()
    loss.backward()
    grads = {"x": x.grad.numpy()}
    if with_h0:
        grads["h0"] = h0.grad.numpy()
    grads.update({k: getattr(module, n).grad.numpy() for k, n in gru.TORCH_NAMES.items()})
    return out.detach().numpy(), hT[0].detach().numpy(), grads


@pytest.mark.parametrize("T,B,D,H", SHAPES)
@pytest.mark.parametrize("with_h0", [True, False], ids=["h0", "zeros"])
def test_forward_and_backward_match_torch(T, B, D, H, with_h0, rng):
    params = gru.init_params(D, H, seed=T * 100 + H)
    prob = problem(rng, T, B, D, H)
    hs, hT, grads = run_numpy(params, prob, with_h0)
    t_hs, t_hT, t_grads = run_torch(gru.to_torch(params), prob, with_h0)
    assert hs.shape == (T, B, H) and hT.shape == (B, H)
    assert np.abs(hs - t_hs).max() < 1e-10
    assert np.abs(hT - t_hT).max() < 1e-10
    for name, g in t_grads.items():
        assert grads[name].shape == g.shape, name
        assert rel_error(grads[name], g) < 1e-8, name


def test_torch_initialised_module_via_from_torch(rng):
    torch.manual_seed(3)
    module = torch.nn.GRU(4, 5).double()
    params = gru.from_torch(module)
    prob = problem(rng, 7, 3, 4, 5)
    hs, hT, grads = run_numpy(params, prob)
    t_hs, _, t_grads = run_torch(module, prob)
    assert np.abs(hs - t_hs).max() < 1e-10
    for name, g in t_grads.items():
        assert rel_error(grads[name], g) < 1e-8, name


def test_round_trip_exact_dtype_kept_and_no_shared_memory():
    for dtype, tdtype in ((np.float64, torch.float64), (np.float32, torch.float32)):
        p = gru.init_params(3, 5, seed=4, dtype=dtype)
        m = gru.to_torch(p)
        assert isinstance(m, torch.nn.GRU) and m.weight_hh_l0.dtype == tdtype
        back = gru.from_torch(m)
        assert set(back) == set(p)
        assert all(back[k].dtype == dtype and np.array_equal(back[k], p[k]) for k in p)
        p["W_ih"][0, 0] += 1                       # editing ours leaves torch's alone ...
        assert m.weight_ih_l0[0, 0].item() != p["W_ih"][0, 0]
        back["W_hh"][0, 0] += 1                    # ... and the other way round
        assert m.weight_hh_l0[0, 0].item() != back["W_hh"][0, 0]


def test_from_torch_rejects_other_modules_and_bias_false_gives_zeros():
    with pytest.raises(ValueError, match="GRU"):
        gru.from_torch(torch.nn.LSTM(2, 3))
    with pytest.raises(ValueError, match="num_layers=2"):
        gru.from_torch(torch.nn.GRU(2, 3, num_layers=2))
    back = gru.from_torch(torch.nn.GRU(3, 2, bias=False))
    assert np.array_equal(back["b_ih"], np.zeros(6)) and np.array_equal(back["b_hh"], np.zeros(6))


def test_parameter_count_is_3H_times_D_plus_H_plus_2_as_torch():
    D, H = 7, 5
    m = torch.nn.GRU(D, H)
    assert count_params(gru.init_params(D, H)) == count_params(gru.from_torch(m)) == 3 * H * (D + H + 2)
    assert count_params(gru.init_params(D, H)) == sum(p.numel() for p in m.parameters())


def test_five_point_gradient_check_for_x_every_param_and_h0(rng):
    T, B, D, H = 4, 2, 3, 3
    params = gru.init_params(D, H, seed=7)
    prob = problem(rng, T, B, D, H)

    def loss():
        hs, (hT,), _ = gru.forward(prob["x"], params, (prob["h0"],))
        return np.sum(hs * prob["dhs"]) + np.sum(hT * prob["dh_T"])

    _, _, grads = run_numpy(params, prob)
    worst = 0.0
    for name, where in [(k, params) for k in params] + [("x", prob), ("h0", prob)]:
        err = rel_error(grads[name], numerical_gradient(loss, where[name], h=1e-3, order=4))
        assert err <= 1e-7, name
        worst = max(worst, err)
    print(f"GRU gradcheck: max relative error {worst:.2e}")


def test_sequence_equals_step_by_step(rng):
    T, B, D, H = 6, 3, 4, 5
    params = gru.init_params(D, H, seed=3)
    prob = problem(rng, T, B, D, H)
    hs, hT, grads = run_numpy(params, prob)
    h, caches = prob["h0"], []
    for t in range(T):
        h, cache = gru.step_forward(prob["x"][t], h, params)
        assert np.abs(h - hs[t]).max() < 1e-12
        caches.append(cache)
    assert np.abs(h - hT).max() < 1e-12
    dh_next, total = prob["dh_T"], {k: 0 for k in params}
    for t in reversed(range(T)):
        dx_t, dh_next, dp = gru.step_backward(prob["dhs"][t] + dh_next, caches[t])
        assert rel_error(dx_t, grads["x"][t]) < 1e-10
        total = {k: total[k] + dp[k] for k in params}
    assert rel_error(dh_next, grads["h0"]) < 1e-10
    for k in params:
        assert total[k].shape == params[k].shape and rel_error(total[k], grads[k]) < 1e-10, k


def test_float32_in_float32_out(rng):
    params = gru.init_params(4, 3, dtype=np.float32)
    prob = problem(rng, 5, 2, 4, 3, dtype=np.float32)
    hs, (hT,), cache = gru.forward(prob["x"], params, (prob["h0"],))
    dx, dp, (dh0,) = gru.backward(prob["dhs"], cache, (prob["dh_T"],))
    for arr in (hs, hT, dx, dh0, *dp.values()):
        assert arr.dtype == np.float32
    h, c = gru.step_forward(prob["x"][0], prob["h0"], params)
    assert h.dtype == np.float32 and all(a.dtype == np.float32 for a in gru.step_backward(h, c)[2].values())
    t_hs, *_ = run_torch(gru.to_torch(params), prob)
    assert np.abs(hs - t_hs).max() < 1e-5


def test_state_entries_may_be_none_and_gradients_may_be_omitted(rng):
    params = gru.init_params(2, 3, seed=1)
    x = rng.normal(size=(4, 2, 2))
    hs_a, _, cache = gru.forward(x, params)
    hs_b, _, _ = gru.forward(x, params, (None,))
    hs_c, _, _ = gru.forward(x, params, (np.zeros((2, 3)),))
    assert np.array_equal(hs_a, hs_b) and np.array_equal(hs_a, hs_c)
    dx, dp, (dh0,) = gru.backward(None, cache, None)
    assert not dx.any() and not dh0.any() and all(not v.any() for v in dp.values())
    dx1, _, _ = gru.backward(np.ones_like(hs_a), cache)
    dx2, _, _ = gru.backward(np.ones_like(hs_a), cache, (None,))
    assert np.array_equal(dx1, dx2) and dx1.any()


def test_inputs_unchanged_and_outputs_do_not_alias_the_cache(rng):
    params = gru.init_params(3, 2, seed=1)
    prob = problem(rng, 4, 2, 3, 2)
    before = {k: v.copy() for k, v in params.items()}
    given = {k: v.copy() for k, v in prob.items()}
    hs, (hT,), cache = gru.forward(prob["x"], params, (prob["h0"],))
    dx1, _, (dh0,) = gru.backward(prob["dhs"], cache, (prob["dh_T"],))
    hs *= 0; hT *= 0                                     # a learner editing the outputs ...
    dx2, _, _ = gru.backward(prob["dhs"], cache, (prob["dh_T"],))
    assert np.array_equal(dx1, dx2)                      # ... does not change the gradients
    h, c = gru.step_forward(prob["x"][0], prob["h0"], params)
    gru.step_backward(prob["dh_T"], c)
    for k in params:
        np.testing.assert_array_equal(params[k], before[k], err_msg=k)
    for k in prob:
        np.testing.assert_array_equal(prob[k], given[k], err_msg=k)
    assert not np.shares_memory(dh0, prob["dh_T"])


def test_large_pre_activations_saturate_without_nan_or_warnings():
    params = {k: v * 1e4 for k, v in gru.init_params(3, 2, seed=2).items()}
    with np.errstate(all="raise"):
        hs, _, cache = gru.forward(np.full((5, 1, 3), 50.0), params)
        gru.backward(np.ones_like(hs), cache)
    assert np.all(np.isfinite(hs)) and np.all(np.abs(hs) <= 1)


def test_protocol_attributes():
    assert (gru.name, gru.state_names, gru.gates, gru.memory_gate, gru.write_gate) == (
        "gru", ("h",), ("r", "z", "n"), "z", None)
    assert "Cho" in gru.title and "r * (W_hn h + b_hn)" in gru.equations
    p = gru.init_params(5, 3, seed=0)
    assert {k: v.shape for k, v in p.items()} == {"W_ih": (9, 5), "W_hh": (9, 3), "b_ih": (9,), "b_hh": (9,)}
    assert all(np.abs(v).max() <= 1 / np.sqrt(3) for v in p.values())


# --------------------------------------------------------------------------- bad input
T, B, D, H = 4, 3, 5, 2


@pytest.mark.parametrize("call,fragments", [
    (lambda p: gru.forward(np.zeros((B, D)), p), ["x", "(T, B, D)", "(3, 5)"]),
    (lambda p: gru.forward(np.zeros((T, B, 7)), p), ["W_ih", f"({3 * H}, 7)", f"({3 * H}, {D})"]),
    (lambda p: gru.forward(np.zeros((T, B, D)), p, (np.zeros((3, 5)),)), ["state0[0]", f"({B}, {H})", "(3, 5)"]),
    (lambda p: gru.forward(np.zeros((T, B, D)), p, np.zeros((B, H))), ["state0", "tuple", f"({B}, {H})"]),
    (lambda p: gru.forward(np.zeros((T, B, D)), p, (None, None)), ["state0", "tuple of 1", "length 2"]),
    (lambda p: gru.step_forward(np.zeros((B, D)), np.zeros((B, H + 1)), p),
     ["h_prev", f"({B}, {H})", f"({B}, {H + 1})"]),
    (lambda p: gru.step_forward(np.zeros((T, B, D)), np.zeros((B, H)), p), ["x_t", "(B, D)", f"({T}, {B}, {D})"]),
])
def test_bad_shapes_name_expected_and_actual(call, fragments):
    with pytest.raises(ValueError) as info:
        call(gru.init_params(D, H))
    for frag in fragments:
        assert frag in str(info.value), (frag, str(info.value))


@pytest.mark.parametrize("key,shape,expected", [
    ("W_hh", (3 * H, H + 1), "(3H, H)"),
    ("W_hh", (4 * H, H), "(3H, H)"),                     # an LSTM's weights
    ("W_ih", (3 * H + 1, D), f"({3 * H}, {D})"),
    ("b_ih", (H,), f"({3 * H},)"),
    ("b_hh", (3 * H, 1), f"({3 * H},)"),
])
def test_parameter_of_wrong_shape(key, shape, expected):
    params = gru.init_params(D, H)
    params[key] = np.zeros(shape)
    for call in (lambda: gru.forward(np.zeros((T, B, D)), params),
                 lambda: gru.step_forward(np.zeros((B, D)), np.zeros((B, H)), params),
                 lambda: gru.to_torch(params)):
        with pytest.raises(ValueError) as info:
            call()
        assert key in str(info.value) and expected in str(info.value) and str(shape) in str(info.value)


def test_backward_rejects_other_caches_and_bad_gradients(rng):
    x = rng.normal(size=(T, B, D))
    hs, _, cache = gru.forward(x, gru.init_params(D, H))
    _, _, lstm_cache = lstm.forward(x, lstm.init_params(D, H))
    _, _, rnn_cache = rnn.forward(x, rnn.init_params(D, H))
    for other in (lstm_cache, rnn_cache, None, (1, 2)):
        with pytest.raises(ValueError, match="gru.forward"):
            gru.backward(hs, other)
    _, _, lstm_step_cache = lstm.step_forward(x[0], np.zeros((B, H)), np.zeros((B, H)), lstm.init_params(D, H))
    with pytest.raises(ValueError, match="gru.step_forward"):
        gru.step_backward(np.zeros((B, H)), lstm_step_cache)
    with pytest.raises(ValueError, match=rf"dhs.*\({T}, {B}, {H}\).*\({T}, {B}, {H + 1}\)"):
        gru.backward(np.zeros((T, B, H + 1)), cache)
    with pytest.raises(ValueError, match=rf"dstate_T\[0\].*\({B}, {H}\).*\({H},\)"):
        gru.backward(hs, cache, (np.zeros(H),))
    _, c = gru.step_forward(x[0], np.zeros((B, H)), gru.init_params(D, H))
    with pytest.raises(ValueError, match=rf"dh.*\({B}, {H}\).*\({B}, 1\)"):
        gru.step_backward(np.zeros((B, 1)), c)


def test_importing_the_cells_pulls_in_no_torch_or_drawing():
    import subprocess
    import sys
    code = ("import sys, lstm_course.variants.gru, lstm_course.variants.janet; "
            "heavy = [m for m in ('matplotlib', 'ipywidgets', 'torch') if m in sys.modules]; "
            "print(heavy); sys.exit(bool(heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
