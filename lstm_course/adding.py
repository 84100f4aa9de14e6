"""The adding problem of Hochreiter & Schmidhuber (1997), experiment 4 (lesson 6).

Each of T steps carries two numbers: a value drawn uniformly from [-1, 1] and a
marker, 1 on exactly two steps and 0 elsewhere. The first marked step is one of
the first 10 steps, the second one of the first T/2 - 1 steps (not the first).
After the last step the network must output

    target = 0.5 + (X1 + X2) / 4          (X1, X2 the two marked values; in [0, 1])

so it has to pick out two values and hold them across ~T/2 or more steps of noise.

Left out of the 1997 set-up, to keep batches rectangular and the rules short: the
length jitter (T to T + T/10) and the -1 markers on the first and last steps.

Criteria, as the paper states them:
- a sequence is *correct* when the final absolute error is below 0.04;
- the task is *solved* when the average training error is below 0.01 and the last
  2,000 training sequences were all correct. "Average error" is read here as the
  mean squared error (the quantity trained) over those 2,000 sequences.

Predicting the mean 0.5 always gives a mean squared error of Var((X1+X2)/4) =
2 * (1/3) / 16 = 1/24 ~ 0.0417: the *plateau* a network sits on before it learns.
"""
import numpy as np

CORRECT_TOL = 0.04       # |error| below this: the sequence is processed correctly
SOLVED_MSE = 0.01        # average error below this ...
SOLVED_WINDOW = 2000     # ... and this many most recent sequences all correct
PLATEAU_MSE = 1 / 24     # the error of always answering 0.5
MIN_LENGTH = 10          # the first marker lives among the first 10 steps


def _check_count(name, n, minimum=1):
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {n!r}")
    return int(n)


def adding_batch(batch_size, length, rng):
    """B fresh sequences of the adding problem.

    Inputs: batch_size B; length T (>= 10); rng, a numpy Generator (or an int seed).
    Returns (x, target, marks):
    - x: inputs, of shape (T, B, 2): x[..., 0] the values, x[..., 1] the markers;
    - target: 0.5 + (X1 + X2) / 4, of shape (B, 1);
    - marks: the two marked steps of each sequence, of shape (B, 2), integers.
    """
    B = _check_count("batch_size", batch_size)
    T = _check_count("length", length, MIN_LENGTH)
    rng = np.random.default_rng(rng)
    values = rng.uniform(-1.0, 1.0, size=(T, B))
    first = rng.integers(0, 10, size=B)
    # The second: uniform over the first T/2 - 1 steps other than the first mark.
    n2 = T // 2 - 1
    inside = first < n2                                      # is the first mark a candidate?
    second = rng.integers(0, n2 - inside)                    # one fewer candidate where it is
    second += inside & (second >= first)                     # skip over the first mark
    x = np.zeros((T, B, 2))
    x[..., 0] = values
    cols = np.arange(B)
    x[first, cols, 1] = 1.0
    x[second, cols, 1] = 1.0
    target = 0.5 + (values[first, cols] + values[second, cols]) / 4
    return x, target[:, None], np.stack([first, second], axis=1)


def is_correct(prediction, target):
    """Per sequence: is the final absolute error below 0.04? Shapes (B, 1) or (B,) -> (B,) bool."""
    prediction, target = np.asarray(prediction, dtype=float), np.asarray(target, dtype=float)
    if prediction.shape != target.shape:
        raise ValueError(f"prediction and target must have one shape, got {prediction.shape} and {target.shape}")
    return (np.abs(prediction - target) < CORRECT_TOL).reshape(len(prediction), -1).all(axis=1)


def is_solved(abs_errors, window=SOLVED_WINDOW):
    """The 1997 criterion on the training history.

    Inputs: abs_errors, the absolute error of every training sequence so far, in the
    order seen (1-D); window, how many recent sequences must all be correct.
    Returns True when there are at least ``window`` of them, all below 0.04, and
    their mean squared error is below 0.01.
    """
    errors = np.asarray(abs_errors, dtype=float)
    if errors.ndim != 1:
        raise ValueError(f"abs_errors must be 1-D (one error per sequence), got shape {errors.shape}")
    window = _check_count("window", window)
    if errors.size < window:
        return False
    recent = errors[-window:]
    return bool(np.all(recent < CORRECT_TOL) and np.mean(np.square(recent)) < SOLVED_MSE)
