"""Your progress at a glance: run your exercise notebooks and show each task's verdict.

Each notebook is run top to bottom in a fresh kernel (the file itself is never changed;
cells tagged ``progress`` are skipped; a cell that raises does not stop the run), and
every checker cell's printed verdict is collected into a table per notebook:

    Task                     Status               Hint
    Task 1: the sigmoid      ✅ passed
    Task 2: its derivative   ❌ not right yet     You return s * s; the derivative is s (1 - s).
    Task 3: the memory cell  ⏳ not done yet
    Task 4: ...              💥 error in code     your code cell raised SyntaxError: ...

From a terminal (default folder: my_exercises/, else exercises/):

    python -m lstm_course.progress            # every exercise
    python -m lstm_course.progress 02 05      # just these
    python -m lstm_course.progress --folder DIR

In a notebook, ``show_progress("02")`` (the last cell of every exercise) runs that
exercise's SAVED file from the notebook's folder and shows the table: save first (Ctrl+S).
"""
import argparse
import html
import os
import shutil
import sys
import textwrap
import time
import unicodedata
from pathlib import Path

from .workspace import EXERCISES, ROOT, default_folder

from .exercise_run import (ERROR, FAILED, LABELS, NOT_DONE, PASSED, TIMEOUT,  # noqa: F401 (re-exported)
                           NotebookProgress, TaskProgress, parse_verdict, read_tasks, run_notebook)


# --- tables ------------------------------------------------------------------------

def _width(text):
    """Columns a terminal uses for text (emoji and CJK take two)."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def _pad(text, width):
    return text + " " * max(0, width - _width(text))


def _wrap(text, width):
    """Lines of at most ``width`` columns, broken between words only (a longer word
    stays whole on its own line)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def text_table(progress, width=None):
    """One notebook's tasks as an aligned plain-text table, hints wrapped at word breaks."""
    width = width or min(120, max(60, shutil.get_terminal_size((100, 24)).columns))
    head = [_shown(progress.path) + f" — {progress.passed} of {len(progress.tasks)} tasks passed"]
    if progress.problem:
        head.append(f"  ({progress.problem})")
    if not progress.tasks:
        return "\n".join(head)
    rows = [("Task", "Status", "Hint")] + [(t.title, t.label, t.hint) for t in progress.tasks]
    status_w = max(_width(r[1]) for r in rows)
    task_w = max(12, min(max(_width(r[0]) for r in rows), 34, width - status_w - 8 - 24))
    hint_w = max(24, width - task_w - status_w - 8)    # 2 + 3 + 3 columns of spaces
    lines = []
    for k, (task, status, hint) in enumerate(rows):
        left, right = _wrap(task, task_w), _wrap(hint, hint_w)
        for i in range(max(len(left), len(right))):
            cells = [_pad(left[i] if i < len(left) else "", task_w),
                     _pad(status if i == 0 else "", status_w),
                     right[i] if i < len(right) else ""]
            lines.append(("  " + "   ".join(cells)).rstrip())
        if k == 0:
            lines.append("  " + "-" * (task_w + status_w + 6 + min(hint_w, max(_width(r[2]) for r in rows))))
    return "\n".join(head + lines)


_COLOURS = {PASSED: "#e6f4ea", FAILED: "#fce8e6", NOT_DONE: "#f1f3f4", ERROR: "#fef7e0"}


def html_table(progress):
    """One notebook's tasks as an HTML table (status in words beside the glyph)."""
    esc = html.escape
    rows = "".join(
        f'<tr style="background:{_COLOURS[t.status]}"><td style="text-align:left">{esc(t.title)}</td>'
        f'<td style="text-align:left;white-space:nowrap">{esc(t.label)}</td>'
        f'<td style="text-align:left">{esc(t.hint)}</td></tr>'
        for t in progress.tasks)
    problem = f"<p>{esc(progress.problem)}</p>" if progress.problem else ""
    return (f"<p><b>{esc(_shown(progress.path))}</b>: {progress.passed} of {len(progress.tasks)} tasks passed</p>"
            f"{problem}<table><thead><tr><th style='text-align:left'>Task</th><th style='text-align:left'>Status</th>"
            f"<th style='text-align:left'>Hint</th></tr></thead><tbody>{rows}</tbody></table>")


def _shown(path):
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return path.name


# --- finding notebooks ---------------------------------------------------------------

