"""Bad input raises a ValueError (or KeyError) that names what was expected and what came."""
import numpy as np
import pytest

from lstm_course import lstm, rnn
from lstm_course.cell import memory_cell
from lstm_course.gradcheck import numerical_gradient, rel_error
from lstm_course.torch_compare import from_torch, to_torch

T, B, D, H = 4, 3, 5, 2


@pytest.fixture
def params():
    return lstm.init_params(D, H, seed=0)


@pytest.fixture
def x():
    return np.zeros((T, B, D))


def raises(exc, *fragments):
    """pytest.raises that also checks every fragment appears in the message."""
    class Ctx:
        def __enter__(self):
            self.ctx = pytest.raises(exc)
            self.info = self.ctx.__enter__()
            return self.info

        def __exit__(self, *args):
            out = self.ctx.__exit__(*args)
            msg = str(self.info.value)
            for frag in fragments:
                assert frag in msg, f"{frag!r} not in {msg!r}"
            return out
    return Ctx()


def test_x_of_wrong_rank(params):
    with raises(ValueError, "(T, B, D)", "(3, 5)"):
        lstm.forward(np.zeros((B, D)), params)


def test_x_of_wrong_input_size(params):
    with raises(ValueError, "W_ih", f"({4 * H}, 7)", f"({4 * H}, {D})"):
        lstm.forward(np.zeros((T, B, 7)), params)


@pytest.mark.parametrize("name", ["h0", "c0"])
def test_initial_state_of_wrong_shape(params, x, name):
    with raises(ValueError, name, f"({B}, {H})", "(3, 5)"):
        lstm.forward(x, params, **{name: np.zeros((3, 5))})


def test_state_without_batch_axis(params, x):
    with raises(ValueError, "h0", f"({B}, {H})", f"({H},)"):
        lstm.forward(x, params, h0=np.zeros(H))


@pytest.mark.parametrize("key,shape,expected", [
    ("W_hh", (4 * H, H + 1), "(4H, H)"),
    ("W_ih", (4 * H + 1, D), f"({4 * H}, {D})"),
    ("b_ih", (H,), f"({4 * H},)"),
    ("b_hh", (4 * H, 1), f"({4 * H},)"),
])
def test_parameter_of_wrong_shape(params, x, key, shape, expected):
    params[key] = np.zeros(shape)
    with raises(ValueError, key, expected, str(shape)):
        lstm.forward(x, params)


def test_missing_key(params, x):
    del params["b_hh"]
    with raises(KeyError, "b_hh"):
        lstm.forward(x, params)


def test_unexpected_key(params, x):
    params["W_xh"] = np.zeros((2, 2))
    with raises(ValueError, "W_xh"):
        lstm.forward(x, params)


def test_params_not_a_dict(x):
    with raises(ValueError, "dict"):
        lstm.forward(x, [1, 2, 3])


def test_non_numeric_input(params):
    with raises(ValueError, "x", "numeric"):
        lstm.forward([["a"]], params)


@pytest.mark.parametrize("shape", [(T, B), (T, B, H + 1), (T + 1, B, H)])
def test_upstream_gradient_of_wrong_shape(params, x, shape):
    hs, _, cache = lstm.forward(x, params)
    with raises(ValueError, "dhs", f"({T}, {B}, {H})", str(shape)):
        lstm.backward(np.zeros(shape), cache)


@pytest.mark.parametrize("name", ["dh_T", "dc_T"])
def test_final_gradient_of_wrong_shape(params, x, name):
    hs, _, cache = lstm.forward(x, params)
    with raises(ValueError, name, f"({B}, {H})"):
        lstm.backward(np.zeros_like(hs), cache, **{name: np.zeros((B, H + 2))})


def test_backward_needs_a_forward_cache(params, x):
    with raises(ValueError, "cache"):
        lstm.backward(np.zeros((T, B, H)), {"x": x})
    _, _, rnn_cache = rnn.forward(x, rnn.init_params(D, H))
    with raises(ValueError, "lstm.forward"):
        lstm.backward(np.zeros((T, B, H)), rnn_cache)


def test_step_functions_check_shapes(params):
    with raises(ValueError, "h_prev", f"({B}, {H})"):
        lstm.step_forward(np.zeros((B, D)), np.zeros((B, H + 1)), np.zeros((B, H)), params)
    _, _, cache = lstm.step_forward(np.zeros((B, D)), np.zeros((B, H)), np.zeros((B, H)), params)
    with raises(ValueError, "dh", f"({B}, {H})"):
        lstm.step_backward(np.zeros((B + 1, H)), np.zeros((B, H)), cache)


@pytest.mark.parametrize("args", [(0, 3), (3, -1), (2.5, 3), (True, 2)])
def test_init_params_sizes(args):
    with raises(ValueError, "positive integer"):
        lstm.init_params(*args)


def test_init_params_dtype():
    with raises(ValueError, "floating", "int"):
        lstm.init_params(2, 2, dtype=int)


def test_memory_cell_mismatched_shapes():
    with raises(ValueError, "z (3,)", "c (4,)"):
        memory_cell(np.zeros(3), 0, 0, 0, np.zeros(4))


def test_rnn_bad_input():
    p = rnn.init_params(D, H)
    with raises(ValueError, "(T, B, D)"):
        rnn.forward(np.zeros((B, D)), p)
    with raises(ValueError, "W_hh", "(H, H)", f"({4 * H}, {H})"):
        rnn.forward(np.zeros((T, B, D)), lstm.init_params(D, H))
    hs, _, cache = rnn.forward(np.zeros((T, B, D)), p)
    with raises(ValueError, "dhs", f"({T}, {B}, {H})"):
        rnn.backward(np.zeros((T, B)), cache)


def test_torch_compare_bad_input(params):
    import torch

    del params["W_hh"]
    with raises(KeyError, "W_hh"):
        to_torch(params)
    with raises(ValueError, "num_layers=2"):
        from_torch(torch.nn.LSTM(2, 3, num_layers=2))
    with raises(ValueError, "bidirectional=True"):
        from_torch(torch.nn.LSTM(2, 3, bidirectional=True))
    with raises(ValueError, "torch.nn.LSTM", "GRU"):
        from_torch(torch.nn.GRU(2, 3))


def test_gradcheck_bad_input():
    with raises(ValueError, "(2,)", "(3,)"):
        rel_error(np.zeros(2), np.zeros(3))
    with raises(ValueError, "floating"):
        numerical_gradient(lambda: 0.0, np.zeros(2, dtype=int))
    with raises(ValueError, "order"):
        numerical_gradient(lambda: 0.0, np.zeros(2), order=3)
