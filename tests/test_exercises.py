"""exercises/ is generated from solutions/ and in sync; an untouched exercise runs
top to bottom without an error and every checker in it says "not done yet"."""
import importlib.util
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ["01_why_memory_needs_gates", "02_memory_cell_and_gates", "03_memory_machine",
           "04_from_cell_to_network", "05_backprop_through_time", "06_training_adding_problem",
           "07_character_model", "08_pytorch_and_gpu"]
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


def test_exercises_are_in_sync_with_solutions(tmp_path, capsys):
    assert gen.main(["--exercises", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.glob("*.ipynb"))
    committed = sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))
    assert written == committed
    for name in written:
        assert (tmp_path / name).read_text(encoding="utf-8") == \
            (ROOT / "exercises" / name).read_text(encoding="utf-8"), f"exercises/{name} is stale"
    assert gen.main(["--check"]) == 0


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


@pytest.mark.parametrize("name", LESSONS)
def test_untouched_exercise_runs_and_reports_not_done(name):
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / "exercises" / f"{name}.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "exercises")}}).execute()
    checkers = [c for c in nb.cells if c.cell_type == "code" and c.source.lstrip().startswith("check_")]
    assert checkers
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{name}: {out.get('ename')}: {out.get('evalue')}"
    for cell in checkers:
        text = "".join(o.get("text", "") for o in cell.outputs)
        assert "not done yet" in text, f"{name}: {cell.source!r} printed {text!r}"
