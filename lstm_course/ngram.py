"""Character n-gram models: the honest baseline a character LSTM has to beat (issue 13).

An n-gram model predicts the next character from the n - 1 characters before it,
by counting in the training text how often each character followed that context.
Counts alone give zero probability to anything unseen (an infinite loss), so they
are *smoothed*; three ways, each with hyperparameters tuned on a validation text:

- ``"add-k"``: P(w | h) = (c(hw) + k) / (c(h) + k V). With n = 1 and k = 1 this is
  ``text.unigram_loss``'s baseline.
- ``"absolute"``: interpolated absolute discounting (Ney, Essen & Kneser 1994).
  Take a discount D_m from every seen count of order m and give the freed mass to
  the model one order lower, down to the uniform 1 / V:
      P_m(w | h) = (max(c(hw) - D_m, 0) + D_m N1+(h .) P_{m-1}(w | h')) / c(h)
  where h' is h without its first character, c(h) = sum_w c(hw), and N1+(h .) the
  number of distinct characters seen after h. An unseen context (c(h) = 0) hands
  everything to the lower order.
- ``"kneser-ney"``: interpolated Kneser-Ney (Chen & Goodman 1998): the same, but the
  lower orders count *continuations*: c(h'w) is replaced by N1+(. h'w), the number of
  distinct characters seen before h'w (a character that only ever follows one
  context should not get a high lower-order probability).

One discount per order (D_1 .. D_n) for the last two, one k for add-k.
The probabilities of every context sum to 1 over the V characters (``probs``).

Losses are cross-entropies in nats per character. ``cross_entropy`` scores the
characters ids[first:], each given the up to n - 1 characters before it *within
the scored text* (so the first characters use a shorter context: the model of
that order, still a proper distribution), matching how the LSTM is scored
(``char_model.stream_loss``: one stream read from a zero memory).

Pure Python counting (dicts keyed by strings) and numpy for the tuning: for each
scored position the counts are looked up once, then every discount is tried with
vector arithmetic. All of n = 1..6 on Macbeth takes a few seconds.
"""
import math
import time

import numpy as np

SMOOTHINGS = ("add-k", "absolute", "kneser-ney")
K_GRID = tuple(float(k) for k in np.geomspace(1e-3, 1.0, 31))          # add-k candidates
D_GRID = tuple(float(d) for d in np.round(np.arange(0.02, 1.0001, 0.02), 2))   # discount candidates


def _check_text(name, text, vocab, min_len=1):
    if not isinstance(text, str):
        raise ValueError(f"{name} must be a str, got {type(text).__name__}")
    if len(text) < min_len:
        raise ValueError(f"{name} must hold at least {min_len} characters, got {len(text)}")
    unknown = sorted(set(text) - set(vocab))
    if unknown:
        raise ValueError(f"{name} has characters {unknown[:10]} that are not in the vocabulary "
                         f"of V = {len(vocab)} characters")


def _check_order(n):
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 12:
        raise ValueError(f"n must be an integer in 1..12 (the context is n - 1 characters), got {n!r}")
    return int(n)


