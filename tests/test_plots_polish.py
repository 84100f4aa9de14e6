"""What the pictures draw, checked from the drawn artists (not pixels): one gate palette,
text large enough in the explorers, value labels clear of lines in the cell diagram,
legends off the data, the network explorer's marks and axis, lesson 5's forget-gate
indices, lesson 6's progress-bar colours and lesson 8's table width."""
import re
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle
from matplotlib.text import Text

from lstm_course import adding, bench, training
from lstm_course.activations import identity
from lstm_course.cell import memory_cell_values
from lstm_course.diagram import draw_cell
from lstm_course.lstm import init_params
from lstm_course.memory_machine import LECTURE_X1, LECTURE_X2, LECTURE_X3, run_memory_machine
from lstm_course.palette import GATE_COLOURS, gate_colour
from lstm_course.plots import bench as bench_plots
from lstm_course.plots import training as tplots
from lstm_course.plots.basics import plot_machine_trace
from lstm_course.plots.bptt import draw_backward_paths
from lstm_course.plots.network import draw_gate_blocks
from lstm_course.timing import IMPLS, PASSES
from lstm_course.widgets import cell_explorer, network_explorer, sequence_explorer
from lstm_course.widgets.view import MIN_TEXT_PX, fmt


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --- helpers: geometry of what is drawn, in display pixels --------------------------------

def _dense(poly, step=0.5):
    poly = np.asarray(poly, float)
    out = [poly[:1]]
    for a, b in zip(poly[:-1], poly[1:]):
        n = max(2, int(np.hypot(*(b - a)) / step) + 1)
        out.append(a + (b - a) * np.linspace(0, 1, n)[:, None])
    return np.concatenate(out)


def line_points(ax):
    """Points (pixels) along every line, arrow and outlined patch drawn in ax."""
    ax.figure.canvas.draw()
    pts = []
    for p in ax.patches:
        if p.get_linewidth() == 0 or p.get_edgecolor()[3] == 0:
            continue
        if isinstance(p, FancyArrowPatch):
            paths, _ = p._get_path_in_displaycoord()
            paths = paths if isinstance(paths, list) else [paths]
            polys = [poly for path in paths for poly in path.to_polygons(closed_only=False)]
        else:
            polys = p.get_path().to_polygons(p.get_transform(), closed_only=False)
        pts += [_dense(poly) for poly in polys]
    for line in ax.lines:
        pts.append(_dense(line.get_transform().transform(line.get_xydata())))
    return np.concatenate(pts)


def gap_px(bbox, pts):
    """The distance (pixels) from a box to the nearest of the points (0 inside)."""
    dx = np.maximum(np.maximum(bbox.x0 - pts[:, 0], pts[:, 0] - bbox.x1), 0)
    dy = np.maximum(np.maximum(bbox.y0 - pts[:, 1], pts[:, 1] - bbox.y1), 0)
    return float(np.hypot(dx, dy).min())


def shown_texts(fig):
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def overlaps(a, b, margin=0.0):
    return (a.x0 - margin < b.x1 and b.x0 < a.x1 + margin
            and a.y0 - margin < b.y1 and b.y0 < a.y1 + margin)


# --- one palette ----------------------------------------------------------------------------

def test_palette_has_four_distinct_gate_colours_and_lookups():
    assert list(GATE_COLOURS) == ["i", "f", "g", "o"]
    assert len({c.lower() for c in GATE_COLOURS.values()}) == 4
    assert gate_colour("z_f") == gate_colour("gate_f") == gate_colour("f") == GATE_COLOURS["f"]
    assert gate_colour("z") == GATE_COLOURS["g"]
    with pytest.raises(ValueError, match="no gate"):
        gate_colour("x")


def test_cell_diagram_gates_in_the_palette():
    ax = draw_cell(memory_cell_values(0.5, 1.0, 2.0, -1.0, 0.3)).axes[0]
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch) and p.get_linewidth() == 2]
    edges = sorted(tuple(np.round(p.get_edgecolor()[:3], 3)) for p in boxes)
    want = sorted(tuple(np.round(plt.matplotlib.colors.to_rgb(GATE_COLOURS[k]), 3)) for k in "ifo")
    assert edges == want
    names = {t.get_text(): t.get_color() for t in ax.texts}
    for key, name in (("i", "input gate"), ("f", "forget gate"), ("o", "output gate")):
        assert same_color(names[name], GATE_COLOURS[key])


def test_lesson4_weight_blocks_in_the_palette():
    fig = draw_gate_blocks(init_params(3, 2, seed=0))
    outlines = [p for p in fig.axes[0].patches if isinstance(p, Rectangle) and not p.get_fill()]
    assert [tuple(p.get_edgecolor()[:3]) for p in outlines] == \
        [plt.matplotlib.colors.to_rgb(GATE_COLOURS[k]) for k in "ifgo"]


def test_lesson8_gate_layout_in_the_palette():
    ax = bench_plots.plot_gate_layout().axes[0]
    for t in ax.texts:
        m = re.match(r"block (\d): (\w)", t.get_text())
        if m:  # the block's box sits under its text, in the block's colour
            box = next(p for p in ax.patches if p.contains_point(
                ax.transData.transform(t.get_position())))
            assert same_color(box.get_facecolor()[:3], GATE_COLOURS[m.group(2)])


def test_memory_machine_strip_and_training_labels_in_the_palette():
    fig = plot_machine_trace(run_memory_machine(LECTURE_X1, LECTURE_X2, LECTURE_X3))
    labels = fig.axes[0].get_yticklabels()
    assert [same_color(lab.get_color(), GATE_COLOURS[k]) for lab, k in zip(labels, "ifo")] == [True] * 3
    T, H = 12, 3
    fig = tplots.plot_gates_over_sequence(np.zeros((T, 2)), np.full((T, 4 * H), 0.5),
                                          np.zeros((T, H)), [2, 7], units=[0])
    assert same_color(fig.axes[1].yaxis.label.get_color(), GATE_COLOURS["i"])
    assert same_color(fig.axes[2].yaxis.label.get_color(), GATE_COLOURS["f"])


def test_network_explorer_curves_in_the_palette():
    ex = network_explorer(init_params(2, 3, seed=0), np.zeros((6, 2)))
    ax = ex.panels[4]
    by_label = {line.get_label(): line.get_color() for line in ax.lines}
    for key, name in (("i", "input gate"), ("f", "forget gate"), ("o", "output gate")):
        assert same_color(by_label[name], GATE_COLOURS[key])


# --- text size in the explorers -----------------------------------------------------------

def _small_texts(fig):
    return [(t.get_text(), round(t.get_fontsize() * fig.dpi / 72, 1)) for t in shown_texts(fig)
            if t.get_fontsize() * fig.dpi / 72 < MIN_TEXT_PX - 1e-9]


def test_explorer_text_is_at_least_10_px():
    cell = cell_explorer(z=1.0, z_i=2.0)
    seq = sequence_explorer()
    net = network_explorer(init_params(2, 4, seed=0), np.random.default_rng(0).normal(size=(30, 2)))
    for fig in (cell._fig, seq._cell_fig, seq._fig, net._fig):
        fig.canvas.draw()
        assert _small_texts(fig) == []
    # shown at their own size, never squeezed
    for image in (cell.image, seq.cell_image, seq.image, net.image):
        assert image.layout.min_width == image.layout.width and image.layout.flex == "0 0 auto"


# --- value labels clear of lines in the cell diagram ----------------------------------------

