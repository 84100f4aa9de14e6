"""The text through a cell's eyes (HTML without JavaScript, the static image), the
saturation scatter, and the explorer that picks the cell and the quantity."""
import html
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lstm_course import cell_analysis as ca
from lstm_course import text as tx
from lstm_course.model import init_model
from lstm_course.plots import text_cells as tc
from lstm_course.widgets.text_cells import text_cell_explorer

TEXT = "MACBETH.\nIs this a dagger <which> I see & \"before\" me?\n"


@pytest.fixture(scope="module")
def cells():
    vocab = tx.build_vocab(TEXT)
    return ca.run_cells(init_model(len(vocab), 5, len(vocab), seed=1), TEXT, vocab)


def _spans(page):
    return re.findall(r'<span style="background-color:(#[0-9a-f]{6})" title="([^"]*)">(.*?)</span>', page)


def test_passage_html_is_inline_styled_and_escaped(cells):
    page = tc.passage_html(TEXT, cells["c"][:, 2], "c", 2)
    assert "<script" not in page.lower() and "<style" not in page.lower()
    assert not re.search(r"\son\w+=", page)                # no event handlers: nothing needs JavaScript
    spans = _spans(page)
    assert len(spans) == len(TEXT)                          # one coloured span per character
    shown = "".join(html.unescape(s[2]) for s in spans)
    assert shown == TEXT.replace("\n", tc.NEWLINE)
    assert page.count("<br>") == TEXT.count("\n")
    for escaped in (">&lt;</span>", ">&gt;</span>", ">&amp;</span>", ">&quot;</span>"):
        assert escaped in page
    c = cells["c"][:, 2]
    scale = np.abs(c).max()
    for (colour, title, _), v in zip(spans, c / scale):
        assert title == f"c[2] / {scale:.3g} = {v:.2f}"
    assert [s[0] for s in spans] == tc.colours(cells["c"][:, 2], "c")


def test_colours_follow_the_value():
    assert tc.colours(np.array([0.0]), "h")[0] in ("#ffffff", "#fffefe")     # white, to rounding
    assert tc.colours(np.array([-1.0, 1.0]), "h") == ["#2166ac", "#b2182b"]
    assert tc.colours(np.array([0.0]), "f") == ["#ffffff"]
    assert tc.colours(np.array([1.0]), "f") == ["#009e73"]      # the forget gate's colour, open
    assert tc.colours(np.array([50.0, -25.0]), "c") == tc.colours(np.array([1.0, -0.5]), "h")   # c / max|c|
    with pytest.raises(ValueError):
        tc.passage_html("ab", np.zeros(3))


def test_plot_passage_holds_the_values_and_the_characters(cells):
    values = cells["f"][:, 1]
    fig = tc.plot_passage(TEXT, values, "f", 1)
    ax = fig.axes[0]
    grid = ax.images[0].get_array()
    lines = TEXT.split("\n")
    np.testing.assert_allclose(grid[0, :len(lines[0]) + 1], values[:len(lines[0]) + 1])
    assert np.ma.is_masked(grid[0, len(lines[0]) + 1]) or np.isnan(grid[0, len(lines[0]) + 1])
    assert ax.images[0].get_clim() == (0.0, 1.0)
    texts = [t.get_text() for t in ax.texts]
    assert texts.count(tc.NEWLINE) == TEXT.count("\n")
    assert "".join(texts).replace(tc.NEWLINE, "") == TEXT.replace("\n", "").replace(" ", "")
    assert "cell 1, forget gate" in ax.get_title()
    fig_c = tc.plot_passage(TEXT, cells["c"][:, 0], "c", 0, width=10)
    assert fig_c.axes[0].images[0].get_array().shape[1] == 10     # long lines wrap
    assert fig_c.axes[0].images[0].get_clim() == (-1.0, 1.0)
    plt.close("all")


