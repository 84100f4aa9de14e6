"""Your own copies of the exercises, in ``my_exercises/``: work there, never in ``exercises/``.

``exercises/`` holds the course's blank exercise notebooks (generated from ``solutions/``
and tracked by git). ``my_exercises/`` is git-ignored and yours: ``ensure_copies()``
copies every exercise that is missing there and never overwrites one that exists. So a
``git pull`` of course updates never conflicts with your work, and ``bash scripts/test.sh``
never sees it.

For each copy it remembers the blank notebook's SHA-256 at copy time
(``my_exercises/.course/NAME.sha256``). When an update changes ``exercises/NAME`` later:

- a copy you never changed is replaced by the new version (nothing of yours is lost);
- a copy you worked in is kept, and a note says that ``exercises/NAME`` is new, with the
  two ways on: ``--fresh NN`` (saves your copy as ``NAME.bak-DATE.ipynb``, then copies the
  new version) or ``--keep NN`` (keep yours and stop the note).

    python -m lstm_course.workspace              # make the missing copies, report updates
    python -m lstm_course.workspace --fresh 04   # start exercise 04 again from the new version
    python -m lstm_course.workspace --keep 04    # keep your 04; stop reporting its update

``scripts/lab.sh`` runs the first form before it starts JupyterLab. The environment
variable ``LSTM_COURSE_MY_EXERCISES`` names another folder instead of ``my_exercises/``.
"""
import argparse
import hashlib
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"
STATE_DIR = ".course"
ENV_VAR = "LSTM_COURSE_MY_EXERCISES"
EXERCISE_NAME = re.compile(r"^\d\d_[A-Za-z0-9_]+\.ipynb$")   # 04_from_cell_to_network.ipynb


def default_folder():
    """Where the learner works: $LSTM_COURSE_MY_EXERCISES, else my_exercises/ beside exercises/."""
    return Path(os.environ.get(ENV_VAR) or ROOT / "my_exercises")


def templates(exercises=EXERCISES):
    """The blank exercise notebooks, sorted: [Path of exercises/NN_name.ipynb, ...]."""
    return sorted(p for p in Path(exercises).glob("*.ipynb") if EXERCISE_NAME.match(p.name))


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _record(work, name):
    return Path(work) / STATE_DIR / (name + ".sha256")


def _remember(work, name, digest):
    record = _record(work, name)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(digest + "\n", encoding="utf-8")


def _remembered(work, name):
    record = _record(work, name)
    return record.read_text(encoding="utf-8").strip() if record.is_file() else None


@dataclass
class Report:
    """What ``ensure_copies`` did: names of copies made, kept as they were, replaced
    (unchanged by you, and the course had a new version) and updated (yours kept,
    the course has a new version)."""
    folder: Path
    copied: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    replaced: list = field(default_factory=list)
    updated: list = field(default_factory=list)

    def lines(self, exercises=EXERCISES):
        """The report as text for the terminal."""
        where = _shown(self.folder)
        out = [f"Your exercises are in {where}/ (yours to edit; git ignores them)."]
        if self.copied:
            out.append(f"  copied from exercises/: {', '.join(self.copied)}")
        if self.replaced:
            out.append(f"  updated to the course's new version (you had not changed them): {', '.join(self.replaced)}")
        for name in self.updated:
            out.append(f"  {name}: the course has a new version of this exercise. Your copy is kept; "
                       f"the new version is {_shown(Path(exercises) / name)}.")
            out.append(f"    to start again from it: python -m lstm_course.workspace --fresh {name[:2]}"
                       f"  (your copy is saved as {Path(name).stem}.bak-DATE.ipynb first)")
            out.append(f"    to keep yours and stop this note: python -m lstm_course.workspace --keep {name[:2]}")
        return out


