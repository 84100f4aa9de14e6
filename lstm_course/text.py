"""Characters as data: vocabulary, encoding, batches for truncated BPTT, sampling (lesson 7).

Letters: T steps per chunk, B parallel streams, V vocabulary size, H hidden size.

- The vocabulary is the sorted set of characters in the text; a character's id
  is its position there, and the network sees it as a one-hot vector of size V.
- Truncated backpropagation through time: the text is cut into B long streams
  read side by side; each batch is the next T characters of every stream. The
  memory (h, c) is carried from one batch to the next, so the network can use
  context longer than T, but gradients flow back only T steps.
- Sampling: feed a character, turn the output into probabilities with
  softmax(logits / temperature), draw the next character, feed it back.
  Temperature < 1 sharpens the distribution (safer, repetitive text), > 1
  flattens it (more surprising, more misspelt).
- The unigram baseline predicts every character with its frequency, ignoring
  context: a model that does not beat it has learnt nothing about sequences.
"""
from importlib import resources

import numpy as np

from .cells import get_cell
from .readout import linear_forward, softmax
from .shapes import as_array

DEFAULT_TEXT = "macbeth.txt"   # in lstm_course/data/; source named in its README
# The other tragedies, from the same edition as macbeth.txt (README): more text to learn from,
# while validation and test stay the end of Macbeth (``char_training.train_chars(extra_text=)``).
MORE_PLAYS = ("hamlet.txt", "lear.txt", "othello.txt", "romeo_and_juliet.txt", "julius_caesar.txt",
              "antony_and_cleopatra.txt", "coriolanus.txt", "timon_of_athens.txt",
              "titus_andronicus.txt")


def load_text(name=DEFAULT_TEXT):
    """The text of a file shipped in ``lstm_course/data`` (a str)."""
    files = resources.files("lstm_course") / "data"
    path = files / name
    if not path.is_file():
        shipped = sorted(p.name for p in files.iterdir() if p.name.endswith(".txt"))
        raise ValueError(f"no text {name!r} in lstm_course/data; shipped: {shipped}")
    return path.read_text(encoding="utf-8")


def load_plays(names=MORE_PLAYS):
    """The shipped texts ``names`` (a tuple of file names in ``lstm_course/data``) as one str,
    each with its trailing newlines cut and followed by four newlines (a gap between plays,
    like the gaps inside one)."""
    if isinstance(names, str) or not names:
        raise ValueError(f"names must be a non-empty tuple of file names, got {names!r}")
    return "".join(load_text(name).rstrip("\n") + "\n\n\n\n" for name in names)


def build_vocab(text):
    """The sorted distinct characters of ``text``, as one string (its length is V)."""
    if not isinstance(text, str) or not text:
        raise ValueError(f"text must be a non-empty str, got {type(text).__name__} of length {len(text) if hasattr(text, '__len__') else '?'}")
    return "".join(sorted(set(text)))


def encode(text, vocab):
    """Character ids: an int array of shape (len(text),). Unknown characters raise ValueError."""
    index = {ch: i for i, ch in enumerate(vocab)}
    unknown = sorted(set(text) - set(index))
    if unknown:
        raise ValueError(f"characters {unknown[:10]} are not in the vocabulary of {len(vocab)} characters")
    return np.fromiter((index[ch] for ch in text), dtype=np.int64, count=len(text))


def decode(ids, vocab):
    """The string whose character ids are ``ids`` (any 1-D sequence of ints in [0, V))."""
    ids = as_array("ids", ids).reshape(-1)
    if ids.size and (ids.min() < 0 or ids.max() >= len(vocab)):
        raise ValueError(f"ids must lie in [0, {len(vocab)}), got range [{ids.min()}, {ids.max()}]")
    return "".join(vocab[i] for i in ids)


def one_hot(ids, size):
    """One-hot vectors: ids of shape (...) -> float64 array of shape (..., V) with V = size."""
    ids = as_array("ids", ids)
    if not np.issubdtype(ids.dtype, np.integer) or ids.size and (ids.min() < 0 or ids.max() >= size):
        raise ValueError(f"ids must be integers in [0, {size}), got dtype {ids.dtype}")
    out = np.zeros(ids.shape + (size,))
    np.put_along_axis(out, ids[..., None], 1.0, axis=-1)
    return out


def split_ids(ids, val_fraction=0.1):
    """(train, val): the first part of the text to learn from, the last part to test on."""
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction!r}")
    cut = int(round(len(ids) * (1 - val_fraction)))
    return ids[:cut], ids[cut:]


