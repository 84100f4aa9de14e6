"""Checkers for the character model's pieces: encoding, sampling probabilities
with a temperature, truncated-BPTT batches and the unigram baseline (lesson 7).

Reference: ``lstm_course.text`` (encode, decode, tbptt_batches, unigram_loss)
and ``lstm_course.readout.softmax``. Cases: random, edge cases (one character,
one stream, a text of exactly one chunk, a character unseen in training) and
large scores.
"""
import numpy as np

from .. import text as tx
from ..readout import softmax
from .core import FAILED, Case, Stop, Variant, diagnose


# --------------------------------------------------------------------------- encode / decode
def _codes(name, s):
    """A decoded string as an array of code points (so it compares like any output)."""
    if not isinstance(s, str):
        raise Stop(FAILED, f"{name} must return a str; you returned a {type(s).__name__} "
                           "(join the characters: ''.join(...))")
    return np.array([ord(ch) for ch in s], dtype=np.int64)


def _encode_decode(encode, decode):
    """(ids of the text, the text decoded back from the reference's ids)."""
    def run(text, vocab):
        ids = encode(text, vocab)
        return ids, _codes("decode", decode(tx.encode(text, vocab), vocab))
    return run


def _first_seen(text, vocab):
    order = list(dict.fromkeys(text))
    return np.array([order.index(ch) for ch in text], dtype=np.int64)


ENCODE_VARIANTS = [
    Variant("ids start at 0: a character's id is its position in vocab (vocab.index(ch)), "
            "so the first character of the vocabulary is 0.",
            _encode_decode(lambda t, v: tx.encode(t, v) + 1, tx.decode)),
    Variant("the id is the character's position in the vocabulary, not its Unicode code point (ord).",
            _encode_decode(lambda t, v: np.array([ord(ch) for ch in t]), tx.decode)),
    Variant("number the characters in the vocabulary's (sorted) order, vocab.index(ch), not in the order "
            "they first appear in the text.", _encode_decode(_first_seen, tx.decode)),
    Variant("decode is the inverse of encode: id i is vocab[i] (yours is off by one).",
            _encode_decode(tx.encode, lambda ids, v: "".join(v[i - 1] for i in ids))),
]


def _encode_cases():
    play = "When shall we three meet again\nIn thunder, lightning, or in rain?"
    return [Case("a line of the play", (play, tx.build_vocab(play))),
            Case("'hello' with vocab 'ehlo'", ("hello", "ehlo")),
            Case("one character", ("x", "abcx")),
            Case("a vocabulary larger than the text", ("ab ba", " abcdefgh")),
            Case("the empty text", ("", "ab"))]


def check_encode_decode(encode, decode):
    """Check encode(text, vocab) -> int ids (len(text),) and decode(ids, vocab) -> str."""
    return diagnose("check_encode_decode", _encode_decode(encode, decode), _encode_decode(tx.encode, tx.decode),
                    _encode_cases(), ENCODE_VARIANTS, ("ids", "decoded text"),
                    error_hints=(("substring not found", "every character of the text is in vocab; "
                                                         "look it up in vocab, not in the text."),),
                    summary="ids and decoded text match text.encode / text.decode (a line of the play, "
                            "one character, unused vocabulary, the empty text).")


# --------------------------------------------------------------------------- temperature
def _reference_probs(logits, temperature):
    return softmax(np.asarray(logits, dtype=np.float64) / temperature)


def _no_max(logits, temperature):
    e = np.exp(np.asarray(logits) / temperature)
    return e / e.sum(axis=-1, keepdims=True)


def _whole_array(logits, temperature):
    e = np.exp(np.asarray(logits) / temperature - np.max(logits) / temperature)
    return e / e.sum()


