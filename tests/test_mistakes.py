"""Every natural wrong answer in tests/mistakes/ is rejected, with a hint that
names the mistake, and no checker raises or leaks a traceback."""
import pytest

from mistakes import all_mistakes, run

CORPUS = all_mistakes()


@pytest.mark.parametrize("exercise, mistake", CORPUS,
                         ids=[f"{e[:2]}-{m.call.split('(')[0]}-{m.label}" for e, m in CORPUS])
def test_natural_mistake_is_caught_and_named(exercise, mistake):
    result, printed = run(exercise, mistake)
    assert not result, f"accepted: {mistake.label}\n{printed}"
    assert result.status in ("failed", "error"), printed
    assert mistake.hint.lower() in result.hint.lower(), \
        f"{mistake.label}: expected a hint with {mistake.hint!r}, got:\n{printed}"
    assert "Traceback" not in printed and "site-packages" not in printed, printed


def test_every_task_has_at_least_eight_natural_mistakes():
    from collections import Counter

    per_task = Counter((e, m.call.split("(")[0]) for e, m in CORPUS)
    few = {t: n for t, n in per_task.items() if n < 8}
    assert not few, few
