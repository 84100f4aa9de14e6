"""The LSTM memory cell as a picture (lessons 2-3 and the explorers).

``draw_cell()`` draws the lecture's memory cell from the bottom up:

- the cell input z passes through g and is scaled by the input gate (输入门), f(z_i);
- the memory c is scaled by the forget gate (遗忘门), f(z_f), on its loop;
- the sum is the new memory c' = g(z) f(z_i) + c f(z_f);
- c' passes through h and is scaled by the output gate (输出门), f(z_o): the output a.

Given ``values`` (the dict of ``cell.memory_cell_values``) it writes every number on
its arrow and fills each gate as far as it is open. It only draws: the numbers
come from ``cell``; nothing is recomputed here.

The Chinese gate names are drawn only when a CJK font is installed (Debian:
``fonts-wqy-microhei`` or ``fonts-noto-cjk``), so no "Glyph missing" warnings.
"""
import contextlib
import functools
import os

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Rectangle

from .palette import INK, gate_colour

# Families known to hold the Chinese glyphs, in order of preference.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
                "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback",
                "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "Arial Unicode MS")
_CJK_FILES = ("notosanscjk", "sourcehansans", "wqy-microhei", "wqy-zenhei",
              "droidsansfallback", "simhei", "msyh", "pingfang", "arial unicode")

VALUE_KEYS = ("z", "z_i", "z_f", "z_o", "c", "gate_i", "gate_f", "gate_o",
              "g_z", "written", "kept", "c_new", "h_c", "a")

NUMBER = "#c0392b"
MIN_FONTSIZE = 9  # points: 10 px at the explorers' 80 dpi (the smallest text drawn here)
LABEL_DX = 0.25   # a value label's distance from its arrow (clear of the arrow head)


@functools.lru_cache(maxsize=1)
def cjk_font():
    """A FontProperties for Chinese text, or None when no CJK font is installed.

    Matplotlib's font cache may predate a font installed later, so when no known
    family is in the cache the system font folders are scanned once by file name.
    """
    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in names:
            return font_manager.FontProperties(family=family)
    for path in font_manager.findSystemFonts():
        if any(key in os.path.basename(path).lower() for key in _CJK_FILES):
            try:
                font_manager.fontManager.addfont(path)
                name = font_manager.FontProperties(fname=path).get_name()
            except (OSError, RuntimeError, ValueError):
                continue
            return font_manager.FontProperties(family=name)
    return None


def _number(values, key):
    """values[key] as a Python float; a ValueError for arrays of more than one number."""
    arr = np.asarray(values[key], dtype=float)
    if arr.size != 1:
        raise ValueError(f"draw_cell shows one cell: values[{key!r}] must be a single "
                         f"number, got shape {arr.shape}")
    return float(arr.reshape(()))


def _fmt(x):
    text = f"{x:.2f}" if abs(x) < 1000 else f"{x:.3g}"
    return "0.00" if text == "-0.00" else text


def _check_values(values):
    if not isinstance(values, dict):
        raise ValueError("values must be the dict returned by cell.memory_cell_values, "
                         f"got {type(values).__name__}")
    missing = [k for k in VALUE_KEYS if k not in values]
    if missing:
        raise ValueError(f"values is missing {missing}; expected the keys of "
                         f"cell.memory_cell_values: {list(VALUE_KEYS)}")
    return {k: _number(values, k) for k in VALUE_KEYS}


# --- small drawing helpers -------------------------------------------------------------

def _formula(ax, x, y, math, number=None, *, ha="left", va="center", fontsize=9,
             colour=NUMBER):
    """``math`` (e.g. "$g(z)$") with " = number" after it, as two texts: the formula
    never changes, so matplotlib's mathtext cache keeps redraws fast. With ha="center"
    the "=" sits at x."""
    if ha == "right" and number is not None:  # the number ends at x, the formula before it
        t = ax.text(x, y, f" = {number}", ha="right", va=va, fontsize=fontsize, zorder=4,
                    color=colour)
        ax.annotate(math, xy=(0, 0.5), xycoords=t, ha="right", va="center",
                    fontsize=fontsize, color=colour, zorder=4)
        return t
    ha_math = "right" if (ha == "center" and number is not None) else ha
    t = ax.text(x, y, math, ha=ha_math, va=va, fontsize=fontsize, zorder=4,
                color=colour if number is not None else INK)
    if number is not None:
        ax.annotate(f" = {number}", xy=(1, 0.5), xycoords=t, ha="left", va="center",
                    fontsize=fontsize, color=colour, zorder=4)
    return t


