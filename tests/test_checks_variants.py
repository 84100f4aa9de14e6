"""Checkers of exercise 9 (the GRU step and its backward, the NFG step, the prediction):
the solutions pass, every known mistake gets its own hint, the references written out
in the checkers equal the package's, and the prediction is judged from the measured file."""
import json

import numpy as np
import pytest

from lstm_course.checks import ablation, gru_mistakes, prediction, variants
from lstm_course.checks.ablation import check_nfg_step
from lstm_course.checks.prediction import check_prediction
from lstm_course.checks.variants import check_gru_backward, check_gru_step
from lstm_course.variants import family, gru

from checks_helpers import assert_caught, assert_passes, solution_functions


@pytest.fixture(scope="module")
def sol9():
    return solution_functions("09_which_gate_matters")


def test_exercise9_solutions_pass(sol9, capsys):
    assert_passes(check_gru_step(sol9["gru_step"]), capsys)
    assert_passes(check_gru_backward(sol9["gru_step_backward"]), capsys)
    assert_passes(check_nfg_step(sol9["nfg_step"]), capsys)


# --------------------------------------------------------------------------- the written-out references
def test_the_checkers_written_out_steps_equal_the_package():
    """Each variant is forward_with/backward_with/_step with one switch changed: without one, they
    must be the package's own step, value for value and dtype for dtype."""
    for case in variants.cases():
        expected = gru.step_forward(*case.args)[0]
        got = gru_mistakes.forward_with(*case.args)
        assert got.dtype == expected.dtype and np.allclose(got, expected, rtol=1e-6, atol=1e-7), case.label
    for case in variants._backward_cases():
        dx, dh, dp = gru.step_backward(*case.args)
        gdx, gdh, gdp = gru_mistakes.backward_with(*case.args)
        for g, e in [(gdx, dx), (gdh, dh)] + [(gdp[k], dp[k]) for k in dp]:
            assert g.dtype == e.dtype and np.allclose(g, e, rtol=1e-5, atol=1e-6), case.label
    for case in ablation.cases():
        for g, e in zip(ablation._step(*case.args), ablation._reference(*case.args)):
            assert g.dtype == e.dtype and np.allclose(g, e, rtol=1e-6, atol=1e-7), case.label


@pytest.mark.parametrize("checker, variant", [(check_gru_step, v) for v in gru_mistakes.FORWARD_VARIANTS]
                         + [(check_gru_backward, v) for v in gru_mistakes.BACKWARD_VARIANTS]
                         + [(check_nfg_step, v) for v in ablation.STEP_VARIANTS],
                         ids=lambda x: getattr(x, "hint", getattr(x, "__name__", ""))[:40])
def test_every_known_mistake_gets_its_own_hint(checker, variant, capsys):
    """No variant is shadowed by an earlier one or by the reference itself."""
    assert_caught(checker(variant.fn), capsys, variant.hint)


def test_the_gru_checkers_compare_every_output(capsys):
    def dh_prev_doubled(dh, cache):
        dx, dh_prev, dp = gru.step_backward(dh, cache)
        return dx, 2 * dh_prev, dp
    assert_caught(check_gru_backward(dh_prev_doubled), capsys, "dh_prev is twice the expected value")

    def one_gradient_zero(dh, cache):
        dx, dh_prev, dp = gru.step_backward(dh, cache)
        return dx, dh_prev, {**dp, "W_hh": 0 * dp["W_hh"]}
    assert_caught(check_gru_backward(one_gradient_zero), capsys, "dparams['W_hh'] is all zeros")


def test_float64_in_float32_out_is_named(capsys):
    assert_caught(check_gru_step(lambda x, h, p: gru.step_forward(x, h, p)[0].astype(np.float32)), capsys,
                  "is float32 but the inputs are float64")

    def promoted(x, h, c, p):
        out = family.NFG.step_forward(x, (h, c), p)[:2]
        return tuple(np.asarray(v, dtype=np.float64) for v in out)
    assert_caught(check_nfg_step(promoted), capsys, "is float64 but the inputs are float32")


def test_checkers_never_raise(capsys):
    for checker in (check_gru_step, check_gru_backward, check_nfg_step, check_prediction):
        result = checker(42)
        assert result.status == "error" and "pass your function itself" in result.hint
        assert checker(lambda *a: 1 / 0).status == "error"
    capsys.readouterr()


def test_untouched_functions_are_not_done(capsys):
    def todo(*args):
        raise NotImplementedError("write your code here")
    for checker in (check_gru_step, check_gru_backward, check_nfg_step, check_prediction):
        assert checker(todo).status == "not done"
    capsys.readouterr()


# --------------------------------------------------------------------------- the prediction
def _row(cell, solved, seqs, mse, runs=5):
    return {"cell": cell, "title": cell, "params": 100, "hidden_size": 8, "runs": runs, "solved": solved,
            "solved_rate": solved / runs, "median_sequences_to_solve": seqs, "median_seconds": 1.0,
            "median_final_loss": mse, "median_test_loss": mse}


