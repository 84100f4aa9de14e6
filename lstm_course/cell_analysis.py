"""Inside a trained character model: what each memory cell does over a text (lesson 10).

Letters: T characters, H memory cells, V vocabulary.

Following Karpathy, Johnson & Fei-Fei, "Visualizing and Understanding Recurrent
Networks" (2015):

- The model is the committed one, read by ``char_model.load_char_model``; the text is
  the held-out test part of the play (``test_text``, as ``char_model.split_of`` splits it).
- ``run_cells`` feeds a text to the model one character at a time (one stream, the
  memory carried all the way) and keeps, at every step, every cell's memory c, output
  h and gate openings i, f, g, o: arrays of shape (T, H). Step t is the state after
  reading character t.
- ``text_features`` describes every character of the text by interpretable features
  (its position in the line, whether it lies in a speaker's name, a stage direction or
  quotes, whether it is a punctuation mark, a vowel or a consonant). A feature is a
  float array (T,); NaN where it is not defined (the vowel feature on a space).
- ``correlations`` gives, for every cell, the Pearson correlation of its activation
  with a feature; ``find_cells`` names the cells that correlate most with each feature,
  in the trained model and in the same model at initialisation (the control: a cell of
  an untrained network that follows the current character is no finding), and says
  plainly when no cell tracks a feature (|r| below ``TRACKS``).
- ``saturation`` gives, for each gate, the fraction of steps each cell's gate is
  left-saturated (< 0.1, shut) or right-saturated (> 0.9, open), the statistic of the
  paper's gate-saturation figure. A cell whose forget gate is open most of the time
  keeps its memory for many steps.
"""
import re

import numpy as np

from . import char_model as cm
from . import text as tx
from .model import init_model

MODEL_FILE = cm.MODEL_PATH          # the committed model, results/char_model.npz

QUANTITIES = ("c", "h", "i", "f", "g", "o")
QUANTITY_NAMES = {"c": "memory c", "h": "output h", "i": "input gate", "f": "forget gate",
                  "g": "cell input g", "o": "output gate"}
GATES = ("i", "f", "o")            # the three sigmoid gates, whose saturation is measured
LOW, HIGH = 0.1, 0.9               # left-saturated below LOW, right-saturated above HIGH
TRACKS = 0.5                       # a cell "tracks" a feature when |r| >= TRACKS
PUNCTUATION = ",.;:!?"

FEATURES = {
    "line position": "characters since the last newline (0 at the start of a line)",
    "word position": "characters since the last space or newline",
    "speaker's name": "inside a line of capitals that names the speaker (\"LADY MACBETH.\")",
    "stage direction": "inside square brackets, [Enter three Witches.]",
    "inside quotes": "between an opening and a closing double quote",
    "punctuation": "the character read is one of , . ; : ! ?",
    "vowel (vs consonant)": "1 for a vowel, 0 for a consonant, undefined for other characters",
}

_SPEAKER = re.compile(r"[A-Z][A-Z' ]*\.")   # a whole line: FIRST WITCH. / LADY MACBETH.


def test_text(bundle):
    """The held-out test part of the play (a str) for a model read by
    ``char_model.load_char_model``: the last part, split as the model's training split it
    (``char_model.split_of``), never trained on and never used to choose the parameters."""
    _, _, test_ids = cm.split_of(bundle)
    return tx.decode(test_ids, bundle["vocab"])


def run_cells(model, text, vocab, h0=None, c0=None):
    """Every cell's state over ``text``, read as one stream from zero memory (or h0, c0,
    each (H,)): ``char_model.cell_states`` without the logits. Returns {"c", "h", "i", "f",
    "g", "o"}: float64 arrays of shape (len(text), H); row t is the state after reading text[t]."""
    states = cm.cell_states({"model": model, "vocab": vocab}, text, h0, c0)
    return {k: np.ascontiguousarray(states[k], dtype=np.float64) for k in QUANTITIES}


