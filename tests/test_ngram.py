"""Character n-gram baselines (lstm_course.ngram): proper distributions, a hand-computed case,
the unigram of lesson 7, and bad input named."""
import math

import numpy as np
import pytest

from lstm_course import ngram
from lstm_course import text as tx

HYPERS = {"add-k": 0.3, "absolute": None, "kneser-ney": None}


def _hyper(smoothing, n):
    return HYPERS[smoothing] if smoothing == "add-k" else list(np.linspace(0.3, 0.9, n))


@pytest.fixture(scope="module")
def macbeth():
    play = tx.load_text()
    return play, tx.build_vocab(play), ngram.split_texts(play)


@pytest.mark.parametrize("smoothing", ngram.SMOOTHINGS)
@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_every_context_sums_to_one(smoothing, n):
    train, vocab = "the cat sat on the mat; the rat ate it.\n" * 3, "\n ;.acehimnorstx"
    model = ngram.NGramModel(train, n, vocab)
    contexts = {train[i:i + n - 1] for i in range(len(train) - n + 2)} | {"", "x", "xx" * n, "zz"[:0] + "tx"}
    for h in sorted(contexts):
        p = model.probs(h, smoothing, _hyper(smoothing, n))
        assert p.shape == (len(vocab),) and np.all(p > 0)
        assert abs(p.sum() - 1) < 1e-9, (smoothing, n, h, p.sum())


@pytest.mark.parametrize("smoothing", ngram.SMOOTHINGS)
def test_macbeth_contexts_sum_to_one(macbeth, smoothing):
    _, vocab, (train, val, _) = macbeth
    model = ngram.NGramModel(train, 4, vocab)
    for j in range(3, 3000, 37):                       # seen and unseen contexts of the validation part
        p = model.probs(val[j - 3:j], smoothing, _hyper(smoothing, 4))
        assert abs(p.sum() - 1) < 1e-9


@pytest.mark.parametrize("smoothing", ngram.SMOOTHINGS)
def test_cross_entropy_is_the_mean_of_probs(smoothing):
    """The vectorised scoring agrees with probs() character by character (short contexts too)."""
    train, vocab = "abaabbbabaaab" * 4, "abc"
    model = ngram.NGramModel(train, 3, vocab)
    text, hyper = "abcabbaacab", _hyper(smoothing, 3)
    by_hand = -np.mean([np.log(model.probs(text[max(0, j - 2):j], smoothing, hyper)[vocab.index(text[j])])
                        for j in range(1, len(text))])
    assert model.cross_entropy(text, smoothing, hyper) == pytest.approx(by_hand, abs=1e-12)


def test_a_hand_computed_bigram():
    # train "abaab", V = 3 ("abc"): bigrams ab 2, ba 1, aa 1; unigrams a 3, b 2, c 0
    model = ngram.NGramModel("abaab", 2, "abc")
    # add-k, k = 0.5: P(b|a) = (2 + .5) / (3 + 1.5); P(c|b) = .5 / (1 + 1.5)
    assert model.probs("a", "add-k", 0.5)[1] == pytest.approx(5 / 9, abs=1e-15)
    assert model.probs("b", "add-k", 0.5)[2] == pytest.approx(0.2, abs=1e-15)
    # absolute discounting, D = .5: P1 = (max(c - .5, 0) + .5 * 2 / 3) / 5 = 17/30, 11/30, 2/30
    assert model.probs("", "absolute", [0.5, 0.5]) == pytest.approx(np.array([17, 11, 2]) / 30, abs=1e-15)
    # P2(b|a) = (2 - .5 + .5 * 2 * 11/30) / 3 = 28/45
    assert model.probs("a", "absolute", [0.5, 0.5])[1] == pytest.approx(28 / 45, abs=1e-15)
    # Kneser-Ney: continuation counts N1+(. w): a 2 (after b, a), b 1 (after a), c 0; 3 bigram types
    # P1 = (max(N - .5, 0) + .5 * 2 / 3) / 3 = 11/18, 5/18, 2/18
    # P2(b|a) = (1.5 + .5 * 2 * 5/18) / 3 = 16/27;  P2(c|b) = (0 + .5 * 1 * 2/18) / 1 = 1/18
    p_b = model.probs("a", "kneser-ney", [0.5, 0.5])
    assert p_b == pytest.approx(np.array([(0.5 + 11 / 18) / 3, 16 / 27, (2 / 18) / 3]), abs=1e-15)
    assert model.probs("b", "kneser-ney", 0.5)[2] == pytest.approx(1 / 18, abs=1e-15)
    assert model.cross_entropy("ab", "kneser-ney", 0.5) == pytest.approx(-math.log(16 / 27), abs=1e-15)


