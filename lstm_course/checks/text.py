"""Checkers for the character model's data (lesson 7): encoding and decoding,
truncated-BPTT batches and the unigram baseline (sampling is in ``sampling.py``).

Reference: ``lstm_course.text`` (encode, decode, tbptt_batches, unigram_loss).
Cases: random, and edge cases (one character, one stream, a text of exactly one
chunk, a character unseen in training).
"""
import contextlib
import inspect
import io
import sys

import numpy as np

from .. import text as tx
from . import guards
from .core import FAILED, Case, Stop, Variant, diagnose, report



# --------------------------------------------------------------------------- encode / decode
def _codes(name, s):
    """A decoded string as an array of code points (so it compares like any output)."""
    if not isinstance(s, str):
        raise Stop(FAILED, f"{name} must return a str; you returned a {type(s).__name__} "
                           "(join the characters: ''.join(...))")
    return np.array([ord(ch) for ch in s], dtype=np.int64)


def _encode_decode(encode, decode, learner=False, seen=None):
    """(ids of the text, the text decoded back from the reference's ids). ``seen``: a dict that learns
    the dtype of the ids for the empty text (np.array([]) is float64), told only once the values are right."""
    def run(text, vocab):
        ids = encode(text, vocab)
        if learner:
            hint = guards.type_hint("encode's result", ids, np.zeros(1))
            if hint:
                raise Stop(FAILED, hint)
            arr = np.asarray(ids)
            if not arr.size:
                if arr.dtype.kind not in "iu" and seen is not None:
                    seen["empty"] = arr.dtype.name
            elif arr.dtype.kind not in "iu":
                raise Stop(FAILED, f"ids are integers (positions in vocab); yours are {arr.dtype}: an array "
                                   "made with np.zeros(n) holds floats, so give it dtype=int, or build the ids "
                                   "with np.array([...], dtype=np.int64).")
        return ids, _codes("decode", decode(tx.encode(text, vocab), vocab))
    return run


def _first_seen(text, vocab):
    order = list(dict.fromkeys(text))
    return np.array([order.index(ch) for ch in text], dtype=np.int64)


def _by_set(of_text=False):
    """encode and decode that number the characters in a set's iteration order."""
    def table(text, vocab):
        return {ch: i for i, ch in enumerate(set(text if of_text else vocab))}

    def encode(text, vocab):
        t = table(text, vocab)
        return np.array([t[ch] for ch in text], dtype=np.int64)

    def decode(ids, vocab):
        t = {i: ch for ch, i in table("", vocab).items()}
        return "".join(t[int(i)] for i in ids)
    return encode, decode


def _offset_encode(text, vocab):
    return np.array([ord(ch) - ord(vocab[0]) for ch in text], dtype=np.int64)


def _offset_decode(ids, vocab):
    return "".join(chr(int(i) + ord(vocab[0])) for i in ids)


SET_HINT = ("a set has no order: enumerate(set(vocab)) numbers the characters in whatever order the set happens to "
            "iterate (it can change from one run to the next). A character's id is its position in vocab: "
            "enumerate(vocab) or vocab.index(ch), and decode's vocab[i].")

