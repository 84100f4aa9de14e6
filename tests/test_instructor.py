"""For instructors: grading mode of the checkers, nbgrader's course directory made from
solutions/, the pinned instructors' environment, and nbgrader's autograde on four kinds of
submission of exercise 02.

The tests that run nbgrader need the instructors' environment (.venv-instructor/, made by
`bash scripts/instructor.sh env`); without it they are skipped with that hint, and under
CI=true (where scripts/test.sh makes it) they fail instead. `-k "not instructor"` leaves
this whole file out.
"""
import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lstm_course.checks import check_cifg_cell, check_sigmoid

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "instructor"))
import course  # noqa: E402 (instructor/course.py: its notebook helpers need only nbformat)

INSTRUCTOR_PY = ROOT / ".venv-instructor/bin/python"
EX = "02_memory_cell_and_gates"


def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path):
    out = {}
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep, f"{path}: {line!r} is not pinned with =="
            out[norm(name)] = version
    return out


# ---- grading mode (lstm_course/checks/result.py) -------------------------------------------

RUN_CHECKS = """
import numpy as np
from lstm_course.checks import check_sigmoid, check_cifg_cell
def wrong_cifg(z, z_f, z_o, c, g=np.tanh, h=np.tanh):
    s = lambda v: 1 / (1 + np.exp(-np.asarray(v)))
    return g(z) * s(z_f) + c * s(z_f), h(g(z) * s(z_f) + c * s(z_f)) * s(z_o)
def not_done(z):
    raise NotImplementedError("write your code here")
def crashes(z):
    return 1 / undefined_name
for learner, checker in ((lambda z: 1 / (1 + np.exp(-np.asarray(z))), check_sigmoid),
                         (wrong_cifg, check_cifg_cell), (not_done, check_sigmoid), (crashes, check_sigmoid)):
    try:
        result = checker(learner)
        print("RETURNED", result.status)
    except AssertionError as exc:
        print("RAISED", exc)
"""


