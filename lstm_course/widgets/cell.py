"""The cell explorer: drive one memory cell's input and gates, watch c' and a (lessons 2, 9).

Sliders set the cell input z, the three gate signals z_i, z_f, z_o and the old
memory c; toggles choose g and h (tanh or the identity). Every change is computed by
``cell.memory_cell_values`` and shown twice: as numbers in a readout, and on the
cell diagram of ``diagram.draw_cell``. Four presets name the cell's behaviours.

A dropdown picks a variant of the cell (lesson 9, ``cell.VARIANTS``): NIG sets f(z_i) = 1,
NFG f(z_f) = 1, NOG f(z_o) = 1, NIAF g = identity, NOAF h = identity, CIFG f(z_i) =
1 - f(z_f), the peephole cell adds p c to the gates' signals (three more sliders).
Then ``cell.variant_cell_values`` computes, and ``plots.variants.draw_variant`` greys the
parts removed. With "vanilla" (the default) the explorer is lesson 2's, unchanged.
"""
import html

import ipywidgets as widgets

from ..activations import identity, tanh
from ..cell import IDENTITY, UNUSED, VARIANTS, memory_cell_values, variant_cell_values
from ..diagram import draw_cell
from ..plots.variants import draw_variant, variant_style
from .view import Coalescer, Explorer, new_figure, slider

ACTIVATIONS = {"tanh": tanh, "identity": identity}
SIGNAL_RANGES = {"z": (-3.0, 3.0, 0.1), "z_i": (-10.0, 10.0, 0.5),
                 "z_f": (-10.0, 10.0, 0.5), "z_o": (-10.0, 10.0, 0.5), "c": (-3.0, 3.0, 0.1)}
PEEPHOLE_RANGE = (-3.0, 3.0, 0.1)   # p_i, p_f, p_o: shown for the peephole variant only

# The four behaviours, as slider settings. Gate signals of +-10 make the gates all but
# binary (f(10) = 0.99995): open or shut.
PRESETS = {
    "write": dict(z=1.0, z_i=10.0, z_f=10.0, z_o=-10.0, c=0.5),   # add g(z) to c (lesson 2)
    "keep":  dict(z=1.0, z_i=-10.0, z_f=10.0, z_o=-10.0, c=0.5),  # ignore z, c' = c
    "erase": dict(z=1.0, z_i=-10.0, z_f=-10.0, z_o=-10.0, c=0.5),  # c' = 0
    "read":  dict(z=1.0, z_i=-10.0, z_f=10.0, z_o=10.0, c=0.5),  # keep c and output h(c)
}
PRESET_HELP = {"write": "input and forget gates open: c' = c + g(z)",
               "keep": "input gate shut, forget gate open: c' = c",
               "erase": "input and forget gates shut: c' = 0",
               "read": "keep c, output gate open: a = h(c')"}


def _readout_html(s):
    """The numbers, each in a span with a class (the browser test reads them there)."""
    def row(label, cls, value):
        return (f"<tr><td>{html.escape(label)}</td>"
                f"<td class='{cls}' style='text-align:right'><b>{value:.4f}</b></td></tr>")
    return ("<table class='lstm-cell-readout' style='font-family:monospace'>"
            + row("input gate  f(z_i)", "lstm-gate-i", s["gate_i"])
            + row("forget gate f(z_f)", "lstm-gate-f", s["gate_f"])
            + row("output gate f(z_o)", "lstm-gate-o", s["gate_o"])
            + row("new memory  c'", "lstm-c-new", s["c_new"])
            + row("output      a", "lstm-a", s["a"]) + "</table>"
            + ("" if s.get("variant", "vanilla") == "vanilla" else
               f"<div class='lstm-variant-equations' style='font-family:monospace'>"
               f"{html.escape(VARIANTS[s['variant']])}</div>"))


def _variant_cell(name):
    """The cell of the protocol named ``name`` (for its diagram's removed parts)."""
    from ..cells import get_cell   # the registry imports every cell: only when one is picked
    return get_cell(name)