class NGramModel:
    """Counts of a training text, for character n-grams of one order n.

    NGramModel(train_text, n, vocab): vocab, a str of the V distinct characters the
    model predicts over (every character of train_text must be in it); n >= 1.
    Then ``probs(context, ...)`` gives a distribution (V,) and ``cross_entropy(text,
    ...)`` a loss; the smoothing and its hyperparameter are given to each call.
    """

    def __init__(self, train_text, n, vocab):
        self.n = _check_order(n)
        if not isinstance(vocab, str) or not vocab or len(set(vocab)) != len(vocab):
            raise ValueError(f"vocab must be a non-empty str of distinct characters, got {vocab!r:.60}")
        _check_text("train_text", train_text, vocab, min_len=self.n)
        self.vocab, self.V = vocab, len(vocab)
        self.index = {ch: i for i, ch in enumerate(vocab)}
        N = len(train_text)
        # raw[m]: counts of every m-gram (m = 1..n), as {string: count}
        self.raw = {m: {} for m in range(1, self.n + 1)}
        for m in range(1, self.n + 1):
            d = self.raw[m]
            for i in range(N - m + 1):
                g = train_text[i:i + m]
                d[g] = d.get(g, 0) + 1
        # cont[m]: N1+(. g) for every m-gram g (m = 1..n-1): distinct characters seen before g
        self.cont = {m: {} for m in range(1, self.n)}
        for m in range(1, self.n):
            d = self.cont[m]
            for g in self.raw[m + 1]:
                d[g[1:]] = d.get(g[1:], 0) + 1
        # per context h (length m-1), for each table: total count and number of distinct followers
        self.ctx = {}
        for kind, tables in (("raw", self.raw), ("cont", self.cont)):
            for m, table in tables.items():
                tot, types = {}, {}
                for g, c in table.items():
                    h = g[:-1]
                    tot[h] = tot.get(h, 0) + c
                    types[h] = types.get(h, 0) + 1
                self.ctx[kind, m] = (tot, types)

    # ------------------------------------------------------------------ checks
    def _check_hyper(self, smoothing, hyper):
        if smoothing not in SMOOTHINGS:
            raise ValueError(f"smoothing must be one of {SMOOTHINGS}, got {smoothing!r}")
        if smoothing == "add-k":
            k = hyper
            if isinstance(k, bool) or not isinstance(k, (int, float, np.floating, np.integer)) \
                    or not (np.isfinite(k) and k > 0):
                raise ValueError(f"add-k needs k, a positive finite number, got {k!r}")
            return float(k)
        d = np.asarray(hyper, dtype=float).reshape(-1) if np.ndim(hyper) else np.full(self.n, float(hyper))
        if d.shape != (self.n,):
            raise ValueError(f"{smoothing} needs one discount per order: {self.n} values for n = {self.n}, "
                             f"got shape {np.shape(hyper)}")
        if not np.all((d > 0) & (d <= 1)):
            raise ValueError(f"discounts must lie in (0, 1], got {d.tolist()}")
        return d

    def _table(self, smoothing, m, top):
        """Which counts level m uses: raw counts, except the lower orders of Kneser-Ney."""
        return "cont" if smoothing == "kneser-ney" and m < top else "raw"

    # ------------------------------------------------------------------ one context
    def probs(self, context, smoothing, hyper):
        """P(w | context) for every character w of the vocabulary: an array (V,) summing to 1.

        context: a str over the vocabulary; only its last n - 1 characters are used
        (a shorter one uses the model of the order it allows). hyper: k for add-k, the
        discounts (one number, or n numbers D_1..D_n) for absolute and kneser-ney.
        """
        _check_text("context", context, self.vocab, min_len=0)
        hyper = self._check_hyper(smoothing, hyper)
        h = context[len(context) - (self.n - 1):] if self.n > 1 else ""
        top = len(h) + 1
        if smoothing == "add-k":
            table, (tot, _) = self.raw[top], self.ctx["raw", top]
            a = np.array([table.get(h + w, 0) for w in self.vocab], dtype=float)
            return (a + hyper) / (tot.get(h, 0) + hyper * self.V)
        p = np.full(self.V, 1.0 / self.V)
        for m in range(1, top + 1):
            kind = self._table(smoothing, m, top)
            table = self.raw[m] if kind == "raw" else self.cont[m]
            tot, types = self.ctx[kind, m]
            hm = h[len(h) - (m - 1):] if m > 1 else ""
            b = tot.get(hm, 0)
            if b == 0:
                continue
            a = np.array([table.get(hm + w, 0) for w in self.vocab], dtype=float)
            D = hyper[m - 1]
            p = (np.maximum(a - D, 0.0) + D * types[hm] * p) / b
        return p

    # ------------------------------------------------------------------ a whole text
    def _lookups(self, text, first, smoothing):
        """Per scored position and level: (a, b, u) as float arrays of shape (n, P), with
        b = 0 where the level is unavailable or its context unseen (skip that level)."""
        P = len(text) - first
        A, Bt, U = (np.zeros((self.n, P)) for _ in range(3))
        for j in range(first, len(text)):
            top = min(self.n, j + 1)
            w = text[j]
            for m in range(1, top + 1):
                kind = self._table(smoothing, m, top)
                table = self.raw[m] if kind == "raw" else self.cont[m]
                tot, types = self.ctx[kind, m]
                hm = text[j - m + 1:j]
                b = tot.get(hm, 0)
                if b:
                    A[m - 1, j - first] = table.get(hm + w, 0)
                    Bt[m - 1, j - first] = b
                    U[m - 1, j - first] = types[hm]
        return A, Bt, U

    def _loss_from(self, lookups, discounts):
        A, Bt, U = lookups
        p = np.full(A.shape[1], 1.0 / self.V)
        seen = Bt > 0
        safe = np.where(seen, Bt, 1.0)
        for m in range(self.n):
            D = discounts[m]
            p = np.where(seen[m], (np.maximum(A[m] - D, 0.0) + D * U[m] * p) / safe[m], p)
        return float(-np.mean(np.log(p)))

    def _addk_lookups(self, text, first):
        P = len(text) - first
        a, b = np.zeros(P), np.zeros(P)
        for j in range(first, len(text)):
            top = min(self.n, j + 1)
            h = text[j - top + 1:j]
            a[j - first] = self.raw[top].get(h + text[j], 0)
            b[j - first] = self.ctx["raw", top][0].get(h, 0)
        return a, b

    def cross_entropy(self, text, smoothing, hyper, *, first=1):
        """Mean -ln P(text[j] | up to n - 1 characters before it in text), over j >= first (nats/char)."""
        _check_text("text", text, self.vocab, min_len=first + 1)
        if isinstance(first, bool) or not isinstance(first, (int, np.integer)) or first < 0:
            raise ValueError(f"first must be a non-negative integer, got {first!r}")
        hyper = self._check_hyper(smoothing, hyper)
        if smoothing == "add-k":
            a, b = self._addk_lookups(text, first)
            return float(-np.mean(np.log((a + hyper) / (b + hyper * self.V))))
        return self._loss_from(self._lookups(text, first, smoothing), hyper)

    def tune(self, val_text, smoothing, *, first=1, sweeps=3):
        """The hyperparameter with the lowest validation loss: (hyper, val_loss).

        add-k: k on a log grid K_GRID. Discounting: coordinate descent over the orders,
        each discount on the grid D_GRID, starting from 0.7 everywhere, ``sweeps`` passes.
        """
        _check_text("val_text", val_text, self.vocab, min_len=first + 1)
        if smoothing not in SMOOTHINGS:
            raise ValueError(f"smoothing must be one of {SMOOTHINGS}, got {smoothing!r}")
        if smoothing == "add-k":
            a, b = self._addk_lookups(val_text, first)
            losses = [float(-np.mean(np.log((a + k) / (b + k * self.V)))) for k in K_GRID]
            best = int(np.argmin(losses))
            return K_GRID[best], losses[best]
        look = self._lookups(val_text, first, smoothing)
        d = np.full(self.n, 0.7)
        best = self._loss_from(look, d)
        for _ in range(sweeps):
            changed = False
            for m in range(self.n):
                for cand in D_GRID:
                    trial = d.copy()
                    trial[m] = cand
                    loss = self._loss_from(look, trial)
                    if loss < best - 1e-12:
                        best, d, changed = loss, trial, True
            if not changed:
                break
        return [float(x) for x in d], best


