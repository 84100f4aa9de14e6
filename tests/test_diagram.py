"""The memory-cell drawing: the numbers it writes are the cell's, gates fill by opening."""
import warnings
from collections import Counter

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation

from lstm_course import diagram
from lstm_course.activations import identity
from lstm_course.cell import memory_cell_values
from lstm_course.diagram import draw_cell


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts] + \
           [ax.get_title() for ax in fig.axes]


def formulas(fig):
    """{formula: " = number"} for every number written after a formula on the drawing
    (one of the pair is placed beside the other: the number after the formula, or, for a
    label left of its arrow, the formula before the number)."""
    pairs = {}
    for ax in fig.axes:
        for t in ax.texts:
            if isinstance(t, Annotation):
                first, second = (t.xycoords, t) if t.get_text().startswith(" = ") else (t, t.xycoords)
                pairs[first.get_text()] = second.get_text()
    return pairs


def draw_quietly(**kwargs):
    """draw_cell, rendered, with any warning (e.g. "Glyph missing") turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = draw_cell(**kwargs)
        fig.canvas.draw()
    return fig


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def labels(fig):
    """Every text drawn in the cell's axes, with how often it appears."""
    return Counter(t.get_text() for t in fig.axes[0].texts)


def where(fig, text):
    """(x, y) of the one text ``text`` on the drawing."""
    found = [t.get_position() for t in fig.axes[0].texts if t.get_text() == text]
    assert len(found) == 1, (text, found)
    return found[0]


def test_bare_diagram_names_every_part():
    fig = draw_quietly(title="The memory cell")
    assert isinstance(fig, Figure)
    assert fig.axes[0].get_title() == "The memory cell"
    shown = labels(fig)
    expected = {"z": 1, "g": 1, "h": 1, "a": 1, "tanh": 2, "×": 3, "+": 1, "f": 3,   # nodes, the gates' f
                "$z_i$": 1, "$z_f$": 1, "$z_o$": 1, "$f(z_i)$": 1, "$f(z_f)$": 1, "$f(z_o)$": 1,
                "input gate": 1, "forget gate": 1, "output gate": 1, "memory c": 1, "$c$": 1}
    for text, n in expected.items():
        assert shown[text] == n, (text, shown)
    # the signal flows upwards: z -> g -> the input gate's x -> + -> memory -> h -> output x -> a
    assert where(fig, "z")[1] < where(fig, "g")[1] < where(fig, "+")[1] < where(fig, "memory c")[1] \
        < where(fig, "h")[1] < where(fig, "a")[1]
    # no numbers at all on the bare drawing
    assert not any(ch.isdigit() for ch in " ".join(texts(fig)).replace("z_", "").replace("$", ""))


def test_activation_names_sit_beside_their_nodes():
    fig = draw_quietly(g_name="identity", h_name="sigmoid")
    shown = labels(fig)
    assert shown["identity"] == 1 and shown["sigmoid"] == 1 and shown["tanh"] == 0
    for node, name in (("g", "identity"), ("h", "sigmoid")):
        (xn, yn), (xl, yl) = where(fig, node), where(fig, name)
        assert yl == yn and xl < xn, (node, name)          # on the node's row, to its left


def test_values_are_written_from_the_cell():
    values = memory_cell_values(0.5, 2.0, -1.0, 0.3, 1.5)
    shown = formulas(draw_quietly(values=values))
    # worked out by hand: f(2) = 0.8808, f(-1) = 0.2689, f(0.3) = 0.5744, tanh(0.5) = 0.4621;
    # written 0.4621 * 0.8808 = 0.4070, kept 1.5 * 0.2689 = 0.4034, c' = 0.8104,
    # h(c') = tanh(0.8104) = 0.6698, a = 0.6698 * 0.5744 = 0.3848
    expected = {"$z$": "0.50", "$c$": "1.50", "$f(z_i)$": "0.88", "$f(z_f)$": "0.27", "$f(z_o)$": "0.57",
                "$g(z)$": "0.46", "$g(z)\\,f(z_i)$": "0.41", "$c\\,f(z_f)$": "0.40", "$c'$": "0.81",
                "$h(c')$": "0.67", "$a$": "0.38"}
    assert set(shown) == set(expected)
    for formula, number in expected.items():
        assert shown[formula] == f" = {number}", formula
    assert labels(draw_cell(values))["c' = 0.81"] == 1     # and in the memory box


def test_gates_fill_as_far_as_they_are_open():
    values = memory_cell_values(1.0, 3.0, -2.0, 0.0, 0.0)
    fig = draw_cell(values)
    levels = [p for p in fig.axes[0].patches if isinstance(p, Rectangle) and p.get_alpha()]
    heights = sorted(p.get_height() / 0.8 for p in levels)
    expected = sorted(float(values[k]) for k in ("gate_i", "gate_f", "gate_o"))
    np.testing.assert_allclose(heights, expected, rtol=1e-12)


def test_identity_cell_and_given_axes():
    fig, ax = plt.subplots()
    values = memory_cell_values(3, 100, 110, -10, 2.0, g=identity, h=identity)
    out = draw_cell(values, ax=ax, g_name="identity", h_name="identity")
    assert out is fig
    shown = texts(fig)
    assert "identity" in shown and "c' = 5.00" in shown  # 3 * 1 + 2 * 1, in the memory box
    assert formulas(fig)["$a$"] == " = 0.00"  # output gate shut: f(-10) = 4.5e-5


def test_without_a_cjk_font_chinese_is_left_out(monkeypatch):
    monkeypatch.setattr(diagram, "cjk_font", lambda: None)
    shown = "".join(texts(draw_quietly()))
    assert "门" not in shown and "input gate" in shown


def test_with_a_cjk_font_chinese_names_are_drawn():
    if diagram.cjk_font() is None:
        pytest.skip("no CJK font installed (Debian: apt-get install fonts-wqy-microhei)")
    shown = "".join(texts(draw_quietly(title="记忆单元 memory cell")))
    for name in ("输入门", "遗忘门", "输出门"):
        assert name in shown


@pytest.mark.parametrize("bad, match", [
    ({"z": 1.0}, "missing"),
    ([1, 2, 3], "dict"),
])
def test_bad_values_are_refused(bad, match):
    with pytest.raises(ValueError, match=match):
        draw_cell(bad)


def test_a_layer_of_cells_is_refused():
    values = memory_cell_values(np.zeros(3), 0, 0, 0, 0)
    with pytest.raises(ValueError, match="single number"):
        draw_cell(values)


def test_bad_activation_name_is_refused():
    with pytest.raises(ValueError, match="g_name"):
        draw_cell(g_name=np.tanh)
