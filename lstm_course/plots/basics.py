"""Pictures for the first lessons: the sigmoid as a switch, values that fade or blow up
over time, and the memory machine's gates, memory and output step by step.

Each function draws into ``ax`` when given one (so a lesson can lay out panels) and
returns the matplotlib Figure. They only draw: the numbers come from the numerics
(``activations``, ``memory_machine``), never recomputed here.
"""
import matplotlib.pyplot as plt
import numpy as np

from ..activations import sigmoid
from ..palette import MEMORY, OUTPUT, gate_colour

GATE_COLOURS = {key: gate_colour(key) for key in ("gate_i", "gate_f", "gate_o")}
SMALL = 9  # points: the smallest text, 10 px at the sequence explorer's 80 dpi
GATE_LABELS = {"gate_i": "input gate f(z_i)", "gate_f": "forget gate f(z_f)",
               "gate_o": "output gate f(z_o)"}
TRACE_KEYS = ("gate_i", "gate_f", "gate_o", "c_before", "c_after", "a")


def _axes(ax, figsize):
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
        return fig, ax
    return ax.figure, ax


def plot_sigmoid(ax=None, *, z_range=(-12.0, 12.0), marks=(-10.0, 0.0, 10.0)):
    """The sigmoid f(z) = 1 / (1 + exp(-z)) as a soft switch: 0 closed, 0.5 half open, 1 open.

    marks: z values whose f(z) is pointed out on the curve (e.g. the memory machine's +-10).
    """
    fig, ax = _axes(ax, (7, 3.6))
    z = np.linspace(z_range[0], z_range[1], 400)
    ax.plot(z, sigmoid(z), color="tab:blue", lw=2, label="f(z) = sigmoid(z)")
    for level, word in ((0.0, "0: closed (nothing passes)"), (0.5, "0.5: half open"),
                        (1.0, "1: open (everything passes)")):
        ax.axhline(level, color="grey", lw=0.8, ls="--")
        ax.text(z_range[1] - 0.2, level + 0.03, word, fontsize=9, color="dimgrey", ha="right")
    for m in marks:
        s = float(sigmoid(m))
        ax.plot([m], [s], "o", color="tab:red")
        ax.annotate(f"f({m:g}) = {s:.5g}", (m, s), textcoords="offset points",
                    xytext=(-60 if m > 0 else 8, -16 if m > 0 else 12), fontsize=9, color="tab:red")
    ax.set_xlabel("gate signal z")
    ax.set_ylabel("gate opening f(z)")
    ax.set_ylim(-0.08, 1.12)
    ax.set_title("The sigmoid: a soft switch")
    fig.tight_layout()
    return fig


def draw_unrolled_chain(n_shown=4, ax=None, *, link="× w", name="c", caption=None):
    """A recurrent neuron unrolled in time: c_0 -> c_1 -> ... -> c_T, each arrow one step.

    link: the text on each arrow (what one step does to the value).
    caption: a line of text under the chain (e.g. the chain rule for dc_T/dc_0).
    """
    if not isinstance(n_shown, (int, np.integer)) or n_shown < 2:
        raise ValueError(f"n_shown must be an integer >= 2, got {n_shown!r}")
    fig, ax = _axes(ax, (8, 1.9))
    labels = [f"${name}_{{{t}}}$" for t in range(n_shown - 1)] + [f"${name}_T$"]
    for k, label in enumerate(labels):
        x = 2.0 * k
        ax.add_patch(plt.Circle((x, 0), 0.45, facecolor="#dbe9f6", edgecolor="tab:blue", lw=2))
        ax.text(x, 0, label, ha="center", va="center", fontsize=13)
        if k < n_shown - 1:
            dots = k == n_shown - 2                      # the last arrow stands for many steps
            ax.annotate("", xy=(x + 1.52, 0), xytext=(x + 0.48, 0),
                        arrowprops={"arrowstyle": "->", "lw": 2, "ls": ":" if dots else "-"})
            ax.text(x + 1.0, 0.22, "…" if dots else link, ha="center", fontsize=12, color="tab:red")
    if caption:
        ax.text(2.0 * (n_shown - 1) / 2, -0.95, caption, ha="center", fontsize=11)
    ax.set_xlim(-0.7, 2.0 * (n_shown - 1) + 0.7)
    ax.set_ylim(-1.3 if caption else -0.7, 0.7)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig


def plot_over_steps(curves, ax=None, *, ylabel="value", title=None, logy=True):
    """Several quantities against the time step, e.g. a stored value w**t for a few w.

    curves: dict label -> 1-D array over steps 0..T (same or different lengths).
    logy: a log scale shows both fading (down to 1e-10) and growth (up to 1e+10) in one plot.
    """
    if not isinstance(curves, dict) or not curves:
        raise ValueError(f"curves must be a non-empty dict label -> 1-D array, got {type(curves).__name__}")
    fig, ax = _axes(ax, (7, 3.6))
    for label, y in curves.items():
        y = np.asarray(y, dtype=np.float64)
        if y.ndim != 1:
            raise ValueError(f"curves[{label!r}] must be 1-D (one value per step), got shape {y.shape}")
        ax.plot(np.arange(len(y)), np.abs(y) if logy else y, lw=2, label=str(label))
    if logy:
        ax.set_yscale("log")
        # The log scale shows sizes; say so, unless the label already is a size.
        ylabel = f"{ylabel} (log scale)" if ylabel[:1] in "|‖" else f"|{ylabel}| (log scale)"
    ax.set_xlabel("time step t")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=9)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def _fmt(x):
    return f"{int(round(x))}" if float(x).is_integer() else f"{x:.2g}"


def plot_machine_trace(trace, ax=None):
    """The memory machine step by step: gate openings on top, memory and output below.

    trace: the dict returned by ``memory_machine.run_memory_machine`` (arrays of shape (T,)).
    ax: None (a new figure with two panels), a pair of Axes (gates, values), or one Axes
        (values, with the gates on a second y axis on the right).
    Returns the Figure.
    """
    if not isinstance(trace, dict) or any(k not in trace for k in TRACE_KEYS):
        got = sorted(trace) if isinstance(trace, dict) else type(trace).__name__
        raise ValueError(f"trace must be the dict from run_memory_machine with keys {list(TRACE_KEYS)}, got {got}")
    lengths = {k: np.shape(trace[k]) for k in TRACE_KEYS}
    if len(set(lengths.values())) != 1 or len(next(iter(lengths.values()))) != 1:
        raise ValueError(f"trace arrays must all have the same shape (T,), got {lengths}")
    twin = not (ax is None or isinstance(ax, (tuple, list)))
    if ax is None:
        fig, (ax_g, ax_v) = plt.subplots(2, 1, figsize=(9, 5.2), sharex=True,
                                         gridspec_kw={"height_ratios": [1, 1.6]})
    elif isinstance(ax, (tuple, list)):
        if len(ax) != 2:
            raise ValueError(f"ax must be one Axes or a pair (gates, values), got {len(ax)} axes")
        ax_g, ax_v = ax
        fig = ax_v.figure
    else:
        ax_v = ax
        ax_g = ax.twinx()
        fig = ax.figure
    T = len(trace["a"])
    steps = np.arange(1, T + 1)
    if twin:
        # One Axes: gates as step lines on the right-hand axis.
        for key, colour in GATE_COLOURS.items():
            ax_g.step(steps, trace[key], where="mid", color=colour, lw=2, alpha=0.8, label=GATE_LABELS[key])
        ax_g.set_ylim(-0.08, 1.08)
        ax_g.set_ylabel("gate opening")
        ax_g.legend(fontsize=SMALL, loc="upper right")
    else:
        # Two panels: gates as a strip of grey boxes (white closed, dark open), one row
        # per gate named in its colour, with the opening written in when there is room.
        openings = np.array([trace[k] for k in GATE_COLOURS], dtype=np.float64)   # (3, T)
        ax_g.imshow(openings, aspect="auto", cmap="Greys", vmin=0, vmax=1.15,
                    extent=(0.5, T + 0.5, 2.5, -0.5), interpolation="nearest")
        ax_g.set_yticks(range(3))
        ax_g.set_yticklabels([GATE_LABELS[k] for k in GATE_COLOURS], fontsize=SMALL)
        for label, key in zip(ax_g.get_yticklabels(), GATE_COLOURS):
            label.set_color(GATE_COLOURS[key])
        if T <= 16:
            for row, key in enumerate(GATE_COLOURS):
                for t, v in zip(steps, trace[key]):
                    ax_g.text(t, row, f"{v:.2g}", ha="center", va="center", fontsize=SMALL,
                              color="white" if v > 0.5 else "black")
        ax_g.set_title("gate openings (1 open, 0 closed)", fontsize=SMALL, loc="left")
    # Memory before/after each step and the output.
    ax_v.plot(steps, trace["c_before"], "s--", color="tab:grey", label="memory before, c")
    ax_v.plot(steps, trace["c_after"], "o-", color=MEMORY, lw=2, label="memory after, c'")
    ax_v.bar(steps, trace["a"], width=0.35, color=OUTPUT, alpha=0.85, label="output a")
    ax_v.set_xticks(steps)
    if all(k in trace for k in ("x1", "x2", "x3")):
        # Show each step's inputs (x1, x2, x3) under its number.
        ax_v.set_xticklabels([f"{t}\n({_fmt(a)},{_fmt(b)},{_fmt(c)})" for t, a, b, c
                              in zip(steps, trace["x1"], trace["x2"], trace["x3"])], fontsize=SMALL)
        ax_v.set_xlabel("time step (x1, x2, x3)")
    else:
        ax_v.set_xlabel("time step")
    ax_v.set_ylabel("value")
    ax_v.legend(fontsize=SMALL, loc="upper left")
    fig.tight_layout()
    return fig
