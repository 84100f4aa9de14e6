"""The cell protocol (lesson 9): every registered cell answers the same three calls, and
training, the readouts and the command line take any of them by name."""
import numpy as np
import pytest

from lstm_course import cells, gradcheck, model as mdl
from lstm_course import lstm, rnn
from lstm_course.readout import mse_loss, softmax_cross_entropy


@pytest.mark.parametrize("name", list(cells.CELLS))
def test_every_cell_follows_the_protocol(name):
    c = cells.get_cell(name)
    assert c.name == name
    assert all(hasattr(c, a) for a in cells.PROTOCOL)
    assert c.state_names[0] == "h"
    assert c.memory_gate in c.gates + (None,) and c.write_gate in c.gates + (None,)
    p = c.init_params(3, 4, seed=1)
    G = len(c.gates)
    assert p["W_ih"].shape == (G * 4, 3) and p["W_hh"].shape == (G * 4, 4)
    x = np.random.default_rng(0).normal(size=(5, 2, 3))
    hs, state, cache = c.forward(x, p)
    assert hs.shape == (5, 2, 4) and len(state) == len(c.state_names)
    assert all(s.shape == (2, 4) for s in state)
    np.testing.assert_array_equal(hs[-1], state[0])          # h_T is the last output
    dx, dparams, dstate0 = c.backward(np.ones_like(hs), cache)
    assert dx.shape == x.shape and set(dparams) == set(p) and len(dstate0) == len(state)
    assert all(dparams[k].shape == p[k].shape for k in p)


def test_the_lstm_and_rnn_entries_are_the_lessons_modules():
    p = lstm.init_params(3, 4, seed=2)
    x = np.random.default_rng(1).normal(size=(6, 2, 3))
    h0, c0 = np.full((2, 4), 0.1), np.full((2, 4), -0.2)
    hs, (h, c), cache = lstm.forward(x, p, h0, c0)
    hs2, (h2, c2), cache2 = cells.LSTM.forward(x, p, (h0, c0))
    np.testing.assert_array_equal(hs, hs2)
    G = np.random.default_rng(2).normal(size=hs.shape)
    dx, dp, dh0, dc0 = lstm.backward(G, cache, h, c)
    dx2, dp2, (dh02, dc02) = cells.LSTM.backward(G, cache2, (h, c))
    np.testing.assert_array_equal(dx, dx2)
    np.testing.assert_array_equal(dc0, dc02)
    pr = rnn.init_params(3, 4)
    np.testing.assert_array_equal(rnn.forward(x, pr)[0], cells.RNN.forward(x, pr)[0])
    with pytest.raises(ValueError, match="tuple of 2 arrays"):
        cells.LSTM.forward(x, p, h0)                         # a bare array, not a tuple


def test_get_cell_names_the_choices_and_what_is_missing():
    with pytest.raises(ValueError, match="cell must be one of lstm, rnn, vanilla"):
        cells.get_cell("transformer")
    with pytest.raises(ValueError, match="lacks .*backward"):
        cells.get_cell(object())
    assert cells.get_cell(cells.LSTM) is cells.LSTM
    assert set(cells.VARIANTS) <= set(cells.CELLS)


@pytest.mark.parametrize("name", list(cells.CELLS))
def test_a_model_of_any_cell_has_the_right_gradients(name):
    """forward_last/backward_last and forward_all/backward_all, checked numerically."""
    m = mdl.init_model(2, 3, 2, cell=name, seed=3)
    rng = np.random.default_rng(4)
    x = rng.normal(size=(4, 2, 2))
    target = rng.normal(size=(2, 2))
    y, cache = mdl.forward_last(m, x)
    grads = mdl.backward_last(mse_loss(y, target)[1], cache)
    targets = rng.integers(0, 2, size=(4, 2))
    y_all, state, cache_all = mdl.forward_all(m, x)
    grads_all = mdl.backward_all(softmax_cross_entropy(y_all, targets)[1], cache_all)
    for key, value in mdl.parameters(m).items():
        num = gradcheck.numerical_gradient(
            lambda: mse_loss(mdl.forward_last(m, x)[0], target)[0], value, h=1e-3, order=4)
        assert gradcheck.rel_error(grads[key], num) < 1e-7, key
        num = gradcheck.numerical_gradient(
            lambda: softmax_cross_entropy(mdl.forward_all(m, x)[0], targets)[0], value, h=1e-3, order=4)
        assert gradcheck.rel_error(grads_all[key], num) < 1e-7, key


