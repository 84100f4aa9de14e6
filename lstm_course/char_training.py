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
from .model import backward_all, forward_all, init_model, parameters
from .optim import adam_init
from .readout import softmax_cross_entropy
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
                prime="\n", max_loss=None, progress=True, print_samples=True):
    """Train an LSTM to predict the next character of ``text`` (default: the shipped play).

    Returns a dict: model; vocab; steps; seconds; stopped ("steps", "seconds" or
    "diverged"); message; history with lists step/train_loss (every step),
    eval_step/val_loss (every eval_every steps and at the end) and samples
    [(step, str)] (every sample_every steps, at the given temperature);
    unigram_loss and uniform_loss (the baselines on the validation text); config.
    """
    config = dict(hidden_size=hidden_size, seq_len=seq_len, batch_size=batch_size, lr=lr, clip=clip,
                  forget_bias=forget_bias, max_steps=max_steps, max_seconds=max_seconds, seed=seed,
                  temperature=temperature)
    for name in ("hidden_size", "seq_len", "batch_size", "max_steps", "eval_every", "sample_every",
                 "sample_length"):
        check_positive(name, locals()[name], integer=True)
    for name in ("lr", "temperature") + (("clip",) if clip is not None else ()) \
            + (("max_seconds",) if max_seconds is not None else ()):
        check_positive(name, locals()[name])
    text = tx.load_text() if text is None else text
    vocab = tx.build_vocab(text)
    V = len(vocab)
    train_ids, val_ids = tx.split_ids(tx.encode(text, vocab), val_fraction)
    max_loss = 3 * math.log(V) if max_loss is None else max_loss   # far above guessing

    model = init_model(V, hidden_size, V, seed=seed, forget_bias=forget_bias)
    params = parameters(model)
    opt_state = adam_init(params)
    sample_rng = np.random.default_rng([seed, 4])
    history = {"step": [], "train_loss": [], "eval_step": [], "val_loss": [], "samples": []}
    bar = progress_bar(max_steps, progress, "chars", "step")
    stopped, message, step = "steps", "", 0
    batches, state = None, (None, None)
    start = time.perf_counter()
    while step < max_steps:
        if batches is None:                        # a new pass over the text: fresh memory
            batches, state = tx.tbptt_batches(train_ids, batch_size, seq_len), (None, None)
        chunk = next(batches, None)
        if chunk is None:
            batches = None
            continue
        inputs, targets = chunk
        logits, state, cache = forward_all(model, tx.one_hot(inputs, V), *state)
        loss, dlogits = softmax_cross_entropy(logits, targets)
        message = diverged(loss, max_loss)
        if message:
            stopped = "diverged"
            break
        train_step(params, backward_all(dlogits, cache), opt_state, lr=lr, clip=clip)
        step += 1
        history["step"].append(step)
        history["train_loss"].append(loss)
        if step % eval_every == 0 or step == max_steps:
            history["eval_step"].append(step)
            history["val_loss"].append(evaluate_chars(model, val_ids, V))
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
        history["val_loss"].append(evaluate_chars(model, val_ids, V))
    return {"model": model, "vocab": vocab, "steps": step, "seconds": seconds, "stopped": stopped,
            "message": message, "history": history,
            "unigram_loss": tx.unigram_loss(train_ids, val_ids, V), "uniform_loss": math.log(V),
            "config": config}


def _write(bar, s):
    """Print above the progress bar (tqdm.write keeps the bar intact), or plainly."""
    if bar is None:
        print(s)
    else:
        bar.write(s)