def untrained_like(model, seed=0):
    """The same architecture at initialisation (``init_model`` with this seed), the control."""
    V_in, H = model["core"]["W_ih"].shape[1], model["core"]["W_hh"].shape[1]
    return init_model(V_in, H, model["readout"]["W"].shape[0], seed=seed)


# --------------------------------------------------------------------------- features
def line_position(text):
    """Each character's position in its line: 0 for a line's first character; a newline
    belongs to the line it ends. An int array (len(text),). "ab\\ncd" -> [0, 1, 2, 0, 1]."""
    out = np.empty(len(text), dtype=np.int64)
    col = 0
    for k, ch in enumerate(text):
        out[k] = col
        col = 0 if ch == "\n" else col + 1
    return out


def word_position(text):
    """Characters since the last space or newline: 0 for a word's first character; the
    space or newline after a word belongs to it (counted like ``line_position``)."""
    out = np.empty(len(text), dtype=np.int64)
    col = 0
    for k, ch in enumerate(text):
        out[k] = col
        col = 0 if ch in " \n" else col + 1
    return out


def _line_mask(text, predicate):
    """1.0 on every character (its newline included) of the lines for which predicate(line) holds."""
    out = np.zeros(len(text))
    start = 0
    for line in text.split("\n"):
        if predicate(line):
            out[start:start + len(line) + 1] = 1.0
        start += len(line) + 1
    return out[:len(text)]


def _between(text, open_ch, close_ch):
    """1.0 from an opening character to its closing one, both included."""
    out, inside = np.zeros(len(text)), False
    for k, ch in enumerate(text):
        inside = inside or ch == open_ch
        out[k] = inside
        if ch == close_ch:
            inside = False
    return out


def _quotes(text):
    out, inside = np.zeros(len(text)), False
    for k, ch in enumerate(text):
        if ch == '"':
            out[k] = 1.0
            inside = not inside
        else:
            out[k] = inside
    return out


def text_features(text):
    """{feature name: float array (len(text),)} for the features of ``FEATURES``
    (NaN where a feature is not defined)."""
    vowel = np.full(len(text), np.nan)
    for k, ch in enumerate(text):
        if ch.isalpha():
            vowel[k] = 1.0 if ch.lower() in "aeiou" else 0.0
    return {
        "line position": line_position(text).astype(float),
        "word position": word_position(text).astype(float),
        "speaker's name": _line_mask(text, lambda line: bool(_SPEAKER.fullmatch(line.strip()))
                                     and not line.strip().startswith(("ACT ", "SCENE "))),
        "stage direction": _between(text, "[", "]"),
        "inside quotes": _quotes(text),
        "punctuation": np.array([ch in PUNCTUATION for ch in text], dtype=float),
        "vowel (vs consonant)": vowel,
    }