@pytest.mark.parametrize("name", [n for n, c in cells.CELLS.items() if c.memory_gate])
def test_chrono_sets_the_memory_gate_and_opens_the_write_gate(name):
    c = cells.get_cell(name)
    m = mdl.init_model(2, 8, 1, cell=name, chrono=100, seed=0)
    b = m["core"]["b_ih"] + m["core"]["b_hh"]
    keep = b[cells.block(c, c.memory_gate, 8)]
    assert np.all(keep >= 0) and np.all(keep <= np.log(99))   # b = log u, u in [1, 99]
    if c.write_gate:
        np.testing.assert_allclose(b[cells.block(c, c.write_gate, 8)], -keep)
    others = [g for g in c.gates if g not in (c.memory_gate, c.write_gate)]
    fresh = c.init_params(2, 8, seed=0)
    for g in others:                                              # the other blocks as drawn
        rows = cells.block(c, g, 8)
        np.testing.assert_array_equal(m["core"]["b_ih"][rows], fresh["b_ih"][rows])


def test_the_lessons_lstm_model_is_unchanged_by_the_protocol():
    """Lesson 6's chrono model: the same draws as before the cells existed (b_f = log u)."""
    m = mdl.init_model(2, 32, 1, seed=0, chrono=100)
    u = np.random.default_rng(np.random.default_rng([0, 2])).uniform(1, 99, size=32)
    np.testing.assert_array_equal(m["core"]["b_ih"][32:64], np.log(u))
    np.testing.assert_array_equal(m["core"]["b_ih"][:32], -np.log(u))


def test_cells_without_a_forget_gate_refuse_one():
    for name in ("rnn", "nfg"):
        with pytest.raises(ValueError, match="no forget gate"):
            mdl.init_model(2, 3, 1, cell=name, chrono=100)
        with pytest.raises(ValueError, match="no forget gate"):
            mdl.init_model(2, 3, 1, cell=name, forget_bias=1.0)


@pytest.mark.parametrize("name", ["gru", "peephole", "janet"])
def test_a_model_of_any_cell_saves_and_loads(name, tmp_path):
    m = mdl.init_model(2, 3, 1, cell=name, seed=5)
    mdl.save_model(tmp_path / "m.npz", m)
    back = mdl.load_model(tmp_path / "m.npz")
    assert back["cell"] == name
    x = np.random.default_rng(0).normal(size=(3, 2, 2))
    np.testing.assert_array_equal(mdl.forward_last(m, x)[0], mdl.forward_last(back, x)[0])


@pytest.mark.parametrize("name", ["lstm", "vanilla", "gru", "rnn"])
def test_cells_with_a_pytorch_module_equal_it(name):
    import torch

    from lstm_course.torch_compare import cell_to_torch
    c = cells.get_cell(name)
    p = c.init_params(3, 5, seed=7)
    x = np.random.default_rng(8).normal(size=(6, 2, 3))
    module = cell_to_torch(name, p)
    with torch.no_grad():
        out, _ = module(torch.from_numpy(x))
    np.testing.assert_allclose(out.numpy(), c.forward(x, p)[0], rtol=0, atol=1e-12)


def test_cells_without_a_pytorch_module_say_so():
    from lstm_course.torch_compare import cell_to_torch
    with pytest.raises(ValueError, match="PyTorch has no built-in module for the nfg cell"):
        cell_to_torch("nfg", cells.get_cell("nfg").init_params(3, 5))
