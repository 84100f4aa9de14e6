"""One set of colours for the LSTM's four gate blocks, used by every figure and explorer.

A learner sees the same gate in the same colour everywhere: the cell diagram (lessons
2-3), the memory machine's gate strip (lesson 3), the weight blocks (lesson 4), the
network explorer and the training figures (lesson 6), the gate layout (lesson 8).

The keys are PyTorch's (and ``lstm.forward``'s) row blocks i, f, g, o; the lecture's
signals are z_i, z_f, z and z_o. The colours are from the Okabe-Ito set, which stays
distinguishable for the common forms of colour blindness.
"""
from matplotlib.colors import LinearSegmentedColormap, to_rgb

GATE_COLOURS = {
    "i": "#0072B2",  # input gate f(z_i): blue
    "f": "#009E73",  # forget gate f(z_f): green
    "g": "#CC79A7",  # cell input g(z): reddish purple
    "o": "#E69F00",  # output gate f(z_o): orange
}
GATE_NAMES = {"i": "input gate", "f": "forget gate", "g": "cell input", "o": "output gate"}
SIGNALS = {"i": "z_i", "f": "z_f", "g": "z", "o": "z_o"}  # the lecture's name of each block

# Not gates, but drawn beside them: kept apart from the four gate colours.
MEMORY = "#333333"   # the memory c
OUTPUT = "#D55E00"   # the output a (h): vermillion
INK = "#264653"      # lines and names in diagrams


def gate_colour(key):
    """The colour of a gate block: key is "i", "f", "g", "o", or the lecture's signal
    ("z_i", "z_f", "z", "z_o"), or a trace key ("gate_i", "gate_f", "gate_o")."""
    key = str(key)
    by_signal = {v: k for k, v in SIGNALS.items()}
    if key in by_signal:
        key = by_signal[key]
    elif key.startswith("gate_"):
        key = key[5:]
    if key not in GATE_COLOURS:
        raise ValueError(f"no gate {key!r}: expected one of {list(GATE_COLOURS)} "
                         f"or {list(SIGNALS.values())}")
    return GATE_COLOURS[key]


def _darker(colour, by=0.45):
    return tuple(c * (1 - by) for c in to_rgb(colour))


def gate_cmap(key):
    """A colour map for one gate's openings: white (closed) through the gate's colour to
    a darker shade of it (open), so the darker the more open."""
    colour = gate_colour(key)
    return LinearSegmentedColormap.from_list(f"gate_{key}", ["white", colour, _darker(colour)])