def run_checks(grading):
    env = {k: v for k, v in os.environ.items() if k != "LSTM_COURSE_GRADING"}
    if grading is not None:
        env["LSTM_COURSE_GRADING"] = grading
    out = subprocess.run([sys.executable, "-c", RUN_CHECKS], env=env, capture_output=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr.decode()
    return out.stdout


def test_grading_mode_raises_after_printing_and_prints_the_same_bytes():
    plain, graded, zero = run_checks(None), run_checks("1"), run_checks("0")
    assert zero == plain
    plain_lines = plain.decode().splitlines()
    assert [l for l in plain_lines if l.startswith("RETURNED")] == \
        ["RETURNED passed", "RETURNED failed", "RETURNED not done", "RETURNED error"]
    graded_lines = graded.decode().splitlines()
    assert [l.split(":")[0] for l in graded_lines if l.startswith(("RETURNED", "RAISED"))] == \
        ["RETURNED passed", "RAISED check_cifg_cell", "RAISED check_sigmoid", "RAISED check_sigmoid"]
    # the verdicts themselves, byte for byte: everything but the RETURNED/RAISED lines
    strip = lambda b: b"\n".join(l for l in b.split(b"\n") if not l.startswith((b"RETURNED", b"RAISED")))
    assert strip(graded) == strip(plain)
    assert "❌ check_cifg_cell: not right yet." in plain.decode()
    assert "⏳ check_sigmoid: not done yet." in plain.decode()


def test_without_the_variable_checkers_return_results(monkeypatch, capsys):
    monkeypatch.delenv("LSTM_COURSE_GRADING", raising=False)
    result = check_sigmoid(lambda z: z)
    assert not result and result.status == "failed" and capsys.readouterr().out == result.message + "\n"
    monkeypatch.setenv("LSTM_COURSE_GRADING", "1")
    with pytest.raises(AssertionError, match="check_cifg_cell: not done"):
        check_cifg_cell(lambda *a, **k: (_ for _ in ()).throw(NotImplementedError("write your code here")))
    assert capsys.readouterr().out.startswith("⏳ check_cifg_cell: not done yet.")


# ---- the course directory's source notebooks (nbformat only) --------------------------------

def test_every_checker_cell_becomes_a_graded_cell_and_solutions_stay_as_they_are():
    total = 0
    for name, path in course.assignments().items():
        text = path.read_text(encoding="utf-8")
        solution = nbformat.reads(text, as_version=4)
        before = copy.deepcopy(solution)
        nb = course.source_notebook(solution)
        assert solution == before and path.read_text(encoding="utf-8") == text   # solutions/ untouched
        nbformat.validate(nb)
        graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
        checkers = [c for c in before.cells if c.cell_type == "code" and course.checker_name(c.source)]
        assert [c.source for c in graded] == [c.source for c in checkers], name
        for k, cell in enumerate(graded, 1):
            meta = cell.metadata["nbgrader"]
            assert meta["grade_id"] == f"task{k}_{course.checker_name(cell.source)}"
            assert meta["points"] == course.POINTS_PER_TASK and meta["locked"] and not meta["solution"]
        answers = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
        assert answers and all("### BEGIN SOLUTION" in c.source for c in answers)
        assert not any("### BEGIN SOLUTION" in c.source for c in nb.cells
                       if not c.metadata.get("nbgrader", {}).get("solution"))
        ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
        assert len(ids) == len(set(ids))
        assert not any("solution-only" in c.metadata.get("tags", []) for c in nb.cells)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
        total += len(graded)
    assert total == 42   # the README's count of tasks


def test_no_solution_carries_nbgrader_metadata():
    """solutions/ stays the one source for exercises/ and nbval: the metadata lives only in
    the course directory that instructor/course.py lays out."""
    for path in course.assignments().values():
        assert '"nbgrader"' not in path.read_text(encoding="utf-8"), path.name


# ---- the instructors' environment, pinned ----------------------------------------------------

def test_instructor_requirements_are_pinned_and_agree_with_the_learners_lock():
    inst, lock = pins("requirements-instructor.txt"), pins("requirements-lock.txt")
    assert inst["nbgrader"] == "0.9.6" and inst["torch"] == "2.13.0"
    assert inst["notebook"].startswith("7.") and int(inst["jupyter-client"].split(".")[0]) < 9
    for name in ("numpy", "matplotlib", "ipywidgets", "tqdm", "ipykernel", "check-jsonschema"):
        assert name in inst, name
    for name, version in inst.items():
        assert re.fullmatch(r"\d+(\.\d+)*(\.post\d+)?", version), f"{name} is not pinned exactly: {version!r}"
    shared = {n: (v, lock[n]) for n, v in inst.items() if n in lock and v != lock[n]}
    assert not shared, f"pinned differently from requirements-lock.txt: {shared}"


def test_instructor_script_never_touches_the_learners_venv():
    script = (ROOT / "scripts/instructor.sh").read_text()
    assert 'VENV="${INSTRUCTOR_VENV:-$ROOT/.venv-instructor}"' in script
    code = "\n".join(l for l in script.splitlines() if not l.lstrip().startswith("#"))
    assert not re.search(r"\.venv(?![-\w])", code.replace(".venv-instructor", "")), \
        "scripts/instructor.sh must not refer to the learners' .venv"
    assert "requirements-instructor.txt" not in (ROOT / "scripts/setup_env.sh").read_text()
    assert "requirements-instructor.txt" not in (ROOT / "environment.yml").read_text()
    ignored = (ROOT / ".gitignore").read_text().split()
    for path in ("/.venv-instructor/", "/instructor/source/", "/instructor/release/", "/instructor/gradebook.db"):
        assert path in ignored, path


# ---- nbgrader itself (the instructors' environment) ------------------------------------------

@pytest.fixture(scope="module")
def instructor_env():
    if not INSTRUCTOR_PY.exists():
        hint = "the instructors' environment is missing: `bash scripts/instructor.sh env` makes .venv-instructor/"
        if os.environ.get("CI") == "true":
            pytest.fail(f"under CI the instructor tests must run: {hint}", pytrace=False)
        pytest.skip(hint)
    return INSTRUCTOR_PY


def course_py(root, *args, home):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "LSTM_COURSE_GRADING"))}
    env.update(INSTRUCTOR_COURSE_DIR=str(root), HOME=str(home), JUPYTER_RUNTIME_DIR=str(home / "rt"),
               PYTHONWARNINGS="ignore")
    out = subprocess.run([str(INSTRUCTOR_PY), str(ROOT / "instructor/course.py"), *args], env=env,
                         capture_output=True, text=True, cwd=root, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout


def cells_without_progress(nb):
    return [(c.cell_type, c.source) for c in nb.cells
            if "progress" not in c.metadata.get("tags", []) and c.get("id") != "progress-heading"]


@pytest.fixture(scope="module")
def course_dir(instructor_env, tmp_path_factory):
    root, home = tmp_path_factory.mktemp("course"), tmp_path_factory.mktemp("home")
    course_py(root, "release", home=home)
    return root, home


def test_released_notebooks_equal_the_exercises(course_dir):
    """nbgrader's release equals what scripts/make_exercises.py writes to exercises/ (which
    tests/test_exercises.py holds equal to exercises/ on disk), cell by cell, code and text,
    but for the progress cells that the course appends (they run my_exercises/ copies)."""
    root, _ = course_dir
    sys.path.insert(0, str(ROOT / "scripts"))
    import make_exercises
    expected = make_exercises.expected_files(ROOT / "solutions")
    assert sorted(expected) == sorted(p.name for p in (ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))
    for name, text in expected.items():
        released = nbformat.read(root / "release" / name[:-6] / name, as_version=4)
        assert cells_without_progress(released) == cells_without_progress(nbformat.reads(text, as_version=4)), name
        assert all(not c.get("outputs") for c in released.cells if c.cell_type == "code")


def submit(root, student, answers=None):
    """submitted/<student>/02/...: the released notebook with every answer cell replaced
    by the solution's (answers=None: untouched), then by the given {grade_id: source}."""
    released = nbformat.read(root / "release" / EX / f"{EX}.ipynb", as_version=4)
    source = nbformat.read(root / "source" / EX / f"{EX}.ipynb", as_version=4)
    solved = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
              if c.metadata.get("nbgrader", {}).get("solution")}
    for cell in released.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if answers is not None and grade_id in solved:
            cell.source = answers.get(grade_id, solved[grade_id])
    path = root / "submitted" / student / EX / f"{EX}.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(released, path)


