"""Checkers of lesson 7 (encoding, temperature, truncated-BPTT batches, unigram
baseline): the solutions and the package pass, planted mistakes get their hint."""
import numpy as np
import pytest

from lstm_course import checks
from lstm_course import text as tx
from lstm_course.checks.sampling import draw, sampling_probs
from lstm_course.readout import softmax

from checks_helpers import assert_caught, assert_passes, solution_functions


@pytest.fixture(scope="module")
def sol7():
    return solution_functions("07_character_model")


def test_lesson7_solutions_pass(sol7, capsys):
    assert_passes(checks.check_encode_decode(sol7["encode"], sol7["decode"]), capsys)
    assert_passes(checks.check_sampling_probs(sol7["sampling_probs"]), capsys)
    assert_passes(checks.check_tbptt_batches(sol7["tbptt_batches"]), capsys)
    assert_passes(checks.check_unigram_loss(sol7["unigram_loss"]), capsys)
    assert_passes(checks.check_draw(sol7["draw"]), capsys)


def test_package_references_pass(capsys):
    assert_passes(checks.check_encode_decode(tx.encode, tx.decode), capsys)
    assert_passes(checks.check_sampling_probs(sampling_probs), capsys)
    assert_passes(checks.check_draw(draw), capsys)
    assert_passes(checks.check_tbptt_batches(tx.tbptt_batches), capsys)
    assert_passes(checks.check_unigram_loss(tx.unigram_loss), capsys)


def test_untouched_and_crashing_answers_are_reported_kindly(capsys):
    def untouched(*args):
        raise NotImplementedError("write your code here")

    result = checks.check_tbptt_batches(untouched)
    assert result.status == "not done" and "not done yet" in capsys.readouterr().out
    result = checks.check_unigram_loss(lambda tr, ev, V: np.log(np.bincount(tr) / len(tr))[ev].mean())
    out = capsys.readouterr().out
    assert result.status == "error" and "minlength" in result.hint and "Traceback" not in out


# --------------------------------------------------------------------------- encode / decode
def _encode(mistake=None):
    def encode(text, vocab):
        if mistake == "ord":
            return np.array([ord(ch) for ch in text])
        if mistake == "first seen":
            seen = []
            for ch in text:
                if ch not in seen:
                    seen.append(ch)
            return np.array([seen.index(ch) for ch in text])
        return np.array([vocab.index(ch) + (1 if mistake == "one-based" else 0) for ch in text], dtype=int)
    return encode


def _decode(mistake=None):
    def decode(ids, vocab):
        if mistake == "list":
            return [vocab[i] for i in ids]
        return "".join(vocab[i - 1 if mistake == "off by one" else i] for i in ids)
    return decode


@pytest.mark.parametrize("enc, dec, hint", [
    ("one-based", None, "ids start at 0"),
    ("ord", None, "not its Unicode code point"),
    ("first seen", None, "not in the order they first appear"),
    (None, "off by one", "id i is vocab[i]"),
    (None, "list", "must return a str"),
])
def test_encode_decode_mistakes(enc, dec, hint, capsys):
    assert_caught(checks.check_encode_decode(_encode(enc), _decode(dec)), capsys, hint)


# --------------------------------------------------------------------------- temperature
def _probs(mistake=None):
    def sampling_probs(logits, temperature, top_k=None):
        z = logits * temperature if mistake == "multiply" else logits / temperature
        if mistake == "ignore":
            z = logits
        if mistake != "no max":
            z = z - (z.max() if mistake == "whole array" else z.max(axis=-1, keepdims=True))
        if top_k is not None and mistake in ("exactly k", "drop smallest"):
            order = np.argsort(z, axis=-1)
            z = z.copy()
            np.put_along_axis(z, order[..., :top_k] if mistake == "drop smallest" else order[..., :-top_k], -np.inf,
                              axis=-1)
        elif top_k is not None and mistake != "ignore top_k":
            kth = np.sort(z, axis=-1)[..., -top_k][..., None]
            z = np.where(z >= kth, z, -np.inf)
        e = np.exp(z)
        p = e / (e.sum() if mistake == "whole array" else e.sum(axis=-1, keepdims=True))
        if mistake == "after":
            if top_k is not None:
                kth = np.sort(logits, axis=-1)[..., -top_k][..., None]
                logits = np.where(logits >= kth, logits, -np.inf)
            e = np.exp(logits - logits.max(axis=-1, keepdims=True))
            p = e / e.sum(axis=-1, keepdims=True) / temperature
        return p
    return sampling_probs


