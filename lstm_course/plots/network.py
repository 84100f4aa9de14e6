"""Pictures for a layer of memory cells and stacked layers (lesson 4).

- ``draw_gate_blocks``: the stacked weight matrices [W_ih | W_hh] as a heat map,
  its four row blocks labelled with the gate (PyTorch's i, f, g, o) and the
  lecture's signal (z_i, z_f, z, z_o).
- ``draw_stacked_layers``: layers x time steps, each box an LSTM layer at one step,
  with the arrows that carry h and c forward and hs up to the next layer.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, Rectangle

from ..palette import GATE_COLOURS, GATE_NAMES, SIGNALS
from ..params import check_params

# (block, the lecture's signal, name, colour), in PyTorch's row order i, f, g, o
BLOCKS = tuple((k, SIGNALS[k], GATE_NAMES[k], GATE_COLOURS[k]) for k in "ifgo")


def draw_gate_blocks(params, *, ax=None):
    """Heat map of [W_ih | W_hh] (4H rows, D + H columns) with the four gate blocks marked.

    Inputs: LSTM params (W_ih (4H, D), W_hh (4H, H), b_ih, b_hh).
    Returns the matplotlib Figure.
    """
    W_ih = np.asarray(params["W_ih"]) if isinstance(params, dict) and "W_ih" in params else None
    H = check_params(params, W_ih.shape[1] if W_ih is not None and W_ih.ndim == 2 else -1)
    D = W_ih.shape[1]
    both = np.concatenate([W_ih, np.asarray(params["W_hh"])], axis=1)       # (4H, D + H)
    if ax is None:
        fig, ax = plt.subplots(figsize=(3.5 + 0.5 * (D + H), 1.6 + 0.35 * 4 * H))
    else:
        fig = ax.figure
    limit = np.abs(both).max()
    image = ax.imshow(both, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="equal")
    ax.axvline(D - 0.5, color="black", lw=2)
    for k, (gate, signal, name, colour) in enumerate(BLOCKS):
        top = k * H - 0.5
        ax.add_patch(Rectangle((-0.5, top), D + H, H, fill=False, ec=colour, lw=3))
        ax.text(D + H - 0.2, top + H / 2, f" {gate} = ${signal}$\n {name}", va="center",
                ha="left", color=colour, fontsize=10, fontweight="bold")
    ax.set_xticks([(D - 1) / 2, D + (H - 1) / 2], [f"W_ih\n({4 * H} x {D})", f"W_hh\n({4 * H} x {H})"])
    ax.xaxis.tick_top()
    ax.set_yticks([k * H + (H - 1) / 2 for k in range(4)], [f"rows\n{k * H}-{(k + 1) * H - 1}" for k in range(4)])
    ax.set_xlim(-0.5, D + H - 0.5)
    fig.colorbar(image, ax=ax, orientation="horizontal", fraction=0.05, pad=0.04, label="weight")
    fig.tight_layout()
    return fig


def draw_stacked_layers(steps=4, layers=2, *, ax=None):
    """A grid of boxes, layer k at step t, showing how stacked layers are wired.

    Within a layer, (h, c) go right to the next step; between layers, each
    step's output h goes up as the next layer's input x. Returns the Figure.
    """
    for name, n, high in (("steps", steps, 8), ("layers", layers, 4)):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= high:
            raise ValueError(f"{name} must be an integer from 1 to {high}, got {n!r}")
    if ax is None:
        fig, ax = plt.subplots(figsize=(1.9 * steps + 1.2, 1.5 * layers + 1.4))
    else:
        fig = ax.figure
    w, h, gx, gy = 1.0, 0.6, 1.8, 1.3

    def arrow(a, b, colour):
        ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=12, color=colour, lw=1.4))

    for k in range(layers):
        for t in range(steps):
            x, y = t * gx, (k + 1) * gy
            ax.add_patch(Rectangle((x - w / 2, y - h / 2), w, h, fc="#fdebd0" if k % 2 else "#dbe9f6", ec="#333"))
            ax.text(x, y, f"layer {k}\nstep {t + 1}", ha="center", va="center", fontsize=8)
            if t + 1 < steps:
                arrow((x + w / 2, y), (x + gx - w / 2, y), "#555")
            if k == 0:
                arrow((x, y - gy + 0.35), (x, y - h / 2), "#1e8449")
                ax.text(x, y - gy + 0.2, f"$x_{t + 1}$", ha="center", va="center", fontsize=10)
            if k + 1 < layers:
                arrow((x, y + h / 2), (x, y + gy - h / 2), "#1e8449")
            else:
                arrow((x, y + h / 2), (x, y + h / 2 + 0.35), "#c0392b")
                ax.text(x, y + h / 2 + 0.5, f"$h_{t + 1}$", ha="center", va="center", fontsize=10)
        arrow((-1.3, (k + 1) * gy), (-w / 2, (k + 1) * gy), "#555")
        ax.text(-1.35, (k + 1) * gy, "$h_0, c_0$", ha="right", va="center", fontsize=9, color="#555")
    ax.set_xlim(-2.2, (steps - 1) * gx + 0.8)
    ax.set_ylim(0, (layers + 0.7) * gy)
    ax.set_axis_off()
    ax.set_title("right: (h, c) to the next step;  up: h becomes the next layer's input", fontsize=10)
    return fig