NODE_SYMBOLS = {"×", "+", "g", "h", "f", "z", "a"}   # letters centred in their own shapes
CASES = [
    (memory_cell_values(1.0, 10.0, 10.0, -10.0, 0.5), {}),
    (memory_cell_values(-2.5, -3.5, 2.0, 1.0, -1.5), {}),
    (memory_cell_values(-3.0, 10.0, 10.0, 10.0, -3.0, g=identity, h=identity),
     {"g_name": "identity", "h_name": "identity", "title": "step t = 9"}),
    (memory_cell_values(-50.0, 10.0, 10.0, 10.0, -49.99, g=identity, h=identity),
     {"g_name": "identity", "h_name": "identity"}),
    (None, {"title": "The LSTM memory cell"}),
]


@pytest.mark.parametrize("values, kw", CASES)
def test_cell_diagram_labels_do_not_touch_lines_or_each_other(values, kw):
    fig = draw_cell(values, **kw)
    fig.set_dpi(80)                       # the explorers' size
    ax = fig.axes[0]
    pts = line_points(ax)
    renderer = fig.canvas.get_renderer()
    texts = [t for t in ax.texts if t.get_text().strip() and t.get_text() not in NODE_SYMBOLS]
    assert sum("=" in t.get_text() for t in texts) >= (9 if values else 0)
    close = {t.get_text(): round(gap_px(t.get_window_extent(renderer), pts), 1) for t in texts
             if gap_px(t.get_window_extent(renderer), pts) < 3.0}
    assert close == {}, "labels within 3 px of a line"
    # and no two labels overlap (a formula and its " = number" are one label)
    joined = {(id(t), id(t.xycoords)) for t in texts if getattr(t, "xycoords", None) in texts}
    boxes = [(t, t.get_window_extent(renderer)) for t in texts]
    for k, (a, ba) in enumerate(boxes):
        for b, bb in boxes[k + 1:]:
            if (id(a), id(b)) in joined or (id(b), id(a)) in joined:
                continue
            assert not overlaps(ba, bb, margin=1.0), (a.get_text(), b.get_text())


# --- the network explorer: marks beside the row, steps as the lesson counts, no "-0.00" ----

def _negative_zero_layer():
    """A layer whose memory dips just below 0 (to about -1e-4) at some steps."""
    params = init_params(1, 2, seed=0)
    for k in params:
        params[k] = np.zeros_like(params[k])
    params["W_ih"][2 * 2:3 * 2, 0] = 1e-3        # cell input g follows x, very weakly
    params["b_ih"][0:2] = 5.0                     # input gate open
    return params, np.array([[-0.2], [0.1], [-0.1], [0.05], [0.0]])


def test_network_explorer_marks_its_unit_beside_the_row_not_over_it():
    params = init_params(2, 5, seed=0)
    ex = network_explorer(params, np.random.default_rng(1).normal(size=(12, 2)))
    ex.unit.value = 3
    heat_axes = ex.panels[:4]
    for ax in heat_axes:
        assert any(isinstance(a, AxesImage) for a in ax.get_children())
        assert not [p for p in ax.patches if isinstance(p, Rectangle)]   # no outline over the row
        marks = [line for line in ax.lines if line.get_marker() in (">", "<")]
        assert len(marks) == 2
        for line in marks:  # beside the picture (axes x outside [0, 1]), at the unit's row
            x, y = line.get_xydata()[0]
            assert (x < 0 or x > 1) and y == 3 and not line.get_clip_on()


def test_network_explorer_counts_steps_from_0_like_the_lesson():
    ex = network_explorer(init_params(2, 3, seed=0), np.zeros((100, 2)))
    assert ex.state["labels"][:3] == ["0", "1", "2"]
    ax = ex.panels[4]
    ticks = [t for t in ax.get_xticks() if -0.5 <= t <= 99.5]
    assert ticks[0] == 0 and len(ticks) <= 13 and all(float(t).is_integer() for t in ticks)
    ex._fig.canvas.draw()
    low, high = ax.get_xlim()
    shown = [lab.get_text() for lab in ax.get_xticklabels()
             if lab.get_text() and low <= lab.get_position()[0] <= high]
    assert shown[0] == "0"
    # named steps keep their names
    named = network_explorer(init_params(2, 3, seed=0), np.zeros((4, 2)), labels=list("ab c"))
    assert [t.get_text() for t in named.panels[4].get_xticklabels()] == ["a", "b", "␣", "c"]


