"""The network explorer: every unit's gates over time, for a trained LSTM layer (lesson 6-7).

Give it a layer's params and one or more input sequences; it runs ``lstm.forward``
once and shows, for the sequence picked, heat maps of the input, forget and output
gates' openings and of the memory c, one row per unit (memory cell), one column per
time step. A slider picks a unit: its row is outlined and its gates, memory and
output are drawn as curves below, so you can read what that unit learned to do.

The picked unit's row is marked by triangles beside the heat maps, never drawn over,
so its own colours stay visible. Time steps are numbered from 0, as Python indexes
them and as lesson 6 prints the marked steps (unless labels name them).
"""
import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from ..lstm import forward
from ..palette import GATE_COLOURS, MEMORY, OUTPUT
from ..shapes import as_array
from .view import Coalescer, Explorer, fmt, new_figure

# (key, title, colour map); gates are in PyTorch's order i, f, g, o inside lstm.forward.
# The heat maps show how open (viridis); the title's colour says which gate (palette).
PANELS = (("i", "input gate f(z_i)", "viridis"), ("f", "forget gate f(z_f)", "viridis"),
          ("o", "output gate f(z_o)", "viridis"), ("c", "memory c", "RdBu_r"))
CURVES = {"i": GATE_COLOURS["i"], "f": GATE_COLOURS["f"], "o": GATE_COLOURS["o"],
          "c": MEMORY, "h": OUTPUT}
TITLE_COLOURS = {"i": GATE_COLOURS["i"], "f": GATE_COLOURS["f"], "o": GATE_COLOURS["o"], "c": MEMORY}
MARK = "#d62728"   # the triangles that point at the picked unit's row
DPI = 90
FONT = 8           # points: 10 px at DPI 90, the smallest text in the picture
TICKS = FuncFormatter(lambda v, _pos: fmt(v, ".2f"))   # never "-0.00"


def _as_tbd(x):
    """x of shape (T, D), (T, 1, D) or (T, B, D) -> (T, B, D) float array."""
    x = as_array("x", x)
    if x.ndim == 2:
        x = x[:, None, :]
    if x.ndim != 3 or x.shape[0] == 0:
        raise ValueError(f"x must have shape (T, D), (T, 1, D) or (T, B, D) with T >= 1, "
                         f"got {tuple(x.shape)}")
    return x.astype(np.float64)


def _check_labels(labels, T, B):
    """None, T labels for all sequences, or B lists of T labels -> B lists of T strings."""
    if labels is None:
        return [[str(t) for t in range(T)]] * B
    labels = list(labels)
    nested = len(labels) > 0 and not isinstance(labels[0], str) and np.ndim(labels[0]) == 1
    per_sequence = [list(map(str, lab)) for lab in labels] if nested else [list(map(str, labels))] * B
    if len(per_sequence) != B or any(len(lab) != T for lab in per_sequence):
        raise ValueError(f"labels must be T = {T} labels, or B = {B} lists of T labels, got "
                         f"{[len(lab) for lab in per_sequence] if nested else len(labels)}")
    return per_sequence


def _tick(label):
    """A visible tick label for a character: a space as "␣", a newline as "\\n"."""
    if label == " ":
        return "␣"
    return repr(label)[1:-1] if len(label) == 1 else label


