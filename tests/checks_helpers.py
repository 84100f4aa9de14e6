"""Shared by tests/test_checks*.py: run a solution notebook's definitions, and
assert a checker's verdict and hint."""
from pathlib import Path

import nbformat

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"


def solution_functions(name):
    """The namespace after running every code cell of solutions/NAME.ipynb that
    is not a checker call (imports and the filled-in functions)."""
    nb = nbformat.read(SOLUTIONS / f"{name}.ipynb", as_version=4)
    ns = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and not cell.source.lstrip().startswith("check_"):
            exec(compile(cell.source, f"<{name}>", "exec"), ns)  # noqa: S102 (our own notebook)
    return ns


def assert_passes(result, capsys):
    out = capsys.readouterr().out
    assert result and result.status == "passed", out
    assert out.startswith("✅"), out


def assert_caught(result, capsys, hint):
    """The checker rejected the answer and its hint contains ``hint``; nothing raw leaked."""
    out = capsys.readouterr().out
    assert not result, out
    assert result.status in ("failed", "error"), out
    assert hint in result.hint, f"expected a hint with {hint!r}, got:\n{out}"
    assert "Traceback" not in out and "site-packages" not in out, out
