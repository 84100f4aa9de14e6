"""The LSTM family (vanilla, peephole, NIG, NFG, NOG, NIAF, NOAF, CIFG): gradients, references, checks."""
import numpy as np
import pytest

from lstm_course import cifg, lstm
from lstm_course.gradcheck import numerical_gradient, rel_error
from lstm_course.params import count_params
from lstm_course.variants.family import CIFG, FAMILY, PEEPHOLE, VANILLA, LSTMFamilyCell

NAMES = list(FAMILY)
# name: (gates, memory_gate, write_gate, removed, equations as plain text)
EXPECTED = {
    "vanilla": ("ifgo", "f", "i", (), "c' = g(z) f(z_i) + c f(z_f)\na = h(c') f(z_o)"),
    "peephole": ("ifgo", "f", "i", ("peepholes",),
                 "c' = g(z) f(z_i + p_i c) + c f(z_f + p_f c)\na = h(c') f(z_o + p_o c')"),
    "nig": ("fgo", "f", None, ("input gate",), "c' = g(z) + c f(z_f)\na = h(c') f(z_o)"),
    "nfg": ("igo", None, "i", ("forget gate",), "c' = g(z) f(z_i) + c\na = h(c') f(z_o)"),
    "nog": ("ifg", "f", "i", ("output gate",), "c' = g(z) f(z_i) + c f(z_f)\na = h(c')"),
    "niaf": ("ifgo", "f", "i", ("input activation",), "c' = z f(z_i) + c f(z_f)\na = h(c') f(z_o)"),
    "noaf": ("ifgo", "f", "i", ("output activation",), "c' = g(z) f(z_i) + c f(z_f)\na = c' f(z_o)"),
    "cifg": ("fgo", "f", None, ("input gate",), "c' = g(z) (1 - f(z_f)) + c f(z_f)\na = h(c') f(z_o)"),
}


def problem(rng, T, B, D, H, dtype=np.float64):
    """Inputs, a state and the weights G, Gh, Gc of the loss sum(G hs) + sum(Gh h_T) + sum(Gc c_T)."""
    return {k: rng.normal(size=s).astype(dtype) for k, s in
            (("x", (T, B, D)), ("h0", (B, H)), ("c0", (B, H)), ("G", (T, B, H)), ("Gh", (B, H)), ("Gc", (B, H)))}


def run(cell, params, pr):
    hs, (hT, cT), cache = cell.forward(pr["x"], params, (pr["h0"], pr["c0"]))
    dx, dp, (dh0, dc0) = cell.backward(pr["G"], cache, (pr["Gh"], pr["Gc"]))
    return hs, hT, cT, dict(dp, x=dx, h0=dh0, c0=dc0)


def test_family_names_attributes_and_equations():
    assert NAMES == ["vanilla", "peephole", "nig", "nfg", "nog", "niaf", "noaf", "cifg"]
    for name, (gates, memory, write, removed, text) in EXPECTED.items():
        cell = FAMILY[name]
        assert cell.name == name and isinstance(cell.title, str) and cell.title
        assert cell.state_names == ("h", "c") and cell.gates == tuple(gates)
        assert (cell.memory_gate, cell.write_gate, cell.removed) == (memory, write, removed), name
        assert cell.equations[0] == text, name
        assert "\n" not in cell.equations[1] and r"\qquad a = " in cell.equations[1]
    assert VANILLA.equations[1] == r"c' = g(z)\,f(z_i) + c\,f(z_f), \qquad a = h(c')\,f(z_o)"
    assert CIFG.equations[1].startswith(r"c' = g(z)\,(1 - f(z_f))")


@pytest.mark.parametrize("name", NAMES)
def test_backward_matches_five_point_differences(name, rng):
    cell, (T, B, D, H) = FAMILY[name], (4, 3, 2, 3)
    params = cell.init_params(D, H, seed=11)
    pr = problem(rng, T, B, D, H)

    def loss():
        hs, (hT, cT), _ = cell.forward(pr["x"], params, (pr["h0"], pr["c0"]))
        return np.sum(pr["G"] * hs) + np.sum(pr["Gh"] * hT) + np.sum(pr["Gc"] * cT)

    *_, grads = run(cell, params, pr)
    assert sorted(grads) == sorted(list(cell.param_keys) + ["x", "h0", "c0"])
    for key in cell.param_keys:
        assert grads[key].shape == params[key].shape
        assert rel_error(grads[key], numerical_gradient(loss, params[key], h=1e-3, order=4)) <= 1e-7, key
    for key in ("x", "h0", "c0"):
        assert rel_error(grads[key], numerical_gradient(loss, pr[key], h=1e-3, order=4)) <= 1e-7, key