def test_network_explorer_never_shows_negative_zero():
    params, x = _negative_zero_layer()
    ex = network_explorer(params, x)
    tr = ex.state["unit_trace"]
    assert -0.005 < tr["c"].min() < 0                  # a value that formats as "-0.00"
    assert format(tr["c"].min(), ".2f") == "-0.00"
    assert "-0.00" not in ex.readout.value
    ex._fig.canvas.draw()
    labels = [t.get_text() for ax in ex._fig.axes for t in ax.get_yticklabels() + ax.get_xticklabels()]
    assert labels and not [t for t in labels if re.fullmatch(r"[-\u2212]0(\.0+)?", t)]
    assert fmt(-0.004) == "0.00" and fmt(-0.006) == "-0.01" and fmt(0.0) == "0.00"


# --- lesson 5: f_t and f_{t-1} ------------------------------------------------------------

def test_backward_paths_label_each_step_with_its_own_forget_gate():
    ax = draw_backward_paths(steps=3).axes[0]
    boxes = {t.get_text(): t.get_position()[0] for t in ax.texts if t.get_text().startswith("$c_")}
    assert list(boxes) == ["$c_{t-2}$", "$c_{t-1}$", "$c_{t}$"]
    forward = sorted((t.get_position()[0], t.get_text()) for t in ax.texts if "+" in t.get_text()
                     and "f_" in t.get_text())
    backward = sorted((t.get_position()[0], t.get_text()) for t in ax.texts if "only" in t.get_text()
                      and "f_" in t.get_text())
    # the step into c_{t-1} (between c_{t-2} and c_{t-1}) multiplies by f_{t-1}
    for (x, text), into in zip(forward, ("t-1", "t")):
        assert f"f_{{{into}}}" in text and f"i_{{{into}}}" in text
    for (x, text), into in zip(backward, ("t-1", "t")):
        assert f"f_{{{into}}}" in text
    assert boxes["$c_{t-2}$"] < forward[0][0] < boxes["$c_{t-1}$"] < forward[1][0] < boxes["$c_{t}$"]
    assert not [t for t in ax.texts if "f_t" in t.get_text()]   # the old, wrong label


# --- legends off the data (lessons 6 and 7) ----------------------------------------------

def _run(seqs, loss, solved_at=None):
    return {"history": {"sequences": list(seqs), "loss": list(loss)}, "solved_at": solved_at}


def _figures_with_legends():
    rng = np.random.default_rng(0)
    x, target, marks = adding.adding_batch(1, 100, rng)
    seqs = np.arange(1, 401) * 320
    runs = {"LSTM": _run(seqs, np.geomspace(0.2, 1e-4, 400), 60_000),
            "plain RNN": _run(seqs, 0.042 + 0.002 * rng.standard_normal(400) ** 2)}
    T, H = 100, 4
    hist = {"train_loss": list(np.linspace(4, 2, 200)), "step": list(range(1, 201)),
            "eval_step": [50, 100, 150, 200], "val_loss": [3.5, 2.9, 2.5, 2.3]}
    return {
        "plot_adding_sequence": tplots.plot_adding_sequence(x[:, 0], marks[0], target[0]),
        "plot_adding_losses": tplots.plot_adding_losses(runs),
        "plot_gradient_reach": tplots.plot_gradient_reach(
            {"a": np.geomspace(1e-6, 1, 100), "b": np.ones(100)}),
        "plot_gates_over_sequence": tplots.plot_gates_over_sequence(
            x[:, 0], rng.uniform(size=(T, 4 * H)), rng.normal(size=(T, H)), marks[0], units=[0, 1]),
        "plot_char_losses": tplots.plot_char_losses(hist, 3.1, 4.1),
    }