class NetworkExplorer(Explorer):
    summary = ("Network explorer (interactive): heat maps of every unit's gates over "
               "time; run the notebook in JupyterLab to pick a sequence and a unit.")

    def __init__(self, params, x, labels):
        x = _as_tbd(x)
        T, B, _ = x.shape
        self.labels = _check_labels(labels, T, B)
        hs, _, cache = forward(x, params)
        H = hs.shape[2]
        gates = cache["gates"]                                     # (T, B, 4H): i, f, g, o
        self._all = {k: gates[:, :, n * H:(n + 1) * H] for n, k in enumerate("ifgo")}
        self._all["c"] = cache["cs"][1:]                           # (T, B, H)
        self._all["h"] = hs                                        # (T, B, H)
        names = [f"{b + 1}: {''.join(lab) if labels is not None else 'sequence'}"[:40]
                 for b, lab in enumerate(self.labels)]
        self.sequence = widgets.Dropdown(options=[(n, b) for b, n in enumerate(names)],
                                         value=0, description="sequence",
                                         layout=widgets.Layout(display="" if B > 1 else "none"))
        self.unit = widgets.IntSlider(value=0, min=0, max=H - 1, description="unit",
                                      continuous_update=True)
        self.readout = widgets.HTML()
        super().__init__()
        self.children = [widgets.HBox([self.sequence, self.unit]), self.readout, self.image]
        self.add_class("lstm-network-explorer")
        self.numbered = labels is None
        self._fig = new_figure((9.5, 8.0), dpi=DPI)
        self._redraw = Coalescer(self._draw)
        for w in (self.sequence, self.unit):
            w.observe(self._changed, names="value")
        self._changed()
        self._redraw.flush()  # the first picture at once: a static export needs it

    def _changed(self, _change=None):
        b, u = int(self.sequence.value), int(self.unit.value)
        per_unit = {k: v[:, b, :] for k, v in self._all.items()}  # each (T, H)
        self.state = {"sequence": b, "unit": u, "labels": self.labels[b], **per_unit,
                      "unit_trace": {k: v[:, u] for k, v in per_unit.items()}}
        tr = self.state["unit_trace"]
        self.readout.value = (
            f"<span class='lstm-network-readout' style='font-family:monospace'>unit {u}: "
            f"mean opening, input gate {fmt(tr['i'].mean())}, forget gate {fmt(tr['f'].mean())}, "
            f"output gate {fmt(tr['o'].mean())}; memory c from {fmt(tr['c'].min())} to "
            f"{fmt(tr['c'].max())}</span>")
        self._redraw.request()

    def _draw(self):
        s, fig = self.state, self._fig
        fig.clear()
        T, H = s["c"].shape
        u = s["unit"]
        steps = np.arange(T)
        # one column for the pictures, a thin one for their colour bars
        grid = fig.add_gridspec(5, 2, width_ratios=(1, 0.015), height_ratios=(1, 1, 1, 1, 1.3),
                                left=0.08, right=0.93, top=0.96, bottom=0.13, hspace=0.5,
                                wspace=0.05)
        axes = self.panels = [fig.add_subplot(grid[r, 0]) for r in range(5)]  # 4 maps, curves
        cmax = max(float(np.abs(s["c"]).max()), 1e-6)
        for r, (ax, (key, title, cmap)) in enumerate(zip(axes, PANELS)):
            lim = (0, 1) if key != "c" else (-cmax, cmax)
            im = ax.imshow(s[key].T, aspect="auto", cmap=cmap, vmin=lim[0], vmax=lim[1],
                           interpolation="nearest", extent=(-0.5, T - 0.5, H - 0.5, -0.5))
            bar = fig.colorbar(im, cax=fig.add_subplot(grid[r, 1]))
            bar.ax.yaxis.set_major_formatter(TICKS)
            bar.ax.tick_params(labelsize=FONT)
            # the picked unit: a triangle on each side, outside the picture, none over its row
            beside = blended_transform_factory(ax.transAxes, ax.transData)
            for x, marker in ((-0.004, ">"), (1.004, "<")):
                ax.plot([x], [u], ls="none", marker=marker, ms=7, color=MARK,
                        transform=beside, clip_on=False, markeredgewidth=0)
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
            ax.tick_params(labelsize=FONT)
            ax.set_ylabel("unit", fontsize=FONT)
            ax.set_title(title, fontsize=9, loc="left", color=TITLE_COLOURS[key])
            ax.set_xticks([])
        ax = axes[-1]
        names = {"i": "input gate", "f": "forget gate", "o": "output gate", "c": "memory c",
                 "h": "output h"}
        for key, colour in CURVES.items():
            ax.plot(steps, s["unit_trace"][key], color=colour, lw=1.6, label=names[key],
                    ls="--" if key == "h" else "-")
        ax.axhline(0, color="grey", lw=0.6)
        ax.set_title(f"unit {u} over time", fontsize=9, loc="left")
        ax.legend(fontsize=FONT, ncol=5, loc="upper left", bbox_to_anchor=(0, -0.32))
        ax.set_xlim(-0.5, T - 0.5)
        ax.yaxis.set_major_formatter(TICKS)
        ax.tick_params(labelsize=FONT)
        if self.numbered:  # steps 0, 1, ..., T - 1, as Python (and the lesson) counts them
            ax.xaxis.set_major_locator(MaxNLocator(nbins=12, integer=True))
        else:
            every = max(1, T // 40)  # at most about 40 tick labels
            ax.set_xticks(steps[::every])
            ax.set_xticklabels([_tick(lab) for lab in s["labels"][::every]])
        ax.set_xlabel("time step", fontsize=9)
        self.show(fig)


def network_explorer(params, x, *, labels=None):
    """An explorer of a trained LSTM layer's gates over time.

    Inputs:
    - params: the layer's params (W_ih (4H, D), W_hh (4H, H), b_ih, b_hh), e.g. trained.
    - x: input sequence(s), of shape (T, D), (T, 1, D) or (T, B, D): B sequences to
      pick from in a drop-down.
    - labels: names of the time steps for the x axis (e.g. a text's characters): T
      strings, or B lists of T strings (one per sequence); None numbers the steps.
    Returns the widget. Its ``state`` dict holds the sequence b and unit picked, the
    arrays i, f, g, o (gate openings, g the cell input tanh(z)), c and h of shape
    (T, H) for sequence b, and ``unit_trace``, the same for the picked unit, each (T,).
    """
    return NetworkExplorer(params, x, labels)
