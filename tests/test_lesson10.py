"""Lesson 10 (what the cells learned): its structure, the numbers its prose quotes are
printed, and every claimed cell is the one the committed model gives (seeded, reproducible)."""
import json
import re
from pathlib import Path

import pytest

from lstm_course import cell_analysis as ca
from lstm_course import char_model as cm

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "notebooks" / "10_what_the_cells_learned.ipynb"


def _cells():
    return json.loads(LESSON.read_text(encoding="utf-8"))["cells"]


def _source(c):
    return "".join(c["source"]) if isinstance(c["source"], list) else c["source"]


def _printed():
    out = []
    for c in _cells():
        for o in c.get("outputs", []):
            text = o.get("text", o.get("data", {}).get("text/plain", ""))
            out.append("".join(text) if isinstance(text, list) else text)
    return "\n".join(out)


def test_lesson10_structure():
    cells = _cells()
    text = "\n".join(_source(c) for c in cells if c["cell_type"] == "markdown")
    assert "What you will learn" in text and "## Summary" in text
    assert "my_exercises/10_what_the_cells_learned.ipynb" in text
    assert "reserved" not in text                                       # lesson 09 exists now
    assert "Lesson 09, *Which gate matters?*" in text
    assert (ROOT / "notebooks" / "09_which_gate_matters.ipynb").is_file()
    for before, c in zip(cells, cells[1:]):
        if c["cell_type"] == "code":
            assert before["cell_type"] == "markdown", "a code cell without a sentence before it"
    code = "\n".join(_source(c) for c in cells if c["cell_type"] == "code")
    assert "train_chars" not in code and "load_char_model()" in code     # the committed model, no training
    assert "load_run(bundle)" in code and "versus_ngrams(bundle, ngrams)" in code


def test_the_model_paragraph_says_what_it_saw():
    """The text the model learned from, its vocabulary and the command, as the model file records them."""
    bundle = cm.load_char_model()
    meta = bundle["meta"]
    text = "\n".join(_source(c) for c in _cells() if c["cell_type"] == "markdown")
    assert f"`{meta['command']}`" in text
    assert f"{meta['split']['train']:,} characters" in text and "first 80% of *Macbeth*" in text
    assert f"over {len(bundle['vocab'])} characters" in text and len(bundle["vocab"]) == 73
    assert "nine other tragedies" in text and len(meta["more_plays"]) == 9
    assert meta["run_file"] in text and "results/ngram_baselines.json" in text
    printed = _printed()
    assert f"trained on {meta['split']['train']:,} characters (9 other plays" in printed
    assert f"the model's loss there: {meta['test_loss']:.3f} nats/char" in printed


def test_numbers_quoted_in_prose_are_printed():
    printed = _printed()
    quoted = [q for c in _cells() if c["cell_type"] == "markdown"
              for q in re.findall(r"`([+-]?\d+\.\d+)`", _source(c))]
    assert quoted
    for number in quoted:
        assert number in printed, f"the lesson quotes {number} but never prints it"


@pytest.mark.skipif(not ca.MODEL_FILE.is_file(), reason="needs results/char_model.npz")
def test_the_claimed_cells_come_from_the_committed_model():
    bundle = cm.load_char_model(ca.MODEL_FILE)
    model, vocab, held_out = bundle["model"], bundle["vocab"], ca.test_text(bundle)
    rows = ca.find_cells(ca.run_cells(model, held_out, vocab),
                         ca.run_cells(ca.untrained_like(model, seed=0), held_out, vocab),
                         ca.text_features(held_out))
    table = ca.findings_table(rows)
    assert table in _printed()
    line = next(r for r in rows if r["feature"] == "line position")
    assert line["finding"]
    by_feature = {r["feature"]: r for r in rows}
    prose = "\n".join(_source(c) for c in _cells() if c["cell_type"] == "markdown")
    assert f"cell {line['cell']}'s memory correlates `{line['r']:+.2f}`" in prose
    for name in ("stage direction", "inside quotes", "punctuation"):      # "no cell tracks" them, as said
        assert not by_feature[name]["tracked"], name
    assert "**No cell tracks** stage directions, quotes or punctuation" in prose
    for name in ("word position", "speaker's name", "vowel (vs consonant)"):
        assert by_feature[name]["finding"], name
    vowel = by_feature["vowel (vs consonant)"]
    assert abs(vowel["r"]) - abs(vowel["control_r"]) < 0.2                # "a weak finding", "barely beyond chance"


def test_the_comparison_it_prints_is_the_committed_one():
    bundle = cm.load_char_model()
    assert cm.format_versus(cm.versus_ngrams(bundle, cm.load_ngrams())) in _printed()
