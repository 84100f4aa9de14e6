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


# The blind newcomer test's wrong answers (issue 10's report, answers #N), as the tester wrote them.
MISTAKES += [
    Mistake('blind #161: np.array without dtype (empty text -> float64)', '''
def encode(text, vocab):
    return np.array([vocab.index(ch) for ch in text])


def decode(ids, vocab):
    return "".join(vocab[int(i)] for i in ids)
''', ENC, 'for the empty text your ids are float64'),
    Mistake('blind #162: encode returns a list', '''
def encode(text, vocab):
    return [vocab.index(ch) for ch in text]


def decode(ids, vocab):
    return "".join(vocab[int(i)] for i in ids)
''', ENC, "encode's result is a Python list"),
    Mistake('blind #163: builds its own vocabulary from the text (sorted(set(text)))', '''
def encode(text, vocab):
    chars = sorted(set(text))
    return np.array([chars.index(ch) for ch in text], dtype=np.int64)


def decode(ids, vocab):
    return "".join(vocab[int(i)] for i in ids)
''', ENC, 'use the vocab you are given'),
    Mistake('blind #164: decode returns a list of characters (forgot join)', '''
def encode(text, vocab):
    return np.array([vocab.index(ch) for ch in text], dtype=np.int64)


def decode(ids, vocab):
    return [vocab[int(i)] for i in ids]
''', ENC, 'decode must return a str'),
    Mistake("blind #167: global max instead of each row's", '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        drop = np.argsort(z, axis=-1)[..., :-top_k]
        z = z.copy()
        np.put_along_axis(z, drop, -np.inf, axis=-1)
    z = z - z.max()
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, "subtract each row's own maximum"),
    Mistake('blind #168: no max subtraction', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        drop = np.argsort(z, axis=-1)[..., :-top_k]
        z = z.copy()
        np.put_along_axis(z, drop, -np.inf, axis=-1)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, "subtract each row's maximum before exp"),
    Mistake('blind #169: multiplies by the temperature', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits * temperature
    if top_k is not None:
        drop = np.argsort(z, axis=-1)[..., :-top_k]
        z = z.copy()
        np.put_along_axis(z, drop, -np.inf, axis=-1)
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, 'divide by the temperature'),
    Mistake('blind #170: top-k cut after the softmax, not renormalised', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    p = e / e.sum(axis=-1, keepdims=True)
    if top_k is not None:
        drop = np.argsort(p, axis=-1)[..., :-top_k]
        np.put_along_axis(p, drop, 0.0, axis=-1)
    return p
''', PROBS, 'renormalise'),
    Mistake('blind #171: subtracts the max in place on logits (z = logits; z -= ...)', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits
    z -= z.max(axis=-1, keepdims=True)
    z = z / temperature
    if top_k is not None:
        drop = np.argsort(z, axis=-1)[..., :-top_k]
        np.put_along_axis(z, drop, -np.inf, axis=-1)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, 'changed its input `logits` in place'),
    Mistake('blind #172: top-k slice wrong: keeps the k smallest', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        drop = np.argsort(z, axis=-1)[..., top_k:]
        z = z.copy()
        np.put_along_axis(z, drop, -np.inf, axis=-1)
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, 'yours keeps the smallest'),
    Mistake('blind #173: np.asarray(logits, dtype=float): float32 -> float64', '''
def sampling_probs(logits, temperature, top_k=None):
    z = np.asarray(logits, dtype=float) / temperature
    if top_k is not None:
        drop = np.argsort(z, axis=-1)[..., :-top_k]
        z = z.copy()
        np.put_along_axis(z, drop, -np.inf, axis=-1)
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', PROBS, "keep the input's dtype"),
    Mistake('blind #175: chunks of shape (B, T): stacked on axis 0, sliced on axis 1', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    B, T = batch_size, seq_len
    L = (len(ids) - 1) // B
    x = np.stack([ids[b * L:(b + 1) * L] for b in range(B)])
    y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(B)])
    for k in range(L // T):
        yield x[:, k * T:(k + 1) * T], y[:, k * T:(k + 1) * T]
''', BATCH, 'each chunk has shape (T, B)'),
    Mistake('blind #176: L = len(ids) // B (forgets the -1)', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    B, T = batch_size, seq_len
    L = len(ids) // B
    x = np.stack([ids[b * L:(b + 1) * L] for b in range(B)], axis=1)
    y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(B)], axis=1)
    for k in range(L // T):
        yield x[k * T:(k + 1) * T], y[k * T:(k + 1) * T]
''', BATCH, 'not len(ids) // batch_size'),
    Mistake('blind #177: keeps an incomplete last chunk', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    B, T = batch_size, seq_len
    L = (len(ids) - 1) // B
    x = np.stack([ids[b * L:(b + 1) * L] for b in range(B)], axis=1)
    y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(B)], axis=1)
    for k in range(-(-L // T)):
        yield x[k * T:(k + 1) * T], y[k * T:(k + 1) * T]
''', BATCH, 'leave out an incomplete last chunk'),
    Mistake('blind #178: reshape(L, B): streams interleaved', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    B, T = batch_size, seq_len
    L = (len(ids) - 1) // B
    x = ids[:B * L].reshape(L, B)
    y = ids[1:B * L + 1].reshape(L, B)
    for k in range(L // T):
        yield x[k * T:(k + 1) * T], y[k * T:(k + 1) * T]
''', BATCH, 'reshape(L, B) deals the characters out'),
    Mistake('blind #179: range(0, L - T, T): drops the last complete chunk', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    B, T = batch_size, seq_len
    L = (len(ids) - 1) // B
    x = np.stack([ids[b * L:(b + 1) * L] for b in range(B)], axis=1)
    y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(B)], axis=1)
    for s in range(0, L - T, T):
        yield x[s:s + T], y[s:s + T]
