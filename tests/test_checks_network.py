"""Checkers of lessons 4-5 (layer, torch mapping, BPTT, gradient check): the
solutions pass, planted mistakes get their hint."""
import numpy as np
import pytest

from lstm_course import checks, gradcheck, lstm
from lstm_course.activations import sigmoid

from checks_helpers import assert_caught, assert_passes, solution_functions


@pytest.fixture(scope="module")
def sol4():
    return solution_functions("04_from_cell_to_network")


@pytest.fixture(scope="module")
def sol5():
    return solution_functions("05_backprop_through_time")


def test_lesson4_solutions_pass(sol4, capsys):
    assert_passes(checks.check_param_count(sol4["lstm_param_count"]), capsys)
    assert_passes(checks.check_step_forward(sol4["step_forward"]), capsys)
    assert_passes(checks.check_lstm_forward(sol4["lstm_forward"]), capsys)
    assert_passes(checks.check_torch_mapping(sol4["to_torch_lstm"]), capsys)


def test_lesson5_solutions_pass(sol5, capsys):
    assert_passes(checks.check_step_backward(sol5["step_backward"]), capsys)
    assert_passes(checks.check_lstm_backward(sol5["lstm_backward"], sol5["lstm_forward"]), capsys)
    assert_passes(checks.check_gradcheck(sol5["numerical_gradient"]), capsys)


def _dict_step(x_t, h_prev, c_prev, params):
    """lstm.step_forward with the smallest dict cache the backward accepts (it recomputes the gates)."""
    h, c, _ = lstm.step_forward(x_t, h_prev, c_prev, params)
    return h, c, {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params}


def _adding_step_backward(dh, dc, cache, grads):
    dx, dh_prev, dc_prev, dparams = lstm.step_backward(dh, dc, cache)
    for k in grads:
        grads[k] += dparams[k]
    return dx, dh_prev, dc_prev


def _batch_first(x, params, h0=None, c0=None):
    B, T, _ = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), x.dtype) if h0 is None else h0
    c = np.zeros((B, H), x.dtype) if c0 is None else c0
    caches = []
    for t in range(T):
        h, c, cache = _dict_step(x[:, t], h, c, params)
        caches.append(cache)
    hs, _, _ = lstm.forward(np.swapaxes(x, 0, 1), params, h0, c0)
    return np.swapaxes(hs, 0, 1), (h, c), caches


def test_package_references_pass(capsys):
    from lstm_course import cifg

    assert_passes(checks.check_step_forward(_dict_step), capsys)
    assert_passes(checks.check_step_backward(_adding_step_backward), capsys)
    assert_passes(checks.check_lstm_forward(_batch_first), capsys)
    assert_passes(checks.check_gradcheck(gradcheck.numerical_gradient), capsys)
    assert_passes(checks.check_cifg_step(lambda *a: cifg.step_forward(*a)[:2]), capsys)
    assert_passes(checks.check_cifg_backward(cifg.step_backward), capsys)


def test_cifg_backward_matches_central_differences():
    from lstm_course import cifg

    rng = np.random.default_rng(0)
    params = cifg.init_params(3, 2, seed=1)
    x, h, c = rng.normal(size=(2, 3)), rng.normal(size=(2, 2)), rng.normal(size=(2, 2))
    wh, wc = rng.normal(size=(2, 2)), rng.normal(size=(2, 2))

    def loss():
        h_new, c_new, _ = cifg.step_forward(x, h, c, params)
        return np.sum(h_new * wh) + np.sum(c_new * wc)

    dx, dh, dc, dparams = cifg.step_backward(wh, wc, cifg.step_forward(x, h, c, params)[2])
    for got, arr in ((dx, x), (dh, h), (dc, c), *((dparams[k], params[k]) for k in params)):
        assert gradcheck.rel_error(got, gradcheck.numerical_gradient(loss, arr)) < 1e-7


