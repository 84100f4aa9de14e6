"""Lessons 1-3 build pieces by hand to teach them; these tests prove each equals the package's.

The functions are read from the committed notebooks themselves (only their ``def``
statements are run, with the names the lesson imports), so a change to a lesson's
code that breaks the equality fails here.
"""
import ast
import json
from pathlib import Path

import numpy as np
import pytest

from lstm_course import rnn
from lstm_course.activations import identity, sigmoid, tanh
from lstm_course.cell import memory_cell
from lstm_course.memory_machine import LECTURE_X1, LECTURE_X2, LECTURE_X3, run_memory_machine

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LESSONS = ("01_why_memory_needs_gates", "02_memory_cell_and_gates", "03_memory_machine")


def _cells(lesson):
    nb = json.loads((NOTEBOOKS / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    return nb, nb["cells"]


def lesson_function(lesson, name):
    """The function ``name`` as defined in the lesson's code cells (its def alone is run)."""
    _, cells = _cells(lesson)
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == name:
                namespace = {"np": np, "sigmoid": sigmoid, "tanh": tanh, "identity": identity}
                exec(compile(ast.Module([node], type_ignores=[]), f"<{lesson}>", "exec"), namespace)
                return namespace[name]
    raise AssertionError(f"{lesson} defines no function {name}")


# --- lesson 1 -----------------------------------------------------------------------

def test_keep_by_multiplying_is_w_to_the_t():
    keep = lesson_function(LESSONS[0], "keep_by_multiplying")
    for w in (0.5, 0.9, 1.0, 1.1, 1.5):
        np.testing.assert_allclose(keep(3.0, w, 50), 3.0 * w ** np.arange(51), rtol=1e-12)


@pytest.mark.parametrize("w", [0.5, 0.9, 1.0, 1.1, 2.0, -1.3])
@pytest.mark.parametrize("h0", [0.5, -0.2])
def test_tanh_neuron_equals_package_rnn(w, h0):
    tanh_neuron = lesson_function(LESSONS[0], "tanh_neuron")
    T = 50
    hs, grad = tanh_neuron(h0, w, T)
    params = {"W_ih": np.zeros((1, 1)), "W_hh": np.array([[w]]), "b_ih": np.zeros(1), "b_hh": np.zeros(1)}
    hs_rnn, h_T, cache = rnn.forward(np.zeros((T, 1, 1)), params, h0=np.array([[h0]]))
    _, _, dh0 = rnn.backward(None, cache, dh_T=np.ones((1, 1)))
    assert hs.shape == (T + 1,)
    np.testing.assert_allclose(hs[1:], hs_rnn[:, 0, 0], rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(grad, dh0[0, 0], rtol=1e-12, atol=1e-300)


# --- lesson 2 -----------------------------------------------------------------------

@pytest.mark.parametrize("acts", [(tanh, tanh), (identity, identity), (tanh, identity)])
def test_memory_cell_by_hand_equals_package(acts):
    by_hand = lesson_function(LESSONS[1], "memory_cell_by_hand")
    g, h = acts
    rng = np.random.default_rng(3)
    z, z_i, z_f, z_o, c = rng.normal(0, 4, size=(5, 7, 3))
    ours = by_hand(z, z_i, z_f, z_o, c, g=g, h=h)
    theirs = memory_cell(z, z_i, z_f, z_o, c, g=g, h=h)
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-13, atol=1e-15)
    # a scalar, and a cell whose gates are closed/open, too
    np.testing.assert_allclose(by_hand(2.0, 3.0, -1.0, 0.5, 1.5), memory_cell(2.0, 3.0, -1.0, 0.5, 1.5))


def test_memory_cell_by_hand_would_catch_a_swapped_gate():
    # The comparison above can fail: a cell that uses the forget gate on the input differs.
    z, z_i, z_f, z_o, c = 2.0, 3.0, -1.0, 0.5, 1.5
    wrong = tanh(z) * sigmoid(z_f) + c * sigmoid(z_i)
    assert abs(wrong - memory_cell(z, z_i, z_f, z_o, c)[0]) > 0.1


# --- lesson 3 -----------------------------------------------------------------------

def test_memory_machine_by_hand_equals_package_on_lecture():
    by_hand = lesson_function(LESSONS[2], "memory_machine_by_hand")
    c_before, outputs = by_hand(LECTURE_X1, LECTURE_X2, LECTURE_X3)
    trace = run_memory_machine(LECTURE_X1, LECTURE_X2, LECTURE_X3)
    np.testing.assert_allclose(c_before, trace["c_before"], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(outputs, trace["a"], rtol=1e-12, atol=1e-15)


def test_memory_machine_by_hand_equals_package_on_random_sequences():
    by_hand = lesson_function(LESSONS[2], "memory_machine_by_hand")
    rng = np.random.default_rng(7)
    x1 = rng.integers(-5, 6, 40).astype(float)
    x2 = rng.choice([-1.0, 0.0, 1.0], 40)
    x3 = rng.choice([0.0, 1.0], 40)
    c_before, outputs = by_hand(x1, x2, x3, c=2.0)
    trace = run_memory_machine(x1, x2, x3, c0=2.0)
    np.testing.assert_allclose(c_before, trace["c_before"], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(outputs, trace["a"], rtol=1e-12, atol=1e-12)


# --- the notebooks' shape -----------------------------------------------------------

@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_points_to_its_exercise_and_tags_only_widgets(lesson):
    nb, cells = _cells(lesson)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert f"exercises/{lesson}.ipynb" in text
    assert "What you will learn" in text and "## Summary" in text
    for cell in cells:
        if "nbval-ignore-output" in cell.get("metadata", {}).get("tags", []):
            assert "explorer()" in "".join(cell["source"]), "only widget cells are tagged volatile"