def test_legends_sit_outside_the_data_area():
    for name, fig in _figures_with_legends().items():
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        legends = [(ax, ax.get_legend()) for ax in fig.axes if ax.get_legend() is not None]
        assert legends, name
        for ax, legend in legends:
            assert not overlaps(legend.get_window_extent(renderer), ax.get_window_extent(renderer)), name
            # and inside the figure, not cut off
            fb = fig.bbox
            lb = legend.get_window_extent(renderer)
            assert fb.x0 - 1 <= lb.x0 and lb.x1 <= fb.x1 + 1 and lb.y1 <= fb.y1 + 1, name


# --- lesson 6: the progress bar's colour says how the run ended ---------------------------

@pytest.fixture
def notebook_bars(monkeypatch):
    """train_adding's bars as Jupyter makes them (tqdm.notebook), collected."""
    pytest.importorskip("ipywidgets")
    import tqdm.auto
    import tqdm.notebook
    monkeypatch.setattr(tqdm.auto, "tqdm", tqdm.notebook.tqdm)
    made = []
    original = training.progress_bar

    def keep(*args, **kwargs):
        made.append(original(*args, **kwargs))
        return made[-1]
    monkeypatch.setattr(training, "progress_bar", keep)
    return made


def _style(bar):
    return bar.container.children[1].bar_style


def test_a_run_that_solved_early_ends_green(notebook_bars, monkeypatch):
    calls = {"n": 0}

    def solved_after_three(errors):
        calls["n"] += 1
        return calls["n"] >= 3
    monkeypatch.setattr(adding, "is_solved", solved_after_three)
    run = training.train_adding(length=20, hidden_size=4, batch_size=8, max_sequences=800,
                                progress=True)
    bar = notebook_bars[-1]
    assert run["stopped"] == "solved" and bar.n < bar.total     # closed early ...
    assert _style(bar) == "success" and bar.postfix.endswith("solved")  # ... and green


def test_a_run_that_spent_its_budget_unsolved_ends_red(notebook_bars):
    run = training.train_adding(length=20, hidden_size=4, batch_size=8, max_sequences=80,
                                progress=True)
    bar = notebook_bars[-1]
    assert run["stopped"] == "sequences" and not run["solved"] and bar.n == bar.total  # full ...
    assert _style(bar) == "danger" and bar.postfix.endswith("not solved")         # ... yet red


def test_a_diverged_run_ends_red(notebook_bars):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        run = training.train_adding(length=20, hidden_size=4, batch_size=8, max_sequences=80,
                                    max_loss=1e-9, progress=True)
    assert run["stopped"] == "diverged" and _style(notebook_bars[-1]) == "danger"


# --- lesson 8: the timing table fits JupyterLab's default width ----------------------------

def _fake_results():
    rows = []
    for T, B, H in ((10, 1, 16), (100, 64, 128), (1000, 256, 1024)):
        for impl, (device, label) in IMPLS.items():
            for k, p in enumerate(PASSES):
                t = 1e-5 * (k + 1) * T * (2 if device == "cpu" else 1) * (1 + list(IMPLS).index(impl))
                rows.append({"impl": impl, "label": label, "device": device, "pass": p, "T": T, "B": B,
                             "D": H, "H": H, "flops": 1, "median_s": t, "tokens_per_s": T * B / t,
                             "status": "ok"})
    return {"rows": rows}


def test_timing_table_is_at_most_100_characters_wide():
    table = bench.format_table(_fake_results())
    widths = [len(line) for line in table.splitlines()]
    assert max(widths) <= bench.TABLE_WIDTH == 100
    assert "from scratch, CUDA graph [cuda]" in table and "forward+backward" in table
    row = next(line for line in table.splitlines() if line.startswith("1000  256 1024 numpy"))
    assert re.search(r"\| +\d+\.\d+ ms +[\d.]+[kMG]? +\d+\.\d\dx", row)
