"""The memory-cell drawing: the numbers it writes are the cell's, gates fill by opening."""
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation

from lstm_course import diagram
from lstm_course.activations import identity
from lstm_course.cell import memory_cell, memory_cell_values
from lstm_course.diagram import draw_cell


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts] + \
           [ax.get_title() for ax in fig.axes]


def formulas(fig):
    """{formula: " = number"} for every number written after a formula on the drawing."""
    return {t.xycoords.get_text(): t.get_text() for ax in fig.axes for t in ax.texts
            if isinstance(t, Annotation)}


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


def test_bare_diagram_names_every_part():
    fig = draw_quietly(title="The memory cell")
    assert isinstance(fig, Figure)
    shown = " ".join(texts(fig))
    for part in ("input gate", "forget gate", "output gate", "memory c", "g", "h", "tanh"):
        assert part in shown
    # no numbers at all on the bare drawing
    assert not any(ch.isdigit() for ch in shown.replace("z_", "").replace("$", ""))


def test_values_are_written_from_the_cell():
    args = (0.5, 2.0, -1.0, 0.3, 1.5)
    values = memory_cell_values(*args)
    c_new, a = memory_cell(*args)
    shown = formulas(draw_quietly(values=values))
    assert shown["$a$"] == f" = {float(a):.2f}"
    assert shown["$c'$"] == f" = {float(c_new):.2f}"
    for formula, key in (("$f(z_i)$", "gate_i"), ("$f(z_f)$", "gate_f"), ("$f(z_o)$", "gate_o"),
                         ("$c\\,f(z_f)$", "kept"), ("$g(z)\\,f(z_i)$", "written"),
                         ("$h(c')$", "h_c"), ("$g(z)$", "g_z"), ("$z$", "z"), ("$c$", "c")):
        assert shown[formula] == f" = {float(values[key]):.2f}", formula


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
