"""What a checker tells the learner: the verdict, printed once, and a
``CheckResult`` that tests (and notebooks) can assert on.

``Stop`` lets any helper deep inside a checker end the check with a verdict.

Grading mode (``LSTM_COURSE_GRADING=1``, set by the instructors' nbgrader config,
instructor/nbgrader_config.py): after printing, a verdict other than passed raises
``AssertionError``, so that nbgrader's autograde gives the checker cell no points.
Without the variable nothing changes.
"""
import os
import sys
import textwrap
from dataclasses import dataclass

PASSED, FAILED, NOT_DONE, ERROR = "passed", "failed", "not done", "error"
GRADING_ENV = "LSTM_COURSE_GRADING"

@dataclass
class CheckResult:
    """What a checker found. ``bool(result)`` is True only when the check passed.

    status: "passed", "failed", "not done" or "error"; hint: the likely mistake
    (a sentence) or ""; message: the text that was printed.
    """
    name: str
    status: str
    hint: str = ""
    message: str = ""

    def __bool__(self):
        return self.status == PASSED

    def _ipython_display_(self):
        """The message was printed already; as a cell's last value, show nothing more."""

    def __repr__(self):
        return f"CheckResult(name={self.name!r}, status={self.status!r}, hint={self.hint!r})"


class Stop(Exception):
    """Raised inside a checker to end the check with a result (caught by ``report``)."""

    def __init__(self, status, hint="", detail=""):
        super().__init__(hint)
        self.status, self.hint, self.detail = status, hint, detail


WIDTH = 96   # JupyterLab breaks output lines anywhere, even mid-word: we break them first, between words


def _wrap(text, first="", rest="   "):
    return textwrap.fill(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)


def report(name, status, hint="", detail="", summary=""):
    """Print the verdict (glyph and words: the glyph alone may not render) and the
    hint, wrapped between words, and return the CheckResult."""
    if status == PASSED:
        text = _wrap(f"✅ {name} passed: {summary}")
    elif status == NOT_DONE:
        text = _wrap(f"⏳ {name}: not done yet. Replace the line `raise NotImplementedError(...)` "
                     "with your code, then run this cell again.")
        if hint:
            text += "\n" + _wrap(f"({hint})", "   ")
    else:
        text = f"❌ {name}: not right yet."
        if hint:
            text += "\n" + _wrap(hint, "   Hint: ", "         ")
        if detail:
            text += "\n" + _wrap(f"({detail})", "   ")
    sys.stdout.write(text + "\n")   # one write, so the notebook stores one stream output
    sys.stdout.flush()
    if status != PASSED and os.environ.get(GRADING_ENV, "") not in ("", "0"):
        __tracebackhide__ = True   # noqa: F841 (IPython and pytest leave this frame out of tracebacks)
        raise AssertionError(f"{name}: {status} (grading mode: {GRADING_ENV} is set)")
    return CheckResult(name, status, hint, text)
