"""Diagrams of the LSTM's variants (lesson 9): the lecture's cell with what a variant removes greyed.

``draw_variant`` draws the lecture's memory cell (``diagram.draw_cell``) with the parts a
variant removes greyed out and a note of what replaces each (NIG: f(z_i) = 1; NIAF:
g(z) = z; CIFG: the input gate is 1 - f(z_f)); on a peephole cell's gates, what they
compute (f(z_i + p_i c), ...). ``variant_style`` reads those keywords off a cell;
``draw_variants``: one such diagram per cell, in a grid.

They only draw: what a cell lacks comes from the cell, never decided here.
"""
import textwrap

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.text import Text

from ..diagram import MEMORY_BOX, PARTS, draw_cell
from ..palette import GATE_COLOURS, INK

GREY = "#c4c4c4"        # a removed part
PALE = "#efefef"        # a removed gate's fill
PEEP = "#7B3294"        # the peephole connections (a colour no gate uses)
REPLACED_BY = {          # what stands where a removed part was (the lecture's notation)
    "input gate": "$f(z_i) = 1$", "forget gate": "$f(z_f) = 1$", "output gate": "$f(z_o) = 1$",
    "input activation": "$g(z) = z$", "output activation": "$h(c') = c'$"}
COUPLED = "$1 - f(z_f)$"
_PRODUCT = {"input gate": "input product", "forget gate": "forget product",
            "output gate": "output product"}   # a removed gate's x node multiplies by 1


# Cells not built from the LSTM's switches, drawn as the LSTM they come closest to.
OTHER_DESIGNS = {
    "janet": dict(removed=("output gate", "output activation"), coupled="$1 - f(z_f - \\beta)$",
                  note="a = c': the output\nis the memory;\n$\\beta$ = {beta:g}"),
    "gru": dict(removed=("output gate", "output activation"), coupled=True,
                note="c is the GRU's h,\nf(z_f) its update gate;\na reset gate scales\nthe h inside z"),
}


def variant_style(cell):
    """The keywords removed, coupled, peepholes, note of ``draw_variant`` for a cell.

    Reads the cell's ``removed`` names (the family's cells list "peepholes" there when
    they have them), ``coupled`` (CIFG: the input gate is 1 - f) and ``peephole``; JANET
    and the GRU are drawn as in OTHER_DESIGNS; a cell without any of these (the course's
    LSTM) is the vanilla cell. note: None or a sentence drawn under the cell.
    """
    name = getattr(cell, "name", None)
    if name in OTHER_DESIGNS and not hasattr(cell, "removed"):
        style = OTHER_DESIGNS[name]
        note = style["note"].replace("{beta:g}", f"{getattr(cell, 'BETA', 1.0):g}")
        return dict(removed=style["removed"], coupled=style["coupled"], peepholes=False, note=note)
    removed = tuple(getattr(cell, "removed", ()))
    return dict(removed=tuple(r for r in removed if r != "peepholes"),
                coupled=bool(getattr(cell, "coupled", False)),
                peepholes=bool(getattr(cell, "peephole", False)) or "peepholes" in removed, note=None)


def _check_removed(removed):
    if isinstance(removed, str):
        raise ValueError(f"removed must be a tuple of part names, got the string {removed!r}")
    unknown = [r for r in removed if r not in PARTS]
    if unknown:
        raise ValueError(f"removed: unknown parts {unknown}; expected some of {list(PARTS)}")


def _grey(artists):
    """Grey out one part: its lines dashed and grey, its fill pale, its texts grey."""
    for a in artists:
        if isinstance(a, (Text, FancyArrowPatch)):
            a.set_color(GREY)
        elif isinstance(a, Patch):
            a.set_edgecolor(GREY)
            a.set_linestyle((0, (3, 2)))
            if a.get_facecolor()[3] > 0 and a.get_linewidth() == 0:   # a gate's opening
                a.set_facecolor(PALE)


def _note(ax, xy, text, colour=INK):
    """A short note on top of a greyed part: what stands there now."""
    return ax.text(*xy, text, ha="center", va="center", fontsize=9, color=colour, zorder=6,
                   bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor=colour, lw=0.8))


