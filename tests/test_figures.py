"""Every lesson figure's content: what is drawn (lines, their data, labels, titles, images),
not pixels. Strict nbval never compares images, so this is where the figures are checked.

The inputs are the lessons' own: each lesson's code cells run here, in order, in one
namespace (with the notebook folder as working directory, as in Jupyter), and the
figures each cell makes are collected. Cells that need a person or measure live
timings (the explorers, the benchmark and its plots) are not run; the timing plots are
checked on a tiny benchmark run here instead.
"""
import json
import os
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.image import AxesImage
from matplotlib.patches import Circle, Rectangle

from lstm_course import timing
from lstm_course.activations import sigmoid
from lstm_course.adding import PLATEAU_MSE
from lstm_course.diagram import _fmt as diagram_fmt
from lstm_course.plots.bench import plot_times, plot_tokens_per_second

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NOT_RUN = ("explorer(", "run_benchmark(", "plot_times(live", "plot_tokens_per_second(live", "gpu_files")


def _run_lesson(stem):
    """Run the lesson's code cells; returns (namespace, {cell index: [figures]})."""
    cells = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    namespace, figures = {"__name__": "__lesson__"}, {}
    plt.close("all")
    here = os.getcwd()
    os.chdir(NOTEBOOKS)
    try:
        for k, c in enumerate(cells):
            source = "".join(c["source"])
            if c["cell_type"] != "code" or any(s in source for s in NOT_RUN):
                continue
            before = set(plt.get_fignums())
            exec(compile(source, f"<{stem} cell {k}>", "exec"), namespace)
            new = [plt.figure(n) for n in plt.get_fignums() if n not in before]
            if new:
                figures[k] = new
    finally:
        os.chdir(here)
    return namespace, figures


@pytest.fixture(scope="module")
def lessons():
    done = {}

    def get(stem):
        if stem not in done:
            done[stem] = _run_lesson(stem)
        return done[stem]
    yield get
    plt.close("all")


def _texts(ax):
    return [t.get_text() for t in ax.texts]


def _lines(ax):
    """Lines with a label of their own (not matplotlib's _child lines), by label."""
    return {ln.get_label(): ln for ln in ax.get_lines() if not ln.get_label().startswith("_")}


def _legend(ax):
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


def _only(figures, k):
    assert len(figures[k]) == 1, f"cell {k} should draw one figure"
    return figures[k][0]


def _figure_count(stem):
    cells = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    return [k for k, c in enumerate(cells) if c["cell_type"] == "code"
            and any("image/png" in o.get("data", {}) for o in c.get("outputs", []))]


# --- every figure of a lesson is checked below --------------------------------------------

CHECKED = {
    "01_why_memory_needs_gates": [4, 12, 24],
    "02_memory_cell_and_gates": [4, 6, 22, 26, 29],
    "03_memory_machine": [12, 14, 22, 31],
    "04_from_cell_to_network": [13, 21],
    "05_backprop_through_time": [15, 21],
    "06_training_adding_problem": [5, 13, 19, 25, 29, 34],
    "07_character_model": [19],
    "08_pytorch_and_gpu": [4, 24, 26, 28],
}
EXPLORERS = {("02_memory_cell_and_gates", 29), ("03_memory_machine", 31), ("06_training_adding_problem", 34)}


@pytest.mark.parametrize("stem", sorted(CHECKED))
def test_every_figure_cell_is_checked_here(stem):
    # A new figure in a lesson must get its own test (explorers are checked in the browser test).
    assert _figure_count(stem) == CHECKED[stem], f"{stem}: figure cells changed; add their tests here"


# --- lesson 1 ---------------------------------------------------------------------------

