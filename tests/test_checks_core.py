"""The behaviour every checker shares: "not done yet", friendly errors, no
tracebacks or machine paths, a result tests can assert on."""
import numpy as np
import pytest

from lstm_course import checks
from lstm_course.checks.core import CheckResult

SIMPLE = [checks.check_sigmoid, checks.check_sigmoid_grad, checks.check_memory_cell,
          checks.check_keep_by_multiplying, checks.check_memory_gradient, checks.check_tanh_neuron,
          checks.check_machine_weights, checks.check_param_count, checks.check_step_forward,
          checks.check_step_backward, checks.check_lstm_forward, checks.check_torch_mapping,
          checks.check_gradcheck, checks.check_clip, checks.check_sgd_momentum_step, checks.check_adam_step,
          checks.check_steps_until_below, checks.check_cifg_cell, checks.check_cifg_step,
          checks.check_cifg_backward, checks.check_lr_schedule, checks.check_draw, checks.check_peephole_step,
          checks.check_sampling_probs, checks.check_tbptt_batches, checks.check_unigram_loss, checks.check_torch_step,
          checks.check_torch_forward, checks.check_median_time]


def _not_done(*args, **kwargs):
    raise NotImplementedError("write your code here")


def _broken(*args, **kwargs):
    return {}["missing"]


@pytest.mark.parametrize("checker", SIMPLE, ids=lambda c: c.__name__)
def test_untouched_function_is_not_done(checker, capsys):
    result = checker(_not_done)
    out = capsys.readouterr().out
    assert result.status == "not done" and not result
    assert "not done yet" in out and "Traceback" not in out


def test_lstm_backward_untouched_is_not_done(capsys):
    result = checks.check_lstm_backward(_not_done, _not_done)
    assert result.status == "not done"
    assert "not done yet" in capsys.readouterr().out


@pytest.mark.parametrize("checker", SIMPLE, ids=lambda c: c.__name__)
def test_an_exception_is_one_friendly_line(checker, capsys):
    result = checker(_broken)
    out = capsys.readouterr().out
    assert result.status == "error" and not result
    assert "your function raised KeyError" in out
    assert "line " in out and "return {}[\"missing\"]" in out     # the learner's own line
    for leak in ("Traceback", "site-packages", "/work/", "/tmp/", "lstm_course/checks"):
        assert leak not in out


def test_not_a_function_is_explained(capsys):
    result = checks.check_sigmoid(np.zeros(3))
    assert result.status == "error" and "pass your function itself" in result.hint


def test_result_is_a_truthy_record(capsys):
    result = checks.check_sigmoid(lambda z: 1 / (1 + np.exp(-np.asarray(z))))
    assert isinstance(result, CheckResult) and result and result.status == "passed"
    assert result.message.startswith("✅ check_sigmoid passed")
    assert "passed" in repr(result)


def test_a_wrong_answer_with_no_known_mistake_still_fails(capsys):
    result = checks.check_sigmoid(lambda z: np.asarray(z) * 0 + 0.3)
    assert result.status == "failed" and not result
    assert "differs from the reference" in capsys.readouterr().out


def test_warnings_from_the_learner_are_silenced(capsys, recwarn):
    checks.check_sigmoid(lambda z: 1 / (1 + np.exp(-np.asarray(z))))   # overflows at z = -1000
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
    assert capsys.readouterr().err == ""


def test_importing_the_checks_pulls_in_no_torch_or_matplotlib():
    import subprocess
    import sys
    code = ("import sys, lstm_course.checks; "
            "print([m for m in ('torch', 'matplotlib', 'ipywidgets') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
