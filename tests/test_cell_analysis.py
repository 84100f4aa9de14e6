"""cell_analysis: the per-step states equal the LSTM's, the text features say what they
claim, correlations and saturation fractions are right on planted cases."""
import numpy as np
import pytest

from lstm_course import cell_analysis as ca
from lstm_course import lstm
from lstm_course import text as tx
from lstm_course.model import init_model

TEXT = "FIRST WITCH.\nWhen shall we \"three\" meet?\n[Enter Macbeth.]\nAy, sir.\n"


@pytest.fixture(scope="module")
def small():
    vocab = tx.build_vocab(TEXT)
    model = init_model(len(vocab), 6, len(vocab), seed=3)
    return model, vocab


def test_run_cells_equals_the_step_by_step_lstm(small):
    model, vocab = small
    cells = ca.run_cells(model, TEXT, vocab)
    assert set(cells) == set(ca.QUANTITIES)
    x = tx.one_hot(tx.encode(TEXT, vocab), len(vocab))
    h = c = np.zeros((1, 6))
    for t in range(len(TEXT)):
        h, c, cache = lstm.step_forward(x[t:t + 1], h, c, model["core"])
        _, _, _, i, f, g, o, _, _ = cache
        for name, value in (("c", c), ("h", h), ("i", i), ("f", f), ("g", g), ("o", o)):
            np.testing.assert_allclose(cells[name][t], value[0], rtol=1e-12, atol=1e-14)
    assert all(v.shape == (len(TEXT), 6) and v.dtype == np.float64 for v in cells.values())


def test_run_cells_carries_a_given_state(small):
    model, vocab = small
    whole = ca.run_cells(model, TEXT, vocab)
    k = 20
    rest = ca.run_cells(model, TEXT[k:], vocab, h0=whole["h"][k - 1], c0=whole["c"][k - 1])
    np.testing.assert_allclose(rest["c"], whole["c"][k:], rtol=1e-12, atol=1e-14)
    with pytest.raises(ValueError):
        ca.run_cells(model, "", vocab)


def test_untrained_like_is_the_same_shape_at_initialisation(small):
    model, _ = small
    fresh = ca.untrained_like(model, seed=3)
    for part in ("core", "readout"):
        for k, v in model[part].items():
            np.testing.assert_array_equal(fresh[part][k], v)   # this model IS an initialisation (seed 3)


def test_line_and_word_positions():
    np.testing.assert_array_equal(ca.line_position("ab\ncd"), [0, 1, 2, 0, 1])
    np.testing.assert_array_equal(ca.line_position("one\n\ntwo"), [0, 1, 2, 3, 0, 0, 1, 2])
    np.testing.assert_array_equal(ca.line_position("\nx"), [0, 0])
    assert ca.line_position("ab").dtype == np.int64
    np.testing.assert_array_equal(ca.word_position("ab cd\ne"), [0, 1, 2, 0, 1, 2, 0])


def test_text_features_mark_what_they_say():
    f = ca.text_features(TEXT)
    assert set(f) == set(ca.FEATURES)
    assert all(v.shape == (len(TEXT),) for v in f.values())
    on = lambda name: "".join(ch for ch, v in zip(TEXT, f[name]) if v == 1)   # noqa: E731
    assert on("speaker's name") == "FIRST WITCH.\n"
    assert on("stage direction") == "[Enter Macbeth.]"
    assert on("inside quotes") == '"three"'
    assert on("punctuation") == ".?.,."
    assert on("vowel (vs consonant)") == "".join(ch for ch in TEXT if ch.lower() in "aeiou")
    vowel = f["vowel (vs consonant)"]
    assert np.isnan(vowel[[TEXT.index(" "), TEXT.index("\n")]]).all()
    assert vowel[TEXT.index("W")] == 0.0
    np.testing.assert_array_equal(f["line position"], ca.line_position(TEXT))
    assert ca.text_features("ACT I.\nSCENE II.\n")["speaker's name"].sum() == 0   # headings are not speakers