# --------------------------------------------------------------------------- correlations
def correlations(acts, feature):
    """Pearson's r between each cell's activation and the feature, over the steps where
    the feature is defined (not NaN). acts (T, H), feature (T,) -> r (H,), computed in
    float64 and returned in the inputs' float dtype (float32 in, float32 out; integers give
    float64). A cell that never changes there (or a constant feature) has r = 0: no linear
    relation."""
    out_dtype = np.result_type(np.asarray(acts).dtype, np.asarray(feature).dtype, np.float32)
    acts = np.asarray(acts, dtype=np.float64)
    feature = np.asarray(feature, dtype=np.float64)
    if acts.ndim != 2 or feature.shape != acts.shape[:1]:
        raise ValueError(f"acts must be (T, H) and feature (T,), got {acts.shape} and {feature.shape}")
    keep = ~np.isnan(feature)
    a, x = acts[keep], feature[keep]
    a = a - a.mean(axis=0)
    x = x - x.mean()
    denom = np.sqrt((a ** 2).sum(axis=0) * (x ** 2).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(denom > 0, (a * x[:, None]).sum(axis=0) / np.where(denom > 0, denom, 1.0), 0.0)
    return r.astype(out_dtype)


def best_cells(acts, feature, k=3):
    """The k cells with the largest |r|: a list of (cell, r), strongest first."""
    r = correlations(acts, feature)
    order = np.argsort(-np.abs(r), kind="stable")[:k]
    return [(int(u), float(r[u])) for u in order]


def find_cells(trained, untrained, features, quantity="c", k=3, tracks=TRACKS):
    """For each feature, the cells of the trained model that correlate most with it, and
    the best of the untrained control. trained, untrained: as from ``run_cells`` (same
    text); features: from ``text_features``. Returns a list of dicts, one per feature:
    feature, cells [(cell, r)] (trained, strongest first), cell, r (the best),
    control_cell, control_r (the untrained model's best), tracked (|r| >= tracks),
    finding (tracked, and beyond the control by at least 0.1 in |r|)."""
    rows = []
    for name, values in features.items():
        cells = best_cells(trained[quantity], values, k)
        (control_cell, control_r), = best_cells(untrained[quantity], values, 1)
        cell, r = cells[0]
        tracked = abs(r) >= tracks
        rows.append(dict(feature=name, cells=cells, cell=cell, r=r, control_cell=control_cell,
                         control_r=control_r, tracked=tracked,
                         finding=tracked and abs(r) >= abs(control_r) + 0.1))
    return rows


def verdict(row, tracks=TRACKS):
    """A plain sentence for one row of ``find_cells``."""
    if not row["tracked"]:
        return f"no cell tracks it (best |r| = {abs(row['r']):.2f} < {tracks})"
    if not row["finding"]:
        return (f"cell {row['cell']} follows it, but so does the untrained model "
                f"(|r| = {abs(row['control_r']):.2f}): the current character decides it")
    return (f"cell {row['cell']} tracks it, beyond the untrained model's best "
            f"(|r| = {abs(row['control_r']):.2f})")


def findings_table(rows, tracks=TRACKS):
    """The rows of ``find_cells`` as an aligned text table."""
    head = f"{'feature':<22} {'trained: best cells (r)':<36} {'untrained: best (r)':<21} verdict"
    lines = [head, "-" * len(head)]
    for row in rows:
        cells = ", ".join(f"{u} ({r:+.2f})" for u, r in row["cells"])
        control = f"{row['control_cell']} ({row['control_r']:+.2f})"
        lines.append(f"{row['feature']:<22} {cells:<36} {control:<21} {verdict(row, tracks)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- saturation
def saturation_fractions(gate, low=LOW, high=HIGH):
    """For gate openings (T, H): (left, right), each (H,) float64, the fraction of the
    T steps each cell's gate is below ``low`` (shut) and above ``high`` (open)."""
    gate = np.asarray(gate)
    if gate.ndim != 2:
        raise ValueError(f"gate must be (T, H), got shape {gate.shape}")
    return (np.mean(gate < low, axis=0, dtype=np.float64),
            np.mean(gate > high, axis=0, dtype=np.float64))


def saturation(cells, low=LOW, high=HIGH):
    """{gate: (left, right)} for the gates i, f, o of ``run_cells``' output."""
    return {g: saturation_fractions(cells[g], low, high) for g in GATES}


def saturation_summary(sat, most=0.5):
    """Counts that the scatter shows, per gate: cells right-saturated (left-saturated)
    more than ``most`` of the time, and cells never saturated either way."""
    out = {}
    for g, (left, right) in sat.items():
        out[g] = {"right_most": int(np.sum(right > most)), "left_most": int(np.sum(left > most)),
                  "never": int(np.sum((left == 0) & (right == 0))), "cells": int(left.size),
                  "mean_left": float(left.mean()), "mean_right": float(right.mean())}
    return out


def memory_span(f):
    """Each cell's typical memory span in steps, 1 / (1 - f) at its median forget-gate
    opening: a cell keeping a fraction f of its memory per step forgets over about
    1 / (1 - f) steps. f (T, H) -> (H,)."""
    med = np.median(np.asarray(f, dtype=np.float64), axis=0)
    return 1.0 / np.maximum(1.0 - med, 1e-12)
