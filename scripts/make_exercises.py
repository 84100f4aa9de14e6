"""Regenerate exercises/ from solutions/: the solutions are the one source.

In every code cell of solutions/NAME.ipynb, the lines from one containing
``### BEGIN SOLUTION`` to the one containing ``### END SOLUTION`` are replaced by
a placeholder, indented like the marker:

    # YOUR CODE HERE
    raise NotImplementedError("write your code here")

(the same rule as nbgrader's ClearSolutions preprocessor, whose delimiters we
use). Cells tagged ``solution-only`` are dropped. Outputs, execution counts and
saved widget state are stripped. Two cells are appended (the solutions do not hold
them, so running a solution never runs a learner's work):

    ## Your progress — save the notebook (Ctrl+S), then run the cell below   (markdown)
    from lstm_course.progress import show_progress                          (code, tagged
    show_progress("NN")                                                      "progress")

``show_progress`` runs the saved notebook in a fresh kernel, skipping cells tagged
``progress``, and shows a table of every task's verdict. The result is written to
exercises/NAME.ipynb; learners work in copies of it (``lstm_course.workspace``).

    python scripts/make_exercises.py            # write exercises/
    python scripts/make_exercises.py --check    # exit 1 if exercises/ differs

Why not nbgrader itself: importing ``nbgrader.preprocessors.ClearSolutions`` runs
the package's ``__init__`` files, which import its gradebook (sqlalchemy) and
server extensions (jupyter_server), and installing it pins notebook<8 and
jupyter-client<9 and adds alembic, sqlalchemy, rapidfuzz. The rule itself is 20
lines, so it is written here with nbformat; the markers stay nbgrader's, so the
notebooks also work with ``nbgrader generate_assignment`` for those who use it.
"""
import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUB = ["# YOUR CODE HERE", 'raise NotImplementedError("write your code here")']
TEXT_STUB = ["YOUR ANSWER HERE"]
DROP_TAG = "solution-only"
PROGRESS_TAG = "progress"          # lstm_course.progress skips cells with this tag
PROGRESS_HEADING = (
    "## Your progress — save the notebook (Ctrl+S), then run the cell below\n\n"
    "It runs the saved notebook in a fresh kernel (without changing it) and shows every task: "
    "✅ passed, ❌ not right yet (with the hint), ⏳ not done yet, 💥 error in your code. "
    "From a terminal: `.venv/bin/python -m lstm_course.progress` (all exercises).")


def clear_solution(source, stub=STUB, where="a cell"):
    """source with every BEGIN/END SOLUTION region replaced by ``stub`` (indented like
    the BEGIN line). ValueError for a nested or unclosed region."""
    out, inside = [], False
    for line in source.split("\n"):
        if BEGIN in line:
            if inside:
                raise ValueError(f"nested '{BEGIN}' in {where}")
            inside = True
            indent = re.match(r"\s*", line).group(0)
            out += [indent + s for s in stub]
        elif END in line:
            if not inside:
                raise ValueError(f"'{END}' without '{BEGIN}' in {where}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"'{BEGIN}' without '{END}' in {where}")
    return "\n".join(out)


def progress_cells(number):
    """The markdown heading and the code cell (tagged ``progress``) that end every exercise."""
    heading = nbformat.v4.new_markdown_cell(PROGRESS_HEADING)
    code = nbformat.v4.new_code_cell(f'from lstm_course.progress import show_progress\nshow_progress("{number}")',
                                     metadata={"tags": [PROGRESS_TAG]})
    heading["id"], code["id"] = "progress-heading", "progress"    # fixed ids: the output repeats exactly
    return [heading, code]


def make_exercise(solution, number=None):
    """The exercise notebook (a new NotebookNode) made from a solution notebook; with
    ``number`` ("02"), it ends with the progress cells."""
    nb = nbformat.from_dict(solution)  # a deep copy we may edit
    nb.metadata.pop("widgets", None)   # saved widget state belongs to the outputs
    cells = []
    for k, cell in enumerate(nb.cells):
        if DROP_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        where = f"cell {k}"
        cell.source = clear_solution(cell.source, STUB if cell.cell_type == "code" else TEXT_STUB, where)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
        cells.append(cell)
    if number is not None:
        cells += progress_cells(number)
    nb.cells = cells
    return nb


def render(nb):
    """The notebook as the text written to disk (so --check compares exactly that)."""
    return nbformat.writes(nb) + "\n"


def expected_files(solutions_dir):
    """{file name: text} of every exercise that the solutions produce."""
    files = {}
    for path in sorted(Path(solutions_dir).glob("*.ipynb")):
        try:
            files[path.name] = render(make_exercise(nbformat.read(path, as_version=4), path.name[:2]))
        except ValueError as exc:
            raise SystemExit(f"{path.name}: {exc}") from None
    return files


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when exercises/ differs from what would be written")
    parser.add_argument("--solutions", default=ROOT / "solutions", type=Path, help="default: solutions/")
    parser.add_argument("--exercises", default=ROOT / "exercises", type=Path, help="default: exercises/")
    args = parser.parse_args(argv)
    if not args.solutions.is_dir():
        parser.error(f"--solutions must be a folder of notebooks, got {args.solutions}")
    files = expected_files(args.solutions)
    if not files:
        parser.error(f"no notebooks in {args.solutions}")

    if args.check:
        present = {p.name for p in args.exercises.glob("*.ipynb")} if args.exercises.is_dir() else set()
        stale = [n for n, text in files.items()
                 if n not in present or (args.exercises / n).read_text(encoding="utf-8") != text]
        extra = sorted(present - set(files))
        for name in stale:
            print(f"out of date: exercises/{name}")
        for name in extra:
            print(f"no solution for: exercises/{name}")
        if stale or extra:
            print("run: python scripts/make_exercises.py")
            return 1
        print(f"exercises/ is in sync with solutions/ ({len(files)} notebooks)")
        return 0

    args.exercises.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.exercises / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} notebooks to {args.exercises.name}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