def test_lesson1_figures(lessons):
    ns, figs = lessons("01_why_memory_needs_gates")
    chain = _only(figs, 4).axes[0]
    assert sum(isinstance(p, Circle) for p in chain.patches) == 5
    texts = _texts(chain)
    assert [t for t in texts if re.fullmatch(r"\$c_\S+\$", t)] == ["$c_{0}$", "$c_{1}$", "$c_{2}$", "$c_{3}$", "$c_T$"]
    assert texts.count("× w") == 3 and texts.count("…") == 1
    assert any("dc_T/dc_0" in t for t in texts)

    value, grad = _only(figs, 12).axes
    assert (value.get_title(), grad.get_title()) == ("The stored value", "Its gradient")
    for ax, of_w in ((value, lambda w: 3.0 * w ** np.arange(51)), (grad, lambda w: w ** np.arange(51))):
        lines = _lines(ax)
        assert list(lines) == [f"w = {w}" for w in ns["weights"]] == _legend(ax)
        assert ax.get_yscale() == "log"
        for w in ns["weights"]:
            np.testing.assert_array_equal(lines[f"w = {w}"].get_xdata(), np.arange(51))
            np.testing.assert_allclose(lines[f"w = {w}"].get_ydata(), of_w(w), rtol=1e-12)
    assert value.get_ylabel() == "|stored value c_t| (log scale)"
    np.testing.assert_allclose(_lines(value)["w = 0.5"].get_ydata()[-1], 2.66e-15, rtol=1e-2)  # as printed

    ax = _only(figs, 24).axes[0]
    lines = _lines(ax)
    assert list(lines) == ["gain 0.5", "gain 1.0", "gain 2.0", "gain 3.0"]
    assert ax.get_xlabel() == "steps back t (the sequence length)" and "64-unit tanh RNN" in ax.get_title()
    for label, sizes in ns["sizes"].items():
        np.testing.assert_array_equal(lines[label].get_ydata(), sizes)
    np.testing.assert_allclose(lines["gain 0.5"].get_ydata()[[1, 50]], [0.0514, 2.73e-16], rtol=1e-2)
    np.testing.assert_allclose(lines["gain 3.0"].get_ydata()[[1, 50]], [0.29, 5.34e05], rtol=1e-2)


# --- lessons 2 and 3: the cell diagram, the sigmoid, the memory machine --------------------

def _gate_fill_heights(ax):
    """The gates' water levels: the diagram's only plain Rectangles, bottom to top order aside."""
    return sorted(p.get_height() / 0.8 for p in ax.patches if type(p) is Rectangle)


def _check_cell_diagram(ax, values, title):
    texts = _texts(ax)
    assert ax.get_title() == title
    for name in ("input gate", "forget gate", "output gate", "memory c"):
        assert name in texts
    if values is None:
        assert _gate_fill_heights(ax) == [] and not any(t.startswith("c' =") for t in texts)
        return
    assert f"c' = {diagram_fmt(values['c_new'])}" in texts
    expected = sorted(min(max(float(values[k]), 0.0), 1.0) for k in ("gate_i", "gate_f", "gate_o"))
    np.testing.assert_allclose(_gate_fill_heights(ax), expected, atol=1e-12)
    joined = " ".join(texts)
    for key in ("z", "g_z", "written", "kept", "h_c", "a"):
        assert diagram_fmt(values[key]) in joined, key


def _check_sigmoid(ax, marks):
    curve = _lines(ax)["f(z) = sigmoid(z)"]
    z = curve.get_xdata()
    assert (z.min(), z.max()) == (-12.0, 12.0)
    np.testing.assert_allclose(curve.get_ydata(), sigmoid(z), rtol=1e-12)
    points = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    assert [float(p.get_xdata()[0]) for p in points] == list(marks)
    np.testing.assert_allclose([p.get_ydata()[0] for p in points], sigmoid(np.array(marks)), rtol=1e-12)
    assert [t for t in _texts(ax) if t.startswith("f(")] == [f"f({m:g}) = {float(sigmoid(m)):.5g}" for m in marks]
    assert ax.get_title() == "The sigmoid: a soft switch" and ax.get_xlabel() == "gate signal z"


