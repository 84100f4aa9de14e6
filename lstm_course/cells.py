"""One interface, many cells: the protocol every recurrent cell of the course follows (lesson 9).

Letters: T steps, B batch, D input size, H hidden size, G weight blocks. A *cell* is any
object (a module will do) that has

    name, title            "nfg", "no forget gate (NFG, the 1997 LSTM)"
    state_names            what it carries from step to step: ("h", "c") or ("h",)
    gates                  its weight blocks in row order, e.g. ("i", "f", "g", "o"):
                           W_ih (G*H, D), W_hh (G*H, H), b_ih, b_hh (G*H,)
    memory_gate            the block whose bias sets how long the memory lasts ("f"; the
                           GRU's "z"), or None (no such gate: the plain RNN, NFG)
    write_gate             the block chrono initialisation opens as the memory gate closes
                           ("i"), or None
    init_params(input_size, hidden_size, *, seed=0, dtype=np.float64) -> params
    forward(x, params, state0=None) -> (hs, state_T, cache)
        x (T, B, D); state0 None (zeros) or a tuple of (B, H) arrays (None entries: zeros);
        hs (T, B, H); state_T a tuple of (B, H) arrays, one per state name
    backward(dhs, cache, dstate_T=None) -> (dx, dparams, dstate0)
        dhs (T, B, H) or None; dstate_T None or a tuple like the state;
        dx (T, B, D); dparams with the keys of params; dstate0 a tuple like the state

Training (``model``, ``training``, ``char_training``) and the command line take any cell
by its name here, so a new variant is one module plus one line in ``_build``. The lessons'
own modules keep their own signatures (``lstm.forward(x, params, h0, c0)``); the two
entries below adapt them.
"""
from dataclasses import dataclass
from typing import Callable, Optional

from . import lstm, rnn

PROTOCOL = ("name", "title", "state_names", "gates", "memory_gate", "write_gate",
            "init_params", "forward", "backward")


@dataclass(frozen=True)
class Cell:
    """A cell made of functions (for modules whose own signatures differ)."""
    name: str
    title: str
    state_names: tuple
    gates: tuple
    memory_gate: Optional[str]
    write_gate: Optional[str]
    init_params: Callable
    forward: Callable
    backward: Callable


def _state(state0, n):
    """None or a tuple of n entries -> a tuple of n entries (None for zeros)."""
    if state0 is None:
        return (None,) * n
    if not isinstance(state0, (tuple, list)) or len(state0) != n:
        got = f"a {type(state0).__name__} of length {len(state0)}" if isinstance(state0, (tuple, list)) \
            else type(state0).__name__
        raise ValueError(f"the state must be None or a tuple of {n} arrays (B, H), got {got}")
    return tuple(state0)


def _lstm_forward(x, params, state0=None):
    return lstm.forward(x, params, *_state(state0, 2))


def _lstm_backward(dhs, cache, dstate_T=None):
    dx, dparams, dh0, dc0 = lstm.backward(dhs, cache, *_state(dstate_T, 2))
    return dx, dparams, (dh0, dc0)


def _rnn_forward(x, params, state0=None):
    hs, h_T, cache = rnn.forward(x, params, *_state(state0, 1))
    return hs, (h_T,), cache


def _rnn_backward(dhs, cache, dstate_T=None):
    dx, dparams, dh0 = rnn.backward(dhs, cache, *_state(dstate_T, 1))
    return dx, dparams, (dh0,)


LSTM = Cell("lstm", "LSTM (the course's, as torch.nn.LSTM)", ("h", "c"), ("i", "f", "g", "o"),
            "f", "i", lstm.init_params, _lstm_forward, _lstm_backward)
RNN = Cell("rnn", "plain RNN (as torch.nn.RNN)", ("h",), ("h",), None, None,
           rnn.init_params, _rnn_forward, _rnn_backward)


def _build():
    from .variants import family, gru, janet
    cells = {"lstm": LSTM, "rnn": RNN}
    cells.update(family.FAMILY)            # vanilla, peephole, nig, nfg, nog, niaf, noaf, cifg
    cells["janet"] = janet
    cells["gru"] = gru
    return cells


CELLS = _build()
# The order of lesson 9's table: the vanilla LSTM (written like its variants, so their
# times compare), each ablation, then the two other designs.
VARIANTS = ("vanilla", "peephole", "nig", "nfg", "nog", "niaf", "noaf", "cifg", "janet", "gru")


def get_cell(cell):
    """The cell named ``cell`` (a key of CELLS), or ``cell`` itself if it follows the protocol."""
    if isinstance(cell, str):
        if cell not in CELLS:
            raise ValueError(f"cell must be one of {', '.join(CELLS)}, got {cell!r}")
        return CELLS[cell]
    missing = [a for a in PROTOCOL if not hasattr(cell, a)]
    if missing:
        raise ValueError(f"a cell needs {', '.join(PROTOCOL)}; {cell!r} lacks {', '.join(missing)}")
    return cell


def block(cell, gate, hidden_size):
    """The rows of W_ih, W_hh, b_ih and b_hh that belong to ``gate``: a slice of length H."""
    k = get_cell(cell).gates.index(gate)
    return slice(k * hidden_size, (k + 1) * hidden_size)
