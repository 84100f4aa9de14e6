"""model: the LSTM/RNN + readout; gradients by central differences; forget-gate inits; saving."""
import numpy as np
import pytest

from lstm_course import model as mdl
from lstm_course.gradcheck import numerical_gradient, rel_error
from lstm_course.readout import mse_loss, softmax_cross_entropy


@pytest.mark.parametrize("cell", ["lstm", "rnn"])
def test_last_step_gradients(cell, rng):
    m = mdl.init_model(2, 3, 1, cell=cell, seed=2)
    x, t = rng.normal(size=(6, 2, 2)), rng.normal(size=(2, 1))
    loss = lambda: mse_loss(mdl.forward_last(m, x)[0], t)[0]
    y, cache = mdl.forward_last(m, x)
    grads = mdl.backward_last(mse_loss(y, t)[1], cache)
    params = mdl.parameters(m)
    assert set(grads) == set(params)
    for k, p in params.items():
        assert rel_error(grads[k], numerical_gradient(loss, p)) < 1e-6, k


def test_every_step_gradients_with_carried_state(rng):
    m = mdl.init_model(4, 3, 4, seed=3, forget_bias=1.0)
    x, targets = rng.normal(size=(5, 2, 4)), rng.integers(0, 4, size=(5, 2))
    h0, c0 = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    loss = lambda: softmax_cross_entropy(mdl.forward_all(m, x, h0, c0)[0], targets)[0]
    y, _, cache = mdl.forward_all(m, x, h0, c0)
    grads = mdl.backward_all(softmax_cross_entropy(y, targets)[1], cache)
    for k, p in mdl.parameters(m).items():
        assert rel_error(grads[k], numerical_gradient(loss, p)) < 1e-6, k


def test_parameters_are_the_models_arrays():
    m = mdl.init_model(2, 3, 1)
    mdl.parameters(m)["core.W_hh"] += 1.0
    assert np.all(m["core"]["W_hh"] > 0.4)     # U(-1/sqrt 3, 1/sqrt 3) + 1


def test_forget_bias_sets_the_sum_of_biases():
    m = mdl.init_model(2, 4, 1, forget_bias=5.0)
    b = m["core"]["b_ih"] + m["core"]["b_hh"]
    np.testing.assert_array_equal(b[4:8], 5.0)
    assert np.all(np.abs(b[:4]) < 1.1)        # the other gates keep their default


def test_chrono_spreads_memory_spans():
    m = mdl.init_model(2, 64, 1, chrono=100, seed=0)
    b = m["core"]["b_ih"] + m["core"]["b_hh"]
    b_f, b_i = b[64:128], b[:64]
    assert np.all((b_f >= 0) & (b_f <= np.log(99)))
    np.testing.assert_array_equal(b_i, -b_f)
    assert b_f.max() > 3.5 and b_f.min() < 1.5      # spans from a few steps to ~100


def test_save_and_load_round_trip(tmp_path):
    m = mdl.init_model(2, 3, 1, cell="rnn", seed=4)
    mdl.save_model(tmp_path / "m.npz", m)
    back = mdl.load_model(tmp_path / "m.npz")
    assert back["cell"] == "rnn"
    for k, v in mdl.parameters(m).items():
        np.testing.assert_array_equal(mdl.parameters(back)[k], v)


def test_bad_settings():
    with pytest.raises(ValueError, match="cell"):
        mdl.init_model(2, 3, 1, cell="transformer")
    with pytest.raises(ValueError, match="no forget gate"):
        mdl.init_model(2, 3, 1, cell="rnn", forget_bias=5.0)
    with pytest.raises(ValueError, match="not both"):
        mdl.init_model(2, 3, 1, forget_bias=5.0, chrono=100)
    with pytest.raises(ValueError, match="max_steps"):
        mdl.init_model(2, 3, 1, chrono=2)