ODD = {"peephole cifg": dict(peephole=True, coupled=True), "peephole nog": dict(peephole=True, output_gate=False),
       "nig noaf": dict(input_gate=False, output_activation=False),
       "nfg niaf nog": dict(forget_gate=False, input_activation=False, output_gate=False)}


@pytest.mark.parametrize("label", ODD)
def test_other_switch_combinations_are_right_too(label, rng):
    """The class is general: a new variant is one line, and its gradients hold too."""
    cell, (T, B, D, H) = LSTMFamilyCell(label, label, **ODD[label]), (3, 2, 2, 2)
    params = cell.init_params(D, H, seed=3)
    pr = problem(rng, T, B, D, H)

    def loss():
        hs, (hT, cT), _ = cell.forward(pr["x"], params, (pr["h0"], pr["c0"]))
        return np.sum(pr["G"] * hs) + np.sum(pr["Gh"] * hT) + np.sum(pr["Gc"] * cT)

    *_, grads = run(cell, params, pr)
    for key, value in list(params.items()) + [(k, pr[k]) for k in ("x", "h0", "c0")]:
        assert rel_error(grads[key], numerical_gradient(loss, value, h=1e-3, order=4)) <= 1e-7, key
    assert cell.n_params(D, H) == count_params(params)
    if label == "peephole cifg":
        assert cell.gates == ("f", "g", "o") and cell.peep_keys == ("p_f", "p_o")
        assert cell.equations[0] == "c' = g(z) (1 - f(z_f + p_f c)) + c f(z_f + p_f c)\na = h(c') f(z_o + p_o c')"


@pytest.mark.parametrize("name", NAMES)
def test_sequence_equals_step_by_step(name, rng):
    cell, (T, B, D, H) = FAMILY[name], (5, 2, 3, 4)
    params = cell.init_params(D, H, seed=2)
    pr = problem(rng, T, B, D, H)
    hs, hT, cT, grads = run(cell, params, pr)
    h, c, caches = pr["h0"], pr["c0"], []
    for t in range(T):
        h, c, cache = cell.step_forward(pr["x"][t], (h, c), params)
        assert np.abs(h - hs[t]).max() < 1e-12
        caches.append(cache)
    assert np.abs(h - hT).max() < 1e-12 and np.abs(c - cT).max() < 1e-12
    dh, dc, total = pr["Gh"], pr["Gc"], {k: 0 for k in params}
    for t in reversed(range(T)):
        dx_t, dh, dc, dp = cell.step_backward(pr["G"][t] + dh, dc, caches[t])
        assert rel_error(dx_t, grads["x"][t]) < 1e-10
        total = {k: total[k] + dp[k] for k in params}
    assert rel_error(dh, grads["h0"]) < 1e-10 and rel_error(dc, grads["c0"]) < 1e-10
    for k in params:
        assert rel_error(total[k], grads[k]) < 1e-10, k


@pytest.mark.parametrize("state", [True, False], ids=["state0", "zeros"])
def test_vanilla_equals_the_course_lstm(state, rng):
    T, B, D, H = 6, 3, 2, 4
    params = lstm.init_params(D, H, seed=4)
    assert all(np.array_equal(params[k], VANILLA.init_params(D, H, seed=4)[k]) for k in params)
    pr = problem(rng, T, B, D, H)
    h0, c0 = (pr["h0"], pr["c0"]) if state else (None, None)
    hs, (hT, cT), cache = lstm.forward(pr["x"], params, h0, c0)
    dx, dp, dh0, dc0 = lstm.backward(pr["G"], cache, pr["Gh"], pr["Gc"])
    v_hs, (v_hT, v_cT), v_cache = VANILLA.forward(pr["x"], params, (h0, c0) if state else None)
    v_dx, v_dp, (v_dh0, v_dc0) = VANILLA.backward(pr["G"], v_cache, (pr["Gh"], pr["Gc"]))
    for a, b in [(hs, v_hs), (hT, v_hT), (cT, v_cT), (dx, v_dx), (dh0, v_dh0), (dc0, v_dc0)] + \
            [(dp[k], v_dp[k]) for k in params]:
        assert np.abs(a - b).max() <= 1e-12


