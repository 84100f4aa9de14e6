"""adding: the 1997 data generator and its 'correct' / 'solved' criteria."""
import numpy as np
import pytest

from lstm_course import adding


def test_shapes_markers_and_target():
    x, target, marks = adding.adding_batch(500, 100, 0)
    assert x.shape == (100, 500, 2) and target.shape == (500, 1) and marks.shape == (500, 2)
    assert np.all(np.abs(x[..., 0]) <= 1)
    np.testing.assert_array_equal(x[..., 1].sum(axis=0), 2.0)          # exactly two marks
    assert set(np.unique(x[..., 1])) == {0.0, 1.0}
    first, second = marks.T
    assert first.min() == 0 and first.max() == 9                        # among the first 10
    assert second.min() == 0 and second.max() == 48                     # among the first T/2 - 1
    assert np.all(first != second)
    cols = np.arange(500)
    np.testing.assert_array_equal(x[first, cols, 1], 1.0)
    np.testing.assert_array_equal(x[second, cols, 1], 1.0)
    np.testing.assert_allclose(target[:, 0], 0.5 + (x[first, cols, 0] + x[second, cols, 0]) / 4)
    assert np.all((target >= 0) & (target <= 1))


def test_second_mark_is_uniform_over_the_other_candidates():
    _, _, marks = adding.adding_batch(40_000, 30, 1)      # T/2 - 1 = 14 candidates
    counts = np.bincount(marks[:, 1], minlength=14)
    assert len(counts) == 14 and counts.min() > 0.8 * counts.mean()


def test_seeded_and_fresh():
    a, b = adding.adding_batch(4, 20, 7), adding.adding_batch(4, 20, 7)
    np.testing.assert_array_equal(a[0], b[0])
    rng = np.random.default_rng(7)
    c, d = adding.adding_batch(4, 20, rng), adding.adding_batch(4, 20, rng)
    assert not np.array_equal(c[0], d[0])


def test_shortest_length_still_has_two_distinct_marks():
    x, _, marks = adding.adding_batch(2000, 10, 2)       # first may lie beyond the 4 candidates
    assert np.all(marks[:, 0] != marks[:, 1]) and marks[:, 1].max() == 3
    np.testing.assert_array_equal(x[..., 1].sum(axis=0), 2.0)


def test_plateau_is_the_error_of_answering_one_half():
    _, target, _ = adding.adding_batch(200_000, 20, 3)
    assert np.mean((target - 0.5) ** 2) == pytest.approx(adding.PLATEAU_MSE, rel=0.02)


def test_is_correct():
    np.testing.assert_array_equal(adding.is_correct([[0.5], [0.5]], [[0.53], [0.55]]), [True, False])
    with pytest.raises(ValueError, match="one shape"):
        adding.is_correct(np.zeros((2, 1)), np.zeros(2))


def test_is_solved():
    good = np.full(2000, 0.01)
    assert adding.is_solved(good)
    assert not adding.is_solved(good[:-1])                       # too few sequences yet
    bad = good.copy()
    bad[-1] = 0.05                                               # one recent mistake
    assert not adding.is_solved(bad)
    assert adding.is_solved(np.concatenate([[0.9], good]))       # an old mistake is forgotten
    assert not adding.is_solved(np.full(10, 0.01), window=20)


def test_bad_arguments():
    with pytest.raises(ValueError, match="length must be an integer >= 10, got 9"):
        adding.adding_batch(2, 9, 0)
    with pytest.raises(ValueError, match="batch_size"):
        adding.adding_batch(0, 20, 0)
    with pytest.raises(ValueError, match="1-D"):
        adding.is_solved(np.zeros((2, 2)))
