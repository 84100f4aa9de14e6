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


def _keep(c0, w, T):
    values = [c0]
    for _ in range(T):
        values.append(w * values[-1])
    return np.array(values)


@pytest.mark.parametrize("wrong, hint", [
    (lambda c0, w, T: _keep(c0, w, T)[1:], "c_0 first"),
    (lambda c0, w, T: _keep(c0, w, T)[-1], "not only the last one"),
    (lambda c0, w, T: np.array([c0 + w * t for t in range(T + 1)]), "you added it"),
    (lambda c0, w, T: _keep(c0, w, T + 1), "run exactly T steps"),
])
def test_keep_by_multiplying_mistakes(wrong, hint, capsys):
    assert_caught(checks.check_keep_by_multiplying(wrong), capsys, hint)


@pytest.mark.parametrize("wrong, hint", [
    (lambda w, T: w * T, "they do not add"),
    (lambda w, T: T * w ** (T - 1), "how c_T changes with w"),
    (lambda w, T: w ** (T - 1), "one step off"),
])
def test_memory_gradient_mistakes(wrong, hint, capsys):
    assert_caught(checks.check_memory_gradient(wrong), capsys, hint)


def _tanh_neuron(h0, w, T, mistake=None):
    hs, grad = [h0], 1.0
    for _ in range(T):
        new = w * np.tanh(hs[-1]) if mistake == "squash first" else np.tanh(w * hs[-1])
        if mistake == "no derivative":
            grad *= w
        else:
            grad *= w * (1 - (hs[-1] if mistake == "old h" else new) ** 2)
        hs.append(new)
    return (np.array(hs[1:]) if mistake == "no h0" else np.array(hs)), grad


@pytest.mark.parametrize("mistake, hint", [
    ("no derivative", "include tanh's derivative"),
    ("old h", "not the previous one"),
    ("squash first", "multiply first, then squash"),
    ("no h0", "h_0 first"),
])
def test_tanh_neuron_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_tanh_neuron(lambda h0, w, T: _tanh_neuron(h0, w, T, mistake)), capsys, hint)


# --------------------------------------------------------------------------- lesson 2
def test_lesson2_solutions_pass(sol2, capsys):
    assert_passes(checks.check_sigmoid(sol2["sigmoid"]), capsys)
    assert_passes(checks.check_sigmoid_grad(sol2["sigmoid_grad"]), capsys)
    assert_passes(checks.check_memory_cell(sol2["memory_cell"]), capsys)


def test_package_references_pass(capsys):
    from lstm_course.cell import memory_cell
    assert_passes(checks.check_sigmoid(sigmoid), capsys)
    assert_passes(checks.check_memory_cell(memory_cell), capsys)


@pytest.mark.parametrize("wrong, hint", [
    (lambda z: 1 / (1 + np.exp(z)), "sign of the exponent"),
    (np.tanh, "that is tanh"),
    (lambda z: np.exp(z) / (1 + np.exp(z)), "inf / inf is nan"),
    (lambda z: 1 / (1 + math.exp(-z)), "np.exp"),
    (lambda z: 1 / (1 - np.exp(-np.asarray(z, float))), "1 + exp(-z)"),
])
def test_sigmoid_mistakes(wrong, hint, capsys):
    assert_caught(checks.check_sigmoid(wrong), capsys, hint)


@pytest.mark.parametrize("wrong, hint", [
    (lambda z: np.asarray(z, float) * (1 - np.asarray(z, float)), "you used z itself"),
    (lambda z: 1 - sigmoid(z) ** 2, "derivative of tanh"),
    (sigmoid, "that is the sigmoid itself"),
    (lambda z: -sigmoid(z) * (1 - sigmoid(z)), "check the sign"),
])
def test_sigmoid_grad_mistakes(wrong, hint, capsys):
    assert_caught(checks.check_sigmoid_grad(wrong), capsys, hint)


def _cell(mistake):
    def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
        gi, gf, go = (sigmoid(s) for s in (z_i, z_f, z_o))
        if mistake == "no sigmoid":
            gi, gf, go = z_i, z_f, z_o
        if mistake == "swap":
            gi, gf = gf, gi
        gz = z if mistake == "no g" else g(z)
        c_new = gz * gi + (0 if mistake == "no keep" else c * gf)
        read = c if mistake == "old memory" else c_new
        a = (read if mistake == "no h" else h(read)) * go
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
])
def test_memory_cell_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_memory_cell(_cell(mistake)), capsys, hint)


def test_memory_cell_without_activation_arguments_is_checked_with_tanh(capsys):
    def memory_cell(z, z_i, z_f, z_o, c):
        c_new = np.tanh(z) * sigmoid(z_i) + c * sigmoid(z_f)
        return c_new, np.tanh(c_new) * sigmoid(z_o)
    assert_passes(checks.check_memory_cell(memory_cell), capsys)


# --------------------------------------------------------------------------- lesson 3
@pytest.mark.parametrize("name, task", [("lecture_machine", "lecture"), ("subtract_machine", "subtract"),
                                        ("double_machine", "double"), ("always_machine", "always")])
def test_lesson3_solutions_pass(sol3, name, task, capsys):
    assert_passes(checks.check_machine_weights(sol3[name], task=task), capsys)


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
    ({"z": lecture_weights()["z"]}, "lecture", "do not have the expected form"),
])
def test_machine_weights_mistakes(weights, task, hint, capsys):
    assert_caught(checks.check_machine_weights(weights, task=task), capsys, hint)


def test_machine_weights_rejects_unknown_task():
    with pytest.raises(ValueError, match="task must be one of"):
        checks.check_machine_weights(lecture_weights(), task="multiply")
