"""A trained character model, saved whole and read back; what its cells do on a text (issue 13).

``save_char_model`` writes one .npz holding everything needed to use the model
again with nothing else: the parameters (core.W_ih, core.W_hh, core.b_ih, core.b_hh,
readout.W, readout.b, float64), the vocabulary, and a JSON string ``meta`` with the
hyperparameters, the seed, the split of the text and the losses recorded when it
was trained. ``load_char_model`` reads it back as a dict:

    {"model": {"cell": "lstm", "core": {...}, "readout": {...}}, "vocab": str, "meta": dict}

``cell_states(bundle, text)`` runs the model over a text from a zero memory and
returns, for every character read, the memory c, the output h and the gate
openings i, f, g, o (each an array (len(text), H)) and the logits of the next
character ((len(text), V)). Row t is the state *after* reading text[t].

``test_loss(bundle)`` recomputes the loss on the held-out test part of the play
(the last ``test_fraction`` of Macbeth), as recorded in meta["test_loss"]. A model
trained with ``--more-plays`` read the other tragedies (meta["more_plays"]) before
Macbeth's training part; its validation and test parts are still the end of Macbeth,
and its vocabulary (stored in the file) is that of all the text it saw.

``load_run(bundle)`` reads the record of the run that made the model (its validation
curve); ``versus_ngrams(bundle, load_ngrams())`` sets its losses beside the committed
n-gram baselines, scored on the same characters, and ``format_versus`` prints them.
"""
import json
from pathlib import Path

import numpy as np

from . import lstm
from . import text as tx
from .char_training import stream_loss
from .model import parameters
from .readout import linear_forward

RESULTS_MODEL = "results/char_model.npz"      # the committed model, relative to the repository
MODEL_PATH = Path(__file__).resolve().parent.parent / RESULTS_MODEL   # the same, from any directory
NGRAMS_PATH = MODEL_PATH.parent / "ngram_baselines.json"   # the committed n-gram table (ngram.main)


def save_char_model(path, model, vocab, meta):
    """Write model (a dict from ``model.init_model``/``train_chars``), vocab (str) and meta
    (a JSON-able dict) to one .npz file, parameters in float64."""
    arrays = {k: np.asarray(v, dtype=np.float64) for k, v in parameters(model).items()}
    np.savez_compressed(path, cell=np.array(model["cell"]), vocab=np.array(vocab),
                        meta=np.array(json.dumps(meta)), **arrays)


def load_char_model(path=None):
    """Read a file written by ``save_char_model``: {"model", "vocab", "meta"}. The default is
    the committed model (``MODEL_PATH``, found from any working directory, a notebook's too)."""
    path = MODEL_PATH if path is None else path
    with np.load(path, allow_pickle=False) as data:
        missing = {"cell", "vocab", "meta"} - set(data.files)
        if missing:
            raise ValueError(f"{path} is not a character model written by save_char_model "
                             f"(missing {sorted(missing)})")
        model = {"cell": str(data["cell"]), "core": {}, "readout": {}}
        for key in data.files:
            if "." in key:
                part, name = key.split(".", 1)
                model[part][name] = data[key].copy()
        vocab, meta = str(data["vocab"]), json.loads(str(data["meta"]))
    return {"model": model, "vocab": vocab, "meta": meta}


def cell_states(bundle, text, h0=None, c0=None):
    """Run the model over ``text`` (a str over its vocabulary) from a zero memory (or from
    h0, c0, each (H,), to carry on where an earlier call stopped).

    Returns a dict of float64 arrays, row t = after reading text[t]:
    c, h, i, f, g, o of shape (T, H) (memory, output, input gate, forget gate,
    cell input, output gate) and logits (T, V) (the scores of the next character).
    """
    vocab, model = bundle["vocab"], bundle["model"]
    if not isinstance(text, str) or not text:
        raise ValueError(f"text must be a non-empty str, got {type(text).__name__}")
    x = tx.one_hot(tx.encode(text, vocab)[:, None], len(vocab))      # (T, 1, V)
    state = [None if s is None else np.asarray(s, dtype=np.float64).reshape(1, -1) for s in (h0, c0)]
    hs, _, cache = lstm.forward(x, model["core"], *state)
    H = hs.shape[2]
    gates = cache["gates"][:, 0, :]                                  # (T, 4H): i, f, g, o openings
    logits, _ = linear_forward(hs[:, 0, :], model["readout"])
    return {"c": cache["cs"][1:, 0, :].copy(), "h": hs[:, 0, :].copy(),
            "i": gates[:, :H].copy(), "f": gates[:, H:2 * H].copy(),
            "g": gates[:, 2 * H:3 * H].copy(), "o": gates[:, 3 * H:].copy(), "logits": logits}