def _number(text):
    text = str(text).strip()
    if not text.isdigit():
        raise ValueError(f"an exercise number is 01 to 99, got {text!r}")
    return f"{int(text):02d}"


def find_notebooks(folder, numbers=()):
    """The exercise notebooks in ``folder`` (NN_*.ipynb, backups NAME.bak-*.ipynb left
    out), only those of ``numbers`` when given. ValueError when a number has none."""
    folder = Path(folder)
    found = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if ".bak-" not in p.name)
    if not numbers:
        return found
    chosen = []
    for number in numbers:
        nn = _number(number)
        mine = [p for p in found if p.name[:2] == nn]
        if not mine:
            raise ValueError(f"no exercise {nn} in {folder} (there are: "
                             f"{', '.join(sorted({p.name[:2] for p in found})) or 'none'})")
        chosen += [p for p in mine if p not in chosen]
    return chosen


def _this_notebook(nn, folder):
    """The notebook ``show_progress`` runs: the one the kernel belongs to when Jupyter
    says so (JPY_SESSION_NAME), else the course's name for exercise nn, else the newest."""
    session = Path(os.environ.get("JPY_SESSION_NAME", "")).name
    if session[:3] == f"{nn}_" and (folder / session).is_file():
        return folder / session
    mine = find_notebooks(folder, [nn])
    usual = [p for p in mine if (EXERCISES / p.name).is_file()]
    return usual[0] if usual else max(mine, key=lambda p: p.stat().st_mtime)


def show_progress(number, folder=None, timeout=TIMEOUT):
    """Run the SAVED exercise ``number`` (e.g. "02") from ``folder`` (default: the kernel's
    current folder, which is the notebook's) in a fresh kernel and display its table.
    Returns the NotebookProgress."""
    from IPython import get_ipython
    from IPython.display import display

    folder = Path(folder) if folder is not None else Path.cwd()
    try:
        path = _this_notebook(_number(number), folder)
    except ValueError as exc:
        print(f"show_progress: {exc}")
        return None
    saved = time.strftime("%H:%M:%S", time.localtime(path.stat().st_mtime))
    note = (f"Running the saved file {path.name} (saved at {saved}) in a fresh kernel; "
            "changes you have not saved are not in it: save (Ctrl+S), then run this cell again.")
    print(note)
    progress = run_notebook(path, timeout=timeout)
    text = text_table(progress, width=110)
    if get_ipython() is None:          # plain Python: the text table
        print(text)
    else:
        display({"text/html": html_table(progress), "text/plain": text}, raw=True)
    return progress


# --- command line --------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m lstm_course.progress",
        description="Run your exercise notebooks (without changing them) and show a table per task: "
                    "✅ passed, ❌ not right yet (with the hint), ⏳ not done yet, 💥 error in your code.")
    parser.add_argument("numbers", nargs="*", metavar="NN", help="exercise numbers, e.g. 02 05 (default: all)")
    parser.add_argument("--folder", type=Path, default=None,
                        help="the notebooks' folder (default: my_exercises/ if it exists, else exercises/)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help=f"seconds per cell (default {TIMEOUT})")
    args = parser.parse_args(argv)
    if not args.timeout > 0:
        parser.error(f"--timeout must be positive, got {args.timeout}")
    folder = args.folder
    if folder is None:
        folder = default_folder()
        if not folder.is_dir():
            print(f"({_shown(folder)}/ does not exist yet: `bash scripts/lab.sh` or "
                  "`python -m lstm_course.workspace` makes it. Reading the blank exercises/ instead.)")
            folder = EXERCISES
    if not folder.is_dir():
        parser.error(f"--folder must be a folder, got {folder}")
    try:
        paths = find_notebooks(folder, args.numbers)
    except ValueError as exc:
        parser.error(str(exc))
    if not paths:
        parser.error(f"no exercise notebooks (NN_*.ipynb) in {folder}")

    from tqdm.auto import tqdm

    results = []
    with tqdm(paths, desc="running exercises", unit="notebook", file=sys.stderr) as bar:
        for path in bar:
            bar.set_postfix_str(path.name[:2])
            results.append(run_notebook(path, timeout=args.timeout))
    for progress in results:
        print()
        print(text_table(progress))
    passed = sum(p.passed for p in results)
    total = sum(len(p.tasks) for p in results)
    print(f"\n{passed} of {total} tasks passed in {len(results)} notebook{'s' if len(results) != 1 else ''}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