def _arrow(ax, p0, p1, label=None, *, side="right", colour=INK, dx=LABEL_DX, at=0.5):
    """An arrow from p0 to p1; label, a (math, number) pair, is written beside it, at the
    fraction ``at`` of the way."""
    ax.add_patch(FancyArrowPatch(p0, p1, arrowstyle="-|>", mutation_scale=12,
                                 lw=1.4, color=colour, shrinkA=0, shrinkB=0, zorder=1))
    if label and label[1] is not None:
        xm, ym = p0[0] + at * (p1[0] - p0[0]), p0[1] + at * (p1[1] - p0[1])
        if side == "right":
            _formula(ax, xm + dx, ym, *label)
        elif side == "left":
            _formula(ax, xm - dx, ym, *label, ha="right")
        else:  # below
            _formula(ax, min(p0[0], p1[0]) + 0.02, ym - 0.42, *label)  # from the head on


def _node(ax, xy, text, r=0.3, *, fontsize=13, face="white"):
    ax.add_patch(Circle(xy, r, facecolor=face, edgecolor=INK, lw=1.4, zorder=2))
    ax.text(*xy, text, ha="center", va="center", fontsize=fontsize, color=INK, zorder=3)


def _gate(ax, xy, signal, name_en, name_zh, opening, *, head_dx=0.0):
    """A gate as a box filled from the bottom as far as it is open (None: bare), in the
    gate's colour of ``palette.GATE_COLOURS``."""
    colour = gate_colour(signal)
    w, h = 1.3, 0.8
    x0, y0 = xy[0] - w / 2, xy[1] - h / 2
    if opening is not None:  # the water level: 0 closed, 1 fully open
        ax.add_patch(Rectangle((x0, y0), w, h * min(max(opening, 0.0), 1.0),
                               facecolor=colour, alpha=0.55, lw=0, zorder=2))
    ax.add_patch(FancyBboxPatch((x0, y0), w, h, boxstyle="round,pad=0.02,rounding_size=0.12",
                                facecolor="none", edgecolor=colour, lw=2, zorder=3))
    head = f"$f(z_{signal.split('_')[1]})$"
    ax.text(xy[0], xy[1], "f", ha="center", va="center", fontsize=13, style="italic",
            color=INK, zorder=4)
    # head_dx moves the gate's formula off an arrow that leaves the gate upwards
    _formula(ax, xy[0] + head_dx, y0 + h + 0.3, head,
             None if opening is None else _fmt(opening),
             ha="center" if head_dx == 0 else "left", fontsize=9.5)
    yl = y0 - 0.17
    ax.text(xy[0], yl, name_en, ha="center", va="top", fontsize=9, color=colour,
            weight="bold")
    font = cjk_font()
    if font is not None:
        ax.text(xy[0], yl - 0.38, name_zh, ha="center", va="top", fontsize=9,
                color=colour, fontproperties=font)


# --- the cell ---------------------------------------------------------------------------

# The parts a variant of the cell may remove (lesson 9 greys them out), and where the
# centre of each is drawn, in the drawing's coordinates.
PARTS = {"input gate": (2.0, 3.6), "forget gate": (7.4, 4.0), "output gate": (2.0, 11.0),
         "input activation": (4.5, 1.8), "output activation": (4.5, 9.4)}
MEMORY_BOX = (3.3, 6.85, 2.4, 1.1)   # the memory c: x, y of its lower left corner, width, height


@contextlib.contextmanager
def _part(ax, parts, name):
    """Record in parts[name] every artist drawn inside the block (when parts is a dict)."""
    before = None if parts is None else set(map(id, ax.get_children()))
    yield
    if parts is not None:
        parts.setdefault(name, []).extend(a for a in ax.get_children() if id(a) not in before)


