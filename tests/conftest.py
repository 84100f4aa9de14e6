"""Shared test set-up: a non-interactive matplotlib backend and seeded generators."""
import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")  # tests draw figures without a screen


@pytest.fixture
def rng():
    """A fresh, seeded generator per test, so every test repeats exactly."""
    return np.random.default_rng(1234)