ENCODE_VARIANTS = [
    Variant(SET_HINT, _encode_decode(*_by_set())),
    Variant(SET_HINT, _encode_decode(_by_set()[0], tx.decode)),
    Variant(SET_HINT, _encode_decode(tx.encode, _by_set()[1])),
    Variant(SET_HINT, _encode_decode(_by_set(of_text=True)[0], tx.decode)),
    Variant("ids start at 0: a character's id is its position in vocab (vocab.index(ch)), "
            "so the first character of the vocabulary is 0.",
            _encode_decode(lambda t, v: tx.encode(t, v) + 1, tx.decode)),
    Variant("the id is the character's position in the vocabulary, not its Unicode code point (ord).",
            _encode_decode(lambda t, v: np.array([ord(ch) for ch in t]), tx.decode)),
    Variant("number the characters in the vocabulary's (sorted) order, vocab.index(ch), not in the order "
            "they first appear in the text.", _encode_decode(_first_seen, tx.decode)),
    Variant("look each character up in vocab (vocab.index(ch)), not in the text: text.index(ch) is where it "
            "first occurs in the text.", _encode_decode(lambda t, v: np.array([t.index(ch) for ch in t]), tx.decode)),
    Variant("use the vocab you are given: it may hold characters the text does not use, and then "
            "sorted(set(text)) numbers them differently.",
            _encode_decode(lambda t, v: np.array([sorted(set(t)).index(ch) for ch in t]), tx.decode)),
    *[Variant("a character's id is its position in vocab (vocab.index(ch)), not ord(ch) - ord(vocab[0]): that "
              "offset works only when vocab's characters are consecutive code points ('abcd'), and a real vocabulary "
              "has gaps (' ', '\\n', ',', 'A', 'a'); decode is then vocab[i], not chr(i + ord(vocab[0])).",
              _encode_decode(enc, dec))
      for enc, dec in ((_offset_encode, _offset_decode), (_offset_encode, tx.decode), (tx.encode, _offset_decode))],
    Variant("decode is the inverse of encode: id i is vocab[i] (yours is off by one).",
            _encode_decode(tx.encode, lambda ids, v: "".join(v[i - 1] for i in ids))),
    Variant("decode looks each id up in the vocabulary: vocab[i], not chr(i) (ids are positions, not code "
            "points).", _encode_decode(tx.encode, lambda ids, v: "".join(chr(i) for i in ids))),
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
    seen = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        result = diagnose("check_encode_decode", _encode_decode(encode, decode, learner=True, seen=seen),
                          _encode_decode(tx.encode, tx.decode), _encode_cases(), ENCODE_VARIANTS,
                          ("ids", "decoded text"),
                          error_hints=(("substring not found", "every character of the text is in vocab; "
                                                               "look it up in vocab, not in the text."),),
                          summary="ids and decoded text match text.encode / text.decode (a line of the play, "
                                  "one character, unused vocabulary, the empty text, int ids even for that).")
    if result and "empty" in seen:
        return report("check_encode_decode", FAILED,
                      f"for the empty text your ids are {seen['empty']}, not integers: np.array([]) of an empty "
                      "list is float64. Give the dtype, np.array([...], dtype=np.int64), so that encode returns an "
                      "int array for every text.", "case 'the empty text'")
    sys.stdout.write(printed.getvalue())
    sys.stdout.flush()
    return result


# --------------------------------------------------------------------------- truncated BPTT
def _collect(batcher, learner=False):
    """All (inputs, targets) the batcher yields, stacked: two int arrays (chunks, T, B)."""
    def run(ids, batch_size, seq_len):
        out = batcher(ids, batch_size, seq_len)
        if learner and isinstance(out, tuple) and not inspect.isgenerator(out):
            raise Stop(FAILED, "use `yield inputs, targets` inside the loop, not `return`: return ends the "
                               "function after the first chunk, yield hands out one chunk and goes on.")
        if learner and not inspect.isgenerator(out) and not hasattr(out, "__next__"):
            raise Stop(FAILED, f"write a generator, as the task asks: `yield inputs, targets` inside the loop. You "
                               f"returned a {type(out).__name__}, and the next cell's next(batches) fails on it "
                               f"('{type(out).__name__}' object is not an iterator); a generator also makes each "
                               "chunk only when it is asked for.")
        chunks = list(out)
        if not chunks:
            n = len(list(tx.tbptt_batches(ids, batch_size, seq_len)))
            raise Stop(FAILED, f"your function yields no batches, but this text holds {n} full chunk"
                               f"{'s' if n != 1 else ''}: yield every full chunk, the last full chunk too "
                               "(starts range(0, L - seq_len + 1, seq_len)).")
        if any(not isinstance(c, (tuple, list)) or len(c) != 2 for c in chunks):
            raise Stop(FAILED, "yield pairs (inputs, targets), one per chunk")
        if learner:
            for k, (i, t) in enumerate(chunks):
                shape = np.shape(i)
                if shape != (seq_len, batch_size) or np.shape(t) != shape:
                    last = k == len(chunks) - 1 and k > 0 and len(shape) == 2 and shape[1] == batch_size
                    raise Stop(FAILED, "leave out an incomplete last chunk: every chunk has shape (T, B)." if last
                               else f"each chunk has shape (T, B) = ({seq_len}, {batch_size}): time first, one "
                                    f"column per stream; chunk {k + 1} of yours has shape {shape}"
                                    + (" (reshape(B, L) gives a row per stream: transpose it, .T, before cutting "
                                       "chunks along time)" if shape and shape[0] != seq_len else "") + ".")
        return (np.stack([np.asarray(i) for i, _ in chunks]), np.stack([np.asarray(t) for _, t in chunks]))
    return run


def _unshifted(ids, batch_size, seq_len):
    for inputs, _ in tx.tbptt_batches(ids, batch_size, seq_len):
        yield inputs, inputs


def _swapped(ids, batch_size, seq_len):
    for inputs, targets in tx.tbptt_batches(ids, batch_size, seq_len):
        yield targets, inputs


def _skip_one(ids, batch_size, seq_len):
    """Chunks of T + 1 characters taken one after the other: each next chunk starts one too late."""
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    streams = np.stack([ids[b * L:b * L + L + 1] for b in range(batch_size)], axis=1)   # (L + 1, B)
    for start in range(0, L - seq_len + 1, seq_len + 1):
        yield streams[start:start + seq_len], streams[start + 1:start + seq_len + 1]


def _layout(ids, batch_size, seq_len, round_robin=False, last=1):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    if round_robin:
        inputs = ids[:batch_size * L].reshape(L, batch_size)
        targets = ids[1:batch_size * L + 1].reshape(L, batch_size)
    else:
        inputs = ids[:batch_size * L].reshape(batch_size, L).T
        targets = ids[1:batch_size * L + 1].reshape(batch_size, L).T
    for start in range(0, L - seq_len + last, seq_len):
        yield inputs[start:start + seq_len], targets[start:start + seq_len]


def _batch_first(ids, batch_size, seq_len):
    for inputs, targets in tx.tbptt_batches(ids, batch_size, seq_len):
        yield inputs.T, targets.T


BATCH_VARIANTS = [
    Variant("targets must be the inputs shifted by one: targets[t] is the character that follows inputs[t].",
            _collect(_unshifted)),
    Variant("targets[t] is the character that follows inputs[t]: you swapped inputs and targets.",
            _collect(_swapped)),
    Variant("chunk 2 must start where chunk 1 stopped: advance by seq_len, so chunk 1's last target is "
            "chunk 2's first input (yours skips a character between chunks).", _collect(_skip_one)),
    Variant("each stream is one long stretch of the text: stream b is ids[b*L : (b+1)*L]; reshape to (B, L) "
            "and transpose (reshape(L, B) deals the characters out to the streams in turn).",
            _collect(lambda i, b, s: _layout(i, b, s, round_robin=True))),
    Variant("inputs and targets have shape (T, B): time first, one column per stream.", _collect(_batch_first)),
    Variant("yield every full chunk, the last full one too: range(0, L - seq_len + 1, seq_len) (yours drops "
            "the last full chunk).", _collect(lambda i, b, s: _layout(i, b, s, last=0))),
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
    return diagnose("check_tbptt_batches", _collect(fn, learner=True), _collect(tx.tbptt_batches), _batch_cases(),
                    BATCH_VARIANTS, ("inputs of every chunk", "targets of every chunk"),
                    error_hints=(("cannot reshape", "every input needs a next character, so each stream has "
                                                    "L = (len(ids) - 1) // batch_size steps."),
                                 ("same shape", "the last stream's targets are one short: every input needs a next "
                                                "character, so each stream has L = (len(ids) - 1) // batch_size "
                                                "steps, not len(ids) // batch_size."),
                                 ("out of bounds", "the last stream's targets run past the end of the text: each "
                                                   "stream has L = (len(ids) - 1) // batch_size steps.")),
                    summary="every chunk's inputs and targets match text.tbptt_batches (several streams, "
                            "one stream, a text of exactly one chunk).")


# --------------------------------------------------------------------------- unigram baseline
def _loss_from(counts, eval_ids, log=np.log, reduce=np.mean, total=None, sign=-1):
    p = counts / (counts.sum() if total is None else total)
    return float(sign * reduce(log(p)[np.asarray(eval_ids)]))


def _smoothed(tr, V):
    return np.bincount(tr, minlength=V) + 1.0


def _unigram_run(fn, learner=False):
    def run(train_ids, eval_ids, vocab_size):
        loss = fn(train_ids, eval_ids, vocab_size)
        if learner and np.size(loss) != 1:
            raise Stop(FAILED, "return one number, the mean of -ln p over the characters of eval_ids (you "
                               f"returned {np.size(loss)} values: average them).")
        return loss
    return run


UNIGRAM_VARIANTS = [
    Variant("add one to every count (add-one smoothing) before dividing: a character that never occurs in "
            "train_ids would otherwise have probability 0 and cost infinity.",
            lambda tr, ev, V: _loss_from(np.bincount(tr, minlength=V).astype(float), ev)),
    Variant("count the characters of train_ids; measure the loss on eval_ids (you counted eval_ids).",
            lambda tr, ev, V: _loss_from(_smoothed(ev, V), ev)),
    Variant("the loss is in nats: use the natural logarithm np.log, not log2.",
            lambda tr, ev, V: _loss_from(_smoothed(tr, V), ev, log=np.log2)),
    Variant("average over the characters of eval_ids (nats per character), not the sum.",
            lambda tr, ev, V: _loss_from(_smoothed(tr, V), ev, reduce=np.sum)),
    Variant("divide by the total of the smoothed counts, counts.sum() (= len(train_ids) + vocab_size), so the "
            "probabilities sum to 1.", lambda tr, ev, V: _loss_from(_smoothed(tr, V), ev, total=len(tr))),
    Variant("the loss is -log p, a positive number: you forgot the minus.",
            lambda tr, ev, V: _loss_from(_smoothed(tr, V), ev, sign=1)),
    Variant("add one to every count, not only to the zero ones (np.maximum(counts, 1) is not add-one "
            "smoothing).", lambda tr, ev, V: _loss_from(np.maximum(np.bincount(tr, minlength=V), 1.0), ev)),
    Variant("measure the loss on eval_ids: the mean of -ln p[id] over the characters of eval_ids. Yours is the "
            "entropy of the training distribution, -sum(p * ln p), which never looks at eval_ids.",
            lambda tr, ev, V: float(-np.sum((lambda p: p * np.log(p))(_smoothed(tr, V) / _smoothed(tr, V).sum())))),
    Variant("measure -log p at the characters of eval_ids (p[eval_ids]), not averaged over the vocabulary.",
            lambda tr, ev, V: _loss_from(_smoothed(tr, V), np.arange(V))),
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
    return diagnose("check_unigram_loss", _unigram_run(fn, learner=True), tx.unigram_loss, _unigram_cases(),
                    [Variant(v.hint, v.fn) for v in UNIGRAM_VARIANTS], ("loss",),
                    error_hints=(("index", "use np.bincount(train_ids, minlength=vocab_size): every character "
                                           "of the vocabulary needs a count, even one that never occurs."),),
                    summary="your loss equals text.unigram_loss (skewed counts, an unseen character, "
                            "unused vocabulary, one evaluation character).")
