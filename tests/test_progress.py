"""lstm_course.progress: runs a learner's exercise notebook (without changing it) and
reads every checker's verdict into a table: ✅ passed, ❌ with the hint, ⏳, 💥.

Three notebook executions in all, on exercise 02 (the smallest): untouched, solved,
and with a wrong answer and a broken cell (through the command line)."""
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lstm_course import exercise_run, progress
from lstm_course.progress import ERROR, FAILED, NOT_DONE, PASSED

ROOT = Path(__file__).resolve().parent.parent
NAME = "02_memory_cell_and_gates.ipynb"


def _generator():
    spec = importlib.util.spec_from_file_location("make_exercises", ROOT / "scripts" / "make_exercises.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def solution():
    return nbformat.read(ROOT / "solutions" / NAME, as_version=4)


def untouched():
    """Exercise 02 as the generator makes it (with its progress cell)."""
    return _generator().make_exercise(solution(), NAME[:2])


def task_cells(nb):
    """The code cells that hold a task's code (the ones with a placeholder)."""
    return [c for c in nb.cells if c.cell_type == "code" and "NotImplementedError(" in c.source]


# --- executing notebooks -------------------------------------------------------------

def test_untouched_exercise_is_all_not_done_and_the_file_is_unchanged(tmp_path):
    path = tmp_path / NAME
    nbformat.write(untouched(), path)
    before = path.read_bytes()
    result = progress.run_notebook(path, timeout=60)
    assert path.read_bytes() == before, "the learner's notebook must not change"
    assert result.problem == ""
    checkers = [c for c in untouched().cells if exercise_run.is_checker(c)]
    assert [t.status for t in result.tasks] == [NOT_DONE] * len(checkers)   # the progress cell was skipped
    assert result.tasks[0].title.startswith("Task 1:")
    assert f"0 of {len(checkers)} tasks passed" in progress.text_table(result)


def test_solved_exercise_is_all_passed(tmp_path):
    path = tmp_path / NAME
    nbformat.write(solution(), path)            # the solution, run as if it were the learner's
    result = progress.run_notebook(path, timeout=60)
    assert [t.status for t in result.tasks] == [PASSED] * len(result.tasks) and len(result.tasks) >= 3
    assert all(t.hint == "" for t in result.tasks)


def test_cli_reports_a_wrong_answer_with_its_hint_and_a_broken_cell(tmp_path):
    from lstm_course.checks import check_sigmoid_grad

    nb = untouched()
    cells = task_cells(nb)
    solved = [c for c in solution().cells if c.cell_type == "code" and "### BEGIN SOLUTION" in c.source]
    cells[0].source = solved[0].source                                                      # right
    cells[1].source = "def sigmoid_grad(z):\n    s = sigmoid(z)\n    return s * s"          # wrong
    cells[2].source = "def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh)\n    return c"  # no colon
    nbformat.write(nb, tmp_path / NAME)
    (tmp_path / "02_memory_cell_and_gates.bak-2026-01-01-1200.ipynb").write_text("{}", encoding="utf-8")

    result = subprocess.run([sys.executable, "-m", "lstm_course.progress", "2", "--folder", str(tmp_path),
                             "--timeout", "60"], capture_output=True, text=True, cwd=ROOT,
                            env=dict(os.environ, COLUMNS="100"))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1 of " in out and " tasks passed" in out and "bak-" not in out     # the backup was not run
    lines = out.splitlines()
    row = {n: next(line for line in lines if f"Task {n}:" in line) for n in (1, 2, 3)}
    assert "✅ passed" in row[1]
    assert "❌ not right yet" in row[2]
    assert "💥 error in your code" in row[3] and "SyntaxError" in out and ".py, line" not in out
    # The hint is the checker's own, whole: every word of it is in the table, none broken.
    hint = check_sigmoid_grad(lambda z: (1 / (1 + __import__("numpy").exp(-z))) ** 2).hint
    assert hint
    table_words = out.split()
    assert all(word in table_words for word in hint.split()), hint
    assert "running exercises" in result.stderr                         # the progress bar


@pytest.mark.parametrize("args, message", [
    (["99"], "no exercise 99"),
    (["two"], "an exercise number"),
    (["--folder", "no/such/folder"], "must be a folder"),
    (["--timeout", "0"], "--timeout must be positive"),
])
def test_cli_bad_arguments_exit_2_with_a_message(args, message, tmp_path):
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / NAME)
    if "--folder" not in args:
        args = args + ["--folder", str(tmp_path)]
    result = subprocess.run([sys.executable, "-m", "lstm_course.progress", *args],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr, result.stderr


# --- reading verdicts (no kernel) --------------------------------------------------------

def stdout(text):
    return nbformat.v4.new_output("stream", name="stdout", text=text)


def error(ename, evalue):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[])


