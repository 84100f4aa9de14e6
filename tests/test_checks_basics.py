"""Checkers of lessons 1-3: the solutions pass, planted mistakes get their hint."""
import math

import numpy as np
import pytest

from lstm_course import checks
from lstm_course.activations import sigmoid, tanh
from lstm_course.memory_machine import lecture_weights

from checks_helpers import assert_caught, assert_passes, solution_functions


@pytest.fixture(scope="module")
def sol1():
    return solution_functions("01_why_memory_needs_gates")


@pytest.fixture(scope="module")
def sol2():
    return solution_functions("02_memory_cell_and_gates")


@pytest.fixture(scope="module")
def sol3():
    return solution_functions("03_memory_machine")


# --------------------------------------------------------------------------- lesson 1
def test_lesson1_solutions_pass(sol1, capsys):
    assert_passes(checks.check_keep_by_multiplying(sol1["keep_by_multiplying"]), capsys)
    assert_passes(checks.check_memory_gradient(sol1["memory_gradient"]), capsys)
    assert_passes(checks.check_tanh_neuron(sol1["tanh_neuron"]), capsys)
    assert_passes(checks.check_steps_until_below(sol1["steps_until_below"]), capsys)


def _keep(c0, w, xs):
    values = [float(c0)]
    for x in xs:
        values.append(w * values[-1] + x)
    return np.array(values)


@pytest.mark.parametrize("wrong, hint", [
    (lambda c0, w, xs: _keep(c0, w, xs)[1:], "c_0 first"),
    (lambda c0, w, xs: _keep(c0, w, xs)[-1], "not only the last one"),
    (lambda c0, w, xs: _keep(c0, w, np.zeros(len(xs))), "add each step's input"),
    (lambda c0, w, xs: list(_keep(c0, w, xs)), "numpy array"),
    (lambda c0, w, xs: _keep(c0, w, xs).astype(np.float32), "float32"),
    (lambda c0, w, T: c0 * w ** np.arange(T + 1), "not a number of steps"),
])
def test_keep_by_multiplying_mistakes(wrong, hint, capsys):
    assert_caught(checks.check_keep_by_multiplying(wrong), capsys, hint)


def test_keep_by_multiplying_with_an_int_w_gives_floats(capsys):
    def from_a_list(c0, w, xs):       # all ints in: np.array of the list is int64
        values = [c0]
        for x in xs:
            values.append(w * values[-1] + x)
        return np.array(values)
    assert_caught(checks.check_keep_by_multiplying(from_a_list), capsys, "holds integers")


def test_keep_by_multiplying_int_start_is_not_truncated(capsys):
    def truncating(c0, w, xs):
        values = np.full(len(xs) + 1, c0)
        for t, x in enumerate(xs, start=1):
            values[t] = w * values[t - 1] + x
        return values
    assert_caught(checks.check_keep_by_multiplying(truncating), capsys, "truncates")


@pytest.mark.parametrize("wrong, hint", [
    (lambda w, T: float(w) ** np.arange(T + 1), "reversed"),
    (lambda w, T: w ** T, "all T + 1 gradients"),
    (lambda w, T: float(w) * np.arange(T, -1, -1), "they do not add"),
    (lambda w, T: float(w) ** np.arange(T + 1, 0, -1), "one too many"),
    (lambda w, T: float(w) ** np.array([T, *range(T)]), "in reverse order"),
    (lambda w, T: float(w) ** np.arange(T - 1, -1, -1), "you left out entry 0"),
    (lambda w, T: w ** np.arange(T, -1, -1), "holds integers"),
    (lambda w, T: float(w) ** np.array([T, *range(1, T + 1)]), "exponents are reversed"),
])
def test_memory_gradient_mistakes(wrong, hint, capsys):
    assert_caught(checks.check_memory_gradient(wrong), capsys, hint)


def _tanh_neuron(h0, w, u, xs, mistake=None):
    hs, grad = [float(h0)], 1.0
    for x in xs:
        old = hs[-1]
        new = np.tanh(w * old) + u * x if mistake == "outside" else np.tanh(w * old + u * x)
        if mistake == "summed":
            grad += w * (1 - new ** 2)
        elif mistake == "no derivative":
            grad *= w
        elif mistake in ("no input in derivative", "outside"):
            grad *= w * (1 - np.tanh(w * old) ** 2)
        elif mistake == "no w":
            grad *= 1 - new ** 2
        elif mistake == "argument":
            grad *= w * (1 - (w * old + u * x) ** 2)
        else:
            grad *= w * (1 - (old if mistake == "old h" else new) ** 2)
        hs.append(new)
        if mistake == "return in the loop":
            return np.array(hs), grad
    return (np.array(hs[1:]) if mistake == "no h0" else np.array(hs)), grad


