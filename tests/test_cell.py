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


# --- the variants of lesson 9, on one cell -------------------------------------------------

from lstm_course.cell import VARIANTS, variant_cell_values  # noqa: E402
from lstm_course.cells import get_cell  # noqa: E402

SIGNAL_COLUMN = {"g": 0, "i": 1, "f": 2, "o": 3}   # x_t = (z, z_i, z_f, z_o): one input per signal


def one_step_of_the_real_cell(name, z, z_i, z_f, z_o, c, peepholes=None):
    """(c', a) from the variant's own cell (variants/), with weights that pass each signal
    straight through: W_ih picks z, z_i, z_f or z_o for each of the cell's blocks, W_hh = 0."""
    cell = get_cell(name)
    G = len(cell.gates)
    W = np.zeros((G, 4))
    for k, gate in enumerate(cell.gates):
        W[k, SIGNAL_COLUMN[gate]] = 1.0
    params = {"W_ih": W, "W_hh": np.zeros((G, 1)), "b_ih": np.zeros(G), "b_hh": np.zeros(G),
              **(peepholes or {})}
    x = np.stack([z, z_i, z_f, z_o], axis=-1)[None]                # (T=1, B, D=4)
    c0 = np.reshape(c, (-1, 1))
    state0 = (None, c0) if cell.state_names == ("h", "c") else (c0,)   # JANET: h is the memory
    hs, state_T, _ = cell.forward(x, params, state0)
    return state_T[-1][:, 0], hs[0, :, 0]


@pytest.mark.parametrize("name", list(VARIANTS))
def test_each_variant_on_one_cell_is_the_variants_cell(name, rng):
    z, z_i, z_f, z_o, c = rng.normal(scale=2, size=(5, 6))
    if name == "peephole":   # one cell at a time: p is a weight per cell, here one per example
        p = rng.normal(size=(3, 6))
        for b in range(6):
            v = variant_cell_values(z[b], z_i[b], z_f[b], z_o[b], c[b], variant=name,
                                    p_i=p[0, b], p_f=p[1, b], p_o=p[2, b])
            c_new, a = one_step_of_the_real_cell(name, z[b:b + 1], z_i[b:b + 1], z_f[b:b + 1], z_o[b:b + 1],
                                                 c[b:b + 1], {k: p[j, b:b + 1] for j, k in enumerate(("p_i", "p_f", "p_o"))})
            assert v["c_new"] == pytest.approx(c_new[0], abs=1e-14) and v["a"] == pytest.approx(a[0], abs=1e-14)
        return
    v = variant_cell_values(z, z_i, z_f, z_o, c, variant=name)
    c_new, a = one_step_of_the_real_cell(name, z, z_i, z_f, z_o, c)
    np.testing.assert_allclose(v["c_new"], c_new, rtol=0, atol=1e-14)
    np.testing.assert_allclose(v["a"], a, rtol=0, atol=1e-14)
    np.testing.assert_allclose(v["written"] + v["kept"], v["c_new"], atol=1e-15)
    np.testing.assert_allclose(v["h_c"] * v["gate_o"], v["a"], atol=1e-15)


def test_removed_gates_are_open_and_unused_signals_ignored():
    for name, gate, signal in (("nig", "gate_i", "z_i"), ("nfg", "gate_f", "z_f"), ("nog", "gate_o", "z_o")):
        v = variant_cell_values(0.7, -3.0, -3.0, -3.0, 1.5, variant=name)
        assert v[gate] == 1.0
        moved = variant_cell_values(0.7, *[9.0 if s == signal else -3.0 for s in ("z_i", "z_f", "z_o")], 1.5,
                                    variant=name)
        assert (moved["c_new"], moved["a"]) == (v["c_new"], v["a"])
    v = variant_cell_values(0.7, 5.0, 2.0, 0.0, 1.5, variant="cifg")
    assert v["gate_i"] == pytest.approx(1 - logistic(2.0), abs=1e-15)
    assert variant_cell_values(0.7, 0, 0, 0, 0.0, variant="niaf")["g_z"] == 0.7     # g(z) = z
    v = variant_cell_values(0, 0, 0, 0, 2.0, variant="noaf")
    assert v["h_c"] == v["c_new"] == 1.0   # h(c') = c' (c f(0) = 1)


def test_vanilla_is_lesson_2s_cell_exactly(rng):
    args = rng.normal(size=(5, 4))
    v, w = variant_cell_values(*args), memory_cell_values(*args)
    assert v.keys() == w.keys() and all(np.array_equal(v[k], w[k]) for k in w)
    v = variant_cell_values(*args, g=identity)
    assert np.array_equal(v["c_new"], memory_cell(*args, g=identity)[0])


@pytest.mark.parametrize("kwargs, match", [
    (dict(variant="fgr"), "variant must be one of"),
    (dict(variant="nig", p_i=0.5), "only for variant 'peephole'"),
    (dict(variant="niaf", g=tanh), "has no g"),
    (dict(variant="janet", h=tanh), "has no h"),
])
def test_variant_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        variant_cell_values(0.1, 0.2, 0.3, 0.4, 0.5, **kwargs)
