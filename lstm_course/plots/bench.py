"""Pictures of the benchmark (lesson 8): time against size, on log-log axes.

The x axis is the work of one forward pass, 2 T B 4H (D + H) floating-point
operations of matrix products, so that sizes growing in T, B and H line up on
one axis. On log-log axes a line of slope 1 means "time grows with the work"
(the arithmetic dominates); a flat line means a fixed cost per step dominates
(Python, kernel launches): where the GPU starts is flat, and where it pays off
is where the CPU lines have climbed above it.
"""
import matplotlib.pyplot as plt
import numpy as np

from ..palette import GATE_COLOURS

STYLE = {  # impl: (colour, marker); GPU lines are dashed
    "numpy": ("tab:blue", "o"),
    "scratch_cpu": ("tab:orange", "s"),
    "nn_cpu": ("tab:green", "^"),
    "scratch_cuda": ("tab:red", "s"),
    "nn_cuda": ("tab:purple", "^"),
    "scratch_graph": ("tab:brown", "D"),
}
PASSES = ("forward", "forward+backward")


def _series(results, impl, pass_):
    rows = [r for r in results["rows"] if r["impl"] == impl and r["pass"] == pass_ and r.get("median_s")]
    rows.sort(key=lambda r: r["flops"])
    return [r["flops"] for r in rows], [r["median_s"] for r in rows], rows


def plot_times(results, *, impls=None, title=None, axes=None):
    """Median time against work for every implementation, one panel per pass.

    Inputs: results as from ``timing.run_benchmark`` or ``timing.load_results``;
    impls: which implementations to draw (default: all that have times);
    axes: two matplotlib axes to draw into (default: a new figure).
    Returns the matplotlib Figure.
    """
    if not isinstance(results, dict) or "rows" not in results:
        raise ValueError(f"results must be a dict with 'rows' (from timing.run_benchmark), got {type(results).__name__}")
    if axes is None:
        fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    else:
        if len(axes) != 2:
            raise ValueError(f"axes must hold 2 axes (forward, forward+backward), got {len(axes)}")
        fig = axes[0].figure
    names = impls or list(dict.fromkeys(r["impl"] for r in results["rows"]))
    for ax, pass_ in zip(axes, PASSES):
        for impl in names:
            x, y, rows = _series(results, impl, pass_)
            if not rows:
                continue
            colour, marker = STYLE.get(impl, ("black", "x"))
            dashed = rows[0]["device"] == "cuda"
            ax.loglog(x, y, marker=marker, color=colour, linestyle="--" if dashed else "-",
                      label=f"{rows[0]['label']} [{rows[0]['device']}]")
        ax.set_title(pass_)
        ax.set_xlabel("work of one forward pass, 2·T·B·4H·(D+H) flops")
        ax.grid(True, which="major", alpha=0.4)
    axes[0].set_ylabel("median time (s)")
    axes[0].legend(fontsize=8)
    env = results.get("environment", {})
    fig.suptitle(title or f"{env.get('device', '')} - torch {env.get('torch', '?')}, {env.get('date', '')[:10]}",
                 fontsize=10)
    fig.tight_layout()
    return fig


def plot_tokens_per_second(results, *, pass_="forward+backward", impls=None, ax=None):
    """Tokens (T B sequence positions) per second against work, for one pass.

    Returns the matplotlib Figure. Higher is better; a rising line means the
    implementation still has idle hardware at that size.
    """
    if pass_ not in PASSES:
        raise ValueError(f"pass_ must be one of {PASSES}, got {pass_!r}")
    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 4))
    else:
        fig = ax.figure
    names = impls or list(dict.fromkeys(r["impl"] for r in results["rows"]))
    for impl in names:
        x, _, rows = _series(results, impl, pass_)
        if not rows:
            continue
        colour, marker = STYLE.get(impl, ("black", "x"))
        ax.loglog(x, np.array([r["tokens_per_s"] for r in rows]), marker=marker, color=colour,
                  linestyle="--" if rows[0]["device"] == "cuda" else "-", label=f"{rows[0]['label']} [{rows[0]['device']}]")
    ax.set_xlabel("work of one forward pass (flops)")
    ax.set_ylabel("tokens per second")
    ax.set_title(f"throughput, {pass_}")
    ax.grid(True, alpha=0.4)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


# The lecture's signals and the rows PyTorch keeps them in: (signal, gate name, row block).
# (English only: not every machine has a font with Chinese glyphs; the lesson's text names them.)
LAYOUT = (("z", "cell input", 2), ("z_i", "input gate", 0), ("z_f", "forget gate", 1), ("z_o", "output gate", 3))
TORCH_BLOCKS = ("i", "f", "g", "o")
ROWS = ("0:H", "H:2H", "2H:3H", "3H:4H")


def plot_gate_layout(ax=None):
    """The lecture's order of the four signals beside PyTorch's (and cuDNN's) row blocks.

    Left: z, z_i, z_f, z_o as the lecture lists them. Right: the four blocks of H rows
    of W_ih (4H, D), W_hh (4H, H), b_ih and b_hh, in the order i, f, g, o; arrows join
    each signal to its block. Returns the matplotlib Figure.
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 3.6))
    else:
        fig = ax.figure
    for k, (name, gate, block) in enumerate(LAYOUT):
        colour = GATE_COLOURS[TORCH_BLOCKS[block]]   # the same colour as in every lesson
        y_left, y_right = 3 - k, 3 - block
        ax.add_patch(plt.Rectangle((0, y_left + 0.1), 2.2, 0.8, color=colour, alpha=0.35))
        ax.text(1.1, y_left + 0.5, f"{name}  ({gate})", ha="center", va="center", fontsize=9)
        ax.add_patch(plt.Rectangle((4.2, y_right + 0.1), 2.6, 0.8, color=colour, alpha=0.35))
        ax.text(5.5, y_right + 0.5, f"block {block}: {TORCH_BLOCKS[block]},  rows {ROWS[block]}",
                ha="center", va="center", fontsize=9)
        ax.annotate("", xy=(4.15, y_right + 0.5), xytext=(2.25, y_left + 0.5),
                    arrowprops={"arrowstyle": "->", "color": colour})
    ax.text(1.1, 4.2, "the lecture", ha="center", fontsize=10, weight="bold")
    ax.text(5.5, 4.2, "PyTorch / cuDNN (and lstm_course)", ha="center", fontsize=10, weight="bold")
    ax.text(3.4, -0.45, "pre-activation = W_ih x + b_ih + W_hh h + b_hh: two biases, one sum",
            ha="center", fontsize=9)
    ax.set_xlim(-0.2, 7.0)
    ax.set_ylim(-0.7, 4.5)
    ax.axis("off")
    return fig
