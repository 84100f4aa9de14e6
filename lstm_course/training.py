"""Training loops for the adding problem (lesson 6), and what every loop shares.

One step of training, the same for every task:
    forward -> loss and its gradient -> backward (BPTT) -> clip -> Adam step.

The loops stop when the task is solved, when a budget (sequences or seconds) is
spent, or when the loss turns NaN or explodes: they never diverge silently (the
result says why it stopped and a RuntimeWarning is raised).
"""
import math
import time
import warnings

import numpy as np

from . import adding
from .model import backward_last, forward_last, init_model, parameters
from .optim import adam_init, adam_step, clip_grad_norm
from .readout import mse_loss


def check_positive(name, value, integer=False):
    """ValueError unless value is a positive (integer) number."""
    bad = isinstance(value, bool) or not isinstance(value, (int, np.integer) if integer else (int, float, np.number))
    if bad or not (value > 0) or not math.isfinite(value):
        raise ValueError(f"{name} must be a positive {'integer' if integer else 'number'}, got {value!r}")


def diverged(loss, max_loss):
    """A message if the loss is NaN/inf or above max_loss, else None."""
    if not math.isfinite(loss):
        return f"the loss became {loss}: training diverged (lower the learning rate or clip harder)"
    if loss > max_loss:
        return (f"the loss exploded to {loss:.3g} (above {max_loss:g}): training diverged "
                "(lower the learning rate or clip harder)")
    return None


def progress_bar(total, enabled, desc, unit):
    """A tqdm.auto bar (a widget in Jupyter, text in a terminal), or None when disabled."""
    if not enabled:
        return None
    from tqdm.auto import tqdm     # imported here: the numerics must not need it to import
    return tqdm(total=total, desc=desc, unit=unit, leave=True, mininterval=0.5)


def finish(bar, message, *, ok=None, note=None):
    """End of every training loop: close the progress bar; a run stopped by a NaN or an
    exploding loss warns (RuntimeWarning) at the caller of the loop, never silently.

    The bar's colour in Jupyter says how the run ended, not how far it got: green when
    ``ok`` (default: no message, i.e. it did not diverge), red when not. Left alone,
    tqdm's notebook bar turns red whenever it closes before its total (a run that
    stopped early because it solved the task) and green whenever it reaches it (a run
    that spent its budget without solving). ``note`` ("solved", ...) is added after
    the bar's numbers, so a terminal says it in words.
    """
    if bar is not None:
        ok = not message if ok is None else bool(ok)
        if note:
            bar.set_postfix_str(f"{bar.postfix}, {note}" if bar.postfix else note, refresh=False)
        bar.close()
        bar_colour(bar, ok)
    if message:
        warnings.warn(message, RuntimeWarning, stacklevel=3)


def bar_colour(bar, ok):
    """Set a closed tqdm notebook bar green (ok) or red (not ok); a text bar has no colour."""
    container = getattr(bar, "container", None)    # tqdm.notebook: HBox(label, bar, numbers)
    if container is not None:
        container.children[1].bar_style = "success" if ok else "danger"


def train_step(params, grads, opt_state, *, lr, clip):
    """Clip the gradients' joint norm to ``clip`` (None: no clipping), then one Adam step.
    Returns the gradient norm before clipping."""
    norm = clip_grad_norm(grads, clip) if clip else math.sqrt(sum(float(np.sum(g * g)) for g in grads.values()))
    adam_step(params, grads, opt_state, lr=lr)
    return norm


def evaluate_adding(model, length, n=2000, *, seed=0):
    """Errors on n fresh sequences (a generator seeded apart from training's).

    Returns a dict: mse, mean_abs_error, fraction_correct (|error| < 0.04), n.
    """
    check_positive("n", n, integer=True)
    x, target, _ = adding.adding_batch(n, length, np.random.default_rng([seed, 3]))
    y, _ = forward_last(model, x)
    err = np.abs(y - target)[:, 0]
    return {"mse": float(np.mean(err ** 2)), "mean_abs_error": float(err.mean()),
            "fraction_correct": float(np.mean(err < adding.CORRECT_TOL)), "n": int(n)}