def split_of(bundle, text=None):
    """(train, val, test) ids of the play, split as the model's training split it. For a model
    trained with more plays (meta["more_plays"]), train is Macbeth's part only: the plays were
    read before it, and validation and test are the same end of Macbeth either way."""
    meta = bundle["meta"]
    text = tx.load_text(meta.get("text", tx.DEFAULT_TEXT)) if text is None else text
    return tx.split_train_val_test(tx.encode(text, bundle["vocab"]), meta["config"]["val_fraction"],
                                   meta["config"]["test_fraction"])


def test_loss(bundle, part="test"):
    """The loss (nats/char) on the held-out part ("test" or "val"), read as one stream from a
    zero memory, every character after the first scored (``char_training.stream_loss``)."""
    if part not in ("test", "val"):
        raise ValueError(f"part must be 'test' or 'val', got {part!r}")
    _, val, test = split_of(bundle)
    return stream_loss(bundle["model"], test if part == "test" else val, len(bundle["vocab"]))


# --------------------------------------------------------------------------- its records
def load_run(bundle, folder=None):
    """The record of the run that made the model (a dict, as ``train.write_run`` wrote it:
    history with eval_step, eval_seconds, val_loss; command; ...), read from
    ``folder / meta["run_file"]`` (default: the results folder beside ``MODEL_PATH``)."""
    folder = MODEL_PATH.parent if folder is None else Path(folder)
    return json.loads((folder / bundle["meta"]["run_file"]).read_text(encoding="utf-8"))


def load_ngrams(path=None):
    """The committed n-gram table (``python -m lstm_course.ngram``'s JSON; default ``NGRAMS_PATH``)."""
    return json.loads(Path(NGRAMS_PATH if path is None else path).read_text(encoding="utf-8"))


def versus_ngrams(bundle, ngrams):
    """The model beside the n-grams, on the same validation and test characters.

    ngrams: the table of ``load_ngrams``. Returns a list of dicts (model, val_loss,
    test_loss, chosen), one per order n with the smoothing that did best on validation at
    that order (chosen: True for the n-gram the table picks on validation, the bar), then
    the LSTM (its validation and test parts each read as one stream, meta val_stream_loss
    and test_loss). A table on another split raises ValueError.
    """
    meta = bundle["meta"]
    split = {k: ngrams["split"][k] for k in ("train", "val", "test")}
    if meta["split"] != split:
        raise ValueError(f"the n-grams were scored on another split: model {meta['split']}, n-grams {split}")
    best = ngrams["best"]
    rows = []
    for n in sorted({r["n"] for r in ngrams["rows"]}):
        r = min((r for r in ngrams["rows"] if r["n"] == n), key=lambda r: r["val_loss"])
        rows.append(dict(model=f"{n}-gram, {r['smoothing']}", val_loss=r["val_loss"], test_loss=r["test_loss"],
                         chosen=(n, r["smoothing"]) == (best["n"], best["smoothing"])))
    H = bundle["model"]["core"]["W_hh"].shape[1]
    rows.append(dict(model=f"LSTM, H = {H}", val_loss=meta["val_stream_loss"], test_loss=meta["test_loss"],
                     chosen=False))
    return rows


def format_versus(rows):
    """The rows of ``versus_ngrams`` as an aligned text table (nats/char, 4 decimals)."""
    lines = [f"{'model':<24} {'validation':>10} {'test':>8}   (nats/char)", "-" * 56]
    for r in rows:
        mark = "   <- best n-gram on validation" if r["chosen"] else ""
        lines.append(f"{r['model']:<24} {r['val_loss']:>10.4f} {r['test_loss']:>8.4f}{mark}")
    return "\n".join(lines)