# --------------------------------------------------------------------------- counting
@pytest.mark.parametrize("wrong, hint", [
    (lambda D, H, L: H * D + H * H + 2 * H + (L - 1) * (2 * H * H + 2 * H), "four blocks"),
    (lambda D, H, L: 4 * (H * D + H * H + H) + (L - 1) * 4 * (2 * H * H + H), "two bias vectors"),
    (lambda D, H, L: 4 * (H * D + H * H) + (L - 1) * 8 * H * H, "count the biases too"),
    (lambda D, H, L: 4 * (2 * H * D + 2 * H) + (L - 1) * 4 * (2 * H * H + 2 * H), "(4H, H), not (4H, D)"),
    (lambda D, H, L: L * 4 * (H * D + H * H + 2 * H), "not (4H, D)"),
    (lambda D, H, L: 4 * (H * D + H * H + 2 * H), "count every layer"),
    (lambda D, H, L: 4 * H * D + L * (4 * H * H + 8 * H), "counts W_ih for layer 0 only"),
    (lambda D, H, L: 4 * H * D + H * H + 8 * H + (L - 1) * (5 * H * H + 8 * H), "You counted it as (H, H)"),
    (lambda D, H, L: 4 * H * (D + H + 2) + (L - 1) * 4 * H * (D + 2 * H + 2), "not the input x as well"),
    (lambda D, H, L: 4.0 * H * (D + H + 2) + (L - 1) * 4.0 * H * (2 * H + 2), "as an integer (an int)"),
])
def test_param_count_mistakes(wrong, hint, capsys):
    assert_caught(checks.check_param_count(wrong), capsys, hint)


# --------------------------------------------------------------------------- step forward
def _step_forward(mistake=None):
    def step_forward(x_t, h_prev, c_prev, params):
        H = h_prev.shape[1]
        W_ih = params["W_ih"] if mistake != "transposed" else params["W_ih"].T
        a = x_t @ W_ih.T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
        if mistake == "bias twice":
            a = a + params["b_ih"] + params["b_hh"]
        if mistake == "one bias":
            a = a - params["b_hh"]
        order = "gifo" if mistake == "lecture order" else "ifgo"
        blocks = dict(zip(order, np.split(a, 4, axis=1)))
        i, f, o = sigmoid(blocks["i"]), sigmoid(blocks["f"]), sigmoid(blocks["o"])
        if mistake == "tanh o":
            o = np.tanh(blocks["o"])
        g = sigmoid(blocks["g"]) if mistake == "sigmoid g" else np.tanh(blocks["g"])
        if mistake == "swap":
            i, f = f, i
        c = g * i + c_prev * f
        read = c_prev if mistake == "old memory" else c
        h = (read if mistake == "no tanh" else np.tanh(read)) * o
        if mistake == "gate inside tanh":
            h = np.tanh(c * o)
        return h, c, {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params}
    return step_forward


@pytest.mark.parametrize("mistake, hint", [
    ("swap", "your forget gate multiplies the new input instead of the old memory"),
    ("lecture order", "PyTorch's gate order is i, f, g, o"),
    ("bias twice", "the bias is added twice"),
    ("one bias", "add both biases"),
    ("no tanh", "squash the new memory with tanh"),
    ("sigmoid g", "uses tanh, not the sigmoid"),
    ("old memory", "not c_prev"),
    ("transposed", "x_t @ W_ih.T"),
    ("gate inside tanh", "it does not go inside the tanh"),
    ("tanh o", "the output gate o (block 3H:4H) is a gate"),
])
def test_step_forward_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_step_forward(_step_forward(mistake)), capsys, hint)


# --------------------------------------------------------------------------- sequence forward
def _forward(mistake=None):
    def lstm_forward(x, params, h0=None, c0=None):
        B, T, _ = x.shape
        H = params["W_hh"].shape[1]
        zeros = np.zeros((B, H), dtype=x.dtype)
        start_h = zeros if (h0 is None or mistake == "ignore state") else h0
        start_c = zeros if (c0 is None or mistake == "ignore state") else (h0 if mistake == "c from h0" else c0)
        h, c, hs, caches = start_h, start_c, [start_h] if mistake == "keep h0" else [], []
        for t in range(T):
            if mistake in ("new names", "new names, no T = 0"):   # h_t, c_t never go back into h, c
                h_t, c_t, cache = _dict_step(x[:, t], h, c, params)
                hs.append(h_t)
                caches.append(cache)
                continue
            h, c, cache = _dict_step(x[:, t], start_h if mistake == "no h" else h,
                                     start_c if mistake == "no c" else c, params)
            hs.append(h)
            caches.append(cache)
        if mistake == "last cache only":
            caches = caches[-1:]
        hs = np.stack(hs, axis=1) if hs else np.zeros((B, 0, H), dtype=x.dtype)
        if mistake == "new names, no T = 0":
            return hs, (h_t, c_t), caches  # noqa: F821 (unset when T = 0: the mistake)
        if mistake == "new names":
            return hs, (h_t, c_t) if T else (h, c), caches  # noqa: F821
        return hs, (h, c), caches
    return lstm_forward