@pytest.mark.parametrize("mistake, hint", [
    ("no derivative", "include tanh's derivative"),
    ("old h", "not the previous one"),
    ("no input in derivative", "input included"),
    ("outside", "inside the tanh"),
    ("no h0", "h_0 first"),
    ("no w", "you left out the recurrent weight w"),
    ("argument", "not its argument"),
    ("summed", "a product, not a sum"),
    ("return in the loop", "a `return` indented inside the `for` loop"),
])
def test_tanh_neuron_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_tanh_neuron(lambda h0, w, u, xs: _tanh_neuron(h0, w, u, xs, mistake)), capsys, hint)


def test_tanh_neuron_that_crashes_at_t_0_is_told_why(capsys):
    def grad_inside(h0, w, u, xs):
        hs = [float(h0)]
        for t, x in enumerate(xs):
            hs.append(np.tanh(w * hs[-1] + u * x))
            grad = w * (1 - hs[-1] ** 2) if t == 0 else grad * w * (1 - hs[-1] ** 2)  # noqa: F821
        return np.array(hs), grad
    assert_caught(checks.check_tanh_neuron(grad_inside), capsys, "with no inputs (T = 0)")


def test_tanh_neuron_that_changes_xs_is_caught(capsys):
    def scaling(h0, w, u, xs):
        xs = np.asarray(xs, dtype=float)
        xs *= u
        return _tanh_neuron(h0, w, 1.0, xs)
    assert_caught(checks.check_tanh_neuron(scaling), capsys, "changed its input `xs`")


def _steps(c0, w, threshold, slip=None):
    if slip == "signed c0" and c0 < threshold:
        return 0
    if abs(w) >= 1 and abs(c0) >= threshold:
        return -1 if slip == "never" else None
    c, t = abs(c0), 1 if slip == "from 1" else 0
    while (c > threshold) if slip == "not strict" else (c >= threshold):
        c, t = c * abs(w), t + 1
    return float(t) if slip == "float" else t


@pytest.mark.parametrize("slip, hint", [
    ("never", "None"), ("from 1", "one step too many"), ("not strict", "strictly"), ("float", "an int"),
    ("signed c0", "but not abs(c0)"),
])
def test_steps_until_below_mistakes(slip, hint, capsys):
    assert_caught(checks.check_steps_until_below(lambda c0, w, thr: _steps(c0, w, thr, slip)), capsys, hint)


def test_steps_until_below_stops_a_loop_that_never_ends(capsys):
    def forever(c0, w, threshold):
        c, t = abs(c0), 0
        while c >= threshold:
            c, t = c * abs(w), t + 1
        return t
    assert_caught(checks.check_steps_until_below(forever), capsys, "did not return within")


# --------------------------------------------------------------------------- lesson 2
def test_lesson2_solutions_pass(sol2, capsys):
    assert_passes(checks.check_sigmoid(sol2["sigmoid"]), capsys)
    assert_passes(checks.check_sigmoid_grad(sol2["sigmoid_grad"]), capsys)
    assert_passes(checks.check_memory_cell(sol2["memory_cell"]), capsys)


def test_package_references_pass(capsys):
    from lstm_course.cell import memory_cell

    def stacked(s, c, g=tanh, h=tanh):
        return memory_cell(s[..., 0], s[..., 1], s[..., 2], s[..., 3], c, g=g, h=h)
    assert_passes(checks.check_sigmoid(sigmoid), capsys)
    assert_passes(checks.check_memory_cell(stacked), capsys)


@pytest.mark.parametrize("wrong, hint", [
    (lambda z: 1 / (1 + np.exp(z)), "sign of the exponent"),
    (np.tanh, "that is tanh"),
    (lambda z: np.exp(z) / (1 + np.exp(z)), "inf / inf is nan"),
    (lambda z: 1 / (1 + math.exp(-z)), "np.exp"),
    (lambda z: 1 / (1 - np.exp(-z)), "1 + exp(-z)"),
    (lambda z: 1 / 1 + np.exp(-np.clip(z, -500, 500)), "check the brackets"),
])
def test_sigmoid_mistakes(wrong, hint, capsys):
    assert_caught(checks.check_sigmoid(wrong), capsys, hint)


@pytest.mark.parametrize("wrong, hint", [
    (lambda z: z * (1 - z), "you used z itself"),
    (lambda z: 1 - sigmoid(z) ** 2, "derivative of tanh"),
    (sigmoid, "that is the sigmoid itself"),
    (lambda z: -sigmoid(z) * (1 - sigmoid(z)), "check the sign"),
    (lambda z: sigmoid(z) * (1 - z), "your second factor is 1 - z"),
    (lambda z: sigmoid(z) * (1 - sigmoid(-z)), "your second factor is s again"),
])
def test_sigmoid_grad_mistakes(wrong, hint, capsys):
    assert_caught(checks.check_sigmoid_grad(wrong), capsys, hint)