def executed(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def md(text):
    return nbformat.v4.new_markdown_cell(text)


def code(source, *outputs):
    return nbformat.v4.new_code_cell(source, outputs=list(outputs), execution_count=1)


def test_verdicts_hints_and_errors_are_read_per_task():
    nb = executed(
        md("# Exercise"), code("import numpy as np"),
        md("## Task 1: one"), code("def f(): pass"), code("check_f(f)", stdout("✅ check_f passed: all good\n")),
        md("## Task 2: two"), code("def g(): pass"),
        code("check_g(g)", stdout("❌ check_g: not right yet.\n   Hint: the bias is added twice.\n"
                                  "   (case 'zeros': differs by up to 1)\n")),
        md("## Task 3: three"), code("def h(): pass"),
        code("check_h(h)", stdout("⏳ check_h: not done yet. Replace the line `raise NotImplementedError(...)`\n")),
        md("## Task 4: four"), code("def k(:", error("SyntaxError", "invalid syntax (3141592653.py, line 1)")),
        code("check_k(k)", error("NameError", "name 'k' is not defined")),
        md("## Task 5: five"), code("check_m(m)", error("NameError", "name 'm' is not defined")),
        md("## Task 6: six"), code("def n(): pass"),
        md("## Task 7: seven"), code("def p(): raise NotImplementedError", error("NotImplementedError", "")),
        code("check_p(p)", stdout("⏳ check_p: not done yet.\n")),
        md("## Your progress"), code("show_progress('02')", error("RuntimeError", "never read")),
    )
    tasks = progress.read_tasks(nb)
    assert [(t.title, t.status) for t in tasks] == [
        ("Task 1: one", PASSED), ("Task 2: two", FAILED), ("Task 3: three", NOT_DONE),
        ("Task 4: four", ERROR), ("Task 5: five", ERROR), ("Task 6: six", NOT_DONE), ("Task 7: seven", NOT_DONE)]
    assert tasks[1].hint == "the bias is added twice. (case 'zeros': differs by up to 1)"
    assert tasks[3].hint == "your code cell raised SyntaxError: invalid syntax (line 1)"
    assert tasks[4].hint == "the checker cell raised NameError: name 'm' is not defined"
    assert "no checker cell" in tasks[5].hint
    assert tasks[0].hint == tasks[2].hint == tasks[6].hint == ""


def test_a_passing_checker_wins_over_an_earlier_error_and_timeouts_are_named():
    nb = executed(md("## Task 1: one"), code("f(2)", error("TypeError", "bad")),
                  code("check_f(f)", stdout("✅ check_f passed: fine\n")),
                  md("## Task 2: two"), code("while True: pass", error("KeyboardInterrupt", "")),
                  code("check_g(g)", stdout("⏳ check_g: not done yet.\n")))
    first, second = progress.read_tasks(nb)
    assert first.status == PASSED
    assert second.status == ERROR and "time limit" in second.hint


def test_parse_verdict():
    assert progress.parse_verdict("hello\n") is None
    assert progress.parse_verdict("✅ x passed: y\n") == (PASSED, "")
    assert progress.parse_verdict("❌ x: not right yet.\n   Hint: swap them.\nnext line\n") == (FAILED, "swap them.")
    assert progress.parse_verdict("⏳ x: not done yet. Replace the line `raise NotImplementedError(...)` with\n"
                                  "   your code, then run this cell again.\n   (write task 1\n   first)\n") == \
        (NOT_DONE, "write task 1 first")
    assert progress.parse_verdict("⏳ x: not done yet. Replace the line with\n   your code, then run this cell again.\n"
                                  ) == (NOT_DONE, "")
    wrapped = ("❌ check_x: not right yet.\n   Hint: the forget gate multiplies the new\n         input instead of "
               "the old memory.\n   (case 'zeros (2,\n   3)': differs by up to 1)\nprinted later\n")
    assert progress.parse_verdict(wrapped) == (
        FAILED, "the forget gate multiplies the new input instead of the old memory. (case 'zeros (2, 3)': differs by up to 1)")
    assert progress.parse_verdict("✅ x passed: on scalars,\n   arrays and zeros\n") == (PASSED, "")


def test_text_table_wraps_hints_between_words_and_aligns_columns():
    hint = ("your forget gate multiplies the new input instead of the old memory; "
            "PyTorch's gate order is i, f, g, o and dh must include the gradient from the next step")
    result = progress.NotebookProgress(Path("02_x.ipynb"), [
        progress.TaskProgress("Task 1: a", PASSED),
        progress.TaskProgress("Task 2: a longer title here", FAILED, hint),
        progress.TaskProgress("Task 3: c", ERROR, "your code cell raised NameError: name 'x' is not defined"),
    ])
    text = progress.text_table(result, width=70)
    lines = text.splitlines()
    assert lines[0] == "02_x.ipynb — 1 of 3 tasks passed"
    assert all(progress._width(line) <= 70 for line in lines)
    assert all(word in text.split() for word in hint.split())
    # The hint column starts at the same screen column on every line (emoji count as two).
    header = lines[1]
    column = progress._width(header[:header.index("Hint")])
    for line in lines[3:]:
        if "✅ passed" in line or line.strip() == "title here":     # no hint on these lines
            continue
        start = line.rindex("   ") + 3          # hint lines hold no run of three spaces
        assert progress._width(line[:start]) == column, text
    html = progress.html_table(result)
    assert html.count("<tr") == 4 and "❌ not right yet" in html and "name &#x27;x&#x27;" in html


def test_show_progress_picks_the_notebook_of_its_kernel(tmp_path, monkeypatch, capsys):
    for name in (NAME, "02_memory_cell_and_gates-Copy1.ipynb", "02_memory_cell_and_gates.bak-2026-01-01-1200.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    ran = []
    monkeypatch.setattr(progress, "run_notebook",
                        lambda path, timeout: ran.append(path.name) or progress.NotebookProgress(path, []))
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    progress.show_progress("02", folder=tmp_path)
    monkeypatch.setenv("JPY_SESSION_NAME", "my_exercises/02_memory_cell_and_gates-Copy1.ipynb")
    progress.show_progress(2, folder=tmp_path)
    assert ran == [NAME, "02_memory_cell_and_gates-Copy1.ipynb"]
    out = capsys.readouterr().out
    assert "save (Ctrl+S)" in out and "0 of 0 tasks passed" in out
    assert progress.show_progress("07", folder=tmp_path) is None
    assert "no exercise 07" in capsys.readouterr().out
