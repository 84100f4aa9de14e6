"""The nbgrader course directory, made from solutions/ (run by scripts/instructor.sh).

    python instructor/course.py source  [NN ...]          source/<assignment>/ from solutions/
    python instructor/course.py release [NN ...]          source, then nbgrader's generate_assignment -> release/
    python instructor/course.py autograde NN [STUDENT ...] nbgrader's autograde of submitted/*/<assignment>/
    python instructor/course.py scores [NN ...] [--json]  every student's points, task by task

NN is an exercise's number (02) or its whole name (02_memory_cell_and_gates); none means all.
The course directory is INSTRUCTOR_COURSE_DIR, default instructor/ (this folder).

solutions/ stays the one source: the course's notebooks never carry nbgrader's metadata.
``source_notebook`` adds it to a copy: every cell with ``### BEGIN SOLUTION`` becomes an
nbgrader solution cell, every checker cell (a cell that is one call ``check_...(...)``) a
graded, locked autograder cell worth ``POINTS_PER_TASK``; cells tagged ``solution-only`` are
dropped and outputs stripped, as scripts/make_exercises.py does. In grading mode (set by
nbgrader_config.py) a checker that does not pass raises, so its cell scores 0.

``source`` and the helpers need only nbformat; release, autograde and scores need nbgrader
(the instructors' environment, .venv-instructor/).
"""
import argparse
import json
import os
import re
import shutil
import sys
import warnings
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOLUTIONS = ROOT / "solutions"
BEGIN = "### BEGIN SOLUTION"
DROP_TAG = "solution-only"
POINTS_PER_TASK = 1
CHECKER_CELL = re.compile(r"check_\w+\(.*\)", re.S)   # the whole cell is one checker call


def course_dir():
    return Path(os.environ.get("INSTRUCTOR_COURSE_DIR", HERE)).resolve()


def assignments(wanted=()):
    """{assignment name: solution path} for the wanted exercises ("02" or the full stem), or all."""
    every = {p.stem: p for p in sorted(SOLUTIONS.glob("[0-9][0-9]_*.ipynb"))}
    if not wanted:
        return every
    chosen = {}
    for w in wanted:
        names = [n for n in every if n == w or n.split("_")[0] == w.zfill(2)]
        if not names:
            raise SystemExit(f"no exercise {w!r}; there are: {', '.join(n[:2] for n in every)}")
        chosen[names[0]] = every[names[0]]
    return chosen


def _meta(grade_id, *, grade=False, solution=False, locked=False, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        meta["points"] = points
    return meta


def checker_name(source):
    """'check_sigmoid' for a checker cell's source, else None."""
    source = source.strip()
    return source.split("(")[0] if CHECKER_CELL.fullmatch(source) else None


def source_notebook(solution):
    """nbgrader's source notebook (a new NotebookNode) made from a solution notebook."""
    nb = nbformat.from_dict(solution)
    nb.metadata.pop("widgets", None)
    cells, task = [], 0
    for k, cell in enumerate(nb.cells):
        if DROP_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        cid = cell.get("id") or f"cell-{k:02d}"
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
            name = checker_name(cell.source)
            if BEGIN in cell.source:
                cell.metadata["nbgrader"] = _meta(f"answer-{cid}", solution=True)
            elif name:
                task += 1
                cell.metadata["nbgrader"] = _meta(f"task{task}_{name}", grade=True, locked=True,
                                                  points=POINTS_PER_TASK)
        elif BEGIN in cell.source:
            raise ValueError(f"cell {k}: a written answer (markdown with {BEGIN}) would need manual "
                             "grading; instructor/course.py does not mark those yet")
        cells.append(cell)
    nb.cells = cells
    return nb


def graded_tasks(nb):
    """[(grade_id, points)] of a source notebook's checker cells, in order."""
    return [(c.metadata["nbgrader"]["grade_id"], c.metadata["nbgrader"]["points"]) for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")]


def write_source(root, wanted=()):
    """Lay out root/source/<assignment>/<assignment>.ipynb (and nbgrader_config.py when
    root has none); returns the assignment names."""
    root.mkdir(parents=True, exist_ok=True)
    if not (root / "nbgrader_config.py").exists():
        shutil.copy(HERE / "nbgrader_config.py", root / "nbgrader_config.py")
    names = []
    for name, path in assignments(wanted).items():
        out = root / "source" / name / f"{name}.ipynb"
        out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(source_notebook(nbformat.read(path, as_version=4)), out)
        names.append(name)
    return names


def _quiet_gradebook():
    from sqlalchemy.exc import SAWarning   # nbgrader 0.9.6's gradebook warns about its own session use
    warnings.filterwarnings("ignore", category=SAWarning)


def api(root):
    """nbgrader's API on the course directory, configured by its nbgrader_config.py."""
    _quiet_gradebook()
    from nbgrader.apps import NbGraderAPI
    bin_dir = str(Path(sys.executable).parent)   # nbgrader runs `alembic` from PATH for a new gradebook
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    from traitlets.config.loader import PyFileConfigLoader
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    return NbGraderAPI(config=config)


def _ok(result, what):
    if not result.get("success"):
        sys.stdout.write(result.get("log", "") + "\n")
        raise SystemExit(f"{what} failed: {result.get('error', '')}")


def release(root, wanted=()):
    names = write_source(root, wanted)
    nbg = api(root)
    for name in names:
        _ok(nbg.generate_assignment(name, force=True), f"generate_assignment {name}")
        print(f"released: {root / 'release' / name}")
    return names


def autograde(root, wanted, students=()):
    nbg = api(root)
    for name in assignments(wanted):
        found = sorted(p.parent.name for p in (root / "submitted").glob(f"*/{name}"))
        for student in students or found:
            _ok(nbg.autograde(name, student, force=True, create=True), f"autograde {name} {student}")
            print(f"graded: {student} {name}")


def scores(root, wanted=()):
    """{assignment: {student: {grade_id: [score, max_score]}}} from the gradebook."""
    from nbgrader.api import Gradebook
    _quiet_gradebook()
    out = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for name in assignments(wanted):
            try:
                assignment = gb.find_assignment(name)
            except Exception:   # MissingEntry: never released or graded
                continue
            for submission in assignment.submissions:
                per_task = {}
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        per_task[grade.name] = [grade.score, grade.max_score]
                out.setdefault(name, {})[submission.student.id] = dict(sorted(per_task.items()))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["source", "release", "autograde", "scores"])
    parser.add_argument("names", nargs="*", help="exercise numbers (02) or names; autograde: NN, then students")
    parser.add_argument("--json", action="store_true", help="scores: print JSON")
    args = parser.parse_args(argv)
    root = course_dir()
    if args.command == "source":
        names = write_source(root, args.names)
        print(f"wrote {len(names)} source notebooks to {root / 'source'}")
    elif args.command == "release":
        release(root, args.names)
    elif args.command == "autograde":
        if not args.names:
            parser.error("autograde needs an exercise, e.g. 02")
        autograde(root, args.names[:1], args.names[1:])
    else:
        table = scores(root, args.names)
        if args.json:
            print(json.dumps(table, indent=1))
        for name, students in ({} if args.json else table).items():
            print(name)
            for student, tasks in students.items():
                got = sum(s for s, _ in tasks.values())
                most = sum(m for _, m in tasks.values())
                cells = "  ".join(f"{g.split('_', 1)[0]} {s:g}/{m:g}" for g, (s, m) in tasks.items())
                print(f"  {student:20s} {got:g}/{most:g}   {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