''', BATCH, 'the last full chunk too'),
    Mistake('blind #180: returns a list of chunks, not a generator', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    B, T = batch_size, seq_len
    L = (len(ids) - 1) // B
    x = np.stack([ids[b * L:(b + 1) * L] for b in range(B)], axis=1)
    y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(B)], axis=1)
    return [(x[k * T:(k + 1) * T], y[k * T:(k + 1) * T]) for k in range(L // T)]
''', BATCH, 'write a generator'),
    Mistake('blind #182: no add-one smoothing', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size)
    p = counts / counts.sum()
    return float(-np.log(p[eval_ids]).mean())
''', UNI, 'add-one smoothing'),
    Mistake('blind #183: divides by len(train_ids) (not the smoothed total)', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1
    p = counts / len(train_ids)
    return float(-np.log(p[eval_ids]).mean())
''', UNI, 'divide by the total of the smoothed counts'),
    Mistake('blind #184: log2 (bits) instead of ln', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1
    p = counts / counts.sum()
    return float(-np.log2(p[eval_ids]).mean())
''', UNI, 'use the natural logarithm'),
    Mistake('blind #185: bincount without minlength', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids) + 1
    p = counts / counts.sum()
    return float(-np.log(p[eval_ids]).mean())
''', UNI, 'minlength=vocab_size'),
    Mistake('blind #186: counts taken on eval_ids', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(eval_ids, minlength=vocab_size) + 1
    p = counts / counts.sum()
    return float(-np.log(p[eval_ids]).mean())
''', UNI, 'you counted eval_ids'),
    Mistake('blind #187: mean of -log p over the vocabulary', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1
    p = counts / counts.sum()
    return float(-np.log(p).mean())
''', UNI, 'not averaged over the vocabulary'),
    Mistake('blind #189: boundary to the previous stretch: cdf < u', '''
def draw(probs, u):
    cdf = np.cumsum(probs, axis=1)
    idx = (cdf < u[:, None]).sum(axis=1)
    return np.minimum(idx, probs.shape[1] - 1).astype(np.int64)
''', DRAW, 'not greater or equal'),
    Mistake('blind #190: np.cumsum without axis (flattens the batch)', '''
def draw(probs, u):
    cdf = np.cumsum(probs).reshape(probs.shape)
    idx = (cdf <= u[:, None]).sum(axis=1)
    return np.minimum(idx, probs.shape[1] - 1).astype(np.int64)
''', DRAW, 'without the axis it runs over the whole batch'),
    Mistake('blind #191: argmax(cdf > u) without u[:, None]', '''
def draw(probs, u):
    cdf = np.cumsum(probs, axis=1)
    return np.argmax(cdf > u, axis=1)
''', DRAW, 'compare each row with its own u'),
    Mistake('blind #192: result in np.zeros(B) (float)', '''
def draw(probs, u):
    out = np.zeros(len(u))
    for b in range(len(u)):
        out[b] = np.searchsorted(np.cumsum(probs[b]), u[b], side="right")
    return out
''', DRAW, 'return the indices as integers'),
    Mistake('blind #193: cumsum in place into probs (out=probs)', '''
def draw(probs, u):
    cdf = np.cumsum(probs, axis=1, out=probs)
    idx = (cdf <= u[:, None]).sum(axis=1)
    return np.minimum(idx, probs.shape[1] - 1).astype(np.int64)
''', DRAW, 'changed its input `probs` in place'),
]