@pytest.mark.parametrize("mistake, hint", [
    ("no h", "pass each step's h on"),
    ("no c", "carry the memory"),
    ("ignore state", "start from h0 and c0"),
    ("keep h0", "initial state kept"),
    ("c from h0", "your memory starts from h0"),
    ("last cache only", "keep every step's cache"),
    ("new names", "carry the state from step to step"),
    ("new names, no T = 0", "with no inputs (T = 0)"),
])
def test_lstm_forward_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_lstm_forward(_forward(mistake)), capsys, hint)


# --------------------------------------------------------------------------- torch mapping
def _to_torch(order=(1, 2, 0, 3), twice=False, transpose=False):
    import torch

    def to_torch_lstm(lect):
        H, D = lect["U"].shape[1], lect["W"].shape[1]
        r = lambda a: np.concatenate([a[k * H:(k + 1) * H] for k in order])  # noqa: E731
        m = torch.nn.LSTM(D, H).double()
        with torch.no_grad():
            m.weight_ih_l0.copy_(torch.from_numpy(r(lect["W"]).T.copy() if transpose else r(lect["W"])))
            m.weight_hh_l0.copy_(torch.from_numpy(r(lect["U"])))
            m.bias_ih_l0.copy_(torch.from_numpy(r(lect["b"])))
            m.bias_hh_l0.copy_(torch.from_numpy(r(lect["b"]) if twice else np.zeros(4 * H)))
        return m
    return to_torch_lstm


@pytest.mark.parametrize("wrong, hint", [
    (_to_torch(order=(0, 1, 2, 3)), "PyTorch's gate order is i, f, g, o"),
    (_to_torch(order=(1, 2, 3, 0)), "PyTorch's gate order is i, f, g, o"),
    (_to_torch(twice=True), "the bias is added twice"),
    (_to_torch(transpose=True), "no .T"),
    (lambda lect: lect, "return the torch.nn.LSTM itself"),
])
def test_torch_mapping_mistakes(wrong, hint, capsys):
    assert_caught(checks.check_torch_mapping(wrong), capsys, hint)


def test_torch_mapping_without_no_grad_is_told_to_use_it(capsys):
    import torch

    def to_torch_lstm(lect):
        m = torch.nn.LSTM(lect["W"].shape[1], lect["U"].shape[1])
        m.weight_ih_l0.copy_(torch.from_numpy(lect["W"]))
        return m
    assert_caught(checks.check_torch_mapping(to_torch_lstm), capsys, "with torch.no_grad():")


def test_torch_mapping_names_a_float32_module(capsys):
    """The task asks for a float64 module (the lecture's numbers exactly): torch's float32 default is named."""
    assert_caught(checks.check_torch_mapping(lambda lect: _to_torch()(lect).float()), capsys,
                  "torch.nn.LSTM(D, H).double()")


def _sized_torch(sizes):
    import torch

    def to_torch_lstm(lect):
        H, D = lect["U"].shape[1], lect["W"].shape[1]
        r = lambda a: np.concatenate([a[k * H:(k + 1) * H] for k in (1, 2, 0, 3)])  # noqa: E731
        m = torch.nn.LSTM(*sizes(D, H)).double()
        with torch.no_grad():
            m.weight_ih_l0.copy_(torch.from_numpy(r(lect["W"])))
            m.weight_hh_l0.copy_(torch.from_numpy(r(lect["U"])))
            m.bias_ih_l0.copy_(torch.from_numpy(r(lect["b"])))
            m.bias_hh_l0.zero_()
        return m
    return to_torch_lstm


@pytest.mark.parametrize("sizes, hint", [
    (lambda D, H: (H, D), "the two arguments are swapped"),
    (lambda D, H: (3, 2), "not numbers fixed from the example"),
])
def test_torch_mapping_names_wrong_module_sizes(sizes, hint, capsys):
    assert_caught(checks.check_torch_mapping(_sized_torch(sizes)), capsys, hint)


# --------------------------------------------------------------------------- step backward
def _step_backward(mistake=None):
    def step_backward(dh, dc, cache, grads):
        x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
        do = dh * tanh_c
        if mistake != "no path through h":
            dc = dc + dh * o * (1 - tanh_c ** 2)
        di, df, dg = dc * g, dc * c_prev, dc * i
        dc_prev = dc if mistake == "dc_prev not scaled" else dc * f
        dgate = g * (1 - g) if mistake == "g derivative" else 1 - g ** 2
        dsig_o = 1.0 if mistake == "no o derivative" else o * (1 - o)
        da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * dgate, do * dsig_o], axis=1)
        db = da if mistake == "bias not summed" else da.sum(axis=0)
        grads["W_ih"] += da.T @ x_t
        grads["W_hh"] += da.T @ h_prev
        grads["b_ih"] += db
        if mistake != "one bias":
            grads["b_hh"] += db
        return da @ params["W_ih"], da @ params["W_hh"], dc_prev
    return step_backward


@pytest.mark.parametrize("mistake, hint", [
    ("no path through h", "reaches the loss through h"),
    ("dc_prev not scaled", "dc_prev = dc * f"),
    ("g derivative", "its derivative is 1 - g**2"),
    ("no o derivative", "output gate's gradient must be multiplied"),
    ("bias not summed", "da.sum(axis=0), summed over the batch"),
    ("one bias", "both biases get the same gradient"),
])
def test_step_backward_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_step_backward(_step_backward(mistake)), capsys, hint)


# --------------------------------------------------------------------------- BPTT
def _backward(mistake=None):
    def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
        B, T, H = dhs.shape
        zeros = np.zeros((B, H), dtype=dhs.dtype)
        dh_next = zeros if dh_T is None else dh_T
        dc_next = zeros if dc_T is None else dc_T
        dx, grads = [None] * T, None
        for t in (range(T) if mistake == "forwards" else range(T - 1, -1, -1)):
            dh = dhs[:, t] if mistake == "no dh from next" else dhs[:, t] + dh_next
            dx[t], dh_next, dc_prev, dp = lstm.step_backward(dh, dc_next, caches[t])
            dc_next = 0 * dc_prev if mistake == "no dc" else dc_prev
            grads = dp if (grads is None or mistake == "overwrite") else {k: grads[k] + dp[k] for k in grads}
        return np.stack(dx, axis=1), grads, dh_next, dc_next
    return lstm_backward


@pytest.mark.parametrize("mistake, hint", [
    ("no dh from next", "dh must include the gradient from the next step"),
    ("no dc", "dc must flow back"),
    ("overwrite", "add up their gradients over t"),
    ("forwards", "loop backwards in time"),
])
def test_lstm_backward_mistakes(sol5, mistake, hint, capsys):
    assert_caught(checks.check_lstm_backward(_backward(mistake), sol5["lstm_forward"]), capsys, hint)


def test_lstm_backward_needs_a_working_forward(sol5, capsys):
    def broken(x, params, h0=None, c0=None):
        hs, state, caches = sol5["lstm_forward"](x, params, h0, c0)
        return np.swapaxes(hs, 0, 1), state, caches     # time-major hs
    result = checks.check_lstm_backward(sol5["lstm_backward"], broken)
    assert_caught(result, capsys, "make the forward above pass first")


# --------------------------------------------------------------------------- gradient check
def _numerical(mistake=None):
    def numerical_gradient(f, x, h=1e-5):
        grad = np.zeros(x.shape)
        target = x.copy() if mistake == "copy" else x
        f0 = f()
        for k in np.ndindex(x.shape):
            old = target[k]
            target[k] = old + h
            f_plus = f()
            target[k] = old - h
            f_minus = f0 if mistake == "one-sided" else f()
            if mistake != "not restored":
                target[k] = old
            grad[k] = (f_plus - f_minus) / (h if mistake in ("one-sided", "divide by h") else 2 * h)
        return grad
    return numerical_gradient