def test_the_unigram_is_lesson_sevens_baseline(macbeth):
    play, vocab, (train, val, test) = macbeth
    model = ngram.NGramModel(train, 1, vocab)
    for part in (val, test):
        ours = model.cross_entropy(part, "add-k", 1.0, first=0)
        theirs = tx.unigram_loss(tx.encode(train, vocab), tx.encode(part, vocab), len(vocab))
        assert ours == pytest.approx(theirs, abs=1e-12)


def test_the_split_matches_the_ids_split(macbeth):
    play, vocab, (train, val, test) = macbeth
    a, b, c = tx.split_train_val_test(tx.encode(play, vocab))
    assert (len(train), len(val), len(test)) == (len(a), len(b), len(c))
    assert tx.decode(c, vocab) == test
    # the test part is lesson 7's validation part (its last tenth)
    assert np.array_equal(tx.split_ids(tx.encode(play, vocab), 0.1)[1], c)


def test_tuning_returns_the_grid_minimum():
    train, vocab = "abaabbbabaaabcab" * 20, "abc"
    model = ngram.NGramModel(train, 2, vocab)
    k, loss = model.tune("abcabbaacabbab", "add-k")
    assert k in ngram.K_GRID
    assert loss == pytest.approx(min(model.cross_entropy("abcabbaacabbab", "add-k", kk) for kk in ngram.K_GRID))
    d, loss = model.tune("abcabbaacabbab", "kneser-ney")
    assert len(d) == 2 and loss == pytest.approx(model.cross_entropy("abcabbaacabbab", "kneser-ney", d))


@pytest.mark.parametrize("call, match", [
    (lambda: ngram.NGramModel("abc", 0, "abc"), r"n must be an integer in 1\.\.12.*got 0"),
    (lambda: ngram.NGramModel("abc", 2.5, "abc"), r"n must be an integer.*got 2\.5"),
    (lambda: ngram.NGramModel("ab", 3, "abc"), r"train_text must hold at least 3 characters, got 2"),
    (lambda: ngram.NGramModel("abd", 2, "abc"), r"characters \['d'\].*V = 3"),
    (lambda: ngram.NGramModel("abc", 2, "abca"), r"distinct characters"),
    (lambda: ngram.NGramModel("abcab", 2, "abc").probs("a", "add-k", 0), r"positive finite number, got 0"),
    (lambda: ngram.NGramModel("abcab", 4, "abc").probs("a", "kneser-ney", [0.5, 0.5, 0.5]),
     r"4 values for n = 4, got shape \(3,\)"),
    (lambda: ngram.NGramModel("abcab", 2, "abc").probs("a", "absolute", [0.5, 1.5]), r"in \(0, 1\], got \[0\.5, 1\.5\]"),
    (lambda: ngram.NGramModel("abcab", 2, "abc").probs("a", "witten-bell", 0.5), r"smoothing must be one of"),
    (lambda: ngram.NGramModel("abcab", 2, "abc").cross_entropy("a", "add-k", 1.0), r"at least 2 characters, got 1"),
    (lambda: ngram.NGramModel("abcab", 2, "abc").cross_entropy("aXb", "add-k", 1.0), r"\['X'\]"),
    (lambda: tx.split_points(100, 0.5, 0.5), r"below 1"),
    (lambda: tx.split_points(100, 0.0, 0.1), r"val_fraction must be in \(0, 1\), got 0\.0"),
])
def test_bad_input_is_named(call, match):
    with pytest.raises(ValueError, match=match):
        call()