def test_lesson2_figures(lessons):
    ns, figs = lessons("02_memory_cell_and_gates")
    _check_cell_diagram(_only(figs, 4).axes[0], None, "The LSTM memory cell")
    _check_sigmoid(_only(figs, 6).axes[0], (-4.0, 0.0, 4.0))
    _check_cell_diagram(_only(figs, 22).axes[0], ns["values"], "z = 2, z_i = 3, z_f = -1, z_o = 0.5, c = 1.5")
    axes = _only(figs, 26).axes
    assert len(axes) == 4 == len(ns["runs"])
    for ax, (name, v) in zip(axes, ns["runs"].items()):
        _check_cell_diagram(ax, v, name)


def test_lesson3_figures(lessons):
    ns, figs = lessons("03_memory_machine")
    _check_sigmoid(_only(figs, 12).axes[0], (-10.0, 0.0, 10.0))
    ax = _only(figs, 14).axes[0]
    _check_cell_diagram(ax, ns["step2"], "Step 2: x = (3, 1, 0), 'add 3'")
    assert _texts(ax).count("identity") == 2 and "tanh" not in _texts(ax)

    trace = ns["trace"]
    gates_ax, values_ax = _only(figs, 22).axes
    (image,) = gates_ax.images
    np.testing.assert_array_equal(image.get_array(), [trace["gate_i"], trace["gate_f"], trace["gate_o"]])
    assert [t.get_text() for t in gates_ax.get_yticklabels()] == [
        "input gate f(z_i)", "forget gate f(z_f)", "output gate f(z_o)"]
    lines = _lines(values_ax)
    T = len(trace["a"])
    np.testing.assert_array_equal(lines["memory before, c"].get_ydata(), trace["c_before"])
    np.testing.assert_array_equal(lines["memory after, c'"].get_ydata(), trace["c_after"])
    np.testing.assert_array_equal(lines["memory after, c'"].get_xdata(), np.arange(1, T + 1))
    np.testing.assert_allclose([b.get_height() for b in values_ax.containers[0]], trace["a"])
    assert values_ax.get_xlabel() == "time step (x1, x2, x3)"
    assert _legend(values_ax) == ["memory before, c", "memory after, c'", "output a"]


# --- lessons 4 and 5 --------------------------------------------------------------------

def test_lesson4_figures(lessons):
    ns, figs = lessons("04_from_cell_to_network")
    params = ns["params"]
    H, D = params["W_hh"].shape[1], params["W_ih"].shape[1]
    fig = _only(figs, 13)
    ax = fig.axes[0]
    np.testing.assert_array_equal(ax.images[0].get_array(), np.concatenate([params["W_ih"], params["W_hh"]], axis=1))
    texts = _texts(ax)
    for gate, signal, name in (("i", "z_i", "input gate"), ("f", "z_f", "forget gate"),
                               ("g", "z", "cell input"), ("o", "z_o", "output gate")):
        assert f" {gate} = ${signal}$\n {name}" in texts
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"W_ih\n({4 * H} x {D})", f"W_hh\n({4 * H} x {H})"]

    ax = _only(figs, 21).axes[0]
    boxes = sorted(t for t in _texts(ax) if t.startswith("layer"))
    assert boxes == sorted(f"layer {k}\nstep {t}" for k in range(2) for t in range(1, 5))
    assert [t for t in _texts(ax) if t.startswith("$x_")] == [f"$x_{t}$" for t in range(1, 5)]
    assert [t for t in _texts(ax) if t.startswith("$h_") and "c_0" not in t] == [f"$h_{t}$" for t in range(1, 5)]


