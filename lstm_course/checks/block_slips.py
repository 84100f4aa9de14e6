"""Slips in reading a step's blocks, named: the helpers the GRU's and the NFG step's checkers share.

A step with three blocks of H rows (the GRU's r, z, n; the NFG's i, g, o) computes a
(B, 3H) array and slices it. ``take`` reads the blocks in any order or off by one;
``misread`` and ``off_by_one`` say in words what such a reading got wrong (``SHIFTS``:
the off-by-one slices that stay inside the 3H columns); ``untransposed`` and
``BOTH_MISSING`` are the hints for W_hh's square blocks used without .T and for both
biases left out.
"""
import itertools

ROWS = ("0:H", "H:2H", "2H:3H")


def misread(perm, names):
    """'yours takes r from rows H:2H (the z block), z from rows 0:H (the r block)' for a block order."""
    wrong = [f"{names[k]} from rows {ROWS[perm[k]]} (the {names[perm[k]]} block)" for k in range(3) if perm[k] != k]
    return "yours takes " + ", ".join(wrong)


def take(a, H, order=(0, 1, 2), shift=(0, 0, 0)):
    """The three H-wide blocks of a (B, 3H) array: block k read from column order[k] * H + shift[k] on."""
    return [a[:, order[k] * H + shift[k]:order[k] * H + shift[k] + H] for k in range(3)]


# Slices off by one that keep H columns inside the 3H: a start shift (-1, 0 or +1) for each block.
SHIFTS = [s for s in itertools.product((-1, 0, 1), repeat=3)
          if any(s) and s[0] >= 0 and s[2] <= 0]


def _moved(bound, s):
    return "1" if bound == "0" else f"{bound}{'+' if s > 0 else '-'}1"


def off_by_one(shift, names, where="a[:, {}]", place=""):
    """'a block's slice is off by one: the z block is a[:, H:2*H], yours reads a[:, H-1:2*H-1]. ...'."""
    bounds = (("0", "H"), ("H", "2*H"), ("2*H", "3*H"))
    wrong = [f"the {names[k]} block is {where.format(f'{a}:{b}')}, yours reads "
             f"{where.format(f'{_moved(a, s)}:{_moved(b, s)}')}"
             for k, ((a, b), s) in enumerate(zip(bounds, shift)) if s]
    return (f"a block's slice is off by one{place}: " + "; ".join(wrong) + ". Block k is "
            + where.format("k*H:(k+1)*H") + ", H wide from k*H.")


def untransposed(blocks):
    """The hint for W_hh's square (H, H) blocks multiplied without their .T; blocks: e.g. 'W_hr, W_hz, W_hn'."""
    first = blocks.split(",")[0]
    return (f"W_hh's square blocks are used untransposed: {blocks} are (H, H) each, so h_prev @ {first} runs without "
            "an error but multiplies by the wrong matrix (right only where h is zero or H = 1). Like the whole "
            f"matrix, each block needs its .T: h_prev @ {first}.T, or h_prev @ W_hh.T once and then the slices.")


BOTH_MISSING = "both biases are missing: add b_ih to the input's part and b_hh to the state's part, each once."