class CellExplorer(Explorer):
    summary = ("Cell explorer (interactive): sliders for z, z_i, z_f, z_o and c drive one "
               "LSTM memory cell; run the notebook in JupyterLab to move them. "
               "The picture shows the cell at its starting values.")

    def __init__(self, z, z_i, z_f, z_o, c, g, h, variant="vanilla", p=(0.0, 0.0, 0.0)):
        for name, choice in (("g", g), ("h", h)):
            if choice not in ACTIVATIONS:
                raise ValueError(f"{name} must be one of {list(ACTIVATIONS)}, got {choice!r}")
        if variant not in VARIANTS:
            raise ValueError(f"variant must be one of {list(VARIANTS)}, got {variant!r}")
        if len(p) != 3:
            raise ValueError(f"p must be the three peephole weights (p_i, p_f, p_o), got {p!r}")
        start = dict(z=z, z_i=z_i, z_f=z_f, z_o=z_o, c=c)
        self.sliders = {name: slider(name, start[name], *SIGNAL_RANGES[name])
                        for name in SIGNAL_RANGES}
        self.peepholes = {name: slider(name, value, *PEEPHOLE_RANGE)
                          for name, value in zip(("p_i", "p_f", "p_o"), p)}
        self.variant = widgets.Dropdown(options=list(VARIANTS), value=variant, description="variant",
                                        style={"description_width": "3.5em"},
                                        layout=widgets.Layout(width="300px"))
        self.variant.add_class("lstm-variant")
        self._chosen = {"g": g, "h": h}   # the learner's g and h, back when a variant gives them back
        self.activations = {name: widgets.ToggleButtons(
            options=list(ACTIVATIONS), value=choice, description=name,
            style={"description_width": "3.5em", "button_width": "5.5em"},
            layout=widgets.Layout(width="300px", display="flex", flex_flow="row"))
            for name, choice in (("g", g), ("h", h))}
        self.presets = {name: widgets.Button(description=name, tooltip=PRESET_HELP[name],
                                             layout=widgets.Layout(width="70px"))
                        for name in PRESETS}
        for name, button in self.presets.items():
            button.add_class(f"lstm-preset-{name}")
            button.on_click(lambda _b, name=name: self.apply_preset(name))
        self.readout = widgets.HTML()
        super().__init__()
        controls = widgets.VBox([*self.sliders.values(), *self.activations.values(),
                                 widgets.HBox([widgets.Label("presets:"), *self.presets.values()]),
                                 self.variant, *self.peepholes.values(), self.readout])
        self.children = [widgets.HBox([controls, self.image], layout=widgets.Layout(flex_flow="row wrap"))]
        self.add_class("lstm-cell-explorer")
        self._fig = new_figure((4.6, 5.6))
        self._ax = self._fig.add_axes((0, 0, 1, 1))
        self._redraw = Coalescer(self._draw)
        self._holding = False
        for w in (*self.sliders.values(), *self.activations.values(), *self.peepholes.values()):
            w.observe(self._changed, names="value")
        self.variant.observe(self._variant_changed, names="value")
        self._variant_changed()
        self._redraw.flush()  # the first picture at once: a static export needs it

    def apply_preset(self, name):
        """Set the sliders to one of PRESETS ("write", "keep", "erase", "read"), one update."""
        if name not in PRESETS:
            raise ValueError(f"preset must be one of {list(PRESETS)}, got {name!r}")
        self._holding = True  # five slider changes, one computation and one picture
        try:
            for key, value in PRESETS[name].items():
                self.sliders[key].value = value
        finally:
            self._holding = False
        self._changed()

    def _variant_changed(self, _change=None):
        """Show the controls the variant has: its own g and h, the signals it uses, p."""
        variant = self.variant.value
        self._holding = True   # the controls change together, then one computation
        try:
            for name, toggle in self.activations.items():
                if name in IDENTITY.get(variant, ()):
                    if not toggle.disabled:
                        self._chosen[name] = toggle.value
                    toggle.value, toggle.disabled = "identity", True
                elif toggle.disabled:
                    toggle.value, toggle.disabled = self._chosen[name], False
        finally:
            self._holding = False
        for name, s in self.sliders.items():
            s.disabled = name in UNUSED.get(variant, ())
        for s in self.peepholes.values():
            s.layout.display = None if variant == "peephole" else "none"
        self._changed()

    def _changed(self, _change=None):
        if self._holding:
            return
        inputs = {name: float(s.value) for name, s in self.sliders.items()}
        g, h = (self.activations[n].value for n in ("g", "h"))
        variant = self.variant.value
        if variant == "vanilla":   # lesson 2's cell
            values = memory_cell_values(**inputs, g=ACTIVATIONS[g], h=ACTIVATIONS[h])
            extra = {}
        else:
            extra = {name: float(s.value) for name, s in self.peepholes.items()} \
                if variant == "peephole" else {}
            values = variant_cell_values(**inputs, **extra, variant=variant,
                                         g=ACTIVATIONS[g], h=ACTIVATIONS[h])
        self.state = {**{k: float(v) for k, v in values.items()}, **extra, "g": g, "h": h,
                      "variant": variant}
        self.readout.value = _readout_html(self.state)
        self._redraw.request()

    def _draw(self):
        values = {k: v for k, v in self.state.items() if k not in ("g", "h", "variant")}
        if self.state["variant"] == "vanilla":
            draw_cell(values, ax=self._ax, g_name=self.state["g"], h_name=self.state["h"])
        else:
            draw_variant(**variant_style(_variant_cell(self.state["variant"])), values=values,
                         ax=self._ax, g_name=self.state["g"], h_name=self.state["h"])
        self.show(self._fig)


def cell_explorer(z=0.0, z_i=0.0, z_f=0.0, z_o=0.0, c=0.0, g="tanh", h="tanh",
                  variant="vanilla", p=(0.0, 0.0, 0.0)):
    """An explorer of one memory cell: sliders for its inputs, its numbers and diagram.

    Inputs: the starting values of the cell input z (in [-3, 3]), the gate signals
    z_i, z_f, z_o (in [-10, 10]) and the old memory c (in [-3, 3]); g and h, each
    "tanh" or "identity"; variant, a key of ``cell.VARIANTS`` (lesson 9); p, the
    peephole weights (p_i, p_f, p_o), each in [-3, 3], used by the "peephole" variant.
    Returns the widget (display it, or make it a cell's last expression). Its
    ``state`` dict holds the current inputs, g, h, the variant (and p_i, p_f, p_o for
    "peephole") and every value of ``cell.memory_cell_values`` as floats; ``sliders``,
    ``activations``, ``presets``, ``variant`` and ``peepholes`` hold the controls, so
    code can drive it as a learner would.
    """
    return CellExplorer(z, z_i, z_f, z_o, c, g, h, variant, p)
