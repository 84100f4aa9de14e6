"""Per-step gradients (lstm_course.gradient_flow) against the package's own backward passes."""
import numpy as np
import pytest

from lstm_course import gradient_flow, lstm, rnn
from lstm_course.activations import sigmoid


@pytest.fixture
def problem(rng):
    T, B, D, H = 7, 2, 3, 4
    return rng.normal(size=(T, B, D)), lstm.init_params(D, H, seed=3), rnn.init_params(D, H, seed=3), rng.normal(size=(B, H))


def test_lstm_state_gradients_match_backward_on_every_suffix(problem):
    # dL/dh_t and the memory-path dL/dc_t are the gradients w.r.t. the initial state
    # of the rest of the sequence, started from (h_t, c_t): lstm.backward computes those.
    x, params, _, dh_T = problem
    T = x.shape[0]
    grads = gradient_flow.lstm_state_gradients(x, params, dh_T)
    _, _, cache = lstm.forward(x, params)
    for t in range(T):
        _, _, suffix = lstm.forward(x[t:], params, cache["hs"][t], cache["cs"][t])
        _, _, dh0, dc0 = lstm.backward(None, suffix, dh_T=dh_T)
        np.testing.assert_allclose(grads["dh"][t], dh0, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(grads["dc_memory"][t], dc0, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(grads["dh"][T], dh_T)
    np.testing.assert_array_equal(grads["dc_memory"][T], 0)
    # The memory path: dc_memory[t-1] = dc[t] * f_t, exactly what lesson 5 states.
    np.testing.assert_allclose(grads["dc_memory"][:-1], grads["dc"][1:] * grads["f"], rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(grads["dc"][0], grads["dc_memory"][0])


def test_lstm_full_dc_at_the_end(problem):
    # At t = T, c_T reaches the loss only through h_T = tanh(c_T) o_T.
    x, params, _, dh_T = problem
    grads = gradient_flow.lstm_state_gradients(x, params, dh_T)
    _, _, cache = lstm.forward(x, params)
    H = dh_T.shape[1]
    o, tanh_c = cache["gates"][-1][:, 3 * H:], cache["tanh_cs"][-1]
    np.testing.assert_allclose(grads["dc"][-1], dh_T * o * (1 - tanh_c ** 2), rtol=1e-12)


def test_rnn_state_gradients_match_backward_on_every_suffix(problem):
    x, _, params, dh_T = problem
    dh = gradient_flow.rnn_state_gradients(x, params, dh_T)
    _, _, cache = rnn.forward(x, params)
    for t in range(x.shape[0]):
        _, _, suffix = rnn.forward(x[t:], params, cache["hs"][t])
        _, _, dh0 = rnn.backward(None, suffix, dh_T=dh_T)
        np.testing.assert_allclose(dh[t], dh0, rtol=1e-12, atol=1e-15)


def test_default_loss_is_sum_of_last_output(problem):
    x, params, rparams, _ = problem
    B, H = x.shape[1], params["W_hh"].shape[1]
    np.testing.assert_array_equal(gradient_flow.lstm_state_gradients(x, params)["dh"][-1], np.ones((B, H)))
    np.testing.assert_array_equal(gradient_flow.rnn_state_gradients(x, rparams)[-1], np.ones((B, H)))


def test_step_norms():
    grads = np.zeros((3, 2, 2))
    grads[1] = [[3, 0], [0, 4]]
    np.testing.assert_allclose(gradient_flow.step_norms(grads), [0, 5, 0])
    with pytest.raises(ValueError, match="3 dimensions"):
        gradient_flow.step_norms(np.zeros(4))


def test_with_forget_bias_opens_the_gate_and_keeps_the_gradient(problem):
    x, params, _, _ = problem
    H = params["W_hh"].shape[1]
    opened = gradient_flow.with_forget_bias(params, 5.0)
    np.testing.assert_array_equal((opened["b_ih"] + opened["b_hh"])[H:2 * H], 5.0)
    np.testing.assert_array_equal(opened["W_ih"], params["W_ih"])
    assert params["b_ih"][H] != 5.0                       # the original is untouched
    closed = gradient_flow.lstm_state_gradients(x, gradient_flow.with_forget_bias(params, -3.0))
    kept = gradient_flow.lstm_state_gradients(x, opened)
    assert kept["f"].min() > sigmoid(3.0)
    ratio = lambda g: gradient_flow.step_norms(g["dc"])[0] / gradient_flow.step_norms(g["dc"])[-1]
    assert ratio(kept) > 1e3 * ratio(closed)


def test_bad_input(problem):
    x, params, rparams, dh_T = problem
    with pytest.raises(ValueError, match=r"dh_T must have shape \(2, 4\)"):
        gradient_flow.lstm_state_gradients(x, params, dh_T[:1])
    with pytest.raises(ValueError, match="dimensions"):
        gradient_flow.rnn_state_gradients(x[0], rparams)
    with pytest.raises(ValueError, match=r"\(4H, H\)"):
        gradient_flow.lstm_state_gradients(x, rparams)       # RNN weights given to the LSTM
    with pytest.raises(KeyError):
        gradient_flow.with_forget_bias({"W_hh": params["W_hh"]}, 1.0)