def split_texts(text, val_fraction=0.1, test_fraction=0.1):
    """(train, val, test) strings, cut as ``text.split_train_val_test`` cuts the ids."""
    from .text import split_points
    a, b = split_points(len(text), val_fraction, test_fraction)
    return text[:a], text[a:b], text[b:]


def baselines(text=None, *, orders=range(1, 7), smoothings=SMOOTHINGS, val_fraction=0.1,
              test_fraction=0.1, extra_text=None):
    """Tune every (n, smoothing) on the validation part and score it on the test part.

    extra_text: more text to count (a str, e.g. ``text.load_plays()``), read before the
    training part of ``text``, exactly as ``char_training.train_chars(extra_text=)`` does;
    validation and test stay the end of ``text``, the vocabulary is that of extra_text + text.
    Returns a dict: split (sizes), vocab, rows (one per n and smoothing: n, smoothing,
    hyper, val_loss, test_loss, in nats/char), best (the row with the lowest
    validation loss; its test loss is the bar), seconds.
    """
    from . import text as tx
    start = time.perf_counter()
    text = tx.load_text() if text is None else text
    vocab = tx.build_vocab(text if extra_text is None else extra_text + text)
    train, val, test = split_texts(text, val_fraction, test_fraction)
    train = train if extra_text is None else extra_text + train
    rows = []
    for n in orders:
        model = NGramModel(train, n, vocab)
        for smoothing in smoothings:
            hyper, val_loss = model.tune(val, smoothing)
            rows.append({"n": int(n), "smoothing": smoothing,
                         "hyper_name": "k" if smoothing == "add-k" else "discounts D_1..D_n",
                         "hyper": hyper, "val_loss": val_loss,
                         "test_loss": model.cross_entropy(test, smoothing, hyper)})
    best = min(rows, key=lambda r: r["val_loss"])
    return {"split": {"train": len(train), "val": len(val), "test": len(test),
                      "val_fraction": val_fraction, "test_fraction": test_fraction},
            "vocab": vocab, "uniform_loss": math.log(len(vocab)), "rows": rows, "best": best,
            "seconds": time.perf_counter() - start}


def main(argv=None):
    """The command line, ``python -m lstm_course.ngram``: see ``ngram_cli.main``."""
    from .ngram_cli import main as cli_main
    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