WRONG_CIFG = ("def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):\n"
              "    s = np.stack([z, z_f, z_f, z_o], axis=-1)    # the input gate is not 1 - f(z_f)\n"
              "    return memory_cell(s, c, g=g, h=h)")
RAISING_SIGMOID_GRAD = ("def sigmoid_grad(z):\n"
                        "    return s * (1 - s)    # s is not defined\n\n"
                        "print(sigmoid_grad(0.0))")


@pytest.fixture(scope="module")
def graded(course_dir):
    """Autograde four submissions of exercise 02 in one run; the gradebook's points."""
    root, home = course_dir
    source = nbformat.read(root / "source" / EX / f"{EX}.ipynb", as_version=4)
    answer_of = {}          # the answer cell just above each task's checker
    last = None
    for cell in source.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            last = meta["grade_id"]
        elif meta.get("grade"):
            answer_of[course.checker_name(cell.source)] = last
    submit(root, "solution", {})
    submit(root, "untouched", None)
    submit(root, "wrong", {answer_of["check_cifg_cell"]: WRONG_CIFG})
    submit(root, "raises", {answer_of["check_sigmoid_grad"]: RAISING_SIGMOID_GRAD})
    course_py(root, "autograde", "02", home=home)
    table = json.loads(course_py(root, "scores", "02", "--json", home=home))[EX]
    return root, table, {gid: pts for gid, pts in course.graded_tasks(source)}


def points(table, student):
    return {task: score for task, (score, _) in table[student].items()}


def test_autograde_a_copied_solution_gets_full_points(graded):
    _, table, tasks = graded
    assert set(table["solution"]) == set(tasks) and len(tasks) == 4
    assert points(table, "solution") == tasks


def test_autograde_an_untouched_exercise_gets_zero(graded):
    _, table, tasks = graded
    assert points(table, "untouched") == {task: 0 for task in tasks}


def test_autograde_one_wrong_answer_loses_exactly_that_tasks_points(graded):
    root, table, tasks = graded
    assert points(table, "wrong") == dict(tasks, task4_check_cifg_cell=0)
    nb = nbformat.read(root / "autograded/wrong" / EX / f"{EX}.ipynb", as_version=4)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "❌ check_cifg_cell: not right yet." in text and "Hint:" in text   # the learner's verdict, as usual


def test_autograde_a_task_that_raises_still_grades_the_others(graded):
    root, table, tasks = graded
    assert points(table, "raises") == dict(tasks, task2_check_sigmoid_grad=0)
    nb = nbformat.read(root / "autograded/raises" / EX / f"{EX}.ipynb", as_version=4)
    errors = [c.source for c in nb.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert errors == [RAISING_SIGMOID_GRAD, "check_sigmoid_grad(sigmoid_grad)"]