def test_lesson5_figures(lessons):
    ns, figs = lessons("05_backprop_through_time")
    ax = _only(figs, 15).axes[0]
    texts = _texts(ax)
    assert [t for t in texts if t.startswith("$h_{")] == ["$h_{t-2}$", "$h_{t-1}$", "$h_{t}$"]
    assert [t for t in texts if t.startswith("$c_{")] == ["$c_{t-2}$", "$c_{t-1}$", "$c_{t}$"]
    assert _legend(ax) == ["forward", "gradient (backward)"]

    ax = _only(figs, 21).axes[0]
    curves = ns["curves"]
    lines = _lines(ax)
    assert list(lines) == list(curves) == _legend(ax) and len(curves) == 4
    assert ax.get_yscale() == "log" and ax.get_title() == "How much of the last step's gradient reaches step t"
    for label, norms in curves.items():
        np.testing.assert_array_equal(lines[label].get_xdata(), np.arange(61))
        np.testing.assert_array_equal(lines[label].get_ydata(), norms)
    # the values the lesson's prose quotes from its table
    np.testing.assert_allclose(lines["plain RNN  |dL/dh_t|"].get_ydata()[[60, 0]], [4.0, 4.0e-15], rtol=0.05)
    np.testing.assert_allclose(lines["LSTM, forget bias 3  |dL/dc_t|"].get_ydata()[[60, 0]], [1.0, 0.44], rtol=0.05)


# --- lessons 6 and 7: training --------------------------------------------------------

def test_lesson6_figures(lessons):
    ns, figs = lessons("06_training_adding_problem")
    ax = _only(figs, 5).axes[0]
    x, marks, target = ns["x"][:, 0], ns["marks"][0], ns["target"][0]
    np.testing.assert_array_equal(_lines(ax)["value (first input)"].get_ydata(), x[:, 0])
    np.testing.assert_allclose([b.get_height() for b in ax.containers[0]], x[marks, 0])
    assert ax.get_title().endswith(f"= {float(np.ravel(target)[0]):.3f}")

    ax = _only(figs, 13).axes[0]
    lines = _lines(ax)
    assert list(lines) == list(ns["reach"])
    for label, s in ns["reach"].items():
        np.testing.assert_allclose(lines[label].get_ydata(), s / s[-1], rtol=1e-12)
        assert lines[label].get_xdata()[0] == 1 and lines[label].get_xdata()[-1] == 100

    for k, runs in ((19, {"LSTM (chrono)": ns["lstm_run"], "plain RNN": ns["rnn_run"]}), (25, ns["full"])):
        ax = _only(figs, k).axes[0]
        lines = _lines(ax)
        assert list(lines) == list(runs) == _legend(ax)
        assert ax.get_yscale() == "log"
        plateau = [ln for ln in ax.get_lines() if ln.get_label().startswith("_")
                   and np.allclose(ln.get_ydata(), PLATEAU_MSE)]
        assert len(plateau) == 1
        solved = [t for t in _texts(ax) if t.startswith("solved at")]
        assert solved == [f"solved at {r['solved_at']:,} " for r in runs.values() if r.get("solved_at")]
        for label, run in runs.items():
            loss = np.asarray(run["history"]["loss"])
            n = min(20, len(loss))
            np.testing.assert_allclose(lines[label].get_ydata(), np.convolve(loss, np.ones(n) / n, "valid"))

    fig = _only(figs, 29)
    inputs, i_ax, f_ax, memory = fig.axes[:4]
    gates, cs, H = ns["gates"], ns["cs"], ns["H"]
    np.testing.assert_array_equal(i_ax.images[0].get_array(), gates[:, :H].T)
    np.testing.assert_array_equal(f_ax.images[0].get_array(), gates[:, H:2 * H].T)
    assert i_ax.images[0].get_clim() == (0, 1)
    lines = _lines(memory)
    assert list(lines) == [f"cell {u}" for u in ns["units"]]
    for u in ns["units"]:
        np.testing.assert_array_equal(lines[f"cell {u}"].get_ydata(), cs[:, u])
    assert memory.get_xlabel() == "time step"


def test_lesson7_figure(lessons):
    ns, figs = lessons("07_character_model")
    ax = _only(figs, 19).axes[0]
    history, result = ns["history"], ns["result"]
    lines = _lines(ax)
    val = lines["validation loss"]
    np.testing.assert_array_equal(val.get_xdata(), history["eval_step"])
    np.testing.assert_array_equal(val.get_ydata(), history["val_loss"])
    assert f"unigram baseline {result['unigram_loss']:.3f}" in lines
    assert f"uniform guess ln V = {result['uniform_loss']:.3f}" in lines
    np.testing.assert_allclose(lines[f"unigram baseline {result['unigram_loss']:.3f}"].get_ydata(), result["unigram_loss"])
    assert "training loss (running mean)" in lines
    assert ax.get_ylabel() == "cross-entropy (nats per character)"


