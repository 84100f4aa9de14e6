"""Pictures for training (lessons 6-7): loss curves, gradient reach, the gates at work.

Each function draws into ``ax`` (or ``axes``) when given, and returns the matplotlib
Figure. They only draw: the numbers come from the training results and the
numerics (``training``, ``model``, ``lstm``), never recomputed here.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.transforms import blended_transform_factory

from ..adding import PLATEAU_MSE
from ..diagram import cjk_font
from ..palette import GATE_COLOURS


def _bilingual(english, chinese):
    """(label, font): the Chinese term is added only when a CJK font is installed."""
    font = cjk_font()
    return (f"{english} ({chinese})", font) if font is not None else (english, None)


def legend_outside(ax, where="above", ncol=2):
    """A legend outside the axes, so it never covers a line: "above" (in a row or two over
    the plot; for axes without a title) or "right" (beside the plot)."""
    if where == "above":
        return ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), ncol=ncol, fontsize=8,
                         frameon=False, borderaxespad=0)
    return ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, borderaxespad=0)


def _axes(ax, figsize):
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
        return fig, ax
    return ax.figure, ax


def plot_adding_sequence(x, marks, target, *, ax=None):
    """One adding-problem sequence: the values over time, the two marked ones in red,
    and the target 0.5 + (X1 + X2) / 4 in the title. x (T, 2); marks, the two steps."""
    x = np.asarray(x, dtype=float)
    fig, ax = _axes(ax, (8, 2.6))
    ax.plot(np.arange(len(x)), x[:, 0], ".-", color="tab:blue", lw=0.8, ms=3, label="value (first input)")
    ax.bar(marks, x[marks, 0], color="tab:red", width=1.2, label="marker = 1 (second input)")
    ax.axhline(0, color="black", lw=0.5)
    ax.set_xlabel("time step")
    ax.set_title(f"X1 = {x[marks[0], 0]:.3f}, X2 = {x[marks[1], 0]:.3f}: "
                 f"target 0.5 + (X1 + X2)/4 = {float(np.ravel(target)[0]):.3f}", fontsize=10)
    legend_outside(ax, "right")
    fig.tight_layout()
    return fig


def plot_adding_losses(runs, *, ax=None, smooth=20):
    """Training loss (log scale) against training sequences seen, one line per run.

    runs: dict label -> a result of ``training.train_adding`` (or its saved JSON), using
    history["sequences"], history["loss"] and solved_at (a dotted line where solved).
    smooth: a running mean over this many logged points, so the trend shows through
    the noise of single batches. The plateau, always answering 0.5, is drawn dashed.
    """
    fig, ax = _axes(ax, (7.5, 4))
    for label, run in runs.items():
        seqs, loss = np.asarray(run["history"]["sequences"]), np.asarray(run["history"]["loss"])
        k = max(1, min(smooth, len(loss)))
        trend = np.convolve(loss, np.ones(k) / k, mode="valid")
        line, = ax.plot(seqs[k - 1:], trend, label=label)
        if run.get("solved_at"):
            ax.axvline(run["solved_at"], color=line.get_color(), ls=":", lw=1.5)
            ax.text(run["solved_at"], 0.97, f"solved at {run['solved_at']:,} ", color=line.get_color(),
                    fontsize=8, rotation=90, va="top", ha="right",
                    transform=blended_transform_factory(ax.transData, ax.transAxes))
    ax.axhline(PLATEAU_MSE, color="grey", ls="--", lw=1)
    ax.text(ax.get_xlim()[1], PLATEAU_MSE, " plateau:\n always 0.5", va="center", fontsize=8, color="grey")
    ax.set_yscale("log")
    ax.set_xlabel("training sequences seen")
    ax.set_ylabel("mean squared error (running mean)")
    legend_outside(ax, "above")
    fig.tight_layout()
    return fig


def plot_gradient_reach(curves, *, ax=None):
    """How much the output hears from each earlier step (log scale), one line per model.

    curves: dict label -> array (T,), e.g. ``model.input_sensitivity`` of each model.
    Each curve is divided by its value at the last step, so 1 means "as loud as now".
    """
    fig, ax = _axes(ax, (7, 3.5))
    for label, s in curves.items():
        s = np.asarray(s, dtype=float)
        ax.plot(np.arange(1, len(s) + 1), s / s[-1], label=label)
    ax.set_yscale("log")
    ax.set_xlabel("input step t")
    ax.set_ylabel("|dy/dx_t| relative to the last step")
    legend_outside(ax, "above")
    fig.tight_layout()
    return fig


def plot_gates_over_sequence(x, gates, cs, marks, *, units, axes=None):
    """One adding-problem sequence as the trained LSTM reads it.

    Inputs: x (T, 2) values and markers; gates (T, 4H) post-activation (i, f, g, o) and
    cs (T, H), the memory after each step (e.g. from the cache of ``lstm.forward``);
    marks, the two marked steps; units, the memory cells to draw as lines.
    Panels: the inputs; the input gate of every cell (heat map); the forget gate of
    every cell (heat map); the memory c of the chosen cells.
    """
    x, gates, cs = (np.asarray(a, dtype=float) for a in (x, gates, cs))
    T, H = cs.shape
    if axes is None:   # constrained layout: the colour bar narrows all panels alike, x stays aligned
        fig, axes = plt.subplots(4, 1, figsize=(8, 8.5), sharex=True, layout="constrained",
                                 gridspec_kw={"height_ratios": [1, 1.4, 1.4, 1.3]})
    fig = axes[0].figure
    steps = np.arange(T)
    axes[0].plot(steps, x[:, 0], color="tab:blue", lw=1, label="value")
    axes[0].bar(marks, x[marks, 0], color="tab:red", width=1.5, label="marked values X1, X2")
    axes[0].set_ylabel("input")
    legend_outside(axes[0], "above")
    for ax, block, (name, font) in ((axes[1], 0, _bilingual("input gate i", "输入门")),
                                    (axes[2], 1, _bilingual("forget gate f", "遗忘门"))):
        image = ax.imshow(gates[:, block * H:(block + 1) * H].T, aspect="auto", cmap="viridis",
                          vmin=0, vmax=1, interpolation="nearest", extent=(-0.5, T - 0.5, H - 0.5, -0.5))
        ax.set_ylabel(f"{name}\ncell", fontproperties=font, color=GATE_COLOURS["ifgo"[block]])
    fig.colorbar(image, ax=list(axes), shrink=0.4, pad=0.01, label="gate opening")
    for u in units:
        axes[3].plot(steps, cs[:, u], label=f"cell {u}")
    label, font = _bilingual("memory c", "记忆")
    axes[3].set_ylabel(label, fontproperties=font)
    legend_outside(axes[3], "right")
    for ax in axes:
        for m in marks:
            ax.axvline(m, color="tab:red", ls=":", lw=1)
    axes[3].set_xlabel("time step")
    return fig


def plot_char_losses(history, unigram_loss, uniform_loss, *, ax=None, smooth=20):
    """Character model: training loss (running mean) and validation loss per step,
    against the two baselines: uniform guessing (ln V) and character frequencies."""
    fig, ax = _axes(ax, (7, 3.8))
    loss = np.asarray(history["train_loss"])
    k = max(1, min(smooth, len(loss)))
    ax.plot(np.asarray(history["step"])[k - 1:], np.convolve(loss, np.ones(k) / k, mode="valid"),
            label="training loss (running mean)")
    ax.plot(history["eval_step"], history["val_loss"], "o-", label="validation loss")
    ax.axhline(unigram_loss, color="tab:red", ls="--", label=f"unigram baseline {unigram_loss:.3f}")
    ax.axhline(uniform_loss, color="grey", ls=":", label=f"uniform guess ln V = {uniform_loss:.3f}")
    ax.set_xlabel("training step")
    ax.set_ylabel("cross-entropy (nats per character)")
    legend_outside(ax, "above")
    fig.tight_layout()
    return fig
