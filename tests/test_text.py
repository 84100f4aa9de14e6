"""text: vocabulary, encoding, truncated-BPTT batches, the unigram baseline, sampling."""
import numpy as np
import pytest

from lstm_course import text as tx
from lstm_course.model import init_model


def test_shipped_text_loads_and_round_trips():
    s = tx.load_text()
    assert 50_000 < len(s) < 400_000 and "MACBETH" in s
    vocab = tx.build_vocab(s)
    assert vocab == "".join(sorted(set(s))) and len(vocab) < 100
    ids = tx.encode(s, vocab)
    assert ids.dtype == np.int64 and tx.decode(ids[:500], vocab) == s[:500]
    with pytest.raises(ValueError, match="no text"):
        tx.load_text("missing.txt")


def test_encode_rejects_unknown_characters():
    with pytest.raises(ValueError, match=r"\['z'\]"):
        tx.encode("abz", "ab")
    with pytest.raises(ValueError, match=r"\[0, 2\)"):
        tx.decode([0, 2], "ab")


def test_one_hot():
    oh = tx.one_hot(np.array([[0, 2], [1, 1]]), 3)
    assert oh.shape == (2, 2, 3)
    np.testing.assert_array_equal(oh.argmax(-1), [[0, 2], [1, 1]])
    np.testing.assert_array_equal(oh.sum(-1), 1)


def test_tbptt_batches_continue_each_stream():
    ids = np.arange(103)
    batches = list(tx.tbptt_batches(ids, batch_size=4, seq_len=5))
    assert len(batches) == 5                                  # 25 steps per stream, 5 at a time
    inputs = np.concatenate([b[0] for b in batches])          # (25, 4)
    targets = np.concatenate([b[1] for b in batches])
    np.testing.assert_array_equal(inputs[:, 1], np.arange(25, 50))   # stream 1, in order
    np.testing.assert_array_equal(targets, inputs + 1)        # target = the next character
    with pytest.raises(ValueError, match="too short"):
        list(tx.tbptt_batches(np.arange(10), 4, 5))


def test_unigram_loss_is_the_cross_entropy_of_frequencies():
    train, val = np.array([0, 0, 0, 1]), np.array([0, 1])
    p = np.array([4, 2, 1]) / 7                               # counts + 1, over V = 3
    assert tx.unigram_loss(train, val, 3) == pytest.approx(-(np.log(p[0]) + np.log(p[1])) / 2)


def test_split_ids():
    train, val = tx.split_ids(np.arange(100), 0.1)
    assert len(train) == 90 and val[0] == 90
    with pytest.raises(ValueError, match="val_fraction"):
        tx.split_ids(np.arange(10), 1.0)


def test_sampling_is_seeded_and_temperature_sharpens():
    vocab = "ab\n"
    model = init_model(3, 4, 3, seed=0)
    model["readout"]["b"][:] = [2.0, 0.0, 0.0]                 # 'a' most likely
    s1 = tx.sample(model, vocab, prime="ab", length=300, temperature=1.0, rng=5)
    assert s1 == tx.sample(model, vocab, prime="ab", length=300, temperature=1.0, rng=5)
    assert len(s1) == 300 and set(s1) <= set(vocab)
    cold = tx.sample(model, vocab, length=300, temperature=0.2, rng=5)
    hot = tx.sample(model, vocab, length=300, temperature=5.0, rng=5)
    assert cold.count("a") > s1.count("a") > hot.count("a")
    with pytest.raises(ValueError, match="temperature"):
        tx.sample(model, vocab, temperature=0)