def split_points(n, val_fraction=0.1, test_fraction=0.1):
    """The two cuts (a, b) of a text of n characters into train [:a], validation [a:b] and
    test [b:]. The test part is the last ``test_fraction``, cut exactly as ``split_ids`` cuts
    its last part (so with 0.1 it is the part lesson 7 validates on); validation is the
    ``val_fraction`` just before it."""
    for name, f in (("val_fraction", val_fraction), ("test_fraction", test_fraction)):
        if not 0 < f < 1:
            raise ValueError(f"{name} must be in (0, 1), got {f!r}")
    if val_fraction + test_fraction >= 1:
        raise ValueError(f"val_fraction + test_fraction must be below 1 (some text to train on), "
                         f"got {val_fraction!r} + {test_fraction!r}")
    b = int(round(n * (1 - test_fraction)))
    a = int(round(n * (1 - test_fraction - val_fraction)))
    if not 0 < a < b < n:
        raise ValueError(f"a text of {n} characters is too short to split into three non-empty parts")
    return a, b


def split_train_val_test(ids, val_fraction=0.1, test_fraction=0.1):
    """(train, val, test): learn from the first part, tune and watch on the next, report on
    the last (never looked at while choosing anything). See ``split_points``."""
    a, b = split_points(len(ids), val_fraction, test_fraction)
    return ids[:a], ids[a:b], ids[b:]


def tbptt_batches(ids, batch_size, seq_len):
    """Batches for truncated BPTT, in order, covering the text once (one epoch).

    The ids are cut into B streams of equal length L; batch k holds characters
    k*T .. k*T + T - 1 of each stream as inputs and the next character as targets,
    so batch k+1 continues exactly where batch k stopped (carry h, c across).
    Inputs: ids (N,) ints; batch_size B; seq_len T.
    Yields (inputs, targets), both int arrays of shape (T, B).
    """
    ids = as_array("ids", ids).reshape(-1)
    for name, n in (("batch_size", batch_size), ("seq_len", seq_len)):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")
    L = (len(ids) - 1) // batch_size                     # -1: every input needs a next char
    if L < seq_len:
        raise ValueError(f"text of {len(ids)} characters is too short for {batch_size} streams "
                         f"of at least seq_len = {seq_len} steps")
    streams = ids[:batch_size * L + 1]
    inputs = streams[:-1].reshape(batch_size, L).T        # (L, B): stream b is column b
    targets = streams[1:].reshape(batch_size, L).T
    for start in range(0, L - seq_len + 1, seq_len):
        yield inputs[start:start + seq_len], targets[start:start + seq_len]


def unigram_loss(train_ids, eval_ids, vocab_size):
    """Cross-entropy (nats per character) of predicting each character by its frequency.

    Frequencies come from train_ids, with one added to every count (so a character
    unseen in training does not cost infinity); the loss is measured on eval_ids.
    """
    counts = np.bincount(as_array("train_ids", train_ids).reshape(-1), minlength=vocab_size) + 1.0
    log_p = np.log(counts / counts.sum())
    return float(-np.mean(log_p[as_array("eval_ids", eval_ids).reshape(-1)]))


def sample(model, vocab, *, prime="\n", length=200, temperature=1.0, rng=None):
    """Let the model write: feed ``prime``, then draw ``length`` characters one by one.

    Inputs: model, a dict {"cell": a cell name (default "lstm"), "core": its params, "readout": linear params} with input
    and output size V = len(vocab); prime, a non-empty str over the vocabulary;
    temperature > 0; rng, a numpy Generator or seed (None: a fresh, unseeded one).
    Returns the ``length`` new characters as a str (without the prime).
    """
    if not temperature > 0:
        raise ValueError(f"temperature must be positive, got {temperature!r}")
    if not isinstance(prime, str) or not prime:
        raise ValueError("prime must be a non-empty str (the model needs a first character)")
    rng = np.random.default_rng(rng)
    V = len(vocab)
    cell = get_cell(model.get("cell", "lstm"))
    state = None                                        # zero memory before the prime
    if len(prime) > 1:                                  # read all but the last character
        _, state, _ = cell.forward(one_hot(encode(prime[:-1], vocab), V)[:, None, :], model["core"])
    x = encode(prime[-1], vocab)[0]
    out = []
    for _ in range(length):
        _, state, _ = cell.forward(one_hot(np.array([[x]]), V), model["core"], state)   # (1, 1, V) in
        logits, _ = linear_forward(state[0][0], model["readout"])                       # h: (V,)
        x = rng.choice(V, p=softmax(logits / temperature))
        out.append(vocab[x])
    return "".join(out)
