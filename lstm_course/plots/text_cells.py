"""The text through a cell's eyes, and the gates' saturation (lesson 10).

- ``passage_html``: a passage with each character's background coloured by one
  cell's activation, as HTML with inline styles only (no JavaScript, no stylesheet),
  so it renders wherever HTML does: JupyterLab, a static export, GitHub. Each
  character's exact value is in its tooltip (the title attribute).
- ``plot_passage``: the same picture as a matplotlib figure, for where HTML does not
  render (and for the tests, which read its image array).
- ``plot_saturation``: per gate, each cell as a point at (fraction of steps
  left-saturated, fraction right-saturated), trained against untrained, as in
  Karpathy, Johnson & Fei-Fei (2015), figure 3.

Colours: the memory c (divided by its largest |c| in the passage, since a counting cell's
memory grows far beyond 1, where tanh(c) would show one flat colour) and the output h lie
in [-1, 1] and go from blue (-1) through white (0) to red (+1); a gate's opening lies
in [0, 1] and goes from white (shut) to the gate's colour of ``palette`` (open).
"""
import html

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from ..cell_analysis import GATES, HIGH, LOW, QUANTITY_NAMES
from ..palette import GATE_COLOURS, GATE_NAMES

SIGNED = LinearSegmentedColormap.from_list("cell_signed", ["#2166AC", "#FFFFFF", "#B2182B"])
NEWLINE = "\u21b5"   # ↵ marks a newline in the picture


def c_scale(values):
    """The memory's scale in a passage: its largest |c| (1 when it is all zeros)."""
    m = float(np.max(np.abs(values), initial=0.0))
    return m if m > 0 else 1.0


def shown_values(values, quantity):
    """What is coloured: c / max|c| for the memory (its range is unbounded), else the values."""
    values = np.asarray(values, dtype=np.float64)
    return values / c_scale(values) if quantity == "c" else values


def value_range(quantity):
    return (0.0, 1.0) if quantity in ("i", "f", "o") else (-1.0, 1.0)


def colormap(quantity):
    """The colour map of a quantity: signed blue-white-red, or white to the gate's colour."""
    if quantity in ("i", "f", "o"):
        return LinearSegmentedColormap.from_list(f"gate_{quantity}", ["#FFFFFF", GATE_COLOURS[quantity]])
    return SIGNED


def _label(quantity, cell, values=None):
    if quantity == "c":
        return f"c[{cell}] / {c_scale(values):.3g}" if values is not None else f"c[{cell}] / max|c|"
    return f"{quantity}[{cell}]"


def colours(values, quantity):
    """The background colour of each character: a list of "#rrggbb" strings."""
    lo, hi = value_range(quantity)
    scaled = np.clip((shown_values(values, quantity) - lo) / (hi - lo), 0.0, 1.0)
    rgba = colormap(quantity)(scaled)
    return ["#{:02x}{:02x}{:02x}".format(*(int(round(255 * v)) for v in c[:3])) for c in rgba]


def passage_html(text, values, quantity="c", cell=0, title=None):
    """The passage as HTML: every character a span whose background shows the cell's
    value after reading it (tooltip: the value). values (len(text),), one cell's
    activation. Inline styles only; newlines are shown as ↵ and break the line."""
    values = np.asarray(values, dtype=np.float64)
    if values.shape != (len(text),):
        raise ValueError(f"values must have one entry per character, shape ({len(text)},), got {values.shape}")
    shown = shown_values(values, quantity)
    label = _label(quantity, cell, values)
    spans = []
    for ch, colour, v in zip(text, colours(values, quantity), shown):
        glyph = NEWLINE if ch == "\n" else html.escape(ch)
        spans.append(f'<span style="background-color:{colour}" title="{label} = {v:.2f}">{glyph}</span>'
                     + ("<br>" if ch == "\n" else ""))
    lo, hi = value_range(quantity)
    low_c, mid_c, high_c = colours(np.array([lo, (lo + hi) / 2, hi]), quantity)
    title = title or f"cell {cell}, {QUANTITY_NAMES[quantity]}"
    key = (f'<span style="background-color:{low_c};padding:0 4px">{lo:g}</span>'
           f'<span style="background-color:{mid_c};padding:0 4px">{(lo + hi) / 2:g}</span>'
           f'<span style="background-color:{high_c};padding:0 4px">{hi:g}</span>')
    return ('<div style="font-family:monospace;font-size:13px;line-height:1.6;color:#000000;'
            'background-color:#FFFFFF;padding:6px;border:1px solid #CCCCCC">'
            f'<div style="font-family:sans-serif;margin-bottom:4px"><b>{html.escape(title)}</b>: '
            f'{html.escape(label)} after reading each character {key}</div>'
            f'<div style="white-space:pre-wrap">{"".join(spans)}</div></div>')