def test_cifg_equals_the_cifg_step_of_the_exercises(rng):
    T, B, D, H = 6, 3, 2, 4
    params = cifg.init_params(D, H, seed=5)
    pr = problem(rng, T, B, D, H)
    hs, hT, cT, grads = run(CIFG, params, pr)
    h, c, caches = pr["h0"], pr["c0"], []
    for t in range(T):
        h, c, cache = cifg.step_forward(pr["x"][t], h, c, params)
        assert np.abs(h - hs[t]).max() <= 1e-12
        caches.append(cache)
    assert np.abs(c - cT).max() <= 1e-12
    dh, dc, total = pr["Gh"], pr["Gc"], {k: 0 for k in params}
    for t in reversed(range(T)):
        dx_t, dh, dc, dp = cifg.step_backward(pr["G"][t] + dh, dc, caches[t])
        assert np.abs(dx_t - grads["x"][t]).max() <= 1e-12
        total = {k: total[k] + dp[k] for k in params}
    assert np.abs(dh - grads["h0"]).max() <= 1e-12 and np.abs(dc - grads["c0"]).max() <= 1e-12
    assert all(np.abs(total[k] - grads[k]).max() <= 1e-12 for k in params)


@pytest.mark.parametrize("name", NAMES)
def test_state0_none_means_zeros(name, rng):
    cell, (T, B, D, H) = FAMILY[name], (3, 2, 2, 3)
    params = cell.init_params(D, H, seed=1)
    x, h0, zeros = rng.normal(size=(T, B, D)), rng.normal(size=(B, H)), np.zeros((B, H))
    ref_hs, ref_state, _ = cell.forward(x, params, (zeros, zeros))
    for state0 in (None, (None, None), [zeros, None]):
        hs, state, _ = cell.forward(x, params, state0)
        assert np.array_equal(hs, ref_hs) and all(np.array_equal(a, b) for a, b in zip(state, ref_state))
    given, _, cache = cell.forward(x, params, (h0, None))
    assert not np.allclose(given, ref_hs)                    # the given h0 is used ...
    assert np.array_equal(given, cell.forward(x, params, (h0, zeros))[0])   # ... and c0 = 0
    dx, dp, (dh0, dc0) = cell.backward(None, cache, None)  # no gradient in, none out
    assert not dx.any() and not dh0.any() and not dc0.any() and not any(v.any() for v in dp.values())


@pytest.mark.parametrize("name", NAMES)
def test_float32_in_float32_out(name, rng):
    cell, (T, B, D, H) = FAMILY[name], (5, 2, 3, 4)
    p32 = cell.init_params(D, H, seed=3, dtype=np.float32)
    pr = problem(rng, T, B, D, H, dtype=np.float32)
    hs, hT, cT, grads = run(cell, p32, pr)
    assert all(a.dtype == np.float32 for a in (hs, hT, cT, *grads.values()))
    p64 = {k: v.astype(np.float64) for k, v in p32.items()}
    hs64, _, _, grads64 = run(cell, p64, {k: v.astype(np.float64) for k, v in pr.items()})
    assert np.abs(hs - hs64).max() < 1e-5 and np.abs(grads["x"] - grads64["x"]).max() < 1e-4


@pytest.mark.parametrize("name", NAMES)
def test_parameter_count(name):
    cell = FAMILY[name]
    G = len(EXPECTED[name][0])
    for D, H in ((2, 3), (5, 8), (1, 1)):
        formula = G * H * (D + H + 2) + (3 * H if name == "peephole" else 0)
        assert cell.n_params(D, H) == count_params(cell.init_params(D, H)) == formula
    assert VANILLA.n_params(1, 32) == 4 * 32 * 35 and PEEPHOLE.n_params(1, 32) == 4 * 32 * 35 + 96


def test_peepholes_drawn_after_the_vanilla_weights():
    D, H = 3, 5
    p, v = PEEPHOLE.init_params(D, H, seed=8), VANILLA.init_params(D, H, seed=8)
    assert all(np.array_equal(p[k], v[k]) for k in v)
    peeps = [p[k] for k in ("p_i", "p_f", "p_o")]
    assert all(a.shape == (H,) and np.abs(a).max() <= 1 / np.sqrt(H) for a in peeps)
    assert not np.array_equal(peeps[0], peeps[1]) and not np.array_equal(peeps[1], peeps[2])
    assert not np.array_equal(p["p_i"], PEEPHOLE.init_params(D, H, seed=9)["p_i"])
    assert PEEPHOLE.init_params(D, H, dtype=np.float32)["p_o"].dtype == np.float32
    stream, k = np.random.default_rng(8), 1 / np.sqrt(H)         # one stream: W_ih, W_hh, b_ih, b_hh, then p
    for shape in ((4 * H, D), (4 * H, H), (4 * H,), (4 * H,)):
        stream.uniform(-k, k, size=shape)
    assert all(np.array_equal(p[key], stream.uniform(-k, k, size=H)) for key in ("p_i", "p_f", "p_o"))


