"""Argument types shared by the command-line tools (``train``, ``bench``): a bad
value stops argparse with a message that says what was expected and what came."""
import argparse
import math


def positive(kind, what=None):
    """An argparse type: a positive, finite ``kind`` (int or float)."""
    what = what or {int: "integer", float: "number"}[kind]

    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a positive {what}, got {text!r}") from None
        if not (value > 0 and math.isfinite(value)):
            raise argparse.ArgumentTypeError(f"expected a positive {what}, got {text!r}")
        return value
    return parse


def finite(text):
    """An argparse type: any finite float."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return value