PROBS_VARIANTS = [
    Variant("divide the scores by the temperature before the softmax, not the probabilities after it: "
            "softmax(logits / temperature).", lambda z, t: softmax(np.asarray(z)) / t),
    Variant("divide by the temperature (a temperature below 1 must sharpen the distribution): "
            "softmax(logits / temperature), not logits * temperature.", lambda z, t: softmax(np.asarray(z) * t)),
    Variant("use the temperature: softmax(logits / temperature).", lambda z, t: softmax(np.asarray(z))),
    Variant("subtract each row's maximum before exp: exp(1000) overflows to inf, and inf / inf is nan "
            "(the result is otherwise unchanged).", _no_max),
    Variant("normalise each row on its own: sum over the last axis (axis=-1, keepdims=True), so every "
            "row of a batch sums to 1.", _whole_array),
]


def _probs_cases():
    rng = np.random.default_rng(71)
    return [Case("scores (V=6), temperature 0.5", (rng.normal(size=6), 0.5)),
            Case("a batch (B=3, V=5), temperature 2", (rng.normal(size=(3, 5)), 2.0)),
            Case("a batch of one, temperature 0.8", (rng.normal(size=(1, 4)), 0.8)),
            Case("zero scores, temperature 0.3", (np.zeros((2, 4)), 0.3)),
            Case("large scores (about 1000), temperature 1", (1000 + rng.normal(size=(2, 5)), 1.0))]


def check_sampling_probs(fn):
    """Check fn(logits (..., V), temperature) -> probabilities (..., V), softmax(logits / temperature)."""
    return diagnose("check_sampling_probs", fn, _reference_probs, _probs_cases(), PROBS_VARIANTS,
                    ("probabilities",),
                    summary="your probabilities equal readout.softmax(logits / temperature) (one row, "
                            "a batch, zeros, large scores, temperatures 0.3 to 2).")


# --------------------------------------------------------------------------- truncated BPTT
def _collect(batcher):
    """All (inputs, targets) the batcher yields, stacked: two int arrays (chunks, T, B)."""
    def run(ids, batch_size, seq_len):
        chunks = list(batcher(ids, batch_size, seq_len))
        if not chunks:
            raise Stop(FAILED, "your function yields no batches: yield (inputs, targets) for every full chunk")
        if any(not isinstance(c, (tuple, list)) or len(c) != 2 for c in chunks):
            raise Stop(FAILED, "yield pairs (inputs, targets), one per chunk")
        try:
            return (np.stack([np.asarray(i) for i, _ in chunks]), np.stack([np.asarray(t) for _, t in chunks]))
        except ValueError:
            raise Stop(FAILED, "every chunk must have the same shape (T, B): leave out an incomplete last chunk") from None
    return run


def _unshifted(ids, batch_size, seq_len):
    for inputs, _ in tx.tbptt_batches(ids, batch_size, seq_len):
        yield inputs, inputs


def _skip_one(ids, batch_size, seq_len):
    """Chunks of T + 1 characters taken one after the other: each next chunk starts one too late."""
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    streams = np.stack([ids[b * L:b * L + L + 1] for b in range(batch_size)], axis=1)   # (L + 1, B)
    for start in range(0, L - seq_len + 1, seq_len + 1):
        yield streams[start:start + seq_len], streams[start + 1:start + seq_len + 1]


