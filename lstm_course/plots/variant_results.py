"""The variant experiment's results (lesson 9): the saved summaries as plots.

``plot_adding_results`` and ``plot_chars_results`` draw the saved
summaries of ``python -m lstm_course.variant_study`` (results/variants/*.json), a row per
cell (``variant_study.results_table`` prints them). They only draw: the numbers come from
the saved runs, never computed here.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.transforms import blended_transform_factory

from ..adding import PLATEAU_MSE
from ..palette import INK, OUTPUT
from ..variant_study import summary_cells


def _colour(name):
    return OUTPUT if name in ("vanilla", "lstm") else INK


def plot_adding_results(summary, *, axes=None):
    """The adding experiment in three panels, a row per cell: the runs solved; the
    training sequences each run needed (dots; a cross: not solved within the sequences
    shown; a bar: the median over solved runs); the median test MSE (log scale, a dot
    per cell; the plateau of always answering 0.5 dashed)."""
    rows = summary_cells(summary)
    if summary["task"] != "adding":
        raise ValueError(f"plot_adding_results needs the adding summary, got task {summary['task']!r}")
    if axes is None:
        fig, axes = plt.subplots(1, 3, figsize=(12, 0.42 * len(rows) + 1.4), sharey=True)
    fig = axes[0].figure
    y = np.arange(len(rows))
    names = [r["cell"] for r in rows]
    colours = [_colour(n) for n in names]
    axes[0].barh(y, [r["solved"] / r["runs"] for r in rows], color=colours)
    for k, r in enumerate(rows):
        axes[0].text(r["solved"] / r["runs"] + 0.02, k, f"{r['solved']}/{r['runs']}", va="center", fontsize=9)
    axes[0].set_xlim(0, 1.25)
    axes[0].set_title("runs solved", fontsize=10)
    for k, name in enumerate(names):
        runs = [run for run in summary.get("runs", []) if run["cell"] == name]
        solved = [run["solved_at"] for run in runs if run["solved"]]
        failed = [run["sequences"] for run in runs if not run["solved"]]
        axes[1].plot(solved, [k] * len(solved), "o", color=colours[k], ms=5, alpha=0.8,
                     label="a run: solved" if k == 0 else None)
        axes[1].plot(failed, [k] * len(failed), "x", color="grey", ms=6,
                     label="a run: not solved" if k == 0 else None)
        if rows[k]["median_sequences_to_solve"] is not None:
            axes[1].plot([rows[k]["median_sequences_to_solve"]] * 2, [k - 0.35, k + 0.35], color=colours[k], lw=2.5)
    axes[1].set_title("training sequences to solve (bar: median)", fontsize=10)
    axes[1].set_xlim(left=0)
    axes[1].legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.07), ncol=2, frameon=False)
    known = [k for k, r in enumerate(rows) if r["median_test_loss"] is not None]
    axes[2].scatter([rows[k]["median_test_loss"] for k in known], known, c=[colours[k] for k in known],
                    s=36, zorder=3)
    for k, r in enumerate(rows):
        if r.get("diverged"):
            axes[2].text(0.02, k, f"{r['diverged']} of {r['runs']} diverged", va="center", fontsize=8,
                         color="grey", transform=blended_transform_factory(axes[2].transAxes, axes[2].transData))
    axes[2].grid(axis="x", lw=0.5, alpha=0.5)
    axes[2].axvline(PLATEAU_MSE, color="grey", ls="--", lw=1)
    axes[2].text(PLATEAU_MSE, -0.6, "plateau 1/24", ha="right", va="bottom", fontsize=8, color="grey")
    axes[2].set_xscale("log")
    axes[2].set_title("test MSE (median over runs)", fontsize=10)
    axes[0].set_yticks(y, names)
    axes[0].invert_yaxis()
    fig.tight_layout()
    return fig


def plot_chars_results(summary, *, ax=None):
    """The character model: each cell's median test loss (nats per character), a dot
    per cell, labelled with its hidden size and parameter count (matched across cells)."""
    rows = summary_cells(summary)
    if summary["task"] != "chars":
        raise ValueError(f"plot_chars_results needs the chars summary, got task {summary['task']!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 0.38 * len(rows) + 1.2))
    y = np.arange(len(rows))
    known = [k for k, r in enumerate(rows) if r["median_test_loss"] is not None]
    losses = [rows[k]["median_test_loss"] for k in known]
    if not known:
        raise ValueError("no cell of the summary has a test loss (every run diverged)")
    ax.scatter(losses, known, c=[_colour(rows[k]["cell"]) for k in known], s=36, zorder=3)
    span = max(losses) - min(losses)
    ax.set_xlim(min(losses) - 0.1 * span - 0.01, max(losses) + 1.6 * span + 0.05)
    for k, r in enumerate(rows):
        what = (f"{r['median_test_loss']:.3f}" if r["median_test_loss"] is not None
                else f"{r.get('diverged', 0)} of {r['runs']} runs diverged")
        x = r["median_test_loss"] if r["median_test_loss"] is not None else min(losses)
        ax.text(x, k - 0.3, f"  {what}  (H = {r['hidden_size']}, {r['params']:,} parameters)",
                va="center", fontsize=8, color=INK if r["median_test_loss"] is not None else "grey")
    ax.set_yticks(y, [r["cell"] for r in rows])
    ax.invert_yaxis()
    ax.grid(axis="x", lw=0.5, alpha=0.5)
    ax.set_xlabel("test loss, nats per character (lower is better)")
    ax.figure.tight_layout()
    return ax.figure
