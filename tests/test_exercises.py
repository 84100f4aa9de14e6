"""exercises/ is generated from solutions/ and in sync; an untouched exercise runs
top to bottom without an error, every checker in it says "not done yet", and so does
its progress cell.

A learner who filled in exercises/ in place (instead of their copy in my_exercises/)
must not make these tests fail: an exercise counts as in sync when the working tree's
file or the committed one (git) is what the generator makes, and the untouched-exercise
test runs the generated notebook, not the file on disk."""
import importlib.util
import os
import shutil
import subprocess
import warnings
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ["01_why_memory_needs_gates", "02_memory_cell_and_gates", "03_memory_machine",
           "04_from_cell_to_network", "05_backprop_through_time", "06_training_adding_problem",
           "07_character_model", "08_pytorch_and_gpu", "09_which_gate_matters", "10_what_the_cells_learned"]
ALL_LESSON_NAMES = LESSONS


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_exercises", ROOT / "scripts" / "make_exercises.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def test_every_lesson_has_a_solution_and_an_exercise():
    for name in LESSONS:
        assert (ROOT / "solutions" / f"{name}.ipynb").is_file(), name
        assert (ROOT / "exercises" / f"{name}.ipynb").is_file(), name
    names = {p.stem for p in (ROOT / "solutions").glob("*.ipynb")}
    assert names <= set(ALL_LESSON_NAMES), names - set(ALL_LESSON_NAMES)


