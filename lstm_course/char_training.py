"""Training a character-level language model with truncated BPTT (lesson 7).

Letters: T steps per chunk (seq_len), B streams (batch_size), V vocabulary, H hidden.

Each step reads the next T characters of B streams (see ``text.tbptt_batches``),
predicts every next character (``model.forward_all``), and backpropagates T steps.
The memory (h, c) is handed to the next chunk, detached from its gradient: the
network reads context longer than T, but learns through at most T steps.
Losses are in nats per character; ln V is guessing uniformly, and
``text.unigram_loss`` is guessing by character frequency.
"""
import math
import time

import numpy as np

from . import text as tx
from .cells import get_cell
from .model import backward_all, carried_state, forward_all, init_model, parameters
from .optim import adam_init
from .readout import linear_backward, linear_forward, softmax_cross_entropy
from .training import check_positive, diverged, finish, progress_bar, train_step


def evaluate_chars(model, ids, vocab_size, *, batch_size=16, seq_len=100):
    """Mean cross-entropy (nats per character) of the model on ``ids``, read as B streams
    with the memory carried across chunks, as in training (fewer, shorter streams for a
    short text)."""
    seq_len = max(1, min(seq_len, len(ids) - 1))
    batch_size = max(1, min(batch_size, (len(ids) - 1) // seq_len))
    total, count, state = 0.0, 0, (None, None)
    for inputs, targets in tx.tbptt_batches(ids, batch_size, seq_len):
        logits, state, _ = forward_all(model, tx.one_hot(inputs, vocab_size), *state)
        loss, _ = softmax_cross_entropy(logits, targets)
        total, count = total + loss * targets.size, count + targets.size
    return total / count


def train_chars(text=None, *, hidden_size=128, seq_len=50, batch_size=32, lr=5e-3, clip=5.0,
                forget_bias=None, max_steps=1000, max_seconds=None, seed=0, val_fraction=0.1,
                eval_every=100, sample_every=200, sample_length=160, temperature=0.8,
                prime="\n", max_loss=None, progress=True, print_samples=True,
                test_fraction=None, lr_schedule="constant", dtype="float64", keep_best=False,
                dropout=0.0, extra_text=None, cell="lstm", schedule_steps=None):
    """Train a recurrent model (an LSTM unless ``cell`` names another, lesson 9) to predict
    the next character of ``text`` (default: the shipped play).

    Returns a dict: model; vocab; steps; seconds; stopped ("steps", "seconds" or
    "diverged"); message; history with lists step/train_loss (every step),
    eval_step/val_loss/eval_seconds (every eval_every steps and at the end; the
    wall seconds since the start of training when each was taken) and samples
    [(step, str)] (every sample_every steps, at the given temperature);
    unigram_loss and uniform_loss (the baselines on the validation text); config.

    test_fraction: None (default, lesson 7) splits the text in two, train and
    validation (the last val_fraction). A number holds out the last test_fraction
    as a test part and validates on the val_fraction before it
    (``text.split_train_val_test``); the result then also has split (the sizes),
    val_stream_loss and test_loss (``stream_loss``: each part read as one stream
    from a zero memory, every character after the first scored) and test_unigram_loss.
    lr_schedule: "constant", or "cosine" (lr falls to 0 along a half cosine over
    max_steps: the steps, not the seconds, so a seeded run is the same on any machine);
    schedule_steps sets that horizon apart from max_steps (a run stopped before the lr reaches 0).
    dtype: "float64" or "float32" for the training arithmetic (float32 is faster);
    the returned model is always float64.
    dropout: the fraction of the LSTM's outputs h zeroed (the rest scaled by 1 / (1 - dropout))
    on their way to the readout, in training only (Zaremba et al. 2014: dropout on the
    non-recurrent connection; the memory carried from step to step is never dropped).
    A regulariser: a short play is learnt by heart quickly without one.
    extra_text: more text to learn from (a str, e.g. ``text.load_plays(text.MORE_PLAYS)``),
    read before the training part of ``text``; the validation and test parts stay the end
    of ``text``, so a run with and without it is scored on the same characters. The
    vocabulary is that of extra_text + text.
    keep_best: return the parameters at the validation check with the lowest validation
    loss (early stopping chosen on the validation part); result["best_step"] says which.
    """
    if not 0 <= dropout < 1:
        raise ValueError(f"dropout must be in [0, 1), got {dropout!r}")
    if lr_schedule not in ("constant", "cosine"):
        raise ValueError(f"lr_schedule must be 'constant' or 'cosine', got {lr_schedule!r}")
    if dtype not in ("float64", "float32"):
        raise ValueError(f"dtype must be 'float64' or 'float32', got {dtype!r}")
    config = dict(hidden_size=hidden_size, seq_len=seq_len, batch_size=batch_size, lr=lr, clip=clip,
                  forget_bias=forget_bias, max_steps=max_steps, max_seconds=max_seconds, seed=seed,
                  temperature=temperature)
    if cell != "lstm":                   # only then: lesson 7's config stays as it was
        config["cell"] = cell
    if schedule_steps is not None:
        check_positive("schedule_steps", schedule_steps, integer=True)
        config["schedule_steps"] = schedule_steps
    if test_fraction is not None:        # only then: lesson 7's config stays as it was
        config.update(val_fraction=val_fraction, test_fraction=test_fraction,
                      lr_schedule=lr_schedule, dtype=dtype, keep_best=keep_best,
                      dropout=dropout)
    for name in ("hidden_size", "seq_len", "batch_size", "max_steps", "eval_every", "sample_every",
                 "sample_length"):
        check_positive(name, locals()[name], integer=True)
    for name in ("lr", "temperature") + (("clip",) if clip is not None else ()) \
            + (("max_seconds",) if max_seconds is not None else ()):
        check_positive(name, locals()[name])
    text = tx.load_text() if text is None else text
    vocab = tx.build_vocab(text if extra_text is None else extra_text + text)
    V = len(vocab)
    if test_fraction is None:
        train_ids, val_ids = tx.split_ids(tx.encode(text, vocab), val_fraction)
        test_ids = None
    else:
        train_ids, val_ids, test_ids = tx.split_train_val_test(tx.encode(text, vocab), val_fraction,
                                                               test_fraction)
    if extra_text is not None:
        train_ids = np.concatenate([tx.encode(extra_text, vocab), train_ids])
        config["extra_chars"] = len(extra_text)
    max_loss = 3 * math.log(V) if max_loss is None else max_loss   # far above guessing

    model = init_model(V, hidden_size, V, cell=cell, seed=seed, forget_bias=forget_bias)
    ftype = np.dtype(dtype)
    if ftype != np.float64:
        for part in ("core", "readout"):
            model[part] = {k: v.astype(ftype) for k, v in model[part].items()}
    params = parameters(model)
    opt_state = adam_init(params)
    sample_rng = np.random.default_rng([seed, 4])
    drop_rng = np.random.default_rng([seed, 5])
    history = {"step": [], "train_loss": [], "eval_step": [], "val_loss": [], "eval_seconds": [],
               "samples": []}
    bar = progress_bar(max_steps, progress, "chars", "step")
    stopped, message, step = "steps", "", 0
    batches, state = None, (None, None)
    best = None
    start = time.perf_counter()
    while step < max_steps:
        if batches is None:                        # a new pass over the text: fresh memory
            batches, state = tx.tbptt_batches(train_ids, batch_size, seq_len), (None, None)
        chunk = next(batches, None)
        if chunk is None:
            batches = None
            continue
        inputs, targets = chunk
        x = tx.one_hot(inputs, V).astype(ftype, copy=False)
        if dropout:
            loss, grads, state = _dropout_step(model, x, targets, state, dropout, drop_rng)
        else:
            logits, state, cache = forward_all(model, x, *state)
            loss, dlogits = softmax_cross_entropy(logits, targets)
        loss = float(loss)
        message = diverged(loss, max_loss)
        if message:
            stopped = "diverged"
            break
        if not dropout:
            grads = backward_all(dlogits, cache)
        horizon = max_steps if schedule_steps is None else schedule_steps
        step_lr = lr if lr_schedule == "constant" else 0.5 * lr * (1 + math.cos(math.pi * min(step / horizon, 1.0)))
        train_step(params, grads, opt_state, lr=step_lr, clip=clip)
        step += 1
        history["step"].append(step)
        history["train_loss"].append(loss)
        if step % eval_every == 0 or step == max_steps:
            history["eval_step"].append(step)
            history["eval_seconds"].append(time.perf_counter() - start)
            history["val_loss"].append(evaluate_chars(model, val_ids, V))
            if keep_best and history["val_loss"][-1] == min(history["val_loss"]):
                best = (step, {p: {k: v.copy() for k, v in model[p].items()} for p in ("core", "readout")})
        if step % sample_every == 0 or step == max_steps:
            s = tx.sample(model, vocab, prime=prime, length=sample_length,
                          temperature=temperature, rng=sample_rng)
            history["samples"].append((step, s))
            if print_samples:
                _write(bar, f"--- step {step}, train loss {loss:.3f} ---\n{s}\n")
        if bar is not None:
            bar.update(1)
            if step % 10 == 0:
                bar.set_postfix(loss=f"{loss:.3f}", refresh=False)
        if max_seconds is not None and time.perf_counter() - start > max_seconds:
            stopped = "seconds"
            break
    seconds = time.perf_counter() - start
    finish(bar, message)
    if not history["eval_step"] or history["eval_step"][-1] != step:   # always end with a val loss
        history["eval_step"].append(step)
        history["eval_seconds"].append(seconds)
        history["val_loss"].append(evaluate_chars(model, val_ids, V))
    best_step = step
    if keep_best and best is not None and history["val_loss"][-1] > min(history["val_loss"]):
        best_step = best[0]
        model.update(best[1])
    if ftype != np.float64:
        for part in ("core", "readout"):
            model[part] = {k: v.astype(np.float64) for k, v in model[part].items()}
    result = {"model": model, "vocab": vocab, "steps": step, "seconds": seconds, "stopped": stopped,
              "message": message, "history": history,
              "unigram_loss": tx.unigram_loss(train_ids, val_ids, V), "uniform_loss": math.log(V),
              "config": config}
    if keep_best:
        result["best_step"] = best_step
    if test_ids is not None:
        result.update(split={"train": len(train_ids), "val": len(val_ids), "test": len(test_ids)},
                      val_stream_loss=stream_loss(model, val_ids, V),
                      test_loss=stream_loss(model, test_ids, V),
                      test_unigram_loss=tx.unigram_loss(train_ids, test_ids, V))
    return result


def _dropout_step(model, x, targets, state, rate, rng):
    """Forward and backward with dropout between the recurrent layer and the readout:
    returns (loss, gradients keyed as ``model.parameters``, the carried state, e.g. (h, c))."""
    core = get_cell(model["cell"])
    hs, new_state, core_cache = core.forward(x, model["core"], carried_state(state))
    mask = (rng.random(hs.shape) >= rate).astype(hs.dtype) / hs.dtype.type(1 - rate)
    logits, out_cache = linear_forward(hs * mask, model["readout"])
    loss, dlogits = softmax_cross_entropy(logits, targets)
    dhs, dreadout = linear_backward(dlogits, out_cache)
    _, dcore, _ = core.backward(dhs * mask, core_cache)
    grads = {**{f"core.{k}": v for k, v in dcore.items()}, **{f"readout.{k}": v for k, v in dreadout.items()}}
    return loss, grads, new_state


def stream_loss(model, ids, vocab_size, *, chunk=200):
    """Mean cross-entropy (nats per character) of ids[1:], reading ids as one stream from a
    zero memory (h, c carried from chunk to chunk, nothing cut): each character is predicted
    from everything before it. This is how the test part is scored, the same characters the
    n-gram baselines score (``ngram.NGramModel.cross_entropy`` with first=1). float64."""
    ids = np.asarray(ids).reshape(-1)
    if len(ids) < 2:
        raise ValueError(f"ids must hold at least 2 characters (one to read, one to predict), got {len(ids)}")
    total, state = 0.0, (None, None)
    for start in range(0, len(ids) - 1, chunk):
        inputs = ids[start:min(start + chunk, len(ids) - 1)]
        targets = ids[start + 1:start + 1 + len(inputs)]
        logits, state, _ = forward_all(model, tx.one_hot(inputs[:, None], vocab_size), *state)
        loss, _ = softmax_cross_entropy(logits, targets[:, None])
        total += float(loss) * len(targets)
    return total / (len(ids) - 1)


def _write(bar, s):
    """Print above the progress bar (tqdm.write keeps the bar intact), or plainly."""
    if bar is None:
        print(s)
    else:
        bar.write(s)