PEEP_LABELS = {"input gate": "$f(z_i + p_i c)$", "forget gate": "$f(z_f + p_f c)$",
               "output gate": "$f(z_o + p_o c')$"}


def _peepholes(ax, gates):
    """What each gate computes with peepholes, written on it: it also sees the memory."""
    texts = [_note(ax, PARTS[part], PEEP_LABELS[part], PEEP) for part in gates]
    x0, y0, w, h = MEMORY_BOX
    texts.append(ax.text(x0 - 0.15, y0 + h / 2, "peepholes:\nthe gates\nsee c", ha="right",
                         va="center", fontsize=9, color=PEEP, zorder=5))
    return texts


def draw_variant(removed=(), *, coupled=False, peepholes=False, note=None, values=None,
                 ax=None, title=None, g_name=None, h_name=None):
    """The memory cell of one variant: ``draw_cell`` with the removed parts greyed out.

    Inputs:
    - removed: names of the parts the variant lacks, some of ``diagram.PARTS``:
      "input gate", "forget gate", "output gate", "input activation", "output activation".
    - coupled: True for CIFG: the input gate's own signal z_i is greyed (it has no weights
      of its own) and the gate is marked 1 - f(z_f) (or the text given); its product stays.
    - peepholes: True to write on each gate what it computes with its peephole.
    - note: None, or a short text (lines of about 20 characters) drawn bottom right.
    - values, ax, title: as for ``diagram.draw_cell`` (the numbers of
      ``cell.variant_cell_values`` for one cell).
    - g_name, h_name: the activations' names; None: "identity" where removed, else "tanh".

    Returns the matplotlib Figure. The axes gets ``variant_parts``: {part: [artists]}
    of the greyed parts, plus "notes" and "peepholes" (tests read them).
    """
    _check_removed(removed)
    removed = tuple(removed)
    if coupled and "forget gate" in removed:
        raise ValueError("coupled: the input gate is 1 - f(z_f), so the forget gate cannot be removed")
    g_name = g_name or ("identity" if "input activation" in removed else "tanh")
    h_name = h_name or ("identity" if "output activation" in removed else "tanh")
    parts = {}
    fig = draw_cell(values, ax=ax, g_name=g_name, h_name=h_name, title=title, parts=parts)
    ax = fig.axes[0] if ax is None else ax
    shown = {"notes": [], "peepholes": []}
    for part in PARTS:
        coupled_here = coupled and part == "input gate"
        if part in removed or coupled_here:
            greyed = parts[part] + ([] if coupled_here else parts.get(_PRODUCT.get(part), []))
            _grey(greyed)
            shown[part] = greyed
            text = (coupled if isinstance(coupled, str) else COUPLED) if coupled_here else REPLACED_BY[part]
            shown["notes"].append(_note(ax, PARTS[part], text, GATE_COLOURS["f"] if coupled_here else INK))
    if peepholes:
        gates = [p for p in ("input gate", "forget gate", "output gate") if p not in removed]
        shown["peepholes"] = _peepholes(ax, gates)
    if note:
        shown["notes"].append(ax.text(10.5, 0.0, note, ha="right", va="bottom", fontsize=9,
                                      color=INK, linespacing=1.3))
    ax.variant_parts = shown
    return fig


def draw_variants(cells, *, ncols=4, panel=(3.6, 4.8)):
    """One diagram per cell, in a grid, each titled with the cell's name and title.

    Inputs: cells, a sequence of cells of the protocol (``cells.get_cell``); ncols, the
    panels per row; panel, the size of one panel in inches.
    Returns the matplotlib Figure (one axes per cell, then any empty ones hidden).
    """
    cells = list(cells)
    if not cells:
        raise ValueError("cells must hold at least one cell, got none")
    nrows = -(-len(cells) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel[0] * ncols, panel[1] * nrows),
                             squeeze=False)
    for ax, cell in zip(axes.flat, cells):
        title = textwrap.fill(f"{cell.name}: {getattr(cell, 'title', cell.name)}", width=36)
        draw_variant(**variant_style(cell), ax=ax, title=title)
        ax.title.set_fontsize(9.5)
    for ax in axes.flat[len(cells):]:
        ax.set_visible(False)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.95, wspace=0.05, hspace=0.15)
    return fig
