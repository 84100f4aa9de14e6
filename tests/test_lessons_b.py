"""Lessons 4 and 5: the functions each lesson builds by hand equal the package's; the
lessons' prose quotes only numbers the lessons print; the lessons' drawings work."""
import json
import re
from pathlib import Path

import matplotlib.figure
import numpy as np
import pytest

from lstm_course import cell, lstm
from lstm_course.plots import bptt, network

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LESSON_4 = NOTEBOOKS / "04_from_cell_to_network.ipynb"
LESSON_5 = NOTEBOOKS / "05_backprop_through_time.ipynb"


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(c):
    return "".join(c["source"]) if isinstance(c["source"], list) else c["source"]


def lesson_function(path, name):
    """The function ``name`` as the lesson defines it: run the lesson's first code cell
    (its imports) and the cell holding ``def name(``; nothing is copied into the tests."""
    code = [_source(c) for c in _cells(path) if c["cell_type"] == "code"]
    defining = [s for s in code if f"def {name}(" in s]
    assert len(defining) == 1, f"{path.name} should define {name} in exactly one cell"
    namespace = {}
    exec(code[0], namespace)
    # Only the function's lines: the cell may go on to run an example.
    lines = defining[0].splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith(f"def {name}("))
    end = next((k for k in range(start + 1, len(lines)) if lines[k] and not lines[k][0].isspace()), len(lines))
    exec("\n".join(lines[start:end]), namespace)
    return namespace


@pytest.mark.parametrize("D, H", [(3, 2), (1, 1), (5, 7)])
def test_lesson4_four_signals_equal_the_stacked_product_and_the_package(rng, D, H):
    ns = lesson_function(LESSON_4, "four_signals")
    ns["SIGNALS"] = ["z_i", "z_f", "z", "z_o"]   # the lesson defines it in an earlier cell
    params = lstm.init_params(D, H, seed=D + H)
    x_t, h_prev, c_prev = rng.normal(size=D), rng.normal(size=H), rng.normal(size=H)
    signals = ns["four_signals"](x_t, h_prev, params)
    stacked = params["W_ih"] @ x_t + params["b_ih"] + params["W_hh"] @ h_prev + params["b_hh"]
    np.testing.assert_allclose(np.concatenate([signals[k] for k in ("z_i", "z_f", "z", "z_o")]), stacked, atol=1e-14)
    c_new, a = cell.memory_cell(signals["z"], signals["z_i"], signals["z_f"], signals["z_o"], c_prev)
    h_pkg, c_pkg, _ = lstm.step_forward(x_t[None], h_prev[None], c_prev[None], params)
    np.testing.assert_allclose(c_new, c_pkg[0], atol=1e-14)
    np.testing.assert_allclose(a, h_pkg[0], atol=1e-14)


def test_lesson4_signal_order_is_the_packages():
    line = next(line for c in _cells(LESSON_4) if c["cell_type"] == "code"
                for line in _source(c).splitlines() if line.startswith("SIGNALS = "))
    ns = {}
    exec(line, ns)
    assert ns["SIGNALS"] == ["z_i", "z_f", "z", "z_o"]   # blocks i, f, g, o, as lstm.py states


@pytest.mark.parametrize("B, D, H", [(2, 3, 4), (1, 1, 1), (5, 2, 3)])
def test_lesson5_step_backward_by_hand_equals_the_package(rng, B, D, H):
    ns = lesson_function(LESSON_5, "step_backward_by_hand")
    params = lstm.init_params(D, H, seed=B)
    x_t, h_prev, c_prev = rng.normal(size=(B, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))
    dh, dc = rng.normal(size=(B, H)), rng.normal(size=(B, H))
    mine = ns["step_backward_by_hand"](dh, dc, x_t, h_prev, c_prev, params)
    _, _, cache = lstm.step_forward(x_t, h_prev, c_prev, params)
    theirs = lstm.step_backward(dh, dc, cache)
    for a, b in zip(mine[:3], theirs[:3]):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)
    for key in params:
        np.testing.assert_allclose(mine[3][key], theirs[3][key], rtol=1e-12, atol=1e-14)


def _outputs_text(path):
    texts = []
    for c in _cells(path):
        for out in c.get("outputs", []):
            text = out.get("text", out.get("data", {}).get("text/plain", ""))
            texts.append("".join(text) if isinstance(text, list) else text)
    return "\n".join(texts)


@pytest.mark.parametrize("path", [LESSON_4, LESSON_5], ids=lambda p: p.stem)
def test_numbers_quoted_in_prose_are_printed(path):
    # Every number the prose quotes in backticks (`4.0e-15`, `0.95`) appears in an output.
    printed = _outputs_text(path)
    assert printed, f"{path.name} has no outputs: execute it first"
    quoted = [q for c in _cells(path) if c["cell_type"] == "markdown"
              for q in re.findall(r"`(-?\d+\.\d+(?:e[+-]\d+)?)`", _source(c))]
    for number in quoted:
        assert number in printed, f"{path.name} quotes {number} but never prints it"
    if path == LESSON_5:
        assert len(quoted) >= 6


@pytest.mark.parametrize("path, exercise", [(LESSON_4, "exercises/04_from_cell_to_network.ipynb"),
                                            (LESSON_5, "exercises/05_backprop_through_time.ipynb")],
                         ids=["lesson4", "lesson5"])
def test_lesson_structure(path, exercise):
    cells = _cells(path)
    text = "\n".join(_source(c) for c in cells if c["cell_type"] == "markdown")
    assert "What you will learn" in text and "## Summary" in text and exercise in text
    for before, c in zip(cells, cells[1:]):
        if c["cell_type"] == "code":
            assert before["cell_type"] == "markdown", f"{path.name}: a code cell without a sentence before it"
    assert json.loads(path.read_text())["metadata"]["kernelspec"]["name"] == "python3"


def test_network_drawings():
    params = lstm.init_params(3, 2)
    fig = network.draw_gate_blocks(params)
    assert isinstance(fig, matplotlib.figure.Figure)
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert any("z_i" in s for s in labels) and any("z_o" in s for s in labels)
    assert isinstance(network.draw_stacked_layers(3, 2), matplotlib.figure.Figure)
    with pytest.raises(ValueError):
        network.draw_gate_blocks({"W_ih": np.zeros((8, 3)), "W_hh": np.zeros((8, 3)),
                                  "b_ih": np.zeros(8), "b_hh": np.zeros(8)})
    with pytest.raises(ValueError, match="layers"):
        network.draw_stacked_layers(3, 0)


def test_bptt_drawings():
    fig = bptt.plot_gradient_flow({"a": np.logspace(-5, 0, 11), "b": np.ones(11)}, title="t")
    assert len(fig.axes[0].get_lines()) >= 2 and fig.axes[0].get_yscale() == "log"
    assert isinstance(bptt.draw_backward_paths(3), matplotlib.figure.Figure)
    with pytest.raises(ValueError, match="one length"):
        bptt.plot_gradient_flow({"a": np.ones(3), "b": np.ones(4)})
    with pytest.raises(ValueError, match="non-empty"):
        bptt.plot_gradient_flow({})
    with pytest.raises(ValueError, match="steps"):
        bptt.draw_backward_paths(1)