def train_adding(*, length=100, hidden_size=32, batch_size=32, lr=1e-2, clip=1.0,
                 forget_bias=None, chrono=None, cell="lstm", seed=0, max_sequences=300_000,
                 max_seconds=None, stop_when_solved=True, max_loss=10.0, progress=True,
                 log_every=10):
    """Train a model on the adding problem with Adam, one fresh batch per step.

    Inputs: the task (length T), the model (cell, hidden_size, forget_bias or chrono),
    the optimiser (batch_size, lr, clip: the max gradient norm, None for none), the
    budgets (max_sequences, max_seconds), seed (weights and data), progress (a bar).
    Returns a dict: model; solved (bool); solved_at (training sequences seen when the
    1997 criterion first held, or None); sequences; seconds; stopped ("solved",
    "sequences", "seconds" or "diverged"); message; history (lists every log_every
    steps: sequences, loss, grad_norm) and config (the arguments).
    """
    config = dict(length=length, hidden_size=hidden_size, batch_size=batch_size, lr=lr, clip=clip,
                  forget_bias=forget_bias, chrono=chrono, cell=cell, seed=seed,
                  max_sequences=max_sequences, max_seconds=max_seconds)
    for name in ("hidden_size", "batch_size", "max_sequences", "log_every"):
        check_positive(name, locals()[name], integer=True)
    for name in ("lr", "max_loss") + (("clip",) if clip is not None else ()) \
            + (("max_seconds",) if max_seconds is not None else ()):
        check_positive(name, locals()[name])
    if isinstance(length, bool) or not isinstance(length, (int, np.integer)) or length < adding.MIN_LENGTH:
        raise ValueError(f"length must be an integer >= {adding.MIN_LENGTH}, got {length!r}")

    model = init_model(2, hidden_size, 1, cell=cell, seed=seed, forget_bias=forget_bias, chrono=chrono)
    params = parameters(model)
    opt_state = adam_init(params)
    data_rng = np.random.default_rng([seed, 1])            # the training stream
    n_steps = math.ceil(max_sequences / batch_size)
    abs_errors = np.empty(n_steps * batch_size)            # every training sequence's error
    history = {"sequences": [], "loss": [], "grad_norm": []}
    bar = progress_bar(n_steps * batch_size, progress, f"{cell} T={length}", "seq")
    stopped, message, solved_at, seen = "sequences", "", None, 0
    start = time.perf_counter()
    for step in range(n_steps):
        x, target, _ = adding.adding_batch(batch_size, length, data_rng)
        y, cache = forward_last(model, x)
        loss, dy = mse_loss(y, target)
        abs_errors[seen:seen + batch_size] = np.abs(y - target)[:, 0]
        seen += batch_size
        message = diverged(loss, max_loss)
        if message:
            stopped = "diverged"
            break
        norm = train_step(params, backward_last(dy, cache), opt_state, lr=lr, clip=clip)
        if step % log_every == 0:
            for k, v in (("sequences", seen), ("loss", loss), ("grad_norm", norm)):
                history[k].append(v)
        if bar is not None:
            bar.update(batch_size)
            if step % 20 == 0:
                bar.set_postfix(loss=f"{loss:.4f}", refresh=False)
        if solved_at is None and adding.is_solved(abs_errors[max(0, seen - adding.SOLVED_WINDOW):seen]):
            solved_at = seen
            if stop_when_solved:
                stopped = "solved"
                break
        if max_seconds is not None and time.perf_counter() - start > max_seconds:
            stopped = "seconds"
            break
    seconds = time.perf_counter() - start
    note = "diverged" if stopped == "diverged" else "solved" if solved_at is not None else "not solved"
    finish(bar, message, ok=note == "solved", note=note)
    return {"model": model, "solved": solved_at is not None, "solved_at": solved_at,
            "sequences": seen, "seconds": seconds, "stopped": stopped, "message": message,
            "history": history, "train_abs_errors": abs_errors[:seen], "config": config}