def _summary(tmp_path, solved, settings=None):
    """A summary file in the experiment's schema: solved maps each cell to its runs solved."""
    cells = [_row(c, s, 20_000 if s else None, 1e-4 if s == 5 else 0.0417) for c, s in solved.items()]
    path = tmp_path / "adding_summary.json"
    path.write_text(json.dumps({"task": "adding", "command": "python -m lstm_course.variant_study", "machine": {},
                                "settings": settings or {"length": 100, "hidden_size": 8}, "cells": cells,
                                "runs": []}), encoding="utf-8")
    return path


MEASURED = {"vanilla": 5, "nig": 5, "nfg": 2, "nog": 5, "niaf": 4, "noaf": 0, "cifg": 5, "gru": 5}


def test_a_right_prediction_passes_and_says_what_was_measured(tmp_path, capsys):
    path = _summary(tmp_path, MEASURED)
    result = check_prediction(lambda: "noaf", summary=path)
    out = capsys.readouterr().out
    assert result and "no output activation (NOAF) solved 0 of 5 runs" in out
    out = " ".join(out.split())
    assert "near the 1/24 = 0.042 of always answering 0.5" in out and "vanilla LSTM solved 5 of 5" in out
    assert check_prediction(lambda: " NOAF ", summary=path)        # case and spaces forgiven
    capsys.readouterr()


def test_a_wrong_prediction_is_told_both_cells_numbers(tmp_path, capsys):
    path = _summary(tmp_path, MEASURED)
    assert_caught(check_prediction(lambda: "nfg", summary=path), capsys,
                  "your prediction, no forget gate (NFG, the 1997 LSTM), solved 2 of 5 runs")
    result = check_prediction(lambda: "nog", summary=path)
    hint = result.hint
    assert "no output gate (NOG), solved 5 of 5 runs (median 20,000 sequences to solve" in hint
    assert "least often: no output activation (NOAF), which solved 0 of 5 runs" in hint
    assert "a = c' f(z_o)" in hint and "T = 100, H = 8, 5 seeds each" in hint
    capsys.readouterr()


def test_a_name_may_carry_quotes_a_full_stop_or_an_explanation_in_brackets(tmp_path, capsys):
    path = _summary(tmp_path, MEASURED)
    for said in ("noaf.", "'noaf'", "NOAF (no output activation)", "noaf (the cell state leaks out unsquashed).",
                 '"noaf" (no output activation)', "noaf (nfg keeps its squashing; noaf does not)"):
        assert check_prediction(lambda said=said: said, summary=path), said
    assert_caught(check_prediction(lambda: "noaf (no forget gate)", summary=path), capsys,
                  "your name and your words disagree: 'noaf' is no output activation (NOAF), but the brackets "
                  "describe 'nfg'")
    assert_caught(check_prediction(lambda: "noaf (NIG)", summary=path), capsys, "the brackets describe 'nig'")
    assert_caught(check_prediction(lambda: "noaf - no output activation", summary=path), capsys,
                  "write the short name: 'noaf'")
    capsys.readouterr()


def test_the_format_hints_name_no_ablation_as_their_example(tmp_path, capsys):
    """A format hint must not steer the prediction: it lists all six names alike, or none."""
    path = _summary(tmp_path, MEASURED)
    for answer in (lambda: None, lambda: ["noaf"], lambda: ("nfg", "nig"), lambda: 3):
        hint = check_prediction(answer, summary=path).hint
        assert all(f"'{a}'" in hint for a in prediction.ABLATIONS), hint
        assert '"nfg"' not in hint and "such as" not in hint, hint
    capsys.readouterr()


def test_the_number_of_returned_values_is_enforced(sol9, capsys):
    """Extra values (a cache, the gates) are refused as gru_step's are, and a missing return is said."""
    back, step, nfg = sol9["gru_step_backward"], sol9["gru_step"], sol9["nfg_step"]
    assert_caught(check_gru_backward(lambda dh, cache: (*back(dh, cache), cache)), capsys,
                  "return exactly three values, (dx_t, dh_prev, dparams); you returned a tuple of 4")
    assert_caught(check_nfg_step(lambda *a: (*nfg(*a), None)), capsys,
                  "return exactly two values, (h, c); you returned a tuple of 3")
    for checker, fn, name in ((check_gru_step, step, "gru_step"), (check_gru_backward, back, "gru_step_backward"),
                              (check_nfg_step, nfg, "nfg_step")):
        assert_caught(checker(lambda *a, fn=fn: [fn(*a), None][1]), capsys, f"{name} returned None: the `return` is "
                                                                          "missing")
    assert check_nfg_step(lambda *a: list(nfg(*a)))          # a list of the two values is fine
    capsys.readouterr()


def test_ties_accept_each_of_the_tied(tmp_path, capsys):
    path = _summary(tmp_path, {**MEASURED, "nfg": 0})
    for name in ("noaf", "nfg"):
        result = check_prediction(lambda: name, summary=path)
        assert result and "tied with" in " ".join(result.message.split())
    assert not check_prediction(lambda: "nog", summary=path)
    everyone = _summary(tmp_path, {c: 5 for c in MEASURED})
    result = check_prediction(lambda: "cifg", summary=everyone)
    assert result and "none fails more often than another" in " ".join(result.message.split())
    capsys.readouterr()