def _shown(path):
    """A path relative to the course folder when it lies inside, else as it is."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def ensure_copies(exercises=EXERCISES, folder=None):
    """Copy each exercise that is missing from ``folder`` (default: my_exercises/); never
    overwrite one that the learner changed. Returns a ``Report``."""
    folder = Path(folder) if folder is not None else default_folder()
    folder.mkdir(parents=True, exist_ok=True)
    report = Report(folder)
    for template in templates(exercises):
        name, new = template.name, sha256(template)
        copy = folder / name
        if not copy.exists():
            shutil.copyfile(template, copy)
            _remember(folder, name, new)
            report.copied.append(name)
            continue
        old = _remembered(folder, name)
        if old is None:                     # copied by hand or before records existed
            _remember(folder, name, new)
            report.kept.append(name)
        elif old == new:
            report.kept.append(name)
        elif sha256(copy) == old:           # never touched: the new version loses nothing
            shutil.copyfile(template, copy)
            _remember(folder, name, new)
            report.replaced.append(name)
        else:
            report.updated.append(name)
    return report


def backup_name(copy, when=None):
    """NAME.bak-YYYY-MM-DD-HHMM.ipynb beside the copy, not yet taken."""
    stamp = time.strftime("%Y-%m-%d-%H%M", time.localtime(when))
    copy = Path(copy)
    candidate = copy.with_name(f"{copy.stem}.bak-{stamp}.ipynb")
    n = 2
    while candidate.exists():
        candidate = copy.with_name(f"{copy.stem}.bak-{stamp}-{n}.ipynb")
        n += 1
    return candidate


def fresh(name, exercises=EXERCISES, folder=None):
    """Start exercise ``name`` again from exercises/: the learner's copy, if any, is moved
    to NAME.bak-DATE.ipynb first. Returns the backup's Path, or None when there was no copy."""
    folder = Path(folder) if folder is not None else default_folder()
    template = Path(exercises) / name
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / name
    backup = None
    if copy.exists():
        backup = backup_name(copy)
        copy.rename(backup)
    shutil.copyfile(template, copy)
    _remember(folder, name, sha256(template))
    return backup


def keep(name, exercises=EXERCISES, folder=None):
    """Keep the learner's copy of ``name`` as it is and stop reporting the course's update."""
    folder = Path(folder) if folder is not None else default_folder()
    _remember(folder, name, sha256(Path(exercises) / name))


def resolve(text, exercises=EXERCISES):
    """The exercise file name for "4", "04", "04_from_cell_to_network" or its .ipynb name.
    ValueError when none or several match."""
    names = [p.name for p in templates(exercises)]
    stem = text[:-6] if text.endswith(".ipynb") else text
    if stem.isdigit():
        found = [n for n in names if n[:2] == f"{int(stem):02d}"]
    else:
        found = [n for n in names if n[:-6] == stem]
    if len(found) != 1:
        raise ValueError(f"no exercise {text!r} in {_shown(exercises)}/ (there are: "
                         f"{', '.join(n[:2] for n in names) or 'none'})")
    return found[0]


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m lstm_course.workspace",
        description="Make your own copies of the exercises in my_exercises/ and report course updates.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--fresh", nargs="+", metavar="NN",
                       help="start these exercises again from exercises/ (your copy is saved as NAME.bak-DATE.ipynb)")
    group.add_argument("--keep", nargs="+", metavar="NN",
                       help="keep your copy of these exercises and stop reporting that the course changed them")
    parser.add_argument("--folder", type=Path, default=None,
                        help=f"where your copies are (default: my_exercises/, or ${ENV_VAR})")
    args = parser.parse_args(argv)
    folder = args.folder if args.folder is not None else default_folder()
    if not templates():
        parser.error(f"no exercise notebooks in {EXERCISES}")
    try:
        fresh_names = [resolve(t) for t in args.fresh or []]
        keep_names = [resolve(t) for t in args.keep or []]
    except ValueError as exc:
        parser.error(str(exc))
    for name in fresh_names:
        backup = fresh(name, folder=folder)
        saved = f"; your copy was saved as {_shown(backup)}" if backup else ""
        print(f"{_shown(folder / name)}: a fresh copy of exercises/{name}{saved}")
    for name in keep_names:
        keep(name, folder=folder)
        print(f"{_shown(folder / name)}: kept as it is; the course's update of it is no longer reported")
    print("\n".join(ensure_copies(folder=folder).lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