def _cell(mistake):
    def memory_cell(s, c, g=tanh, h=tanh):
        z, z_i, z_f, z_o = (s[..., k] for k in range(4))
        if mistake == "gates first":
            z_i, z_f, z_o, z = z, z_i, z_f, z_o
        gi, gf, go = (sigmoid(s) for s in (z_i, z_f, z_o))
        if mistake == "no sigmoid":
            gi, gf, go = z_i, z_f, z_o
        if mistake == "swap":
            gi, gf = gf, gi
        gz = z if mistake == "no g" else g(z)
        if mistake == "gate inside g":
            gz, gi = g(z * gi), 1.0
        c_new = gz * gi + (0 if mistake == "no keep" else c * gf)
        read = c if mistake == "old memory" else c_new
        a = (read if mistake == "no h" else h(read)) * go
        if mistake == "gate inside h":
            a = h(c_new * go)
        return (a, c_new) if mistake == "order" else (c_new, a)
    return memory_cell


@pytest.mark.parametrize("mistake, hint", [
    ("swap", "your forget gate multiplies the new input instead of the old memory"),
    ("old memory", "not the old c"),
    ("no h", "apply h to the new memory"),
    ("no g", "apply g to the cell input"),
    ("no sigmoid", "must pass through the sigmoid"),
    ("no keep", "must keep the old one"),
    ("order", "return (c_new, a)"),
    ("gate inside h", "it does not go inside h"),
    ("gates first", "you read the gates first"),
    ("gate inside g", "yours puts it inside g"),
])
def test_memory_cell_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_memory_cell(_cell(mistake)), capsys, hint)


def test_memory_cell_without_activation_arguments_is_rejected(capsys):
    def memory_cell(s, c):
        c_new = np.tanh(s[..., 0]) * sigmoid(s[..., 1]) + c * sigmoid(s[..., 2])
        return c_new, np.tanh(c_new) * sigmoid(s[..., 3])
    assert_caught(checks.check_memory_cell(memory_cell), capsys, "keyword parameters with tanh as their default")


def test_memory_cell_with_the_signals_one_by_one_is_rejected(capsys):
    def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
        c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
        return c_new, h(c_new) * sigmoid(z_o)
    assert_caught(checks.check_memory_cell(memory_cell), capsys, "stacked in ONE array s")


@pytest.mark.parametrize("read, hint", [
    (lambda s: tuple(s), "read the FIRST axis"),                       # z, z_i, z_f, z_o = s
    (lambda s: tuple(s[..., k + 1] for k in range(4)), "indices 0 to 3"),
    (lambda s: tuple(np.split(s, 4, axis=-1)), "keep a last axis of length 1"),
    (lambda s: tuple(s[:, k] for k in range(4)), "s[..., k], which works for every shape"),
])
def test_memory_cell_layout_slips_are_named(read, hint, capsys):
    def memory_cell(s, c, g=tanh, h=tanh):
        z, z_i, z_f, z_o = read(s)
        c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
        return c_new, h(c_new) * sigmoid(z_o)
    assert_caught(checks.check_memory_cell(memory_cell), capsys, hint)


def test_memory_cell_that_updates_c_in_place_is_caught(capsys):
    def memory_cell(s, c, g=tanh, h=tanh):
        z, z_i, z_f, z_o = (s[..., k] for k in range(4))
        c *= sigmoid(z_f)
        c += g(z) * sigmoid(z_i)
        return c, h(c) * sigmoid(z_o)
    assert_caught(checks.check_memory_cell(memory_cell), capsys, "changed its input `c`")


def test_memory_cell_float32_in_float32_out(capsys):
    def memory_cell(s, c, g=tanh, h=tanh):
        z, z_i, z_f, z_o, c = (np.asarray(v, dtype=float) for v in (s[..., 0], s[..., 1], s[..., 2], s[..., 3], c))
        c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
        return c_new, h(c_new) * sigmoid(z_o)
    assert_caught(checks.check_memory_cell(memory_cell), capsys, "float32")


def test_sigmoid_float32_in_float32_out(capsys):
    assert_caught(checks.check_sigmoid(lambda z: 1 / (1 + np.exp(-np.asarray(z, dtype=float)))), capsys, "float32")


def test_cifg_solution_passes(sol2, capsys):
    assert_passes(checks.check_cifg_cell(sol2["cifg_cell"]), capsys)