def _round_robin(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    inputs = ids[:batch_size * L].reshape(L, batch_size)
    targets = ids[1:batch_size * L + 1].reshape(L, batch_size)
    for start in range(0, L - seq_len + 1, seq_len):
        yield inputs[start:start + seq_len], targets[start:start + seq_len]


def _batch_first(ids, batch_size, seq_len):
    for inputs, targets in tx.tbptt_batches(ids, batch_size, seq_len):
        yield inputs.T, targets.T


BATCH_VARIANTS = [
    Variant("targets must be the inputs shifted by one: targets[t] is the character that follows inputs[t].",
            _collect(_unshifted)),
    Variant("chunk 2 must start where chunk 1 stopped: advance by seq_len, so chunk 1's last target is "
            "chunk 2's first input (yours skips a character between chunks).", _collect(_skip_one)),
    Variant("each stream is one long stretch of the text: stream b is ids[b*L : (b+1)*L]; reshape to (B, L) "
            "and transpose (reshape(L, B) deals the characters out to the streams in turn).",
            _collect(_round_robin)),
    Variant("inputs and targets have shape (T, B): time first, one column per stream.", _collect(_batch_first)),
]


def _batch_cases():
    rng = np.random.default_rng(72)
    return [Case("ids 0..100, B=4, T=5", (np.arange(101), 4, 5)),
            Case("random ids, B=3, T=4", (rng.integers(0, 20, size=60), 3, 4)),
            Case("one stream, B=1, T=7", (np.arange(50), 1, 7)),
            Case("exactly one chunk, B=3, T=10", (np.arange(31), 3, 10))]


def check_tbptt_batches(fn):
    """Check fn(ids (N,), batch_size, seq_len), yielding (inputs, targets) of shape (T, B), against
    ``text.tbptt_batches``: every chunk, in order."""
    return diagnose("check_tbptt_batches", _collect(fn), _collect(tx.tbptt_batches), _batch_cases(),
                    BATCH_VARIANTS, ("inputs of every chunk", "targets of every chunk"),
                    summary="every chunk's inputs and targets match text.tbptt_batches (several streams, "
                            "one stream, a text of exactly one chunk).")


# --------------------------------------------------------------------------- unigram baseline
def _loss_from(counts, eval_ids, log=np.log, reduce=np.mean):
    return float(-reduce(log(counts / counts.sum())[np.asarray(eval_ids)]))


UNIGRAM_VARIANTS = [
    Variant("add one to every count (add-one smoothing) before dividing: a character that never occurs in "
            "train_ids would otherwise have probability 0 and cost infinity.",
            lambda tr, ev, V: _loss_from(np.bincount(tr, minlength=V).astype(float), ev)),
    Variant("count the characters of train_ids; measure the loss on eval_ids (you counted eval_ids).",
            lambda tr, ev, V: _loss_from(np.bincount(ev, minlength=V) + 1.0, ev)),
    Variant("the loss is in nats: use the natural logarithm np.log, not log2.",
            lambda tr, ev, V: _loss_from(np.bincount(tr, minlength=V) + 1.0, ev, log=np.log2)),
    Variant("average over the characters of eval_ids (nats per character), not the sum.",
            lambda tr, ev, V: _loss_from(np.bincount(tr, minlength=V) + 1.0, ev, reduce=np.sum)),
]


def _unigram_cases():
    rng = np.random.default_rng(73)
    skewed = rng.choice(8, size=300, p=[.4, .2, .1, .1, .1, .05, .03, .02])
    return [Case("random ids, V=8", (skewed[:250], skewed[250:], 8)),
            Case("a character unseen in training", (np.array([0, 1, 1, 2, 0, 1]), np.array([3, 1, 0]), 4)),
            Case("vocab_size larger than any id", (np.array([0, 0, 1]), np.array([1, 0]), 10)),
            Case("one evaluation character", (rng.integers(0, 5, size=40), np.array([2]), 5))]


def check_unigram_loss(fn):
    """Check fn(train_ids, eval_ids, vocab_size) -> float, nats per character, against
    ``text.unigram_loss`` (counts + 1 from train_ids, loss on eval_ids)."""
    return diagnose("check_unigram_loss", fn, tx.unigram_loss, _unigram_cases(), UNIGRAM_VARIANTS, ("loss",),
                    error_hints=(("index", "use np.bincount(train_ids, minlength=vocab_size): every character "
                                           "of the vocabulary needs a count, even one that never occurs."),),
                    summary="your loss equals text.unigram_loss (skewed counts, an unseen character, "
                            "unused vocabulary, one evaluation character).")