def passage_grid(text, values, width=80):
    """(characters, grid): the passage laid out in rows of at most ``width`` characters
    (a newline ends a row and is shown as ↵); grid (rows, width) holds each character's
    value, NaN where there is none."""
    rows, row_vals, chars, vals = [], [], [], []
    for ch, v in zip(text, np.asarray(values, dtype=np.float64)):
        chars.append(NEWLINE if ch == "\n" else ch)
        vals.append(v)
        if ch == "\n" or len(chars) == width:
            rows.append(chars)
            row_vals.append(vals)
            chars, vals = [], []
    if chars:
        rows.append(chars)
        row_vals.append(vals)
    grid = np.full((len(rows), width), np.nan)
    for r, vs in enumerate(row_vals):
        grid[r, :len(vs)] = vs
    return rows, grid


def plot_passage(text, values, quantity="c", cell=0, title=None, width=80):
    """The passage as a static image: a grid of characters on coloured cells. Returns the figure."""
    label = _label(quantity, cell, np.asarray(values, dtype=np.float64))
    rows, grid = passage_grid(text, shown_values(values, quantity), width)
    used = max(len(r) for r in rows)
    fig, ax = plt.subplots(figsize=(0.115 * used + 1.2, 0.24 * len(rows) + 0.9))
    lo, hi = value_range(quantity)
    image = ax.imshow(grid[:, :used], cmap=colormap(quantity), vmin=lo, vmax=hi, aspect="auto",
                      interpolation="nearest")
    for r, chars in enumerate(rows):
        for k, ch in enumerate(chars):
            if ch != " ":
                ax.text(k, r, ch, ha="center", va="center", fontsize=8, family="monospace",
                        color="#555555" if ch == NEWLINE else "#000000")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title or f"cell {cell}, {QUANTITY_NAMES[quantity]}: {label} after each character", fontsize=10)
    fig.colorbar(image, ax=ax, fraction=0.02, pad=0.01, label=label)
    return fig


def plot_saturation(trained, untrained, low=LOW, high=HIGH):
    """One panel per gate (i, f, o): each cell at (fraction of steps below ``low``,
    fraction above ``high``), trained (the gate's colour) and untrained (grey).
    trained, untrained: {gate: (left, right)} from ``cell_analysis.saturation``."""
    fig, axes = plt.subplots(1, len(GATES), figsize=(12, 4.2), sharex=True, sharey=True)
    for ax, g in zip(axes, GATES):
        ax.plot([0, 1], [1, 0], color="#BBBBBB", lw=1, ls="--")   # left + right <= 1
        left, right = untrained[g]
        ax.scatter(left, right, s=14, color="#999999", alpha=0.7, label="untrained (initialisation)")
        left, right = trained[g]
        ax.scatter(left, right, s=14, color=GATE_COLOURS[g], alpha=0.8, label="trained")
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.set_aspect("equal")
        ax.set_title(GATE_NAMES[g])
        ax.set_xlabel(f"fraction of steps left-saturated (< {low:g})")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel(f"fraction of steps right-saturated (> {high:g})")
    axes[0].legend(loc="upper right", fontsize=8)
    fig.suptitle("Gate saturation: one point per cell")
    fig.tight_layout()
    return fig