def _cifg(mistake):
    def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
        f = sigmoid(z_f)
        i = {"reversed": f, "same": f}.get(mistake, 1 - f)
        keep = 1 - f if mistake == "reversed" else f
        c_new = (z if mistake == "no g" else g(z)) * i + c * keep
        return c_new, h(c_new) * sigmoid(z_o)
    return cifg_cell


@pytest.mark.parametrize("mistake, hint", [
    ("reversed", "the other way round"), ("same", "is not coupling"), ("no g", "apply g"),
])
def test_cifg_cell_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_cifg_cell(_cifg(mistake)), capsys, hint)


def test_cifg_cell_calling_memory_cell_the_old_way_is_told_to_stack(sol2, capsys):
    memory_cell = sol2["memory_cell"]

    def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
        return memory_cell(z, -z_f, z_f, z_o, c, g=g, h=h)
    assert_caught(checks.check_cifg_cell(cifg_cell), capsys, "takes (s, c): stack the four signals")


def test_cifg_cell_stacking_on_axis_0_is_named(sol2, capsys):
    memory_cell = sol2["memory_cell"]

    def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
        return memory_cell(np.stack([z, -np.asarray(z_f), z_f, z_o], axis=0), c, g=g, h=h)
    assert_caught(checks.check_cifg_cell(cifg_cell), capsys, "np.stack(...) without axis=-1 (axis=0)")


def test_cifg_cell_with_an_input_gate_signal_is_rejected(capsys):
    def cifg_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
        return z, z
    assert_caught(checks.check_cifg_cell(cifg_cell), capsys, "no input-gate signal z_i")


# --------------------------------------------------------------------------- lesson 3
@pytest.mark.parametrize("name, task", [("quiet_machine", "quiet"), ("subtract_machine", "subtract"),
                                        ("double_machine", "double"), ("always_machine", "always"),
                                        ("latest_machine", "latest")])
def test_lesson3_solutions_pass(sol3, name, task, capsys):
    assert_passes(checks.check_machine_weights(sol3[name], task=task), capsys)


def test_lecture_weights_do_the_lecture_job_but_leak(capsys):
    assert_passes(checks.check_machine_weights(lecture_weights(), task="lecture"), capsys)
    assert_caught(checks.check_machine_weights(lecture_weights(), task="quiet"), capsys, "the leak")


def _edited(**signals):
    w = lecture_weights()
    for name, (weights, bias) in signals.items():
        w[name] = {"w": np.array(weights, float), "b": bias}
    return w


@pytest.mark.parametrize("weights, task, hint", [
    (_edited(z_i=([0, 1, 0], 0.0), z_f=([0, 1, 0], 1.0), z_o=([0, 0, 1], 0.0)), "lecture", "only partly open"),
    (_edited(z_f=([0, 100, 0], -10.0)), "lecture", "forget gate (z_f) is closed"),
    (_edited(z_o=([0, 0, 0], 10.0)), "lecture", "output gate (z_o) is open"),
    (_edited(z_i=([0, 100, 0], 10.0)), "lecture", "input gate (z_i) is open"),
    (lecture_weights(), "subtract", "To subtract"),
    (lecture_weights(), "double", "doubling must happen when writing"),
    (lecture_weights(), "always", "it should open at every step"),
    (lecture_weights(), "latest", "forget gate (z_f) is open"),
    ({"z": lecture_weights()["z"]}, "lecture", "do not have the expected form"),
    # tasks 2-5 are as strict as task 1: the lecture's leaky +-10 gates do not pass them
    (_edited(z=([-1, 0, 0], 0.0)), "subtract", "the leak"),
    (_edited(z=([2, 0, 0], 0.0)), "double", "the leak"),
    (_edited(z_o=([0, 0, 0], 10.0)), "always", "the leak"),
    (_edited(z_f=([0, -100, 0], 10.0)), "latest", "the leak"),
    # x3 = -1 occurs: an output gate 100 x3 + 50 is closed there
    (_edited(z_i=([0, 100, 0], -30.0), z_f=([0, 100, 0], 30.0), z_o=([0, 0, 100], 50.0)), "always",
     "whatever x3 (-1, 0 or 1)"),
])
def test_machine_weights_mistakes(weights, task, hint, capsys):
    assert_caught(checks.check_machine_weights(weights, task=task), capsys, hint)


def test_machine_that_returns_nothing_is_explained(capsys):
    assert_caught(checks.check_machine_weights(lambda: None, task="quiet"), capsys, "a missing `return`")


def test_machine_weights_rejects_unknown_task():
    with pytest.raises(ValueError, match="task must be one of"):
        checks.check_machine_weights(lecture_weights(), task="multiply")