@pytest.mark.parametrize("mistake, hint", [
    ("after", "before the softmax, not the probabilities"),
    ("multiply", "not logits * temperature"),
    ("ignore", "use the temperature"),
    ("no max", "subtract each row's maximum"),
    ("whole array", "normalise each row on its own"),
    ("ignore top_k", "yours ignores top_k"),
    ("exactly k", "keeps exactly top_k positions"),
    ("drop smallest", "cuts the top_k smallest instead"),
])
def test_sampling_probs_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_sampling_probs(_probs(mistake)), capsys, hint)


def test_probabilities_of_a_power_are_not_a_mistake(capsys):
    """softmax(z)**(1/tau), renormalised, is softmax(z / tau): the checker must accept it."""
    def via_power(logits, temperature, top_k=None):
        p = softmax(logits) ** (1 / temperature)
        if top_k is not None:
            kth = np.sort(p, axis=-1)[..., -top_k][..., None]
            p = np.where(p >= kth, p, 0.0)
        return p / p.sum(axis=-1, keepdims=True)
    assert_passes(checks.check_sampling_probs(via_power), capsys)


# --------------------------------------------------------------------------- batches
def _batches(mistake=None):
    def tbptt_batches(ids, batch_size, seq_len):
        ids = np.asarray(ids)
        L = (len(ids) - 1) // batch_size
        if mistake == "round robin":
            inputs = ids[:batch_size * L].reshape(L, batch_size)
            targets = ids[1:batch_size * L + 1].reshape(L, batch_size)
        else:
            inputs = ids[:batch_size * L].reshape(batch_size, L).T
            targets = ids[1:batch_size * L + 1].reshape(batch_size, L).T
        if mistake == "not shifted":
            targets = inputs
        step = seq_len + 1 if mistake == "skip" else seq_len
        if mistake == "skip":   # T + 1 characters per chunk, then on to the next T + 1
            inputs = np.stack([ids[b * L:b * L + L + 1] for b in range(batch_size)], axis=1)
            targets = inputs[1:]
        for start in range(0, L - seq_len + 1, step):
            x, y = inputs[start:start + seq_len], targets[start:start + seq_len]
            yield (x.T, y.T) if mistake == "batch first" else (x, y)
    return tbptt_batches


@pytest.mark.parametrize("mistake, hint", [
    ("not shifted", "targets must be the inputs shifted by one"),
    ("skip", "chunk 2 must start where chunk 1 stopped"),
    ("round robin", "each stream is one long stretch"),
    ("batch first", "time first"),
])
def test_tbptt_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_tbptt_batches(_batches(mistake)), capsys, hint)


def test_tbptt_partial_last_chunk_is_named(capsys):
    def with_partial(ids, batch_size, seq_len):
        ids = np.asarray(ids)
        L = (len(ids) - 1) // batch_size
        inputs = ids[:batch_size * L].reshape(batch_size, L).T
        targets = ids[1:batch_size * L + 1].reshape(batch_size, L).T
        for start in range(0, L, seq_len):
            yield inputs[start:start + seq_len], targets[start:start + seq_len]
    assert_caught(checks.check_tbptt_batches(with_partial), capsys, "leave out an incomplete last chunk")


# --------------------------------------------------------------------------- unigram
def _unigram(mistake=None):
    def unigram_loss(train_ids, eval_ids, vocab_size):
        source = eval_ids if mistake == "eval counts" else train_ids
        counts = np.bincount(source, minlength=vocab_size) + (0.0 if mistake == "no smoothing" else 1.0)
        p = counts / counts.sum()
        logp = np.log2(p) if mistake == "log2" else np.log(p)
        losses = -logp[eval_ids]
        return float(losses.sum() if mistake == "sum" else losses.mean())
    return unigram_loss


