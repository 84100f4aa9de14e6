"""More text to learn from (issue 13): the other tragedies shipped beside Macbeth, and how the
character LSTM and the n-grams read them (before Macbeth's training part; validation and test
stay the end of Macbeth)."""
import hashlib
import re
from importlib import resources

import numpy as np
import pytest

from lstm_course import ngram
from lstm_course import text as tx
from lstm_course.char_training import train_chars

README = resources.files("lstm_course") / "data" / "README.md"


def test_every_play_is_shipped_documented_and_unchanged():
    readme = README.read_text(encoding="utf-8")
    assert len(tx.MORE_PLAYS) == len(set(tx.MORE_PLAYS)) == 9 and tx.DEFAULT_TEXT not in tx.MORE_PLAYS
    total = 0
    for name in tx.MORE_PLAYS:
        raw = (resources.files("lstm_course") / "data" / name).read_bytes()
        raw.decode("ascii")                                             # plain ASCII, as macbeth.txt
        row = re.search(rf"^ *\| {re.escape(name)} \| .* \| ([\d,]+) \| ([0-9a-f]{{16}}) \|$", readme, re.M)
        assert row, f"{name} has no row in lstm_course/data/README.md"
        assert int(row.group(1).replace(",", "")) == len(raw)
        assert hashlib.sha256(raw).hexdigest().startswith(row.group(2))   # copied unchanged
        total += len(raw)
    assert f"{total:,} bytes in all" in readme and total < 5_000_000


def test_load_plays_joins_them_with_a_gap():
    s = tx.load_plays()
    parts = s.split("\n\n\n\n")
    assert s.endswith("\n\n\n\n") and s.startswith("HAMLET, PRINCE OF DENMARK")
    assert len(s) == sum(len(tx.load_text(n).rstrip("\n")) + 4 for n in tx.MORE_PLAYS)
    assert "LADY MACBETH" not in s                                    # Macbeth is not among them
    assert tx.load_plays(("lear.txt",)) == tx.load_text("lear.txt").rstrip("\n") + "\n\n\n\n"
    assert len(parts) >= 10
    new = sorted(set(s) - set(tx.load_text()))
    assert new == sorted("123/Z}")                                   # as the README says


@pytest.mark.parametrize("bad", ["hamlet.txt", (), []])
def test_load_plays_wants_a_tuple_of_names(bad):
    with pytest.raises(ValueError, match="non-empty tuple of file names"):
        tx.load_plays(bad)


def test_load_plays_names_a_missing_file():
    with pytest.raises(ValueError, match="no text 'tempest.txt'"):
        tx.load_plays(("tempest.txt",))


def _short_play():
    return "".join(f"KING.\nLine {w} of the play, and more.\n\n" for w in "abcdefghij" * 8)


def test_extra_text_only_adds_to_the_training_part():
    play, extra = _short_play(), "QUEEN.\nZounds! A new voice.\n\n" * 40
    kw = dict(hidden_size=8, seq_len=10, batch_size=4, max_steps=2, test_fraction=0.1, progress=False,
              print_samples=False, eval_every=1, sample_every=100, seed=3)
    alone = train_chars(play, **kw)
    more = train_chars(play, extra_text=extra, **kw)
    assert more["split"] == {"train": alone["split"]["train"] + len(extra),
                             "val": alone["split"]["val"], "test": alone["split"]["test"]}
    assert more["vocab"] == tx.build_vocab(extra + play) and "Z" in more["vocab"] and "Z" not in alone["vocab"]
    assert more["config"]["extra_chars"] == len(extra) and "extra_chars" not in alone["config"]
    # the same held-out characters: the unigram (from train) differs, its test characters do not
    V = len(more["vocab"])
    _, val, test = tx.split_train_val_test(tx.encode(play, more["vocab"]), 0.1, 0.1)
    train = np.concatenate([tx.encode(extra, more["vocab"]), tx.split_train_val_test(
        tx.encode(play, more["vocab"]), 0.1, 0.1)[0]])
    assert more["test_unigram_loss"] == pytest.approx(tx.unigram_loss(train, test, V), abs=1e-12)


def test_ngram_extra_text_counts_before_the_training_part():
    play, extra = _short_play(), "QUEEN.\nZounds! A new voice.\n\n" * 40
    alone = ngram.baselines(play, orders=(1, 2), smoothings=("add-k",))
    more = ngram.baselines(play, orders=(1, 2), smoothings=("add-k",), extra_text=extra)
    assert more["split"]["train"] == alone["split"]["train"] + len(extra)
    assert (more["split"]["val"], more["split"]["test"]) == (alone["split"]["val"], alone["split"]["test"])
    assert more["vocab"] == tx.build_vocab(extra + play)
    train, val, test = ngram.split_texts(play)
    model = ngram.NGramModel(extra + train, 2, more["vocab"])
    row = more["rows"][1]
    assert row["test_loss"] == pytest.approx(model.cross_entropy(test, "add-k", row["hyper"]), abs=1e-12)
