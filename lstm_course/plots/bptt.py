"""Pictures for backpropagation through time (lesson 5).

- ``draw_backward_paths``: the two roads a gradient takes back in time, the plain
  RNN's (a matrix and a squash at every step) and the LSTM memory's (a product
  with the forget gate, and an addition).
- ``plot_gradient_flow``: the size of dL/dstate_t against t, on a log scale, for
  the curves computed by ``lstm_course.gradient_flow``.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

FORWARD_COLOUR = "#4a4a4a"
GRADIENT_COLOUR = "#c0392b"


def _box(ax, x, y, text, colour="#dbe9f6", width=0.9, height=0.5):
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                boxstyle="round,pad=0.05", fc=colour, ec=FORWARD_COLOUR))
    ax.text(x, y, text, ha="center", va="center", fontsize=11)


def _arrow(ax, start, end, colour, text=None, offset=0.0, style="-|>", rad=0.0):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=14, color=colour,
                                 lw=1.6, connectionstyle=f"arc3,rad={rad}"))
    if text:
        ax.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + offset, text,
                ha="center", va="center", fontsize=10, color=colour)


def draw_backward_paths(steps=3, *, ax=None):
    """Draw the forward road (grey, left to right) and the gradient's road (red, right to left)
    for a plain RNN (top lane) and the LSTM's memory (bottom lane), over ``steps`` steps.

    Returns the matplotlib Figure.
    """
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 2 <= steps <= 6:
        raise ValueError(f"steps must be an integer from 2 to 6, got {steps!r}")
    if ax is None:
        fig, ax = plt.subplots(figsize=(2.6 * steps + 1, 4.4))
    else:
        fig = ax.figure
    names = [f"t-{steps - 1 - k}" if k < steps - 1 else "t" for k in range(steps)]
    names = [n.replace("t-0", "t") for n in names]
    gap = 2.4
    for lane, y in (("rnn", 3.0), ("lstm", 0.8)):
        for k, name in enumerate(names):
            x = k * gap
            label = f"$h_{{{name}}}$" if lane == "rnn" else f"$c_{{{name}}}$"
            _box(ax, x, y, label, colour="#dbe9f6" if lane == "rnn" else "#fdebd0")
            if k == 0:
                continue
            a, b = (x - gap + 0.5, y + 0.1), (x - 0.5, y + 0.1)
            if lane == "rnn":
                _arrow(ax, a, b, FORWARD_COLOUR, r"$\tanh(W_{hh}h + \dots)$", offset=0.28)
                _arrow(ax, (b[0], y - 0.15), (a[0], y - 0.15), GRADIENT_COLOUR,
                       r"$\times\,(1-h^2)$ then $W_{hh}^{\top}$", offset=-0.3)
            else:
                # c_s = f_s c_{s-1} + i_s g_s: the step into c_s multiplies by f_s, so the
                # gradient back from c_s to c_{s-1} is scaled by f_s of the later step
                _arrow(ax, a, b, FORWARD_COLOUR, rf"$\times f_{{{name}}}\;+\;i_{{{name}}}\,g_{{{name}}}$",
                       offset=0.28)
                _arrow(ax, (b[0], y - 0.15), (a[0], y - 0.15), GRADIENT_COLOUR,
                       rf"$\times f_{{{name}}}$ only", offset=-0.3)
    ax.text(-0.7, 3.75, "plain RNN: the gradient meets a matrix and a squash every step",
            fontsize=11, ha="left")
    ax.text(-0.7, 1.55, "LSTM memory: the gradient is only scaled by the forget gate",
            fontsize=11, ha="left")
    ax.plot([], [], color=FORWARD_COLOUR, label="forward")
    ax.plot([], [], color=GRADIENT_COLOUR, label="gradient (backward)")
    ax.legend(loc="lower right", fontsize=9, frameon=False, bbox_to_anchor=(1.0, -0.12))
    ax.set_xlim(-0.8, (steps - 1) * gap + 0.8)
    ax.set_ylim(-0.2, 4.0)
    ax.set_axis_off()
    return fig


def plot_gradient_flow(curves, *, ax=None, title=None, ylabel="gradient size (norm)"):
    """Plot per-step gradient sizes against the step t on a log scale.

    Inputs:
    - curves: dict label -> array of shape (T+1,) (e.g. ``gradient_flow.step_norms``),
      index t for step t; the loss sits at the last step.
    Returns the matplotlib Figure.
    """
    if not isinstance(curves, dict) or not curves:
        raise ValueError(f"curves must be a non-empty dict label -> array (T+1,), got {type(curves).__name__}")
    lengths = {label: np.asarray(v).shape for label, v in curves.items()}
    if any(len(s) != 1 for s in lengths.values()) or len(set(lengths.values())) != 1:
        raise ValueError(f"every curve must be one-dimensional, all of one length (T+1,), got {lengths}")
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 4.2))
    else:
        fig = ax.figure
    for label, values in curves.items():
        values = np.asarray(values, dtype=np.float64)
        ax.semilogy(np.arange(len(values)), np.maximum(values, 1e-300), label=label, lw=2)
    T = len(next(iter(curves.values()))) - 1
    ax.axvline(T, color="grey", ls=":", lw=1)
    ax.text(T, ax.get_ylim()[1], " loss here", va="top", ha="right", fontsize=9, color="grey")
    ax.set_xlabel("step t  (the gradient travels from right to left)")
    ax.set_ylabel(ylabel)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=9)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig
