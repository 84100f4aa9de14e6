"""The committed character model (results/char_model.npz) and the committed n-gram table
(results/ngram_baselines.json): both reproduce from the code, and the LSTM beats every n-gram
on the same held-out test part of Macbeth (issue 13)."""
import json
import pathlib

import numpy as np
import pytest

from lstm_course import char_model as cm
from lstm_course import ngram
from lstm_course import text as tx
from lstm_course.char_training import stream_loss

ROOT = pathlib.Path(__file__).resolve().parents[1]
MODEL = ROOT / "results" / "char_model.npz"
NGRAMS = ROOT / "results" / "ngram_baselines.json"


@pytest.fixture(scope="module")
def bundle():
    return cm.load_char_model(MODEL)


@pytest.fixture(scope="module")
def table():
    return json.loads(NGRAMS.read_text())


def test_the_model_file_is_small_and_whole(bundle):
    assert MODEL.stat().st_size < 2_000_000
    meta, model = bundle["meta"], bundle["model"]
    assert bundle["vocab"] == tx.build_vocab(tx.load_text())
    H, V = meta["config"]["hidden_size"], len(bundle["vocab"])
    assert model["core"]["W_ih"].shape == (4 * H, V) and model["readout"]["W"].shape == (V, H)
    assert all(v.dtype == np.float64 for p in ("core", "readout") for v in model[p].values())
    for key in ("seed", "lr", "seq_len", "batch_size", "val_fraction", "test_fraction"):
        assert key in meta["config"]
    assert "python -m lstm_course.train chars" in meta["command"] and "--save-model" in meta["command"]
    assert meta["seconds"] <= 300                                  # the budget: 5 minutes


def test_its_test_loss_recomputes_from_the_parameters(bundle):
    recorded = bundle["meta"]["test_loss"]
    assert cm.test_loss(bundle) == pytest.approx(recorded, abs=1e-9)
    assert cm.test_loss(bundle, "val") == pytest.approx(bundle["meta"]["val_stream_loss"], abs=1e-9)
    run = json.loads((ROOT / "results" / bundle["meta"]["run_file"]).read_text())
    assert run["test_loss"] == pytest.approx(recorded, abs=1e-12)
    assert run["command"] == bundle["meta"]["command"]


def test_it_is_scored_on_the_same_split_and_where_it_stands(bundle, table):
    """What the committed numbers say today: the LSTM (1.741 nats/char on test) beats every
    n-gram of order <= 3 and add-k smoothing at every order, but not interpolated absolute
    discounting at n = 4, 5 nor Kneser-Ney at n >= 4 (best: n = 6, 1.585)."""
    lstm = bundle["meta"]["test_loss"]
    assert bundle["meta"]["split"] == {k: table["split"][k] for k in ("train", "val", "test")}
    assert bundle["meta"]["test_unigram_loss"] > lstm
    for r in table["rows"]:
        if r["n"] <= 3 or r["smoothing"] == "add-k":
            assert lstm < r["test_loss"], r
    beaten_by = sorted((r["n"], r["smoothing"]) for r in table["rows"] if r["test_loss"] < lstm)
    assert beaten_by == [(4, "absolute"), (4, "kneser-ney"), (5, "absolute"), (5, "kneser-ney"),
                         (6, "kneser-ney")]


@pytest.mark.xfail(strict=True, reason="issue 13's bar is not met: trained on Macbeth alone (82,742 "
                   "characters) in <= 5 minutes, the LSTM's test loss (1.741) is above the 6-gram "
                   "Kneser-Ney's (1.585); strict, so this fails loudly once a committed model meets it")
def test_it_beats_every_committed_ngram(bundle, table):
    lstm = bundle["meta"]["test_loss"]
    assert lstm < table["best"]["test_loss"]                          # the n-gram chosen on validation
    assert lstm < min(r["test_loss"] for r in table["rows"])          # and the best of all on test


def test_cell_states_give_the_same_predictions(bundle):
    """cell_states (for looking inside) runs the same network as the scoring."""
    _, _, test = cm.split_of(bundle)
    text = tx.decode(test[:400], bundle["vocab"])
    s = cm.cell_states(bundle, text)
    H = bundle["meta"]["config"]["hidden_size"]
    assert all(s[k].shape == (400, H) for k in "chifgo")
    assert np.allclose(s["h"], s["o"] * np.tanh(s["c"]), atol=1e-12)
    log_p = s["logits"] - np.log(np.exp(s["logits"] - s["logits"].max(1, keepdims=True)).sum(1, keepdims=True)) \
        - s["logits"].max(1, keepdims=True)
    ours = -np.mean(log_p[np.arange(399), test[1:400]])
    assert ours == pytest.approx(stream_loss(bundle["model"], test[:400], len(bundle["vocab"])), abs=1e-9)


def test_the_ngram_table_reproduces(table):
    res = ngram.baselines()
    assert res["split"] == table["split"] and res["vocab"] == table["vocab"]
    assert len(res["rows"]) == len(table["rows"]) == 18
    for ours, theirs in zip(res["rows"], table["rows"]):
        assert (ours["n"], ours["smoothing"], ours["hyper"]) == (theirs["n"], theirs["smoothing"], theirs["hyper"])
        assert ours["val_loss"] == pytest.approx(theirs["val_loss"], abs=1e-9)
        assert ours["test_loss"] == pytest.approx(theirs["test_loss"], abs=1e-9)
    assert res["best"]["n"] == table["best"]["n"] and res["best"]["smoothing"] == table["best"]["smoothing"]
