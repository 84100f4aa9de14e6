"""my_exercises/: the learner's copies are made once, never overwritten, and a course
update of an exercise is reported (or applied when the copy was never touched)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_course import workspace

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def course(tmp_path):
    """A small exercises/ folder and an empty place for the learner's copies."""
    templates = tmp_path / "exercises"
    templates.mkdir()
    for name in ("01_first.ipynb", "02_second.ipynb"):
        (templates / name).write_text(f'{{"blank": "{name}"}}\n', encoding="utf-8")
    (templates / "README.md").write_text("not a notebook", encoding="utf-8")
    return templates, tmp_path / "my_exercises"


def test_missing_copies_are_made_and_remembered(course):
    templates, mine = course
    report = workspace.ensure_copies(templates, mine)
    assert report.copied == ["01_first.ipynb", "02_second.ipynb"]
    assert sorted(p.name for p in mine.glob("*.ipynb")) == ["01_first.ipynb", "02_second.ipynb"]
    assert (mine / "01_first.ipynb").read_bytes() == (templates / "01_first.ipynb").read_bytes()
    assert (mine / ".course" / "01_first.ipynb.sha256").read_text().strip() == \
        workspace.sha256(templates / "01_first.ipynb")
    again = workspace.ensure_copies(templates, mine)
    assert again.copied == [] and again.kept == ["01_first.ipynb", "02_second.ipynb"] and not again.updated


def test_work_is_never_overwritten_and_an_update_is_reported(course):
    templates, mine = course
    workspace.ensure_copies(templates, mine)
    (mine / "01_first.ipynb").write_text("my work", encoding="utf-8")
    (mine / "02_second.ipynb").unlink()                       # deleted by the learner: copied again
    (templates / "01_first.ipynb").write_text('{"blank": "new version"}\n', encoding="utf-8")
    report = workspace.ensure_copies(templates, mine)
    assert (mine / "01_first.ipynb").read_text(encoding="utf-8") == "my work"
    assert report.updated == ["01_first.ipynb"] and report.copied == ["02_second.ipynb"]
    text = "\n".join(report.lines(templates))
    assert "Your copy is kept" in text and "01_first.ipynb" in text
    assert "python -m lstm_course.workspace --fresh 01" in text and "--keep 01" in text
    # Reported until the learner decides; --keep stops the note and keeps the work.
    assert workspace.ensure_copies(templates, mine).updated == ["01_first.ipynb"]
    workspace.keep("01_first.ipynb", templates, mine)
    report = workspace.ensure_copies(templates, mine)
    assert not report.updated and (mine / "01_first.ipynb").read_text(encoding="utf-8") == "my work"


def test_an_untouched_copy_follows_the_course(course):
    templates, mine = course
    workspace.ensure_copies(templates, mine)
    (templates / "02_second.ipynb").write_text('{"blank": "fixed"}\n', encoding="utf-8")
    report = workspace.ensure_copies(templates, mine)
    assert report.replaced == ["02_second.ipynb"] and not report.updated
    assert (mine / "02_second.ipynb").read_text(encoding="utf-8") == '{"blank": "fixed"}\n'


def test_fresh_backs_up_the_copy_first(course):
    templates, mine = course
    workspace.ensure_copies(templates, mine)
    (mine / "01_first.ipynb").write_text("my work", encoding="utf-8")
    (templates / "01_first.ipynb").write_text('{"blank": "new version"}\n', encoding="utf-8")
    backup = workspace.fresh("01_first.ipynb", templates, mine)
    assert backup.name.startswith("01_first.bak-") and backup.suffix == ".ipynb"
    assert backup.read_text(encoding="utf-8") == "my work"
    assert (mine / "01_first.ipynb").read_text(encoding="utf-8") == '{"blank": "new version"}\n'
    assert not workspace.ensure_copies(templates, mine).updated
    # A second --fresh in the same minute does not overwrite the first backup.
    (mine / "01_first.ipynb").write_text("my second try", encoding="utf-8")
    second = workspace.fresh("01_first.ipynb", templates, mine)
    assert second != backup and backup.read_text(encoding="utf-8") == "my work"
    assert second.read_text(encoding="utf-8") == "my second try"


def test_names_resolve_from_numbers():
    assert workspace.resolve("2") == workspace.resolve("02") == workspace.resolve("02_memory_cell_and_gates")
    assert workspace.resolve("02_memory_cell_and_gates.ipynb") == "02_memory_cell_and_gates.ipynb"
    with pytest.raises(ValueError, match="no exercise '99'"):
        workspace.resolve("99")


def run_cli(args, folder):
    env = dict(os.environ, LSTM_COURSE_MY_EXERCISES=str(folder))
    return subprocess.run([sys.executable, "-m", "lstm_course.workspace", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)


def test_cli_copies_the_course_exercises_and_fresh_backs_up(tmp_path):
    mine = tmp_path / "mine"
    result = run_cli([], mine)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(p.name for p in mine.glob("*.ipynb")) == names
    assert "Your exercises are in" in result.stdout and "copied from exercises/" in result.stdout
    (mine / names[0]).write_text("my work", encoding="utf-8")
    result = run_cli(["--fresh", names[0][:2]], mine)
    assert result.returncode == 0, result.stderr
    assert "your copy was saved as" in result.stdout
    backups = list(mine.glob("*.bak-*.ipynb"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "my work"
    assert (mine / names[0]).read_bytes() == (ROOT / "exercises" / names[0]).read_bytes()
    result = run_cli(["--fresh", "99"], mine)
    assert result.returncode == 2 and "no exercise '99'" in result.stderr