# --- lesson 8 -------------------------------------------------------------------------

def test_lesson8_gate_layout(lessons):
    _, figs = lessons("08_pytorch_and_gpu")
    texts = _texts(_only(figs, 4).axes[0])
    for signal, gate in (("z", "cell input"), ("z_i", "input gate"), ("z_f", "forget gate"), ("z_o", "output gate")):
        assert f"{signal}  ({gate})" in texts
    assert [t for t in texts if t.startswith("block")] == [
        "block 2: g,  rows 2H:3H", "block 0: i,  rows 0:H", "block 1: f,  rows H:2H", "block 3: o,  rows 3H:4H"]


def test_lesson8_timing_plots_show_every_row():
    # The lesson plots its live benchmark; here a tiny one, so the rows are known.
    results = timing.run_benchmark([(2, 1, 4), (3, 2, 8)], ("numpy", "nn_cpu"), warmup=1, repeats=1,
                                   max_seconds=1.0, progress=False)
    fig = plot_times(results, title="measured live on this machine (CPU)")
    assert fig._suptitle.get_text() == "measured live on this machine (CPU)"
    for ax, pass_ in zip(fig.axes, timing.PASSES):
        assert ax.get_title() == pass_ and ax.get_xscale() == ax.get_yscale() == "log"
        lines = _lines(ax)
        for impl in ("numpy", "nn_cpu"):
            rows = sorted((r for r in results["rows"] if r["impl"] == impl and r["pass"] == pass_),
                          key=lambda r: r["flops"])
            line = lines[f"{rows[0]['label']} [cpu]"]
            np.testing.assert_array_equal(line.get_xdata(), [r["flops"] for r in rows])
            np.testing.assert_array_equal(line.get_ydata(), [r["median_s"] for r in rows])
    ax = plot_tokens_per_second(results).axes[0]
    assert ax.get_title() == "throughput, forward+backward"
    rows = sorted((r for r in results["rows"] if r["impl"] == "numpy" and r["pass"] == "forward+backward"),
                  key=lambda r: r["flops"])
    np.testing.assert_array_equal(_lines(ax)[f"{rows[0]['label']} [cpu]"].get_ydata(),
                                  [r["tokens_per_s"] for r in rows])
    plt.close("all")


def test_lesson8_gpu_plot_draws_every_committed_row():
    # Cell 28 plots each committed results/bench_gpu*.json; drawn here from the same files.
    files = sorted((NOTEBOOKS.parent / "results").glob("bench_gpu*.json"))
    assert files, "lesson 8's cell 28 shows a GPU figure: its results file must be committed"
    for path in files:
        res = timing.load_results(path)
        fig = plot_times(res, title=path.name)
        for ax, pass_ in zip(fig.axes, timing.PASSES):
            lines = _lines(ax)
            for impl in {r["impl"] for r in res["rows"]}:
                rows = sorted((r for r in res["rows"] if r["impl"] == impl and r["pass"] == pass_),
                              key=lambda r: r["flops"])
                line = lines[f"{rows[0]['label']} [{rows[0]['device']}]"]
                np.testing.assert_array_equal(line.get_ydata(), [r["median_s"] for r in rows])
        plt.close("all")


def test_explorer_cells_are_the_only_figures_not_run_here():
    # The figures left out of the lessons' run above are the explorers (browser test) and
    # lesson 8's live timings (checked on a tiny benchmark above); nothing else.
    left_out = []
    for stem in CHECKED:
        cells = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
        for k in _figure_count(stem):
            if any(s in "".join(cells[k]["source"]) for s in NOT_RUN):
                left_out.append((stem, k))
    assert set(left_out) == EXPLORERS | {("08_pytorch_and_gpu", 24), ("08_pytorch_and_gpu", 26),
                                         ("08_pytorch_and_gpu", 28)}
    assert all(re.search(r"explorer\(", "".join(json.loads((NOTEBOOKS / f"{s}.ipynb").read_text())["cells"][k]["source"]))
               for s, k in EXPLORERS)


