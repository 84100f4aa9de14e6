"""The sequence explorer: the lecture's memory machine, one step at a time (lesson 3).

Step through x = (x1, x2, x3) with the buttons or the play control, and watch the
cell of the current step (its diagram with the numbers) next to the memory, the
gates and the output over the whole sequence. The hand-set weights and biases of
z, z_i, z_f and z_o are sliders: change one and the machine breaks (or is repaired)
before your eyes. The numbers come from ``memory_machine.run_memory_machine``.
"""
import re

import ipywidgets as widgets
import numpy as np

from ..activations import identity
from ..cell import memory_cell_values
from ..diagram import draw_cell
from ..memory_machine import (LECTURE_X1, LECTURE_X2, LECTURE_X3, SIGNAL_NAMES,
                              check_sequences, check_weights, lecture_weights,
                              run_memory_machine)
from ..plots.basics import plot_machine_trace
from .view import Coalescer, Explorer, new_figure, slider

WEIGHT_RANGE = (-120.0, 120.0, 0.5)
PLAY_INTERVAL_MS = 900


def parse_numbers(text):
    """'1 3 2' or '1, 3, 2' -> array([1., 3., 2.]); ValueError naming the bad entry."""
    items = [s for s in re.split(r"[\s,;]+", text.strip()) if s]
    try:
        return np.array([float(s) for s in items])
    except ValueError:
        bad = next(s for s in items if not _is_number(s))
        raise ValueError(f"expected numbers separated by spaces, got {bad!r}") from None


def _is_number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def _text(x):
    return " ".join(f"{v:g}" for v in x)