def draw_cell(values=None, *, ax=None, g_name="tanh", h_name="tanh", title=None, parts=None):
    """Draw the LSTM memory cell; with ``values``, its numbers and gate openings.

    Inputs:
    - values: None for the bare diagram, or the dict of one cell's numbers as
      returned by ``cell.memory_cell_values`` (scalars).
    - ax: a matplotlib Axes to draw into (cleared first); None makes a new figure.
    - g_name, h_name: the names of the activations g and h shown on the drawing.
    - title: a title above the drawing (Chinese in it needs a CJK font, see ``cjk_font``).
    - parts: None, or a dict that is filled with the artists of each removable part,
      {name in PARTS: [artists]}, and of each gate's product ("input product": its ×
      node and the arrow into it; "forget product", "output product"), so a variant's
      drawing can grey them out (``plots.variants``). It changes nothing in the drawing.

    Returns the matplotlib Figure.
    """
    v = None if values is None else _check_values(values)
    for name, text in (("g_name", g_name), ("h_name", h_name)):
        if not isinstance(text, str):
            raise ValueError(f"{name} must be a string such as 'tanh', got {type(text).__name__}")
    if ax is None:
        fig = plt.figure(figsize=(4.6, 5.6))
        ax = fig.add_axes((0, 0, 1, 0.95 if title else 1.0))
    else:
        fig = ax.figure
        ax.clear()
    ax.set_xlim(-0.1, 10.6)
    ax.set_ylim(-0.15, 13.2)
    ax.set_aspect("equal")
    ax.axis("off")
    num = lambda key, math: (math, _fmt(v[key]) if v else None)  # noqa: E731
    X = 4.5  # the main column, from z at the bottom to a at the top

    # cell input z -> g(z) -> x input gate
    ax.text(X, 0.15, "z", ha="center", va="center", fontsize=14, style="italic", color=INK)
    _arrow(ax, (X, 0.45), (X, 1.35), num("z", "$z$"))
    with _part(ax, parts, "input activation"):
        _node(ax, PARTS["input activation"], "g", r=0.45)
        ax.text(X - 0.6, 1.8, g_name, ha="right", va="center", fontsize=MIN_FONTSIZE, color="grey")
    _arrow(ax, (X, 2.25), (X, 3.3), num("g_z", "$g(z)$"))
    with _part(ax, parts, "input product"):
        _node(ax, (X, 3.6), "×")
    with _part(ax, parts, "input gate"):
        _gate(ax, PARTS["input gate"], "z_i", "input gate", "输入门", v and v["gate_i"])
        ax.text(0.0, 3.6, "$z_i$", ha="left", va="center", fontsize=13, color=INK)
        _arrow(ax, (0.65, 3.6), (1.35, 3.6))
    with _part(ax, parts, "input product"):
        _arrow(ax, (2.65, 3.6), (X - 0.3, 3.6))

    # written + kept -> the new memory c'
    _arrow(ax, (X, 3.9), (X, 5.3), num("written", "$g(z)\\,f(z_i)$"), side="left",
           at=0.68)  # above the input gate's opening
    _node(ax, (X, 5.6), "+")
    _arrow(ax, (X, 5.9), (X, 6.85), num("c_new", "$c'$"))
    ax.add_patch(FancyBboxPatch(MEMORY_BOX[:2], *MEMORY_BOX[2:],
                                boxstyle="round,pad=0.02,rounding_size=0.15",
                                facecolor="#f4e9cd", edgecolor=INK, lw=1.6, zorder=2))
    font = cjk_font()
    ax.text(X, 7.62, "memory c", ha="center", va="center", fontsize=10, color=INK, zorder=3)
    if v is not None:
        ax.text(X, 7.17, f"c' = {_fmt(v['c_new'])}", ha="center", va="center",
                fontsize=10, color=NUMBER, weight="bold", zorder=3)
    elif font is not None:
        ax.text(X, 7.17, "记忆", ha="center", va="center", fontsize=9, color="grey",
                zorder=3, fontproperties=font)

    # the forget gate on the memory's loop: c -> x f(z_f) -> back into the sum
    XF = 7.4
    ax.plot([X + 1.2, XF], [7.4, 7.4], color=INK, lw=1.4, zorder=1)
    _formula(ax, (X + 1.2 + XF) / 2, 7.7, *num("c", "$c$"), ha="center")
    _arrow(ax, (XF, 7.4), (XF, 5.9))
    with _part(ax, parts, "forget product"):
        _node(ax, (XF, 5.6), "×")
    _arrow(ax, (XF - 0.3, 5.6), (X + 0.3, 5.6), num("kept", "$c\\,f(z_f)$"), side="below")
    with _part(ax, parts, "forget gate"):
        _gate(ax, PARTS["forget gate"], "z_f", "forget gate", "遗忘门", v and v["gate_f"], head_dx=0.15)
    with _part(ax, parts, "forget product"):
        _arrow(ax, (XF, 4.4), (XF, 5.3))
    with _part(ax, parts, "forget gate"):
        ax.text(10.5, 4.0, "$z_f$", ha="right", va="center", fontsize=13, color=INK)
        _arrow(ax, (9.9, 4.0), (XF + 0.65, 4.0))

    # c' -> h(c') -> x output gate -> a
    _arrow(ax, (X, 7.95), (X, 8.95))
    with _part(ax, parts, "output activation"):
        _node(ax, PARTS["output activation"], "h", r=0.45)
        ax.text(X - 0.6, 9.4, h_name, ha="right", va="center", fontsize=MIN_FONTSIZE, color="grey")
    _arrow(ax, (X, 9.85), (X, 10.7), num("h_c", "$h(c')$"))
    with _part(ax, parts, "output product"):
        _node(ax, (X, 11.0), "×")
    with _part(ax, parts, "output gate"):
        _gate(ax, PARTS["output gate"], "z_o", "output gate", "输出门", v and v["gate_o"])
        ax.text(0.0, 11.0, "$z_o$", ha="left", va="center", fontsize=13, color=INK)
        _arrow(ax, (0.65, 11.0), (1.35, 11.0))
    with _part(ax, parts, "output product"):
        _arrow(ax, (2.65, 11.0), (X - 0.3, 11.0))
    _arrow(ax, (X, 11.3), (X, 12.45), num("a", "$a$"))
    ax.text(X, 12.75, "a", ha="center", va="center", fontsize=14, style="italic", color=INK)
    if title:  # with a CJK font as fallback, a title may mix English and Chinese
        family = ["sans-serif"] + ([font.get_name()] if font else [])
        ax.set_title(title, fontsize=11, color=INK, fontfamily=family)
    return fig