def test_correlations_on_planted_cells(rng):
    x = rng.normal(size=200)
    acts = rng.normal(size=(200, 4))
    acts[:, 1] = 3 * x + 2
    acts[:, 2] = -x
    acts[:, 3] = 1.5                              # never changes
    r = ca.correlations(acts, x)
    np.testing.assert_allclose(r[[1, 2, 3]], [1.0, -1.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(r[0], np.corrcoef(acts[:, 0], x)[0, 1], rtol=1e-12)
    nan_x = x.copy()
    nan_x[::3] = np.nan
    keep = ~np.isnan(nan_x)
    np.testing.assert_allclose(ca.correlations(acts, nan_x)[0], np.corrcoef(acts[keep, 0], x[keep])[0, 1], rtol=1e-12)
    assert ca.correlations(acts.astype(np.float32), x.astype(np.float32)).dtype == np.float32
    assert ca.correlations(np.ones((5, 2), dtype=int), np.arange(5)).dtype == np.float64
    with pytest.raises(ValueError):
        ca.correlations(acts, x[:-1])
    acts[:, 2] += 0.1 * rng.normal(size=200)
    assert [u for u, _ in ca.best_cells(acts, x, k=2)] == [1, 2]


def test_find_cells_compares_with_the_control(rng):
    x = rng.normal(size=300)
    trained = {"c": np.column_stack([rng.normal(size=300), x + 0.1 * rng.normal(size=300)])}
    untrained = {"c": rng.normal(size=(300, 2))}
    weak = rng.normal(size=300)
    rows = ca.find_cells(trained, untrained, {"planted": x, "nothing": weak}, k=2)
    planted, nothing = rows
    assert planted["cell"] == 1 and planted["r"] > 0.99 and planted["tracked"] and planted["finding"]
    assert abs(planted["control_r"]) < 0.3
    assert not nothing["tracked"] and not nothing["finding"]
    assert "no cell tracks it" in ca.verdict(nothing)
    assert "cell 1 tracks it" in ca.verdict(planted)
    same = ca.find_cells(trained, trained, {"planted": x})[0]   # the control finds it too: no finding
    assert same["tracked"] and not same["finding"] and "so does the untrained model" in ca.verdict(same)
    table = ca.findings_table(rows)
    assert "planted" in table and "nothing" in table and "1 (+" in table


def test_saturation_fractions_and_summary():
    gate = np.array([[0.05, 0.5, 0.95], [0.1, 0.9, 0.99], [0.02, 0.95, 0.5], [0.5, 0.5, 0.97]])
    left, right = ca.saturation_fractions(gate)
    np.testing.assert_array_equal(left, [0.5, 0.0, 0.0])
    np.testing.assert_array_equal(right, [0.0, 0.25, 0.75])
    assert left.dtype == right.dtype == np.float64
    left, right = ca.saturation_fractions(gate.astype(np.float32), low=0.2, high=0.8)
    np.testing.assert_array_equal(left, [0.75, 0.0, 0.0])
    assert left.dtype == np.float64
    with pytest.raises(ValueError):
        ca.saturation_fractions(gate[0])
    sat = ca.saturation({"i": gate, "f": gate, "o": np.full((4, 3), 0.5)})
    summary = ca.saturation_summary(sat)
    assert summary["f"]["right_most"] == 1 and summary["f"]["left_most"] == 0
    assert summary["o"]["never"] == 3 and summary["o"]["cells"] == 3
    np.testing.assert_allclose(ca.memory_span(np.array([[0.9, 0.5], [0.9, 0.5], [0.9, 0.5]])), [10.0, 2.0])


def test_an_untrained_model_barely_saturates(small):
    model, vocab = small
    summary = ca.saturation_summary(ca.saturation(ca.run_cells(model, TEXT, vocab)))
    assert all(s["right_most"] == 0 and s["left_most"] == 0 for s in summary.values())