@pytest.mark.parametrize("mistake, hint", [
    ("no smoothing", "add-one smoothing"),
    ("eval counts", "count the characters of train_ids"),
    ("log2", "not log2"),
    ("sum", "not the sum"),
])
def test_unigram_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_unigram_loss(_unigram(mistake)), capsys, hint)


# --------------------------------------------------------------------------- drawing
@pytest.mark.parametrize("mistake, hint", [
    (lambda p, u: (np.cumsum(p, axis=-1) < u[:, None]).sum(axis=-1), "greater than u"),
    (lambda p, u: np.argmax(p, axis=-1), "not the most likely"),
    (lambda p, u: (np.cumsum(p, axis=-1) <= u[:, None]).sum(axis=-1) + 1, "one too high"),
])
def test_draw_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_draw(mistake), capsys, hint)


def test_encode_of_the_empty_text_must_be_int(capsys):
    def encode(text, vocab):
        return np.array([vocab.index(ch) for ch in text])
    assert_caught(checks.check_encode_decode(encode, tx.decode), capsys, "for the empty text your ids are float64")


def test_tbptt_must_be_a_generator_and_streams_one_shorter(capsys):
    def as_list(ids, batch_size, seq_len):
        return list(tx.tbptt_batches(ids, batch_size, seq_len))

    def no_minus_one(ids, batch_size, seq_len):
        ids = np.asarray(ids)
        L = len(ids) // batch_size
        x = np.stack([ids[b * L:(b + 1) * L] for b in range(batch_size)], axis=1)
        y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(batch_size)], axis=1)
        for k in range(L // seq_len):
            yield x[k * seq_len:(k + 1) * seq_len], y[k * seq_len:(k + 1) * seq_len]
    assert_caught(checks.check_tbptt_batches(as_list), capsys, "write a generator")
    assert_caught(checks.check_tbptt_batches(no_minus_one), capsys, "not len(ids) // batch_size")


def test_draw_with_no_cumulative_probability_above_u_gives_the_last_index(capsys):
    """Ten probabilities of 0.1 add up to 0.9999999999999999: np.argmax of an all-False row is 0, not V - 1."""
    assert draw(np.full((1, 10), 0.1), np.array([0.9999999999999999]))[0] == 9
    assert draw(np.full((1, 7), 1 / 7), np.array([0.9999999999999999]))[0] == 6

    def argmax_draw(probs, u):
        return np.argmax(np.cumsum(probs, axis=1) > u[:, None], axis=1)
    assert_caught(checks.check_draw(argmax_draw), capsys, "return the last index, V - 1")

    def searchsorted_right(probs, u):
        cdf = np.cumsum(probs, axis=1)
        return np.array([np.searchsorted(row, x, side="right") for row, x in zip(cdf, u)])
    assert_caught(checks.check_draw(searchsorted_right), capsys, "return the last index, V - 1")


@pytest.mark.parametrize("mistake, hint", [
    (lambda p, u: np.argmax(np.cumsum(p, axis=0) > u[:, None], axis=1), "axis=0 adds up the rows"),
    (lambda p, u: np.argmax(np.cumsum(p, axis=1) >= u[:, None], axis=1), "greater than u"),
])
def test_draw_axis_and_boundary_with_argmax(mistake, hint, capsys):
    assert_caught(checks.check_draw(mistake), capsys, hint)


def test_sampling_probs_over_axis_0_is_named(capsys):
    def sampling_probs_axis0(logits, temperature, top_k=None):
        z = logits / temperature
        z = z - z.max(axis=0, keepdims=True)
        if top_k is not None:
            kth = np.sort(z, axis=-1)[..., -top_k][..., None]
            z = np.where(z >= kth, z, -np.inf)
        e = np.exp(z)
        return e / e.sum(axis=0, keepdims=True)
    assert_caught(checks.check_sampling_probs(sampling_probs_axis0), capsys, "yours uses axis=0")


def test_encode_decode_through_a_set_is_named(capsys):
    def encode(text, vocab):
        table = {ch: i for i, ch in enumerate(set(vocab))}
        return np.array([table[ch] for ch in text], dtype=int)

    def decode(ids, vocab):
        table = {i: ch for i, ch in enumerate(set(vocab))}
        return "".join(table[i] for i in ids)
    assert_caught(checks.check_encode_decode(encode, decode), capsys, "a set has no order")
