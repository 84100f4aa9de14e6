"""Running one exercise notebook and reading each task's verdict (for ``progress``).

The notebook is executed in a fresh kernel from a copy (the file is only read;
cells tagged ``progress`` are skipped; a cell that raises does not stop the run),
then each checker cell's printed verdict (✅ / ❌ / ⏳ and its hint) is read,
with the task's title from the "## Task N: ..." heading above it.
"""
import logging
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

PASSED, FAILED, NOT_DONE, ERROR = "passed", "not right yet", "not done yet", "error"
LABELS = {PASSED: "✅ passed", FAILED: "❌ not right yet", NOT_DONE: "⏳ not done yet",
          ERROR: "💥 error in your code"}
VERDICTS = {"✅": PASSED, "❌": FAILED, "⏳": NOT_DONE}
SKIP_TAG = "progress"
TASK_HEADING = re.compile(r"^##\s+(Task\b.*?)\s*$")
SECTION_HEADING = re.compile(r"^#{1,2}\s")
TIMEOUT = 120          # seconds per cell


@dataclass
class TaskProgress:
    """One checker's verdict: the task's title, a status (PASSED, FAILED, NOT_DONE,
    ERROR) and the hint (or the error's one line), possibly ""."""
    title: str
    status: str
    hint: str = ""

    @property
    def label(self):
        return LABELS[self.status]


@dataclass
class NotebookProgress:
    """The tasks of one notebook; ``problem`` says why it could not run (fully), or ""."""
    path: Path
    tasks: list = field(default_factory=list)
    problem: str = ""

    @property
    def passed(self):
        return sum(t.status == PASSED for t in self.tasks)

    def _ipython_display_(self):
        """As a cell's last value, show nothing more: show_progress displayed the table."""


# --- reading an executed notebook ------------------------------------------------

def _stdout(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


def _error(cell):
    """'NameError: name 'x' is not defined' for a cell that raised, else ''."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            if out.get("ename") == "KeyboardInterrupt":     # what the per-cell timeout does
                return "TimeoutError: it ran past the time limit per cell and was stopped (an endless loop?)"
            said = f"{out.get('ename', 'Error')}: {out.get('evalue', '')}".strip().rstrip(":")
            return re.sub(r"\(\w+\.py, line (\d+)\)", r"(line \1)", said)   # the kernel's temp file name
    return ""


def parse_verdict(text):
    """(status, hint) from a checker's printed text, or None when it printed no verdict.

    A verdict starts with ✅, ❌ or ⏳ at the start of a line; the indented lines after it
    continue it (the checkers wrap long lines between words). After "not right yet." come
    the hint ("Hint: ...") and details ("(...)"); after ⏳'s sentence, a note "(...)". The
    hint is returned as one line (none for ✅). With several verdicts, the first that did
    not pass counts."""
    lines = text.splitlines()
    found = []
    for k, line in enumerate(lines):
        mark = line.lstrip()[:1]
        if mark not in VERDICTS:
            continue
        block = [line.strip()]
        for more in lines[k + 1:]:
            if not more.startswith((" ", "\t")) or not more.strip():
                break
            block.append(more.strip())
        said, status = " ".join(block), VERDICTS[mark]
        hint = ""
        if status == FAILED:
            hint = said.split("not right yet.", 1)[-1].strip() if "not right yet." in said else ""
            hint = hint[len("Hint:"):].strip() if hint.startswith("Hint:") else hint
        elif status == NOT_DONE:      # a note is a "(...)" at the very end
            note = re.search(r"\(((?:[^()]|\([^()]*\))*)\)$", said)
            hint = note.group(1).strip() if note and "not done yet" not in note.group(1) else ""
        found.append((status, hint))
    if not found:
        return None
    return next((f for f in found if f[0] != PASSED), found[0])


def is_checker(cell):
    return cell.get("cell_type") == "code" and cell.get("source", "").lstrip().startswith("check_")


def _ran(cell):
    return cell.get("execution_count") is not None or bool(cell.get("outputs"))


def read_tasks(nb, stopped=""):
    """The TaskProgress of every checker cell in an executed notebook.

    A task is the part of the notebook under a "## Task N: ..." heading (up to the next
    heading of level 1 or 2). A code cell above the checker that raised (other than with
    NotImplementedError) makes the task 💥, unless the checker passed. ``stopped``: why the
    run ended early (the kernel died), reported for checkers that never ran."""
    tasks, title, raised, has_checker = [], None, "", False

    def close_section():
        if title is not None and not has_checker:
            tasks.append(TaskProgress(title, NOT_DONE, "no checker cell (`check_...`) under this task: "
                                                       "copy it back from the blank exercise"))

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            first = cell.source.lstrip().split("\n", 1)[0]
            if SECTION_HEADING.match(first):
                close_section()
                heading = TASK_HEADING.match(first)
                title = heading.group(1) if heading else None
                raised, has_checker = "", False
            continue
        if cell.cell_type != "code" or SKIP_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if not is_checker(cell):
            err = _error(cell)
            if err and not err.startswith("NotImplementedError") and not has_checker:
                raised = raised or err
            continue
        has_checker = True
        name = title or cell.source.strip().split("(", 1)[0]
        verdict = parse_verdict(_stdout(cell))
        if verdict and (verdict[0] == PASSED or not raised):
            tasks.append(TaskProgress(name, *verdict))
        elif raised:
            tasks.append(TaskProgress(name, ERROR, f"your code cell raised {raised}"))
        elif _error(cell):
            tasks.append(TaskProgress(name, ERROR, f"the checker cell raised {_error(cell)}"))
        elif not _ran(cell) and stopped:
            tasks.append(TaskProgress(name, ERROR, f"not run: {stopped}"))
        else:
            tasks.append(TaskProgress(name, NOT_DONE, "the checker printed no verdict: run its cell as it was"))
    close_section()
    return tasks


# --- running a notebook ------------------------------------------------------------

def run_notebook(path, timeout=TIMEOUT, kernel_name="python3"):
    """Execute a copy of the notebook at ``path`` in a fresh kernel (in its folder) and
    return its NotebookProgress. The file is only read."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    path = Path(path)
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:        # not JSON, not a notebook: say so, do not crash
        return NotebookProgress(path, problem=f"cannot read the notebook ({type(exc).__name__}: {exc})")
    quiet = logging.getLogger("lstm_course.progress.nbclient")
    quiet.addHandler(logging.NullHandler())
    quiet.propagate = False
    client = NotebookClient(
        nb, timeout=timeout, kernel_name=kernel_name, allow_errors=True,
        interrupt_on_timeout=True, skip_cells_with_tag=SKIP_TAG, record_timing=False,
        error_on_timeout={"ename": "TimeoutError", "evalue": f"the cell ran longer than {timeout} s and was stopped",
                          "traceback": []},
        resources={"metadata": {"path": str(path.parent)}}, log=quiet)
    stopped = ""
    try:
        client.execute(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except DeadKernelError:
        stopped = "the kernel stopped before this cell (out of memory, or it crashed)"
    except Exception as exc:        # no kernel could start, ...
        return NotebookProgress(path, problem=f"could not run it: {type(exc).__name__}: {exc}")
    progress = NotebookProgress(path, read_tasks(nb, stopped))
    if stopped:
        progress.problem = stopped.replace("before this cell", "during the run")
    elif not progress.tasks:
        progress.problem = "no checker cells found: is this an exercise notebook?"
    return progress