class SequenceExplorer(Explorer):
    summary = ("Sequence explorer (interactive): the memory machine step by step, with "
               "its weights on sliders; run the notebook in JupyterLab to use it. The "
               "picture shows the first step and the whole sequence.")

    def __init__(self, x1, x2, x3, weights):
        x1, x2, x3 = check_sequences(x1, x2, x3)
        weights = check_weights(weights)  # {name: (w (3,), b)}
        self.inputs = {name: widgets.Text(value=_text(x), description=name,
                                          continuous_update=False,
                                          layout=widgets.Layout(width="300px"),
                                          style={"description_width": "2em"})
                       for name, x in (("x1", x1), ("x2", x2), ("x3", x3))}
        self.weights = {}  # (signal, "w1" | "w2" | "w3" | "b") -> slider
        rows = []
        for name in SIGNAL_NAMES:
            w, b = weights[name]
            for k, value in (("w1", w[0]), ("w2", w[1]), ("w3", w[2]), ("b", b)):
                s = slider(k, value, *WEIGHT_RANGE, readout_format=".1f")
                s.layout.width, s.style.description_width = "215px", "1.8em"
                self.weights[name, k] = s
            rows.append(widgets.HBox([widgets.HTML(f"<b>{name}</b> =", layout=widgets.Layout(width="3.5em")),
                                      *(self.weights[name, k] for k in ("w1", "w2", "w3", "b"))]))
        self.repair = widgets.Button(description="lecture weights", icon="wrench",
                                     tooltip="set every weight back to the lecture's")
        self.repair.on_click(lambda _b: self.set_weights(lecture_weights()))
        T = len(x1)
        self.step = widgets.IntSlider(value=1, min=1, max=T, description="step t",
                                      continuous_update=True)
        self.play = widgets.Play(value=1, min=1, max=T, interval=PLAY_INTERVAL_MS)
        widgets.jslink((self.play, "value"), (self.step, "value"))
        self.back = widgets.Button(description="◀", layout=widgets.Layout(width="40px"))
        self.forward = widgets.Button(description="▶", layout=widgets.Layout(width="40px"))
        self.back.on_click(lambda _b: self._move(-1))
        self.forward.on_click(lambda _b: self._move(+1))
        self.readout = widgets.HTML()
        self.message = widgets.HTML()
        super().__init__()
        self.cell_image = widgets.Image(format="png")
        self.children = [
            widgets.HBox(list(self.inputs.values())),
            widgets.HBox([self.play, self.back, self.step, self.forward]),
            self.readout,
            # side by side where there is room, one under the other where there is not:
            # never squeezed (the text would shrink below MIN_TEXT_PX)
            widgets.HBox([self.cell_image, self.image], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HTML("<b>weights</b> of (x1, x2, x3) and bias <b>b</b> for each signal:"),
            *rows, widgets.HBox([self.repair, self.message])]
        self.add_class("lstm-sequence-explorer")
        # two figures: the cell keeps the size its drawing is made for
        self._cell_fig = new_figure((4.6, 5.6))
        self._cell_ax = self._cell_fig.add_axes((0, 0, 1, 0.95))
        self._fig = new_figure((7.5, 4.6))
        self._axes = self._fig.subplots(2, 1, sharex=True, height_ratios=(1, 1.6))
        self._redraw = Coalescer(self._draw)
        self._holding = False
        for w in (*self.inputs.values(), *self.weights.values(), self.step):
            w.observe(self._changed, names="value")
        self._changed()
        self._redraw.flush()  # the first picture at once: a static export needs it

    def set_weights(self, weights):
        """Set every weight slider from a dict like ``memory_machine.lecture_weights()``."""
        checked = check_weights(weights)
        self._holding = True  # sixteen slider changes, one computation and one picture
        try:
            for name, (w, b) in checked.items():
                for k, value in zip(("w1", "w2", "w3", "b"), (*w, b)):
                    self.weights[name, k].value = float(value)
        finally:
            self._holding = False
        self._changed()

    def _move(self, by):
        self.step.value = int(np.clip(self.step.value + by, self.step.min, self.step.max))

    def _read_inputs(self):
        """The typed sequences, or the last good ones and a message saying what is wrong."""
        try:
            seqs = check_sequences(*(parse_numbers(self.inputs[n].value) for n in ("x1", "x2", "x3")))
        except ValueError as exc:
            self.message.value = f"<span style='color:#c0392b'>{exc}</span>"
            return [self.state[n] for n in ("x1", "x2", "x3")]
        self.message.value = ""
        return seqs

    def _changed(self, _change=None):
        if self._holding:
            return
        x1, x2, x3 = self._read_inputs() if self.state else check_sequences(
            *(parse_numbers(self.inputs[n].value) for n in ("x1", "x2", "x3")))
        T = len(x1)
        if self.step.max != T:  # a sequence of another length was typed
            self.play.max = self.step.max = T
        weights = {name: {"w": np.array([self.weights[name, k].value for k in ("w1", "w2", "w3")]),
                          "b": float(self.weights[name, "b"].value)} for name in SIGNAL_NAMES}
        trace = run_memory_machine(x1, x2, x3, weights)
        t = int(self.step.value)
        i = t - 1
        cell = memory_cell_values(trace["z"][i], trace["z_i"][i], trace["z_f"][i],
                                  trace["z_o"][i], trace["c_before"][i], g=identity, h=identity)
        self.state = {"x1": x1, "x2": x2, "x3": x3, "weights": weights, "t": t,
                      "trace": trace, "cell": {k: float(v) for k, v in cell.items()}}
        c = self.state["cell"]
        self.readout.value = (
            f"<span class='lstm-seq-readout' style='font-family:monospace'>step {t} of {T}: "
            f"x = ({x1[i]:g}, {x2[i]:g}, {x3[i]:g}) &nbsp; gates i {c['gate_i']:.2f}, "
            f"f {c['gate_f']:.2f}, o {c['gate_o']:.2f} &nbsp; memory {c['c']:.4f} → "
            f"<b>c' = {c['c_new']:.4f}</b> &nbsp; output <b>a = {c['a']:.4f}</b></span>")
        self._redraw.request()

    def _draw(self):
        ax_g, ax_v = self._axes
        s = self.state
        draw_cell(s["cell"], ax=self._cell_ax, g_name="identity", h_name="identity",
                  title=f"step t = {s['t']}")
        self.show(self._cell_fig, self.cell_image)
        ax_g.clear()
        ax_v.clear()
        plot_machine_trace(s["trace"], ax=(ax_g, ax_v))
        for ax in (ax_g, ax_v):  # the current step, highlighted
            ax.axvspan(s["t"] - 0.5, s["t"] + 0.5, color="gold", alpha=0.3, zorder=0)
        self.show(self._fig)


def sequence_explorer(x1=None, x2=None, x3=None, *, weights=None):
    """An explorer of the hand-wired memory machine over a sequence.

    Inputs: x1, x2, x3, sequences of shape (T,) (None: the lecture's); weights as in
    ``memory_machine.lecture_weights()`` (None: the lecture's), each in [-120, 120].
    Returns the widget. Its ``state`` dict holds the sequences, the weights, the step
    t (from 1), the machine's ``trace`` (``run_memory_machine``'s dict of arrays (T,))
    and ``cell``, the current step's ``memory_cell_values`` as floats. ``inputs``,
    ``weights``, ``step``, ``play``, ``back``, ``forward`` and ``repair`` hold the controls.
    """
    x1 = LECTURE_X1 if x1 is None else x1
    x2 = LECTURE_X2 if x2 is None else x2
    x3 = LECTURE_X3 if x3 is None else x3
    return SequenceExplorer(x1, x2, x3, lecture_weights() if weights is None else weights)