# The second blind newcomer test's wrong answers (issue 10, /tmp/blind2 answers #N), as the tester wrote them.
MISTAKES += [
    Mistake('blind2 #161: encode returns a list', '''
def encode(text, vocab):
    return [vocab.index(ch) for ch in text]


def decode(ids, vocab):
    return "".join(vocab[i] for i in ids)
''', 'check_encode_decode(encode, decode)', "encode's result is a Python list"),
    Mistake('blind2 #162: encode builds its own vocab from the text', '''
def encode(text, vocab):
    chars = sorted(set(text))
    return np.array([chars.index(ch) for ch in text], dtype=int)


def decode(ids, vocab):
    return "".join(vocab[i] for i in ids)
''', 'check_encode_decode(encode, decode)', 'use the vocab you are given'),
    Mistake('blind2 #163: decode returns a list of characters', '''
def encode(text, vocab):
    return np.array([vocab.index(ch) for ch in text], dtype=int)


def decode(ids, vocab):
    return [vocab[i] for i in ids]
''', 'check_encode_decode(encode, decode)', 'decode must return a str'),
    Mistake('blind2 #164: np.array without dtype: empty text gives float64', '''
def encode(text, vocab):
    return np.array([vocab.index(ch) for ch in text])


def decode(ids, vocab):
    return "".join(vocab[i] for i in ids)
''', 'check_encode_decode(encode, decode)', 'for the empty text your ids are float64'),
    Mistake('blind2 #165: lookup dict from enumerate(set(vocab))', '''
def encode(text, vocab):
    char_to_id = {ch: i for i, ch in enumerate(set(vocab))}
    return np.array([char_to_id[ch] for ch in text], dtype=int)


def decode(ids, vocab):
    id_to_char = {i: ch for i, ch in enumerate(set(vocab))}
    return "".join(id_to_char[i] for i in ids)
''', 'check_encode_decode(encode, decode)', 'a set has no order'),
    Mistake("blind2 #167: subtracts the global max, not each row's", '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    z = z - z.max()
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', 'check_sampling_probs(sampling_probs)', "subtract each row's own maximum"),
    Mistake('blind2 #168: no max subtraction (overflow)', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', 'check_sampling_probs(sampling_probs)', "subtract each row's maximum before exp"),
    Mistake('blind2 #169: multiplies by the temperature', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits * temperature
    z = z - z.max(axis=-1, keepdims=True)
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', 'check_sampling_probs(sampling_probs)', 'divide by the temperature'),
    Mistake('blind2 #170: softmax over axis 0', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    z = z - z.max(axis=0, keepdims=True)
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z)
    return e / e.sum(axis=0, keepdims=True)
''', 'check_sampling_probs(sampling_probs)', 'yours uses axis=0'),
    Mistake('blind2 #171: top-k zeroes the rest but does not renormalise', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    p = e / e.sum(axis=-1, keepdims=True)
    if top_k is not None:
        kth = np.sort(p, axis=-1)[..., -top_k][..., None]
        p = np.where(p >= kth, p, 0.0)
    return p
''', 'check_sampling_probs(sampling_probs)', 'after cutting to the top_k, renormalise'),
    Mistake('blind2 #172: in place: logits -= max', '''
def sampling_probs(logits, temperature, top_k=None):
    logits -= logits.max(axis=-1, keepdims=True)
    z = logits / temperature
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', 'check_sampling_probs(sampling_probs)', 'changed its input `logits`'),
    Mistake('blind2 #173: top-k keeps the k smallest (argsort ascending [:k])', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    z = z - z.max(axis=-1, keepdims=True)
    if top_k is not None:
        idx = np.argsort(z, axis=-1)[..., :top_k]
        mask = np.zeros(z.shape, dtype=bool)
        np.put_along_axis(mask, idx, True, axis=-1)
        z = np.where(mask, z, -np.inf)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', 'check_sampling_probs(sampling_probs)', 'yours keeps the smallest'),
    Mistake('blind2 #175: reshape(L, B) directly (streams interleaved)', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    x = ids[:batch_size * L].reshape(L, batch_size)
    y = ids[1:batch_size * L + 1].reshape(L, batch_size)
    for k in range(L // seq_len):
        yield x[k * seq_len:(k + 1) * seq_len], y[k * seq_len:(k + 1) * seq_len]
''', 'check_tbptt_batches(tbptt_batches)', 'reshape(L, B) deals the characters out'),
    Mistake('blind2 #176: chunks shaped (B, T) instead of (T, B)', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    x = np.stack([ids[b * L:(b + 1) * L] for b in range(batch_size)])
    y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(batch_size)])
    for k in range(L // seq_len):
        yield x[:, k * seq_len:(k + 1) * seq_len], y[:, k * seq_len:(k + 1) * seq_len]
''', 'check_tbptt_batches(tbptt_batches)', 'each chunk has shape (T, B)'),
    Mistake('blind2 #177: L = len(ids) // B (forgot the -1)', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = len(ids) // batch_size
    x = np.stack([ids[b * L:(b + 1) * L] for b in range(batch_size)], axis=1)
    y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(batch_size)], axis=1)
    for k in range(L // seq_len):
        yield x[k * seq_len:(k + 1) * seq_len], y[k * seq_len:(k + 1) * seq_len]
''', 'check_tbptt_batches(tbptt_batches)', 'L = (len(ids) - 1) // batch_size'),
    Mistake('blind2 #178: keeps the incomplete last chunk', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    x = np.stack([ids[b * L:(b + 1) * L] for b in range(batch_size)], axis=1)
    y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(batch_size)], axis=1)
    for start in range(0, L, seq_len):
        yield x[start:start + seq_len], y[start:start + seq_len]
''', 'check_tbptt_batches(tbptt_batches)', 'leave out an incomplete last chunk'),
    Mistake('blind2 #179: returns a list, not a generator', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    x = np.stack([ids[b * L:(b + 1) * L] for b in range(batch_size)], axis=1)
    y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(batch_size)], axis=1)
    return [(x[k * seq_len:(k + 1) * seq_len], y[k * seq_len:(k + 1) * seq_len]) for k in range(L // seq_len)]
''', 'check_tbptt_batches(tbptt_batches)', 'write a generator'),
    Mistake('blind2 #181: no +1 smoothing', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size)
    p = counts / counts.sum()
    return float(-np.log(p[eval_ids]).mean())