def _two_loops(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            old = x[i, j]
            x[i, j] = old + h
            f_plus = f()
            x[i, j] = old - h
            f_minus = f()
            x[i, j] = old
            grad[i, j] = (f_plus - f_minus) / (2 * h)
    return grad


@pytest.mark.parametrize("wrong, hint", [
    (_numerical("one-sided"), "use central differences"),
    (_numerical("divide by h"), "divide by 2h"),
    (_numerical("not restored"), "put x[k] back"),
    (_numerical("copy"), "nudge x itself, in place"),
    (_two_loops, "np.ndindex"),
])
def test_gradcheck_mistakes(wrong, hint, capsys):
    assert_caught(checks.check_gradcheck(wrong), capsys, hint)


def test_step_backward_rebinding_grads_is_named(capsys):
    """grads[k] = grads[k] + ... gives the right sums, in new arrays the caller never sees."""
    def step_backward(dh, dc, cache, grads):
        dx, dh_prev, dc_prev, dparams = lstm.step_backward(dh, dc, cache)
        for k in grads:
            grads[k] = grads[k] + dparams[k]
        return dx, dh_prev, dc_prev
    assert_caught(checks.check_step_backward(step_backward), capsys, "Yours rebinds")


def test_gradcheck_minus_side_at_x_is_named(capsys):
    def numerical_gradient(f, x, h=1e-5):
        grad = np.zeros_like(x)
        for k in np.ndindex(x.shape):
            x[k] += h
            f_plus = f()
            x[k] -= h
            grad[k] = (f_plus - f()) / (2 * h)
        return grad
    assert_caught(checks.check_gradcheck(numerical_gradient), capsys, "your minus side is evaluated at x")


# --------------------------------------------------------------------------- CIFG step forward
def _cifg_step(mistake):
    def cifg_step(x_t, h_prev, c_prev, params):
        H = h_prev.shape[1]
        b_hh = 0 if mistake == "no b_hh" else params["b_hh"]
        a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + b_hh
        f, g, o = sigmoid(a[:, :H]), np.tanh(a[:, H:2 * H]), sigmoid(a[:, 2 * H:])
        if mistake == "tanh o":
            o = np.tanh(a[:, 2 * H:])
        i = sigmoid(1 - a[:, :H]) if mistake == "sigmoid of 1 - a_f" else 1 - f
        c = g * i + c_prev * f
        return (np.tanh(c * o) if mistake == "gate inside tanh" else np.tanh(c) * o), c
    return cifg_step


def test_cifg_step_h_read_from_x_is_named(capsys):
    def cifg_step(x_t, h_prev, c_prev, params):
        H = x_t.shape[1]
        a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
        f, g, o = sigmoid(a[:, :H]), np.tanh(a[:, H:2 * H]), sigmoid(a[:, 2 * H:])
        c = g * (1 - f) + c_prev * f
        return np.tanh(c) * o, c
    assert_caught(checks.check_cifg_step(cifg_step), capsys, "x_t.shape[1] is D")


@pytest.mark.parametrize("mistake, hint", [
    ("no b_hh", "add both biases"),
    ("gate inside tanh", "it does not go inside the tanh"),
    ("tanh o", "the output gate o (block 2H:3H) is a gate"),
    ("sigmoid of 1 - a_f", "yours is sigmoid(1 - a_f)"),
])
def test_cifg_step_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_cifg_step(_cifg_step(mistake)), capsys, hint)


def test_gradcheck_must_restore_x_bit_for_bit(capsys):
    """+h, -2h, +h brings x back only up to the last digit: the task asks for the old value itself."""
    def numerical_gradient(f, x, h=1e-5):
        grad = np.zeros(x.shape)
        for k in np.ndindex(x.shape):
            x[k] += h
            f_plus = f()
            x[k] -= 2 * h
            f_minus = f()
            x[k] += h
            grad[k] = (f_plus - f_minus) / (2 * h)
        return grad
    assert_caught(checks.check_gradcheck(numerical_gradient), capsys, "store the old value and assign it back")


def test_gradcheck_row_loop_is_named(capsys):
    def numerical_gradient(f, x, h=1e-5):
        grad = np.zeros(x.shape)
        for k in range(len(x)):
            old = x[k].copy()
            x[k] = old + h
            f_plus = f()
            x[k] = old - h
            f_minus = f()
            x[k] = old
            grad[k] = (f_plus - f_minus) / (2 * h)
        return grad
    assert_caught(checks.check_gradcheck(numerical_gradient), capsys, "picks whole rows")


@pytest.mark.parametrize("swap, hint", [("g", "not 1 - g"), ("dx", "dx_t and dh_prev are swapped")])
def test_step_backward_g_derivative_and_swapped_outputs_are_named(swap, hint, capsys):
    def step_backward(dh, dc, cache, grads):
        x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
        dc = dc + dh * o * (1 - tanh_c ** 2)
        dg_local = 1 - g if swap == "g" else 1 - g ** 2
        da = np.concatenate([dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * dg_local,
                             dh * tanh_c * o * (1 - o)], axis=1)
        for k, v in (("W_ih", da.T @ x_t), ("W_hh", da.T @ h_prev), ("b_ih", da.sum(0)), ("b_hh", da.sum(0))):
            grads[k] += v
        dx, dh_prev = da @ params["W_ih"], da @ params["W_hh"]
        return (dh_prev, dx, dc * f) if swap == "dx" else (dx, dh_prev, dc * f)
    assert_caught(checks.check_step_backward(step_backward), capsys, hint)
