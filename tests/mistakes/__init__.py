"""A corpus of natural wrong answers, one module per exercise (``exNN.py``).

Each module sets ``EXERCISE`` (the solution notebook's name) and ``MISTAKES``, a
list of ``Mistake``s: code written the way a learner writes it (in place, the
wrong dtype, a rebound dict entry, a list for an array, transposed, one step
off, gates in another order, a path missing in the backward) and a phrase that
the checker's hint must contain, the phrase that names the mistake.

``tests/test_mistakes.py`` runs every one: the checker must reject it, with that
phrase in its hint, and must not raise. ``python -m tests.mistakes.report``
prints the corpus's size and hint rate per task.
"""
import contextlib
import importlib
import io
import pkgutil
from dataclasses import dataclass
from pathlib import Path

import nbformat

SOLUTIONS = Path(__file__).resolve().parent.parent.parent / "solutions"


@dataclass
class Mistake:
    """One wrong answer. code: the learner's cell (it may redefine any function of
    the exercise; the others are the solution's); call: the checker cell as the
    notebook has it; hint: a phrase the hint must contain (case-insensitive)."""
    label: str
    code: str
    call: str
    hint: str


def modules():
    """The corpus modules, exNN.py, in order."""
    here = Path(__file__).resolve().parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("ex"))
    return [importlib.import_module(f"{__name__}.{n}") for n in names]


def all_mistakes():
    """(exercise, Mistake) for every entry of the corpus."""
    return [(m.EXERCISE, mistake) for m in modules() for mistake in m.MISTAKES]


_SOLUTION_CACHE = {}


def solution_namespace(exercise):
    """A fresh namespace holding what solutions/EXERCISE.ipynb defines (every code
    cell that is not a checker call or a progress cell), run once and copied."""
    if exercise not in _SOLUTION_CACHE:
        nb = nbformat.read(SOLUTIONS / f"{exercise}.ipynb", as_version=4)
        ns = {}
        with contextlib.redirect_stdout(io.StringIO()):
            for cell in nb.cells:
                tags = cell.get("metadata", {}).get("tags", [])
                if cell.cell_type == "code" and not cell.source.lstrip().startswith("check_") \
                        and "progress" not in tags:
                    exec(compile(cell.source, f"<{exercise}>", "exec"), ns)  # noqa: S102 (our own notebook)
        _SOLUTION_CACHE[exercise] = ns
    return dict(_SOLUTION_CACHE[exercise])


def run(exercise, mistake):
    """(CheckResult, printed text) of the mistake's checker call."""
    ns = solution_namespace(exercise)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(mistake.code, f"<mistake: {mistake.label}>", "exec"), ns)  # noqa: S102
        result = eval(mistake.call, ns)  # noqa: S307 (our own corpus)
    return result, out.getvalue()