''', 'check_unigram_loss(unigram_loss)', 'add-one smoothing'),
    Mistake('blind2 #182: counts on eval_ids', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(eval_ids, minlength=vocab_size) + 1
    p = counts / counts.sum()
    return float(-np.log(p[eval_ids]).mean())
''', 'check_unigram_loss(unigram_loss)', 'you counted eval_ids'),
    Mistake('blind2 #183: log2 (bits) instead of ln', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1
    p = counts / counts.sum()
    return float(-np.log2(p[eval_ids]).mean())
''', 'check_unigram_loss(unigram_loss)', 'not log2'),
    Mistake('blind2 #184: bincount without minlength', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids) + 1
    p = counts / counts.sum()
    return float(-np.log(p[eval_ids]).mean())
''', 'check_unigram_loss(unigram_loss)', 'minlength=vocab_size'),
    Mistake('blind2 #185: sum instead of mean', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1
    p = counts / counts.sum()
    return float(-np.log(p[eval_ids]).sum())
''', 'check_unigram_loss(unigram_loss)', 'not the sum'),
    Mistake('blind2 #187: boundary: first cdf >= u ((cdf < u).sum())', '''
def draw(probs, u):
    cdf = np.cumsum(probs, axis=1)
    return (cdf < u[:, None]).sum(axis=1)
''', 'check_draw(draw)', 'not greater or equal'),
    Mistake("blind2 #188: np.searchsorted per row, default side='left'", '''
def draw(probs, u):
    cdf = np.cumsum(probs, axis=1)
    return np.array([np.searchsorted(cdf[b], u[b]) for b in range(len(u))], dtype=int)
''', 'check_draw(draw)', "side='right'"),
    Mistake('blind2 #189: cumsum over axis 0', '''
def draw(probs, u):
    cdf = np.cumsum(probs, axis=0)
    return np.argmax(cdf > u[:, None], axis=1)
''', 'check_draw(draw)', 'axis=0 adds up the rows of the batch'),
    Mistake('blind2 #190: argmax(cdf > u): u beyond a rounded-down cdf gives 0', '''
def draw(probs, u):
    cdf = np.cumsum(probs, axis=1)
    return np.argmax(cdf > u[:, None], axis=1)
''', 'check_draw(draw)', 'return the last index, V - 1'),
    Mistake('blind2 #191: cumsum into probs (out=probs)', '''
def draw(probs, u):
    cdf = np.cumsum(probs, axis=1, out=probs)
    return np.minimum((cdf <= u[:, None]).sum(axis=1), probs.shape[1] - 1)
''', 'check_draw(draw)', 'changed its input `probs`'),
    Mistake('blind2 #221: np.asarray(logits, dtype=float): float32 becomes float64', '''
def sampling_probs(logits, temperature, top_k=None):
    z = np.asarray(logits, dtype=float) / temperature
    z = z - z.max(axis=-1, keepdims=True)
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = np.where(z >= kth, z, -np.inf)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', 'check_sampling_probs(sampling_probs)', 'but the inputs are float32'),
]