def test_a_missing_or_broken_summary_is_said_without_a_machine_path(tmp_path, capsys):
    result = check_prediction(lambda: "nfg", summary=tmp_path / "adding_summary.json")
    assert result.status == "error" and "is not there yet" in result.hint and "variant_study" in result.hint
    (tmp_path / "bad.json").write_text('{"cells": [{"cell": "nfg"}]}', encoding="utf-8")
    result = check_prediction(lambda: "nfg", summary=tmp_path / "bad.json")
    assert not result and "not the experiment's summary" in result.hint
    missing_cell = _summary(tmp_path, {k: v for k, v in MEASURED.items() if k != "niaf"})
    assert_caught(check_prediction(lambda: "niaf", summary=missing_cell), capsys, "was not run in this experiment")
    moved = prediction.SUMMARY.parent / "no_such_summary.json"
    result = check_prediction(lambda: "nfg", summary=moved)
    assert "results/variants/no_such_summary.json" in result.hint and str(prediction.SUMMARY.parent) not in result.hint
    capsys.readouterr()


def test_the_committed_summary_holds_every_ablation():
    """The prediction task is checked against this file (lesson 9's experiment): it must be
    committed, in the summary's format, with all six ablations and the vanilla LSTM."""
    rows, settings = prediction.load_summary()
    assert set(prediction.ABLATIONS) <= set(rows) and ("lstm" in rows or "vanilla" in rows)
    for row in rows.values():
        assert 0 <= int(row["solved"]) <= int(row["runs"])


def test_diverged_runs_and_missing_losses_are_reported_not_raised(tmp_path, capsys):
    path = _summary(tmp_path, MEASURED)
    data = json.loads(path.read_text(encoding="utf-8"))
    for row in data["cells"]:
        if row["cell"] == "noaf":
            row.update(diverged=5, median_test_loss=None, median_final_loss=None)
    path.write_text(json.dumps(data), encoding="utf-8")
    result = check_prediction(lambda: "nfg", summary=path)
    assert not result and "no output activation (NOAF), which solved 0 of 5 runs (5 diverged)" in result.hint
    capsys.readouterr()


def _naive_tanh(a):
    return (np.exp(2 * a) - 1) / (np.exp(2 * a) + 1)


def test_huge_pre_activations_name_an_overflowing_tanh(capsys):
    """The cases reach |a| > 355 (float64) and > 44 (float32), where exp(2a) is inf: a hand-written
    tanh gives nan there and is told so."""
    from lstm_course.activations import sigmoid

    def gru_own_tanh(x, h, p):
        H = h.shape[1]
        xi, hh = x @ p["W_ih"].T + p["b_ih"], h @ p["W_hh"].T + p["b_hh"]
        r, z = sigmoid(xi[:, :H] + hh[:, :H]), sigmoid(xi[:, H:2 * H] + hh[:, H:2 * H])
        return (1 - z) * _naive_tanh(xi[:, 2 * H:] + r * hh[:, 2 * H:]) + z * h
    assert_caught(check_gru_step(gru_own_tanh), capsys, "overflows")

    def nfg_own_tanh(x, h, c, p):
        H = h.shape[1]
        a = x @ p["W_ih"].T + p["b_ih"] + h @ p["W_hh"].T + p["b_hh"]
        c = _naive_tanh(a[:, H:2 * H]) * sigmoid(a[:, :H]) + c
        return np.tanh(c) * sigmoid(a[:, 2 * H:]), c
    assert_caught(check_nfg_step(nfg_own_tanh), capsys, "overflows")


def test_precision_is_named_as_precision_on_every_step(capsys):
    """Rounding to float32 on float64 inputs fails all three steps alike (one tolerance) and is
    called precision, not a formula mistake."""
    def rounded(fn):
        def learner(*args):
            out = fn(*args)
            return tuple(_round(v) for v in out) if isinstance(out, tuple) else _round(out)
        return learner

    def _round(v):
        if isinstance(v, dict):
            return {k: _round(a) for k, a in v.items()}
        return v.astype(np.float32).astype(v.dtype) if v.dtype == np.float64 else v
    step = rounded(lambda x, h, p: gru.step_forward(x, h, p)[0])
    nfg = rounded(lambda x, h, c, p: family.NFG.step_forward(x, (h, c), p)[:2])
    for checker, fn in ((check_gru_step, step), (check_gru_backward, rounded(gru.step_backward)),
                        (check_nfg_step, nfg)):
        assert_caught(checker(fn), capsys, "float32's precision")


def test_prediction_that_reads_the_results_is_named(capsys):
    from lstm_course.checks.prediction import SUMMARY

    def peeking():
        import json
        return min(json.loads(SUMMARY.read_text())["cells"], key=lambda r: r["solved"])["cell"]
    assert_caught(check_prediction(peeking), capsys, "predict before looking")

    def honest():
        """I expect the input gate to matter most; the results will tell (a docstring may say so)."""
        return "nig"
    assert "predict before looking" not in check_prediction(honest).hint