def _git(root, *args):
    """git's stdout (text) run in root, or None without git, a repository or success."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, env=env, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.decode("utf-8") if result.returncode == 0 else None


def sync_problems(root, expected):
    """(problems, edited): exercises/ files that are stale, or have no solution; and those
    edited in place whose committed version is in sync (not a problem)."""
    problems, edited = [], []
    folder = Path(root) / "exercises"
    for name, text in expected.items():
        path = folder / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        if _git(root, "show", f"HEAD:./exercises/{name}") == text:
            edited.append(name)
            continue
        problems.append(f"exercises/{name} is stale or missing: run python scripts/make_exercises.py")
    tracked = _git(root, "ls-files", "--", "exercises/*.ipynb")
    if tracked is not None and tracked.strip():
        present = {Path(line).name for line in tracked.splitlines()}
    else:
        present = {p.name for p in folder.glob("*.ipynb")}
    problems += [f"exercises/{name}: no solution for it" for name in sorted(present - set(expected))]
    return problems, edited


def test_exercises_are_in_sync_with_solutions():
    problems, edited = sync_problems(ROOT, gen.expected_files(ROOT / "solutions"))
    assert not problems, "\n".join(problems)
    if edited:
        warnings.warn(f"edited in place (work in my_exercises/ instead): {', '.join(edited)}")


def _commit(root, message):
    assert _git(root, "add", "-A") is not None
    assert _git(root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", message) is not None


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_an_exercise_edited_in_place_does_not_fail_the_sync_test(tmp_path):
    name = f"{LESSONS[1]}.ipynb"
    repo = tmp_path / "course"
    (repo / "solutions").mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / name, repo / "solutions" / name)
    assert gen.main(["--solutions", str(repo / "solutions"), "--exercises", str(repo / "exercises")]) == 0
    assert _git(repo, "init", "-q") is not None
    _commit(repo, "course")
    expected = gen.expected_files(repo / "solutions")
    assert sync_problems(repo, expected) == ([], [])

    done = repo / "exercises" / name                        # the learner works in exercises/
    done.write_text(done.read_text(encoding="utf-8").replace("raise NotImplementedError", "return 0"),
                    encoding="utf-8")
    assert sync_problems(repo, expected) == ([], [name])
    (repo / "exercises" / f"{LESSONS[1]}-Copy1.ipynb").write_text("{}", encoding="utf-8")   # an untracked copy
    assert sync_problems(repo, expected) == ([], [name])

    _commit(repo, "stale")                                 # now the committed exercise is stale too
    problems, _ = sync_problems(repo, expected)
    assert len(problems) == 2 and "stale" in problems[0] and "no solution" in problems[1]

    shutil.rmtree(repo / ".git")                           # without git, the file on disk decides
    problems, _ = sync_problems(repo, expected)
    assert problems and "stale" in problems[0]


def test_check_mode_fails_on_a_stale_or_extra_exercise(tmp_path, capsys):
    gen.main(["--exercises", str(tmp_path)])
    assert gen.main(["--check", "--exercises", str(tmp_path)]) == 0
    stale = tmp_path / f"{LESSONS[0]}.ipynb"
    stale.write_text(stale.read_text(encoding="utf-8").replace("Task 1", "Task one"), encoding="utf-8")
    assert gen.main(["--check", "--exercises", str(tmp_path)]) == 1
    gen.main(["--exercises", str(tmp_path)])
    (tmp_path / "99_extra.ipynb").write_text("{}", encoding="utf-8")
    assert gen.main(["--check", "--exercises", str(tmp_path)]) == 1
    assert "no solution for" in capsys.readouterr().out


def test_clear_solution_keeps_the_indent_and_the_code_around():
    source = "def f(x):\n    y = 1\n    ### BEGIN SOLUTION\n    return x + y\n    ### END SOLUTION\n# after"
    assert gen.clear_solution(source) == ("def f(x):\n    y = 1\n    # YOUR CODE HERE\n"
                                          '    raise NotImplementedError("write your code here")\n# after')


@pytest.mark.parametrize("source, message", [
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "nested"),
    ("### BEGIN SOLUTION\nx = 1", "without"),
    ("x = 1\n### END SOLUTION", "without"),
])
def test_clear_solution_rejects_broken_markers(source, message):
    with pytest.raises(ValueError, match=message):
        gen.clear_solution(source)


def test_exercise_drops_outputs_and_solution_only_cells():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("note", metadata={"tags": ["solution-only"]}),
                nbformat.v4.new_code_cell("def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION",
                                          execution_count=3, outputs=[nbformat.v4.new_output("stream", text="1")])]
    ex = gen.make_exercise(nb)
    assert len(ex.cells) == 1
    cell = ex.cells[0]
    assert cell.outputs == [] and cell.execution_count is None
    assert "return 1" not in cell.source and "NotImplementedError" in cell.source
    assert nb.cells[1].source.count("return 1") == 1          # the solution itself is untouched


@pytest.mark.parametrize("name", LESSONS)
def test_solution_tasks_are_marked_and_outputs_are_clean(name):
    nb = nbformat.read(ROOT / "solutions" / f"{name}.ipynb", as_version=4)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    tasks = [c for c in code if gen.BEGIN in c.source]
    checkers = [c for c in code if c.source.lstrip().startswith("check_")]
    assert 3 <= len(tasks) <= 6 and len(checkers) == len(tasks)
    for cell in code:
        assert cell.execution_count is not None, "solutions are committed executed"
        for out in cell.outputs:
            assert out.output_type != "error"
    for cell in checkers:
        text = "".join(o.get("text", "") for o in cell.outputs)
        assert text.startswith("✅") and "passed" in text, text


def test_every_exercise_ends_with_its_progress_cell_and_no_solution_has_one():
    for name in LESSONS:
        solution = nbformat.read(ROOT / "solutions" / f"{name}.ipynb", as_version=4)
        assert not any("show_progress" in c.source for c in solution.cells), name
        ex = gen.make_exercise(solution, name[:2])
        heading, cell = ex.cells[-2:]
        assert heading.cell_type == "markdown" and heading.source.startswith("## Your progress")
        assert "Ctrl+S" in heading.source
        assert cell.cell_type == "code" and cell.metadata.tags == ["progress"]
        assert cell.source == f'from lstm_course.progress import show_progress\nshow_progress("{name[:2]}")'


@pytest.mark.parametrize("name", LESSONS)
def test_untouched_exercise_runs_and_reports_not_done(name, tmp_path):
    """The exercise as the generator makes it (not the file in exercises/, which a learner
    may have filled in), run in a folder of its own where its progress cell finds it."""
    from nbclient import NotebookClient

    nb = gen.make_exercise(nbformat.read(ROOT / "solutions" / f"{name}.ipynb", as_version=4), name[:2])
    nbformat.write(nb, tmp_path / f"{name}.ipynb")
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    checkers = [c for c in nb.cells if c.cell_type == "code" and c.source.lstrip().startswith("check_")]
    assert checkers
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{name}: {out.get('ename')}: {out.get('evalue')}"
    for cell in checkers:
        text = "".join(o.get("text", "") for o in cell.outputs)
        assert "not done yet" in text, f"{name}: {cell.source!r} printed {text!r}"
    table = "".join(o.get("data", {}).get("text/plain", "") for o in nb.cells[-1].outputs)
    assert table.count("⏳ not done yet") == len(checkers), table
    assert f"0 of {len(checkers)} tasks passed" in table and not any(m in table for m in "✅❌💥"), table