# The third blind newcomer test's wrong answers (issue 10, /tmp/blind3 answers #N), as the tester wrote them.
MISTAKES += [
    Mistake("blind3 #156: ids from the text's own sorted characters, not vocab", '''
def encode(text, vocab):
    index = {ch: i for i, ch in enumerate(sorted(set(text)))}
    return np.array([index[ch] for ch in text], dtype=np.int64)


def decode(ids, vocab):
    return "".join(vocab[int(i)] for i in ids)
''', 'check_encode_decode(encode, decode)', 'use the vocab you are given'),
    Mistake('blind3 #157: np.array of an empty list is float64', '''
def encode(text, vocab):
    index = {ch: i for i, ch in enumerate(vocab)}
    return np.array([index[ch] for ch in text])


def decode(ids, vocab):
    return "".join(vocab[int(i)] for i in ids)
''', 'check_encode_decode(encode, decode)', 'for the empty text your ids are float64, not integers'),
    Mistake('blind3 #158: decode returns a list of characters', '''
def encode(text, vocab):
    index = {ch: i for i, ch in enumerate(vocab)}
    return np.array([index[ch] for ch in text], dtype=np.int64)


def decode(ids, vocab):
    return [vocab[int(i)] for i in ids]
''', 'check_encode_decode(encode, decode)', 'decode must return a str'),
    Mistake('blind3 #159: id = ord(ch) - ord(vocab[0]) (assumes consecutive characters)', '''
def encode(text, vocab):
    index = {ch: i for i, ch in enumerate(vocab)}
    return np.array([ord(ch) - ord(vocab[0]) for ch in text], dtype=np.int64)


def decode(ids, vocab):
    return "".join(chr(int(i) + ord(vocab[0])) for i in ids)
''', 'check_encode_decode(encode, decode)', 'not ord(ch) - ord(vocab[0])'),
    Mistake('blind3 #160: ids counted from 1', '''
def encode(text, vocab):
    index = {ch: i for i, ch in enumerate(vocab, start=1)}
    return np.array([index[ch] for ch in text], dtype=np.int64)


def decode(ids, vocab):
    return "".join(vocab[int(i) - 1] for i in ids)
''', 'check_encode_decode(encode, decode)', 'off by the same constant everywhere (+1)'),
    Mistake('blind3 #162: one global max for the whole batch', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        drop = np.argsort(z, axis=-1)[..., :-top_k]
        z = z.copy()
        np.put_along_axis(z, drop, -np.inf, axis=-1)
    z = z - z.max()
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', 'check_sampling_probs(sampling_probs)', "subtract each row's own maximum"),
    Mistake('blind3 #163: sum without keepdims: (B,) divides (B, V)', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        drop = np.argsort(z, axis=-1)[..., :-top_k]
        z = z.copy()
        np.put_along_axis(z, drop, -np.inf, axis=-1)
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1)
''', 'check_sampling_probs(sampling_probs)', 'keepdims=True'),
    Mistake('blind3 #164: logits multiplied by the temperature', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits * temperature
    if top_k is not None:
        drop = np.argsort(z, axis=-1)[..., :-top_k]
        z = z.copy()
        np.put_along_axis(z, drop, -np.inf, axis=-1)
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', 'check_sampling_probs(sampling_probs)', 'divide by the temperature'),
    Mistake('blind3 #165: top-k cut after the softmax, not renormalised', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    p = e / e.sum(axis=-1, keepdims=True)
    if top_k is not None:
        drop = np.argsort(p, axis=-1)[..., :-top_k]
        np.put_along_axis(p, drop, 0.0, axis=-1)
    return p
''', 'check_sampling_probs(sampling_probs)', 'after cutting to the top_k, renormalise'),
    Mistake('blind3 #166: drops the k smallest instead of keeping the k largest', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        drop = np.argsort(z, axis=-1)[..., :top_k]
        z = z.copy()
        np.put_along_axis(z, drop, -np.inf, axis=-1)
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', 'check_sampling_probs(sampling_probs)', 'yours cuts the top_k smallest instead'),
    Mistake('blind3 #168: chunks shaped (B, T) (streams stacked as rows)', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    x = np.stack([ids[b * L:(b + 1) * L] for b in range(batch_size)], axis=0)
    y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(batch_size)], axis=0)
    for k in range(L // seq_len):
        yield x[:, k * seq_len:(k + 1) * seq_len], y[:, k * seq_len:(k + 1) * seq_len]
''', 'check_tbptt_batches(tbptt_batches)', 'time first, one column per stream'),
    Mistake('blind3 #169: L = len(ids) // B (the -1 for the last target forgotten)', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = len(ids) // batch_size
    x = np.stack([ids[b * L:(b + 1) * L] for b in range(batch_size)], axis=1)
    y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(batch_size)], axis=1)
    for k in range(L // seq_len):
        yield x[k * seq_len:(k + 1) * seq_len], y[k * seq_len:(k + 1) * seq_len]
''', 'check_tbptt_batches(tbptt_batches)', 'L = (len(ids) - 1) // batch_size'),
    Mistake('blind3 #170: incomplete last chunk kept (ceil)', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    x = np.stack([ids[b * L:(b + 1) * L] for b in range(batch_size)], axis=1)
    y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(batch_size)], axis=1)
    for k in range(-(-L // seq_len)):
        yield x[k * seq_len:(k + 1) * seq_len], y[k * seq_len:(k + 1) * seq_len]
''', 'check_tbptt_batches(tbptt_batches)', 'leave out an incomplete last chunk'),
    Mistake('blind3 #171: streams by reshape(L, B) (interleaved, not contiguous)', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    x = ids[:L * batch_size].reshape(L, batch_size)
    y = ids[1:L * batch_size + 1].reshape(L, batch_size)
    for k in range(L // seq_len):
        yield x[k * seq_len:(k + 1) * seq_len], y[k * seq_len:(k + 1) * seq_len]
''', 'check_tbptt_batches(tbptt_batches)', 'each stream is one long stretch of the text'),
    Mistake('blind3 #172: return instead of yield inside the loop (first chunk only, not a generator)', '''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    L = (len(ids) - 1) // batch_size
    x = np.stack([ids[b * L:(b + 1) * L] for b in range(batch_size)], axis=1)
    y = np.stack([ids[b * L + 1:(b + 1) * L + 1] for b in range(batch_size)], axis=1)
    for k in range(L // seq_len):
        return x[k * seq_len:(k + 1) * seq_len], y[k * seq_len:(k + 1) * seq_len]
''', 'check_tbptt_batches(tbptt_batches)', 'use `yield inputs, targets` inside the loop, not `return`'),
    Mistake('blind3 #174: divides by len(train_ids) (smoothing not in the total)', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1
    p = counts / len(train_ids)
    return float(-np.log(p[eval_ids]).mean())
''', 'check_unigram_loss(unigram_loss)', 'divide by the total of the smoothed counts, counts.sum'),
    Mistake('blind3 #175: bincount without minlength (unseen last characters)', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids) + 1
    p = counts / counts.sum()
    return float(-np.log(p[eval_ids]).mean())
''', 'check_unigram_loss(unigram_loss)', 'minlength=vocab_size'),
    Mistake('blind3 #176: log2 instead of ln', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1
    p = counts / counts.sum()
    return float(-np.log2(p[eval_ids]).mean())
''', 'check_unigram_loss(unigram_loss)', 'the loss is in nats'),
    Mistake('blind3 #177: entropy of the training distribution instead of loss on eval', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1
    p = counts / counts.sum()
    return float(-(p * np.log(p)).sum())
''', 'check_unigram_loss(unigram_loss)', 'entropy of the training distribution'),
    Mistake('blind3 #178: counts taken on eval_ids (arguments mixed up)', '''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(eval_ids, minlength=vocab_size) + 1
    p = counts / counts.sum()
    return float(-np.log(p[eval_ids]).mean())
''', 'check_unigram_loss(unigram_loss)', 'count the characters of train_ids'),
    Mistake('blind3 #180: u not reshaped: (B, V) compared with (B,)', '''
def draw(probs, u):
    cdf = np.cumsum(probs, axis=1)
    idx = (cdf <= u).sum(axis=1)
    return np.minimum(idx, probs.shape[1] - 1).astype(int)
''', 'check_draw(draw)', 'cdf <= u[:, None]'),
    Mistake('blind3 #181: >= instead of > (boundary goes to the lower stretch)', '''
def draw(probs, u):
    cdf = np.cumsum(probs, axis=1)
    return np.argmax(cdf >= u[:, None], axis=1).astype(int)
''', 'check_draw(draw)', 'the answer is the first index whose cumulative probability'),
    Mistake('blind3 #182: argmax with no hit returns 0, not V - 1', '''
def draw(probs, u):
    cdf = np.cumsum(probs, axis=1)
    return np.argmax(cdf > u[:, None], axis=1).astype(int)
''', 'check_draw(draw)', 'when no cumulative probability exceeds u'),
    Mistake('blind3 #183: cumsum over axis 0', '''
def draw(probs, u):
    cdf = np.cumsum(probs, axis=0)
    idx = (cdf <= u[:, None]).sum(axis=1)
    return np.minimum(idx, probs.shape[1] - 1).astype(int)
''', 'check_draw(draw)', 'take the cumulative sum along each row, np.cumsum'),
    Mistake('blind3 #184: compares the probabilities, not the cumulative ones', '''
def draw(probs, u):
    hit = probs > u[:, None]
    idx = np.where(hit.any(axis=1), np.argmax(hit, axis=1), probs.shape[1] - 1)
    return idx.astype(int)
''', 'check_draw(draw)', 'not with the probabilities themselves'),
    Mistake('blind3 #161: keeps exactly top_k by argsort (passed before the task said that ties at the cut stay)', '''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    if top_k is not None:
        drop = np.argsort(z, axis=-1)[..., :-top_k]
        z = z.copy()
        np.put_along_axis(z, drop, -np.inf, axis=-1)
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', 'check_sampling_probs(sampling_probs)', 'keeps exactly top_k positions'),
]


# ---------------------------------------------------------------- the blind newcomer test 4
# Every wrong answer of /tmp/blind4/answers.py (#N) for this exercise, as written; the phrase naming each
# mistake that its hint must contain.
MISTAKES += [
    Mistake('blind4 #106: ord() instead of position', r'''
def encode(text, vocab):
    return np.array([ord(ch) for ch in text], dtype=int)


def decode(ids, vocab):
    return "".join(vocab[i] for i in ids)
''', 'check_encode_decode(encode, decode)',
            "the id is the character's position in the vocabulary, not its Unicode code point (ord)"),
    Mistake('blind4 #107: no dtype (empty text gives float)', r'''
def encode(text, vocab):
    return np.array([vocab.index(ch) for ch in text])


def decode(ids, vocab):
    return "".join(vocab[i] for i in ids)
''', 'check_encode_decode(encode, decode)',
            'np.array([]) of an empty list is float64'),
    Mistake('blind4 #108: decode returns list of chars', r'''
def encode(text, vocab):
    return np.array([vocab.index(ch) for ch in text], dtype=int)


def decode(ids, vocab):
    return [vocab[i] for i in ids]
''', 'check_encode_decode(encode, decode)',
            'decode must return a str; you returned a list (join the characters'),
    Mistake('blind4 #110: global max instead of per-row', r'''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    z = z - z.max()
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = z.copy()
        z[z < kth] = -np.inf
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', 'check_sampling_probs(sampling_probs)',
            "subtract each row's own maximum (z.max(axis=-1, keepdims=True)), not"),
    Mistake('blind4 #111: top_k picks exactly k positions (argsort)', r'''
def sampling_probs(logits, temperature, top_k=None):
    z = logits / temperature
    z = z - z.max(axis=-1, keepdims=True)
    if top_k is not None:
        order = np.argsort(z, axis=-1)[..., :-top_k]
        z = z.copy()
        np.put_along_axis(z, order, -np.inf, axis=-1)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', 'check_sampling_probs(sampling_probs)',
            "scores tied with the row's top_k-th largest all keep their"),
    Mistake('blind4 #112: multiplies by temperature', r'''
def sampling_probs(logits, temperature, top_k=None):
    z = logits * temperature
    z = z - z.max(axis=-1, keepdims=True)
    if top_k is not None:
        kth = np.sort(z, axis=-1)[..., -top_k][..., None]
        z = z.copy()
        z[z < kth] = -np.inf
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''', 'check_sampling_probs(sampling_probs)',
            'divide by the temperature (a temperature below 1 must sharpen the distribution)'),
    Mistake('blind4 #114: L without the -1', r'''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    B = batch_size
    L = len(ids) // B
    x = np.stack([ids[b*L:(b+1)*L] for b in range(B)], axis=1)
    y = np.stack([ids[b*L+1:(b+1)*L+1] for b in range(B)], axis=1)
    for k in range(L // seq_len):
        yield x[k*seq_len:(k+1)*seq_len], y[k*seq_len:(k+1)*seq_len]
''', 'check_tbptt_batches(tbptt_batches)',
            "the last stream's targets are one short"),
    Mistake('blind4 #115: chunks shaped (B, T)', r'''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    B = batch_size
    L = (len(ids) - 1) // B
    x = np.stack([ids[b*L:(b+1)*L] for b in range(B)], axis=0)
    y = np.stack([ids[b*L+1:(b+1)*L+1] for b in range(B)], axis=0)
    for k in range(L // seq_len):
        yield x[:, k*seq_len:(k+1)*seq_len], y[:, k*seq_len:(k+1)*seq_len]
''', 'check_tbptt_batches(tbptt_batches)',
            'each chunk has shape (T, B) = (5, 4)'),
    Mistake('blind4 #116: keeps incomplete last chunk', r'''
def tbptt_batches(ids, batch_size, seq_len):
    ids = np.asarray(ids)
    B = batch_size
    L = (len(ids) - 1) // B
    x = np.stack([ids[b*L:(b+1)*L] for b in range(B)], axis=1)
    y = np.stack([ids[b*L+1:(b+1)*L+1] for b in range(B)], axis=1)
    for k in range(-(-L // seq_len)):
        yield x[k*seq_len:(k+1)*seq_len], y[k*seq_len:(k+1)*seq_len]
''', 'check_tbptt_batches(tbptt_batches)',
            'leave out an incomplete last chunk'),
    Mistake('blind4 #118: no add-one smoothing', r'''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size)
    p = counts / counts.sum()
    return float(-np.log(p[eval_ids]).mean())
''', 'check_unigram_loss(unigram_loss)',
            'add one to every count (add-one smoothing) before dividing'),
    Mistake('blind4 #119: divides by len(train_ids)', r'''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1
    p = counts / len(train_ids)
    return float(-np.log(p[eval_ids]).mean())
''', 'check_unigram_loss(unigram_loss)',
            'divide by the total of the smoothed counts, counts.sum() (='),
    Mistake('blind4 #120: log2 (bits)', r'''
def unigram_loss(train_ids, eval_ids, vocab_size):
    counts = np.bincount(train_ids, minlength=vocab_size) + 1
    p = counts / counts.sum()
    return float(-np.log2(p[eval_ids]).mean())
''', 'check_unigram_loss(unigram_loss)',
            'the loss is in nats: use the natural logarithm np.log, not log2'),
    Mistake('blind4 #122: boundary goes to previous stretch (<)', r'''
def draw(probs, u):
    cum = np.cumsum(probs, axis=1)
    idx = (cum < u[:, None]).sum(axis=1)
    return np.minimum(idx, probs.shape[1] - 1).astype(int)
''', 'check_draw(draw)',
            'the answer is the first index whose cumulative probability is greater'),
    Mistake('blind4 #123: no clamp to V-1', r'''
def draw(probs, u):
    cum = np.cumsum(probs, axis=1)
    idx = (cum <= u[:, None]).sum(axis=1)
    return idx.astype(int)
''', 'check_draw(draw)',
            'when no cumulative probability exceeds u (round-off can leave the'),
    Mistake('blind4 #124: argmax without none-case', r'''
def draw(probs, u):
    cum = np.cumsum(probs, axis=1)
    return np.argmax(cum > u[:, None], axis=1).astype(int)
''', 'check_draw(draw)',
            'when no cumulative probability exceeds u (round-off can leave the'),
]