def test_bad_input_names_expected_and_actual_shapes(rng):
    params = VANILLA.init_params(2, 3)
    x = rng.normal(size=(4, 2, 2))
    with pytest.raises(ValueError, match=r"x must have 3 dimensions.*got 2 dimensions with shape \(2, 2\)"):
        VANILLA.forward(x[0], params)
    with pytest.raises(ValueError, match=r"h0 must have shape \(2, 3\) = \(B, H\), got \(3, 3\)"):
        VANILLA.forward(x, params, (np.zeros((3, 3)), None))
    with pytest.raises(ValueError, match=r"c0 must have shape \(2, 3\) = \(B, H\), got \(2, 4\)"):
        VANILLA.forward(x, params, (None, np.zeros((2, 4))))
    with pytest.raises(ValueError, match=r"state0 must be None or a tuple \(h, c\).*got length 1"):
        VANILLA.forward(x, params, (np.zeros((2, 3)),))
    with pytest.raises(ValueError, match=r"params\['W_hh'\] must have shape \(3H, H\).*got \(12, 3\)"):
        FAMILY["nig"].forward(x, params)                     # the vanilla's four blocks given to a three-block cell
    with pytest.raises(ValueError, match=r"params\['W_ih'\] must have shape \(12, 5\) = \(4H, D\), got \(12, 2\)"):
        VANILLA.forward(rng.normal(size=(4, 2, 5)), params)
    bad = dict(PEEPHOLE.init_params(2, 3), p_f=np.zeros(4))
    with pytest.raises(ValueError, match=r"params\['p_f'\] must have shape \(3,\) = \(H\), got \(4,\)"):
        PEEPHOLE.forward(x, bad)
    with pytest.raises(ValueError, match="unexpected keys"):
        VANILLA.forward(x, PEEPHOLE.init_params(2, 3))
    hs, _, cache = FAMILY["niaf"].forward(x, params)           # same shapes, another cell
    with pytest.raises(ValueError, match=r"'noaf' cell's forward, got one from 'niaf'"):
        FAMILY["noaf"].backward(hs, cache)
    with pytest.raises(ValueError, match="cache must be"):
        VANILLA.backward(hs, lstm.forward(x, params)[2])
    with pytest.raises(ValueError, match=r"dhs must have shape \(4, 2, 3\) = \(T, B, H\), got \(4, 2, 2\)"):
        FAMILY["niaf"].backward(hs[..., :2], cache)
    with pytest.raises(ValueError, match=r"dc_T must have shape \(2, 3\) = \(B, H\), got \(3,\)"):
        FAMILY["niaf"].backward(hs, cache, (None, np.zeros(3)))
    with pytest.raises(ValueError, match="needs forget_gate=True"):
        LSTMFamilyCell("bad", "coupled without a forget gate", forget_gate=False, coupled=True)


@pytest.mark.parametrize("name", NAMES)
def test_inputs_unchanged_and_outputs_do_not_alias_the_cache(name, rng):
    cell, (T, B, D, H) = FAMILY[name], (4, 2, 3, 2)
    params = cell.init_params(D, H, seed=6)
    pr = problem(rng, T, B, D, H)
    before = {k: v.copy() for k, v in params.items()}, {k: v.copy() for k, v in pr.items()}
    hs, (hT, cT), cache = cell.forward(pr["x"], params, (pr["h0"], pr["c0"]))
    dx1, dp1, _ = cell.backward(pr["G"], cache, (pr["Gh"], pr["Gc"]))
    hs *= 0; hT *= 0; cT *= 0                                # a learner editing the outputs ...
    dx2, dp2, _ = cell.backward(pr["G"], cache, (pr["Gh"], pr["Gc"]))
    assert np.array_equal(dx1, dx2) and all(np.array_equal(dp1[k], dp2[k]) for k in dp1)  # ... changes nothing
    assert all(np.array_equal(params[k], before[0][k]) for k in params)
    assert all(np.array_equal(pr[k], before[1][k]) for k in pr)


@pytest.mark.parametrize("name", NAMES)
def test_large_pre_activations_saturate_without_nan_or_warnings(name):
    cell = FAMILY[name]
    params = {k: v * 1e4 for k, v in cell.init_params(3, 2, seed=2).items()}
    with np.errstate(all="raise"):
        hs, _, cache = cell.forward(np.full((5, 1, 3), 50.0), params)
        dx, *_ = cell.backward(np.ones_like(hs), cache)
    assert np.all(np.isfinite(hs)) and np.all(np.isfinite(dx))
