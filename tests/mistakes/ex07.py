"""Natural wrong answers for exercise 7 (encoding, temperature and top-k, truncated-BPTT batches,
the unigram baseline, drawing a character)."""
from . import Mistake

EXERCISE = "07_character_model"

ENC = "check_encode_decode(encode, decode)"
PROBS = "check_sampling_probs(sampling_probs)"
BATCH = "check_tbptt_batches(tbptt_batches)"
UNI = "check_unigram_loss(unigram_loss)"
DRAW = "check_draw(draw)"

_PROBS_OK_TAIL = '''
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
'''


def _probs(first_line, tail=_PROBS_OK_TAIL):
    return f'''
def sampling_probs(logits, temperature, top_k=None):
    {first_line}''' + tail


def _draw(body):
    return "\ndef draw(probs, u):\n" + body


MISTAKES = [
    # ---------------------------------------------------------------- Task 1: encode / decode
    Mistake("ids from 1", '''
def encode(text, vocab):
    return np.array([vocab.index(ch) + 1 for ch in text], dtype=np.int64)
''', ENC, "ids start at 0"),
    Mistake("code points", '''
def encode(text, vocab):
    return np.array([ord(ch) for ch in text], dtype=np.int64)
''', ENC, "not its Unicode code point"),
    Mistake("numbered in order of appearance", '''
def encode(text, vocab):
    seen = []
    for ch in text:
        if ch not in seen:
            seen.append(ch)
    return np.array([seen.index(ch) for ch in text], dtype=np.int64)
''', ENC, "not in the order they first appear"),
    Mistake("position in the text", '''
def encode(text, vocab):
    return np.array([text.index(ch) for ch in text], dtype=np.int64)
''', ENC, "not in the text"),
    Mistake("builds its own vocabulary", '''
def encode(text, vocab):
    mine = sorted(set(text))
    return np.array([mine.index(ch) for ch in text], dtype=np.int64)
''', ENC, "vocab you are given"),
    Mistake("returns a list", '''
def encode(text, vocab):
    return [vocab.index(ch) for ch in text]
''', ENC, "return a numpy array"),
    Mistake("float ids", '''
def encode(text, vocab):
    ids = np.zeros(len(text))
    for t, ch in enumerate(text):
        ids[t] = vocab.index(ch)
    return ids
''', ENC, "integers"),
    Mistake("decode off by one", '''
def decode(ids, vocab):
    return "".join(vocab[i - 1] for i in ids)
''', ENC, "id i is vocab[i]"),
    Mistake("decode returns a list", '''
def decode(ids, vocab):
    return [vocab[i] for i in ids]
''', ENC, "must return a str"),
    Mistake("decode with chr", '''
def decode(ids, vocab):
    return "".join(chr(i) for i in ids)
''', ENC, "vocab[i], not chr"),
    # ---------------------------------------------------------------- Task 2: temperature and top-k
    Mistake("temperature after the softmax", '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True) / temperature
''', PROBS, "before the softmax, not the probabilities"),
    Mistake("multiplies by the temperature", _probs("z = logits * temperature"), PROBS, "not logits * temperature"),
    Mistake("ignores the temperature", _probs("z = logits"), PROBS, "use the temperature"),
    Mistake("no maximum subtracted", '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, "subtract each row's maximum"),
    Mistake("one maximum for the whole batch", '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z - z.max())
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, "row's own maximum"),
    Mistake("normalises the whole batch", '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum()
''', PROBS, "normalise each row on its own"),
    Mistake("divides the caller's logits in place", '''
def sampling_probs(logits, temperature, top_k=None):
    logits /= temperature
    z = logits
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, "changed its input `logits`"),
    Mistake("float64 for float32 scores", _probs("z = np.asarray(logits, dtype=np.float64) / temperature"),
            PROBS, "keep the input's dtype"),
    Mistake("ignores top_k", '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, "keep only the top_k largest"),
    Mistake("keeps the smallest scores", '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., top_k - 1][..., None]
        z = np.where(z <= kth, z, -np.inf)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, "largest"),
    Mistake("other scores set to 0, not -inf", '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, 0.0)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, "-inf"),
    Mistake("keeps top_k - 1", '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z > kth, z, -np.inf)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, "exactly top_k"),
    Mistake("cuts after the softmax, no renormalising", '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    p = e / e.sum(axis=-1, keepdims=True)
    if top_k is not None:
        kth = np.sort(p, axis=-1)[..., -top_k][..., None]
        p = np.where(p >= kth, p, 0.0)
    return p
''', PROBS, "renormalise"),
    Mistake("top_k over the whole batch", '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        kth = np.sort(z, axis=None)[-top_k]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, "each row"),
    # ---------------------------------------------------------------- Task 3: truncated-BPTT batches
    Mistake("targets not shifted", '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    inputs = ids[:batch_size * L].reshape(batch_size, L).T
    for start in range(0, L - seq_len + 1, seq_len):
        yield inputs[start:start + seq_len], inputs[start:start + seq_len]
''', BATCH, "targets must be the inputs shifted by one"),
    Mistake("skips a character between chunks", '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    streams = np.stack([ids[b * L:b * L + L + 1] for b in range(batch_size)], axis=1)
    for start in range(0, L - seq_len + 1, seq_len + 1):
        yield streams[start:start + seq_len], streams[start + 1:start + seq_len + 1]
''', BATCH, "chunk 2 must start where chunk 1 stopped"),
    Mistake("deals characters round robin", '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    inputs = ids[:batch_size * L].reshape(L, batch_size)
    targets = ids[1:batch_size * L + 1].reshape(L, batch_size)
    for start in range(0, L - seq_len + 1, seq_len):
        yield inputs[start:start + seq_len], targets[start:start + seq_len]
''', BATCH, "each stream is one long stretch"),
    Mistake("batch first", '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    inputs = ids[:batch_size * L].reshape(batch_size, L)
    targets = ids[1:batch_size * L + 1].reshape(batch_size, L)
    for start in range(0, L - seq_len + 1, seq_len):
        yield inputs[:, start:start + seq_len], targets[:, start:start + seq_len]
''', BATCH, "time first"),
    Mistake("forgets to transpose the streams", '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    inputs = ids[:batch_size * L].reshape(batch_size, L)
    targets = ids[1:batch_size * L + 1].reshape(batch_size, L)
    for start in range(0, L - seq_len + 1, seq_len):
        yield inputs[start:start + seq_len], targets[start:start + seq_len]
''', BATCH, "shape (T, B)"),
    Mistake("keeps the incomplete last chunk", '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    inputs = ids[:batch_size * L].reshape(batch_size, L).T
    targets = ids[1:batch_size * L + 1].reshape(batch_size, L).T
    for start in range(0, L, seq_len):
        yield inputs[start:start + seq_len], targets[start:start + seq_len]
''', BATCH, "leave out an incomplete last chunk"),
    Mistake("drops the last full chunk", '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    inputs = ids[:batch_size * L].reshape(batch_size, L).T
    targets = ids[1:batch_size * L + 1].reshape(batch_size, L).T
    for start in range(0, L - seq_len, seq_len):
        yield inputs[start:start + seq_len], targets[start:start + seq_len]
''', BATCH, "last full chunk"),
    Mistake("every character an input", '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = len(ids) // batch_size
    inputs = ids[:batch_size * L].reshape(batch_size, L).T
    targets = ids[1:batch_size * L + 1].reshape(batch_size, L).T
    for start in range(0, L - seq_len + 1, seq_len):
        yield inputs[start:start + seq_len], targets[start:start + seq_len]
''', BATCH, "(len(ids) - 1)"),
    Mistake("inputs and targets swapped", '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    targets = ids[:batch_size * L].reshape(batch_size, L).T
    inputs = ids[1:batch_size * L + 1].reshape(batch_size, L).T
    for start in range(0, L - seq_len + 1, seq_len):
        yield inputs[start:start + seq_len], targets[start:start + seq_len]
''', BATCH, "swapped inputs and targets"),
    Mistake("return instead of yield", '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    inputs = ids[:batch_size * L].reshape(batch_size, L).T
    targets = ids[1:batch_size * L + 1].reshape(batch_size, L).T
    for start in range(0, L - seq_len + 1, seq_len):
        return inputs[start:start + seq_len], targets[start:start + seq_len]
''', BATCH, "yield"),
    # ---------------------------------------------------------------- Task 4: unigram baseline
    Mistake("no smoothing", '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size)
    return float(-np.mean(np.log(counts / counts.sum())[eval_ids]))
''', UNI, "add-one smoothing"),
    Mistake("counts the evaluation text", '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(eval_ids, minlength=vocab_size) + 1.0
    return float(-np.mean(np.log(counts / counts.sum())[eval_ids]))
''', UNI, "count the characters of train_ids"),
    Mistake("log2", '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1.0
    return float(-np.mean(np.log2(counts / counts.sum())[eval_ids]))
''', UNI, "not log2"),
    Mistake("sum, not mean", '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1.0
    return float(-np.sum(np.log(counts / counts.sum())[eval_ids]))
''', UNI, "not the sum"),
    Mistake("bincount without minlength", '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids) + 1.0
    return float(-np.mean(np.log(counts / counts.sum())[eval_ids]))
''', UNI, "minlength"),
    Mistake("divides by len(train_ids)", '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1.0
    return float(-np.mean(np.log(counts / len(train_ids))[eval_ids]))
''', UNI, "counts.sum()"),
    Mistake("forgets the minus", '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1.0
    return float(np.mean(np.log(counts / counts.sum())[eval_ids]))
''', UNI, "-log p"),
    Mistake("returns every character's loss", '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1.0
    return -np.log(counts / counts.sum())[eval_ids]
''', UNI, "one number"),
    Mistake("smooths only the zero counts", '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.maximum(np.bincount(train_ids, minlength=vocab_size), 1).astype(float)
    return float(-np.mean(np.log(counts / counts.sum())[eval_ids]))
''', UNI, "every count"),
    Mistake("averages over the vocabulary", '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1.0
    return float(-np.mean(np.log(counts / counts.sum())))
''', UNI, "eval_ids"),
    # ---------------------------------------------------------------- Task 5: draw a character
    Mistake("cumsum over the whole batch", _draw('''
    cdf = np.cumsum(probs)
    return np.array([np.sum(cdf[b * probs.shape[1]:(b + 1) * probs.shape[1]] <= u[b])
                     for b in range(len(u))])
'''), DRAW, "axis=-1"),
    Mistake("greater or equal", _draw('''
    cdf = np.cumsum(probs, axis=-1)
    return np.argmax(cdf >= u[:, None], axis=-1)
'''), DRAW, "greater than u"),
    Mistake("searchsorted, left side", _draw('''
    cdf = np.cumsum(probs, axis=-1)
    return np.array([np.searchsorted(cdf[b], u[b]) for b in range(len(u))])
'''), DRAW, "greater than u"),
    Mistake("takes the most likely", _draw('''
    return np.argmax(probs, axis=-1)
'''), DRAW, "not the most likely"),
    Mistake("u not lined up with the rows", _draw('''
    cdf = np.cumsum(probs, axis=-1)
    return (cdf <= u).sum(axis=-1)
'''), DRAW, "u[:, None]"),
    Mistake("float result", _draw('''
    out = np.zeros(len(u))
    for b in range(len(u)):
        out[b] = np.sum(np.cumsum(probs[b]) <= u[b])
    return out
'''), DRAW, "integers"),
    Mistake("one too high", _draw('''
    cdf = np.cumsum(probs, axis=-1)
    return np.argmax(cdf > u[:, None], axis=-1) + 1
'''), DRAW, "one too high"),
    Mistake("compares with 1 - u", _draw('''
    cdf = np.cumsum(probs, axis=-1)
    return np.argmax(cdf > 1 - u[:, None], axis=-1)
'''), DRAW, "with u itself"),
    Mistake("compares the probabilities, not their running sum", _draw('''
    return np.argmax(probs > u[:, None], axis=-1)
'''), DRAW, "cumulative"),
    Mistake("returns a list", _draw('''
    cdf = np.cumsum(probs, axis=-1)
    return [int(np.sum(cdf[b] <= u[b])) for b in range(len(u))]
'''), DRAW, "return a numpy array"),
    Mistake("cumsum written into probs", _draw('''
    np.cumsum(probs, axis=-1, out=probs)
    return np.argmax(probs > u[:, None], axis=-1)
'''), DRAW, "changed its input `probs`"),
    Mistake("sorts the probabilities first", _draw('''
    cdf = np.cumsum(np.sort(probs, axis=-1)[:, ::-1], axis=-1)
    return np.argmax(cdf > u[:, None], axis=-1)
'''), DRAW, "sort"),
]