def test_plot_saturation_shows_trained_and_untrained(cells):
    trained = ca.saturation(cells)
    untrained = {g: (np.zeros(5), np.zeros(5)) for g in ca.GATES}
    fig = tc.plot_saturation(trained, untrained)
    assert [ax.get_title() for ax in fig.axes] == ["input gate", "forget gate", "output gate"]
    for ax, g in zip(fig.axes, ca.GATES):
        grey, coloured = ax.collections
        np.testing.assert_array_equal(coloured.get_offsets(), np.column_stack(trained[g]))
        np.testing.assert_array_equal(grey.get_offsets(), np.column_stack(untrained[g]))
        assert "left-saturated (< 0.1)" in ax.get_xlabel()
    assert "right-saturated (> 0.9)" in fig.axes[0].get_ylabel()
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["untrained (initialisation)", "trained"]
    plt.close("all")


def test_explorer_picks_cell_and_quantity(cells):
    w = text_cell_explorer(cells, TEXT, cell=2, quantity="c")
    assert w.state["cell"] == 2 and w.state["quantity"] == "c"
    np.testing.assert_array_equal(w.state["values"], cells["c"][:, 2])
    assert w.view.value == tc.passage_html(TEXT, cells["c"][:, 2], "c", 2)
    w.select(cell=4, quantity="o")
    assert w.state["cell"] == 4 and w.state["quantity"] == "o"
    assert w.view.value == tc.passage_html(TEXT, cells["o"][:, 4], "o", 4)
    w.quantity_picker.value = "i"                     # the control itself, as a learner clicks it
    np.testing.assert_array_equal(w.state["values"], cells["i"][:, 4])
    bundle = w._repr_mimebundle_()
    assert "Text-cell explorer" in bundle["text/plain"]
    assert bundle["text/html"] == tc.passage_html(TEXT, cells["c"][:, 2], "c", 2)   # the static fallback
    assert set(w.quantity_picker.options) == {("c", "c"), ("h", "h"), ("i", "i"), ("f", "f"), ("o", "o")}
    for bad in (dict(cell=5), dict(cell=-1), dict(cell=1.5), dict(quantity="z")):
        with pytest.raises(ValueError):
            text_cell_explorer(cells, TEXT, **bad)
    with pytest.raises(ValueError):
        text_cell_explorer(cells, TEXT[:-1])


def test_the_loss_curve_against_the_ngram_draws_what_it_is_given():
    # Lesson 10's curve (plots.versus_ngrams): numbers in, the same numbers drawn, labels that say which is which.
    from lstm_course.plots.versus_ngrams import plot_loss_vs_seconds
    seconds, loss = [10.0, 20.0, 30.0], [2.0, 1.6, 1.5]
    fig = plot_loss_vs_seconds(seconds, loss, 1.45, "5-gram, kneser-ney", stream=(30.0, 1.4), budget=60)
    ax = fig.axes[0]
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    curve = lines["LSTM during training: validation in streams from zero memory (keep-best's measure)"]
    assert list(curve.get_xdata()) == seconds and list(curve.get_ydata()) == loss
    star = lines["LSTM, kept parameters: validation read as one stream, 1.4000"]
    assert (list(star.get_xdata()), list(star.get_ydata())) == ([30.0], [1.4])
    assert list(lines["best n-gram on validation (5-gram, kneser-ney): 1.4500"].get_ydata()) == [1.45, 1.45]
    assert list(lines["time budget: 60 s"].get_xdata()) == [60, 60]
    assert ax.get_xlim()[1] >= 60
    plt.close(fig)
    fig = plot_loss_vs_seconds(seconds, loss, 1.45, "5-gram")           # no star, no budget line
    assert len(fig.axes[0].get_lines()) == 2
    plt.close(fig)
    with pytest.raises(ValueError, match=r"\(3,\) and \(2,\)"):
        plot_loss_vs_seconds(seconds, loss[:2], 1.45, "5-gram")
