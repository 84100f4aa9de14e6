"""Lesson 9's pictures, checked from the drawn artists: each variant's diagram greys out
exactly the parts the cell removes (and nothing else), says what stands in their place,
and the results' table and plots show the numbers of the summary they are given."""
import io

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color
from matplotlib.patches import Patch
from matplotlib.text import Text

from lstm_course.cell import memory_cell_values
from lstm_course.cells import VARIANTS, get_cell
from lstm_course.diagram import PARTS, draw_cell
from lstm_course.palette import GATE_COLOURS
from lstm_course.plots import variants as pv
from lstm_course.variants import janet
from lstm_course.variants.family import FAMILY


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def colour_of(artist):
    """A text's colour, a patch's (or an arrow's) edge colour."""
    return artist.get_color() if isinstance(artist, Text) else artist.get_edgecolor()


def is_grey(artist):
    return same_color(colour_of(artist), pv.GREY)


def texts(ax):
    return [t.get_text() for t in ax.texts]


def png(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


# --- the hook in diagram.py ------------------------------------------------------------

def test_recording_the_parts_changes_nothing_in_the_drawing():
    values = memory_cell_values(0.5, 1.0, 2.0, -1.0, 0.3)
    parts = {}
    fig = draw_cell(values, title="t", parts=parts)
    assert png(draw_cell(values, title="t")) == png(fig)              # lesson 2's figure, byte for byte
    assert set(parts) == set(PARTS) | {"input product", "forget product", "output product"}
    ax = fig.axes[0]
    drawn = {id(a) for a in ax.get_children()}
    assert all(id(a) in drawn for part in parts.values() for a in part)
    names = {p: [a.get_text() for a in parts[p] if isinstance(a, Text)] for p in parts}
    assert "input gate" in names["input gate"] and "$z_i$" in names["input gate"]
    assert names["input product"] == ["×"] and names["forget product"] == ["×"]
    assert "g" in names["input activation"] and "tanh" in names["input activation"]
    assert "output gate" in names["output gate"] and "h" in names["output activation"]


# --- one diagram per variant -------------------------------------------------------------

def test_vanilla_greys_nothing():
    fig = pv.draw_variant(**pv.variant_style(get_cell("vanilla")))
    ax = fig.axes[0]
    assert not any(is_grey(a) for a in ax.get_children() if isinstance(a, (Text, Patch)))
    assert ax.variant_parts == {"notes": [], "peepholes": []}
    assert pv.variant_style(get_cell("lstm")) == pv.variant_style(get_cell("vanilla"))


@pytest.mark.parametrize("name", ["nig", "nfg", "nog", "niaf", "noaf"])
def test_each_ablation_greys_its_part_and_only_it(name):
    cell = FAMILY[name]
    (part,) = cell.removed
    ax = pv.draw_variant(**pv.variant_style(cell)).axes[0]
    greyed = ax.variant_parts[part]
    assert greyed and all(is_grey(a) for a in greyed)
    others = [a for a in ax.get_children() if isinstance(a, (Text, Patch))
              and all(a is not g for g in greyed) and a not in ax.variant_parts["notes"]]
    assert not any(is_grey(a) for a in others)
    assert [n.get_text() for n in ax.variant_parts["notes"]] == [pv.REPLACED_BY[part]]
    gate = part.split()[0][0]   # the removed gate's product multiplies by 1: greyed too
    if part.endswith("gate"):
        assert any(isinstance(a, Text) and a.get_text() == "×" for a in greyed)
        kept = [a for a in others if isinstance(a, Patch) and same_color(a.get_edgecolor(), GATE_COLOURS[gate])]
        assert not kept, f"{part}: its coloured box is still drawn"
    else:   # an activation: drawn as the identity
        assert ("identity" in texts(ax)) and ("tanh" in texts(ax))


def test_cifg_keeps_the_product_and_marks_the_coupling():
    ax = pv.draw_variant(**pv.variant_style(FAMILY["cifg"])).axes[0]
    greyed = ax.variant_parts["input gate"]
    assert all(is_grey(a) for a in greyed) and "$z_i$" in [a.get_text() for a in greyed if isinstance(a, Text)]
    assert not any(isinstance(a, Text) and a.get_text() == "×" for a in greyed)   # still multiplies
    (note,) = ax.variant_parts["notes"]
    assert note.get_text() == "$1 - f(z_f)$" and same_color(note.get_color(), GATE_COLOURS["f"])


def test_peepholes_are_written_on_the_gates():
    ax = pv.draw_variant(**pv.variant_style(FAMILY["peephole"])).axes[0]
    shown = [t.get_text() for t in ax.variant_parts["peepholes"]]
    assert shown[:3] == ["$f(z_i + p_i c)$", "$f(z_f + p_f c)$", "$f(z_o + p_o c')$"]
    assert not any(is_grey(a) for a in ax.get_children() if isinstance(a, (Text, Patch)))
    assert all(same_color(t.get_color(), pv.PEEP) for t in ax.variant_parts["peepholes"])


def test_janet_and_gru_are_drawn_as_their_nearest_lstm():
    for name in ("janet", "gru"):
        style = pv.variant_style(get_cell(name))
        assert set(style["removed"]) == {"output gate", "output activation"} and style["coupled"]
        ax = pv.draw_variant(**style).axes[0]
        assert all(is_grey(a) for a in ax.variant_parts["output gate"] + ax.variant_parts["output activation"])
    assert f"$\\beta$ = {janet.BETA:g}" in pv.variant_style(janet)["note"]
    assert "h' = c'" in janet.equations.replace("  ", " ")        # JANET's output is its memory


def test_the_diagrams_carry_the_cells_numbers():
    values = memory_cell_values(0.5, 1.0, 2.0, -1.0, 0.3)
    ax = pv.draw_variant(("output gate",), values=values).axes[0]
    assert "c' = 0.60" in texts(ax)


def test_grid_has_one_titled_panel_per_cell():
    cells = [get_cell(n) for n in VARIANTS]
    fig = pv.draw_variants(cells, ncols=4)
    shown = [ax for ax in fig.axes if ax.get_visible()]
    assert len(fig.axes) == 12 and len(shown) == len(cells)
    for ax, cell in zip(shown, cells):
        assert ax.get_title().startswith(f"{cell.name}: ")
        assert hasattr(ax, "variant_parts")


def test_notes_are_large_enough_in_an_explorer():
    ax = pv.draw_variant(("input gate",), peepholes=True, note="a note").axes[0]
    assert min(t.get_fontsize() for t in ax.texts) >= 9   # 10 px at the explorers' 80 dpi


@pytest.mark.parametrize("kwargs, match", [
    (dict(removed=("hidden gate",)), "unknown parts"),
    (dict(removed="input gate"), "tuple of part names"),
    (dict(removed=("forget gate",), coupled=True), "cannot be removed"),
])
def test_bad_variants_are_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        pv.draw_variant(**kwargs)
    with pytest.raises(ValueError, match="at least one cell"):
        pv.draw_variants([])


# --- the results -------------------------------------------------------------------------

def summary(task):
    cells = [dict(cell="vanilla", title="v", params=4513, hidden_size=32, runs=2, solved=2, solved_rate=1.0,
                  median_sequences_to_solve=21568, median_seconds=17.25, median_final_loss=0.00012,
                  median_test_loss=0.0002),
             dict(cell="nog", title="n", params=3457, hidden_size=32, runs=2, solved=0, solved_rate=0.0,
                  median_sequences_to_solve=None, median_seconds=30.0, median_final_loss=0.041,
                  median_test_loss=0.0415)]
    runs = [dict(cell="vanilla", seed=s, solved=True, solved_at=a, sequences=a, seconds=17.0, final_loss=1e-4)
            for s, a in ((0, 20000), (1, 23136))] + \
           [dict(cell="nog", seed=s, solved=False, solved_at=None, sequences=40000, seconds=30.0, final_loss=0.04)
            for s in (0, 1)]
    if task == "chars":
        for c in cells:
            for k in ("solved", "solved_rate", "median_sequences_to_solve"):
                c.pop(k)
            c["median_test_loss"] += 2.0
        runs = []
    return {"task": task, "cells": cells, "runs": runs}


def test_results_table_shows_every_cell():
    table = pv.results_table(summary("adding")).splitlines()
    assert table[2].split() == ["vanilla", "4,513", "2/2", "21,568", "17.2", "0.0001", "0.0002", "0"]
    assert table[3].split() == ["nog", "3,457", "0/2", "-", "30.0", "0.0410", "0.0415", "0"]
    s = summary("chars")
    s["cells"][1].update(diverged=2, median_test_loss=None, median_final_loss=None)
    chars = pv.results_table(s).splitlines()
    assert chars[2].split() == ["vanilla", "32", "4,513", "2.000", "17.2", "0.000", "0"]
    assert chars[3].split() == ["nog", "32", "3,457", "-", "30.0", "-", "2"]     # every run diverged
    with pytest.raises(ValueError, match="summary must be"):
        pv.results_table({"task": "adding", "cells": []})


def test_adding_plot_shows_the_summary():
    s = summary("adding")
    solved_ax, seq_ax, test_ax = pv.plot_adding_results(s).axes
    assert [b.get_width() for b in solved_ax.patches] == [1.0, 0.0]
    assert [t.get_text() for t in solved_ax.get_yticklabels()] == ["vanilla", "nog"]
    lines = seq_ax.get_lines()
    np.testing.assert_array_equal(lines[0].get_xdata(), [20000, 23136])       # vanilla's solved runs
    np.testing.assert_array_equal(lines[2].get_xdata(), [21568, 21568])       # its median
    np.testing.assert_array_equal(lines[4].get_xdata(), [40000, 40000])       # nog: not solved
    assert lines[4].get_marker() == "x"
    np.testing.assert_allclose(test_ax.collections[0].get_offsets()[:, 0], [0.0002, 0.0415])
    with pytest.raises(ValueError, match="adding summary"):
        pv.plot_adding_results(summary("chars"))


def test_chars_plot_shows_the_summary():
    ax = pv.plot_chars_results(summary("chars")).axes[0]
    np.testing.assert_allclose(ax.collections[0].get_offsets()[:, 0], [2.0002, 2.0415])
    assert any("H = 32, 4,513 parameters" in t for t in texts(ax))
    s = summary("chars")
    s["cells"][1].update(diverged=2, median_test_loss=None)
    ax = pv.plot_chars_results(s).axes[0]
    np.testing.assert_allclose(ax.collections[0].get_offsets(), [[2.0002, 0]])
    assert any(t.startswith("  2 of 2 runs diverged") for t in texts(ax))
    with pytest.raises(ValueError, match="chars summary"):
        pv.plot_chars_results(summary("adding"))
