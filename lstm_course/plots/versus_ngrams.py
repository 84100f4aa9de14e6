"""The committed character model's validation curve against the best n-gram (lesson 10).

``plot_loss_vs_seconds`` draws the validation loss the training run recorded against the
seconds since it started, the kept parameters' validation loss read as one stream (a
point), and the best n-gram's validation loss (dashed). It only draws: the numbers come
from the run's record and the n-gram table (``char_model.load_run``, ``load_ngrams``).

Two validation losses, and why both are drawn: during training the loss is measured on
the validation part cut into a few streams, each started from zero memory (what keep-best
compares, ``char_training.evaluate_chars``); the final numbers read the part as one stream,
every character after the first predicted from all before it (``char_training.stream_loss``),
which is how the n-grams are scored. Only the point and the dashed line compare like with like.
"""
import numpy as np

from .training import _axes, legend_outside


def plot_loss_vs_seconds(seconds, val_loss, ngram_loss, ngram_name, *, stream=None, budget=None, ax=None):
    """The validation curve against training time, with the n-gram bar.

    Inputs:
    - seconds: (N,) seconds since training started at each validation check
    - val_loss: (N,) the validation loss (nats/char) measured then, in streams from zero memory
    - ngram_loss: the best n-gram's validation loss (nats/char), drawn dashed
    - ngram_name: what that n-gram is, e.g. "7-gram, Kneser-Ney"
    - stream: (seconds, loss) of the kept parameters' validation loss read as one stream, or None
    - budget: the time budget in seconds (a dotted vertical line), or None

    Returns the matplotlib Figure.
    """
    seconds, val_loss = np.asarray(seconds, dtype=float), np.asarray(val_loss, dtype=float)
    if seconds.ndim != 1 or seconds.shape != val_loss.shape:
        raise ValueError(f"seconds and val_loss must both be (N,), got {seconds.shape} and {val_loss.shape}")
    fig, ax = _axes(ax, (7.5, 4.2))
    ax.plot(seconds, val_loss, "o-", color="#B2182B", ms=4,
            label="LSTM during training: validation in streams from zero memory (keep-best's measure)")
    if stream is not None:
        ax.plot([stream[0]], [stream[1]], "*", color="#67001F", ms=13,
                label=f"LSTM, kept parameters: validation read as one stream, {stream[1]:.4f}")
    ax.axhline(ngram_loss, color="#333333", ls="--", lw=1.2,
               label=f"best n-gram on validation ({ngram_name}): {ngram_loss:.4f}")
    if budget is not None:
        ax.axvline(budget, color="#999999", ls=":", lw=1.2, label=f"time budget: {budget:g} s")
    ax.set_xlim(0, max(seconds.max(), budget or 0) * 1.03)
    ax.set_xlabel("training time (seconds since the start)")
    ax.set_ylabel("validation loss (nats per character)")
    ax.grid(alpha=0.3)
    legend_outside(ax, "above", ncol=1)
    fig.tight_layout()
    return fig
