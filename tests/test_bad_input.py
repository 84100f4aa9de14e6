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


# --- the step functions' state and gradient shapes: a (B, 1) array would broadcast ----------

def _step_inputs():
    rng = np.random.default_rng(5)
    return rng.normal(size=(B, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))


@pytest.mark.parametrize("name", ["h_prev", "c_prev"])
@pytest.mark.parametrize("shape", [(B, 1), (1, H), (H,), (B, H, 1)])
def test_step_forward_state_of_wrong_shape(params, name, shape):
    x_t, h_prev, c_prev = _step_inputs()
    args = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, name: np.ones(shape)}
    with raises(ValueError, name, f"({B}, {H})", str(shape)):
        lstm.step_forward(args["x_t"], args["h_prev"], args["c_prev"], params)


@pytest.mark.parametrize("name", ["dh", "dc"])
@pytest.mark.parametrize("shape", [(B, 1), (1, H), (H,)])
def test_step_backward_gradient_of_wrong_shape(params, name, shape):
    _, _, cache = lstm.step_forward(*_step_inputs(), params)
    args = {"dh": np.ones((B, H)), "dc": np.ones((B, H)), name: np.ones(shape)}
    with raises(ValueError, name, f"({B}, {H})", str(shape)):
        lstm.step_backward(args["dh"], args["dc"], cache)


# --- every array argument goes through as_array: lists are taken, non-numbers refused ------

NOT_NUMBERS = {"a string": "0.5", "an object array": np.array([[None, 1.0]], dtype=object),
               "a ragged list": [[1.0], [2.0, 3.0]]}


def _call_step_forward(params, **change):
    x_t, h_prev, c_prev = _step_inputs()
    args = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, **change}
    return lstm.step_forward(args["x_t"], args["h_prev"], args["c_prev"], params)


def _call_step_backward(params, **change):
    _, _, cache = lstm.step_forward(*_step_inputs(), params)
    args = {"dh": np.full((B, H), 0.5), "dc": np.full((B, H), -0.25), **change}
    return lstm.step_backward(args["dh"], args["dc"], cache)


def _call_forward(params, **change):
    rng = np.random.default_rng(6)
    args = {"x": rng.normal(size=(T, B, D)), "h0": rng.normal(size=(B, H)), "c0": rng.normal(size=(B, H)),
            **change}
    return lstm.forward(args.pop("x"), params, **args)


def _call_backward(params, **change):
    rng = np.random.default_rng(7)
    _, _, cache = lstm.forward(rng.normal(size=(T, B, D)), params)
    args = {"dhs": rng.normal(size=(T, B, H)), "dh_T": rng.normal(size=(B, H)),
            "dc_T": rng.normal(size=(B, H)), **change}
    return lstm.backward(args.pop("dhs"), cache, **args)


ARGUMENTS = [(_call_step_forward, "x_t", (B, D)), (_call_step_forward, "h_prev", (B, H)),
             (_call_step_forward, "c_prev", (B, H)), (_call_step_backward, "dh", (B, H)),
             (_call_step_backward, "dc", (B, H)), (_call_forward, "x", (T, B, D)),
             (_call_forward, "h0", (B, H)), (_call_forward, "c0", (B, H)),
             (_call_backward, "dhs", (T, B, H)), (_call_backward, "dh_T", (B, H)),
             (_call_backward, "dc_T", (B, H))]


@pytest.mark.parametrize("call, name, shape", ARGUMENTS, ids=[a[1] for a in ARGUMENTS])
@pytest.mark.parametrize("what", list(NOT_NUMBERS))
def test_arguments_that_are_not_numbers_are_refused(params, call, name, shape, what):
    with raises(ValueError, f"{name} must be a numeric array"):
        call(params, **{name: NOT_NUMBERS[what]})


def _flatten(out):
    if isinstance(out, dict):
        return [v for k in sorted(out) for v in _flatten(out[k])]
    if isinstance(out, (tuple, list)):
        return [v for o in out for v in _flatten(o)]
    return [out] if isinstance(out, np.ndarray) else []


@pytest.mark.parametrize("call, name, shape", ARGUMENTS, ids=[a[1] for a in ARGUMENTS])
def test_a_list_of_lists_is_taken_as_its_array(params, call, name, shape):
    value = np.random.default_rng(8).normal(size=shape)
    expected = _flatten(call(params, **{name: value}))
    got = _flatten(call(params, **{name: value.tolist()}))
    assert len(got) == len(expected) >= 3
    for a, b in zip(got, expected):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("shape", [(B,), (1, B, D), ()])
def test_step_forward_x_t_of_wrong_rank(params, shape):
    _, h_prev, c_prev = _step_inputs()
    with raises(ValueError, "x_t must have 2 dimensions (B, D)", str(shape)):
        lstm.step_forward(np.ones(shape), h_prev, c_prev, params)