# --- lesson 10 ------------------------------------------------------------------------

def test_lesson10_figures(lessons):
    stem = "10_what_the_cells_learned"
    assert _figure_count(stem) == [6, 18, 20, 25, 30], f"{stem}: figure cells changed; add their tests here"
    ns, figs = lessons(stem)

    # the committed run's validation curve against training time, and the best n-gram's bar
    run, meta, best = ns["run"], ns["meta"], ns["best_ngram"]
    ax = _only(figs, 6).axes[0]
    lines = _lines(ax)
    curve = lines["LSTM during training: validation in streams from zero memory (keep-best's measure)"]
    np.testing.assert_array_equal(curve.get_xdata(), run["history"]["eval_seconds"])
    np.testing.assert_array_equal(curve.get_ydata(), run["history"]["val_loss"])
    star = lines[f"LSTM, kept parameters: validation read as one stream, {meta['val_stream_loss']:.4f}"]
    assert list(star.get_ydata()) == [meta["val_stream_loss"]]
    assert list(star.get_xdata()) == [run["history"]["eval_seconds"][run["history"]["eval_step"].index(meta["best_step"])]]
    bar = lines[f"best n-gram on validation (7-gram, kneser-ney): {best['val_loss']:.4f}"]
    assert bar.get_linestyle() == "--" and list(bar.get_ydata()) == [best["val_loss"]] * 2
    assert best == ns["ngrams"]["best"] and best["val_loss"] == min(r["val_loss"] for r in ns["ngrams"]["rows"])
    assert list(lines["time budget: 300 s"].get_xdata()) == [300.0] * 2
    assert meta["val_stream_loss"] < best["val_loss"] < run["history"]["val_loss"][-1]   # what the prose explains
    assert ax.get_xlabel() == "training time (seconds since the start)"
    assert ax.get_ylabel() == "validation loss (nats per character)"
    assert len(_legend(ax)) == 4

    rows, TRACKS = ns["rows"], ns["ca"].TRACKS
    ax = _only(figs, 18).axes[0]
    trained, untrained = ax.containers
    np.testing.assert_allclose([b.get_width() for b in trained], [abs(r["r"]) for r in rows])
    np.testing.assert_allclose([b.get_width() for b in untrained], [abs(r["control_r"]) for r in rows])
    assert [t.get_text() for t in ax.get_yticklabels()] == [r["feature"] for r in rows]
    assert _legend(ax) == [f"tracks: |r| >= {TRACKS}", "trained", "untrained (initialisation)"]

    cells, control, cell, control_cell = ns["cells"], ns["control"], ns["cell"], ns["control_cell"]
    left, right = _only(figs, 20).axes
    np.testing.assert_array_equal(left.get_lines()[0].get_ydata(), cells["c"][:, cell])
    np.testing.assert_array_equal(right.get_lines()[0].get_ydata(), control["c"][:, control_cell])
    np.testing.assert_array_equal(left.get_lines()[0].get_xdata(), ns["features"]["line position"])
    assert left.get_title().startswith(f"trained: cell {cell}, r = ")

    ax = _only(figs, 25).axes[0]
    values = cells["c"][:600, cell]
    grid = ax.images[0].get_array()
    np.testing.assert_allclose(grid[1, 0], values[1] / np.abs(values).max())   # row 1 begins after the first newline
    assert f"cell {cell}, memory c" in ax.get_title()

    fig = _only(figs, 30)
    for ax, g in zip(fig.axes, ("i", "f", "o")):
        grey, coloured = ax.collections
        np.testing.assert_array_equal(coloured.get_offsets(), np.column_stack(ns["sat"][g]))
        np.testing.assert_array_equal(grey.get_offsets(), np.column_stack(ns["sat_control"][g]))
