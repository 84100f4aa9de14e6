"""Which gate matters? Every cell on the same task, several seeds, one command (lesson 9).

    python -m lstm_course.variant_study adding --seeds 5            # the adding problem, T = 100
    python -m lstm_course.variant_study chars --seeds 5             # Macbeth, matched parameter count
    python -m lstm_course.variant_study adding --summarise-only     # the summary again, from the runs

Every run is one ``python -m lstm_course.train`` process with the same settings but for the
cell (and, for chars, the hidden size that matches the vanilla LSTM's parameter count), so
a run can be repeated alone from the command line it records. The runs go to
OUT/runs/TASK/ (one JSON each); the summary, one row per cell, to OUT/TASK_summary.json.
``--jobs`` runs that many processes at once, each on one BLAS thread.

The adding problem gives every cell with a forget gate (or the GRU's z) chrono
initialisation, as lesson 6 does for the LSTM; cells without one keep PyTorch's default.
"""
import argparse
import json
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

from .cells import VARIANTS, get_cell
from .cli import positive

ADDING = {"length": 100, "hidden": 32, "batch": 32, "lr": 0.01, "clip": 1.0,
          "max-sequences": 100_000, "max-seconds": 300}
# keep-best: each cell is scored (test part) at its best validation check, so a cell that
# learns the short play by heart sooner is not penalised for it
CHARS = {"steps": 1200, "seq-len": 50, "batch": 32, "lr": 0.005, "clip": 5.0, "dtype": "float32",
         "val-fraction": 0.1, "test-fraction": 0.1, "eval-every": 100, "keep-best": True,
         "max-seconds": 300}
CHARS_HIDDEN = 64          # the vanilla LSTM's hidden size; the other cells match its parameters


def count_params(cell, input_size, hidden_size, output_size):
    """Parameters of a cell with a linear readout of output_size (core + readout)."""
    core = get_cell(cell).init_params(input_size, hidden_size)
    return sum(v.size for v in core.values()) + output_size * (hidden_size + 1)


def matched_hidden(cell, input_size, output_size, reference="vanilla", hidden=CHARS_HIDDEN):
    """The hidden size whose parameter count is closest to the reference cell's at ``hidden``."""
    target = count_params(reference, input_size, hidden, output_size)
    return min(range(1, 4 * hidden), key=lambda h: abs(count_params(cell, input_size, h, output_size) - target))


def run_name(task, cell, seed):
    return f"{cell}_seed{seed}"


def commands(task, cells, seeds, out):
    """One (name, argv) per run: the arguments of ``python -m lstm_course.train``."""
    runs = pathlib.Path(out) / "runs" / task
    jobs = []
    for cell in cells:
        if task == "adding":
            opts = dict(ADDING)
        else:
            from . import text as tx
            V = len(tx.build_vocab(tx.load_text()))
            opts = dict(CHARS, hidden=matched_hidden(cell, V, V))
        for seed in seeds:
            argv = [task, "--cell", cell, "--seed", str(seed), "--out", str(runs), "--no-progress"]
            argv += [a for k, v in opts.items() for a in ((f"--{k}",) if v is True else (f"--{k}", str(v)))]
            argv += ["--no-record"] if task == "adding" else ["--name", run_name(task, cell, seed)]
            jobs.append((cell, seed, argv))
    return jobs


def _run(argv):
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "lstm_course.train", *argv], env=env,
                          capture_output=True, text=True)
    return done.returncode, time.perf_counter() - start, (done.stdout + done.stderr).strip()


def run_all(jobs, n_jobs, progress=True):
    """Run the jobs, n_jobs at a time; print each one's summary line as it ends."""
    bar = None
    if progress:
        from tqdm.auto import tqdm
        bar = tqdm(total=len(jobs), desc="runs", unit="run")
    with ThreadPoolExecutor(max_workers=n_jobs) as pool:
        futures = {pool.submit(_run, argv): (cell, seed) for cell, seed, argv in jobs}
        for fut in as_completed(futures):
            code, seconds, output = fut.result()
            last = output.splitlines()[-1] if output else ""
            msg = f"[{futures[fut][0]} seed {futures[fut][1]}] exit {code}, {seconds:.0f} s: {last}"
            print(msg, flush=True) if bar is None else bar.write(msg)
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()


def _run_file(task, out, cell, seed):
    runs = pathlib.Path(out) / "runs" / task
    if task == "chars":
        return runs / f"chars_{run_name(task, cell, seed)}.json"
    found = sorted(runs.glob(f"adding_{cell}_T*_seed{seed}.json"))
    return found[0] if found else None


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(task, cells, seeds, out, command):
    """Read the runs back and write OUT/TASK_summary.json: one row per cell, every run kept."""
    rows, runs = [], []
    for cell in cells:
        mine = []
        for seed in seeds:
            path = _run_file(task, out, cell, seed)
            if path is None or not path.exists():
                continue
            r = json.loads(path.read_text())
            h = r["history"]
            if task == "adding":
                entry = {"solved": r["solved"], "solved_at": r["solved_at"], "sequences": r["sequences"],
                         "final_loss": h["loss"][-1] if h["loss"] else None, "test": r["test"],
                         "history": {"sequences": h["sequences"], "loss": h["loss"]}}
            else:
                entry = {"solved": None, "solved_at": None,
                         "sequences": r["steps"] * r["config"]["batch_size"],
                         "final_loss": h["val_loss"][-1], "test": {"loss": r["test_loss"]},
                         "history": {"step": h["eval_step"], "val_loss": h["val_loss"]}}
            entry.update(cell=cell, seed=seed, seconds=round(r["seconds"], 2), stopped=r["stopped"],
                         hidden_size=r["config"]["hidden_size"], command="python -m lstm_course.train "
                         + " ".join(commands(task, [cell], [seed], out)[0][2]))
            mine.append(entry)
        runs += mine
        if not mine:
            continue
        c = get_cell(cell)
        H = mine[0]["hidden_size"]
        D, O = (2, 1) if task == "adding" else (len(_vocab()),) * 2
        # a run whose loss exploded has no meaningful final or test loss: counted, not averaged
        kept = [m for m in mine if m["stopped"] != "diverged"]
        row = {"cell": cell, "title": c.title, "hidden_size": H, "params": count_params(cell, D, H, O),
               "runs": len(mine), "diverged": len(mine) - len(kept),
               "median_seconds": round(_median([m["seconds"] for m in mine]), 2),
               "median_final_loss": _median([m["final_loss"] for m in kept])}
        if task == "adding":
            solved = [m for m in mine if m["solved"]]
            row.update(solved=len(solved), solved_rate=len(solved) / len(mine),
                       median_sequences_to_solve=_median([m["solved_at"] for m in solved]),
                       median_test_loss=_median([m["test"]["mse"] for m in kept]))
        else:
            row.update(median_test_loss=_median([m["test"]["loss"] for m in kept]))
        rows.append(row)
    summary = {"task": task, "command": command, "machine": _machine(),
               "settings": ADDING if task == "adding" else dict(CHARS, reference_hidden=CHARS_HIDDEN),
               "seeds": list(seeds), "cells": rows, "runs": runs}
    path = pathlib.Path(out) / f"{task}_summary.json"
    path.write_text(json.dumps(summary, indent=1))
    return summary


def _vocab():
    from . import text as tx
    return tx.build_vocab(tx.load_text())


def _machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "numpy": __import__("numpy").__version__, "load_at_summary": load}


def summary_cells(summary):
    """The rows of a saved summary (a dict read from results/variants/<task>_summary.json)."""
    if not isinstance(summary, dict) or summary.get("task") not in ("adding", "chars") or not summary.get("cells"):
        raise ValueError("summary must be the dict of results/variants/<task>_summary.json, with "
                         "'task' ('adding' or 'chars') and a non-empty 'cells' list")
    return summary["cells"]


def _fmt(x, spec):
    """x formatted with spec, or "-" where the summary has no number (None: no run gave one)."""
    return "-" if x is None else format(x, spec)


def results_table(summary):
    """The summary of one task as a text table, a row per cell (in the file's order).

    adding: parameters, runs solved, median sequences to solve (over the solved runs),
    median seconds, median final training loss and test MSE; chars: hidden size,
    parameters, median test loss (nats per character), seconds and final loss. Both:
    the runs that diverged (stopped when the loss exploded); "-" where no run gave a number.
    """
    rows = summary_cells(summary)
    if summary["task"] == "adding":
        head = f"{'cell':<10}{'params':>7}{'solved':>8}{'median seq. to solve':>22}{'time (s)':>10}" \
               f"{'final loss':>12}{'test MSE':>10}{'diverged':>10}"
        lines = [f"{r['cell']:<10}{r['params']:>7,}{r['solved']:>5}/{r['runs']:<2}"
                 f"{_fmt(r['median_sequences_to_solve'], ','):>22}{_fmt(r['median_seconds'], '.1f'):>10}"
                 f"{_fmt(r['median_final_loss'], '.4f'):>12}{_fmt(r['median_test_loss'], '.4f'):>10}"
                 f"{r.get('diverged', 0):>10}" for r in rows]
    else:
        head = f"{'cell':<10}{'H':>4}{'params':>8}{'test nats/char':>16}{'time (s)':>10}{'final loss':>12}" \
               f"{'diverged':>10}"
        lines = [f"{r['cell']:<10}{r['hidden_size']:>4}{r['params']:>8,}{_fmt(r['median_test_loss'], '.3f'):>16}"
                 f"{_fmt(r['median_seconds'], '.1f'):>10}{_fmt(r['median_final_loss'], '.3f'):>12}"
                 f"{r.get('diverged', 0):>10}" for r in rows]
    return "\n".join([head, "-" * len(head), *lines])



def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m lstm_course.variant_study", description=__doc__.split("\n")[0])
    p.add_argument("task", choices=("adding", "chars"))
    p.add_argument("--cells", default=",".join(VARIANTS), help="comma-separated (default: all of lesson 9's)")
    p.add_argument("--seeds", type=positive(int), default=5, help="seeds 0 .. N-1 per cell (default 5)")
    p.add_argument("--jobs", type=positive(int), default=max(1, (os.cpu_count() or 2) - 1),
                   help="runs at once (default: the cores less one)")
    p.add_argument("--out", default="results/variants")
    p.add_argument("--summarise-only", action="store_true", help="only read the runs back and summarise")
    p.add_argument("--no-progress", action="store_true")
    args = p.parse_args(argv)
    cells = [c.strip() for c in args.cells.split(",") if c.strip()]
    for c in cells:
        try:
            get_cell(c)
        except ValueError as exc:
            p.error(str(exc))
    seeds = list(range(args.seeds))
    command = f"python -m lstm_course.variant_study {args.task} --cells {','.join(cells)} --seeds {args.seeds}"
    if not args.summarise_only:
        jobs = commands(args.task, cells, seeds, args.out)
        run_all(jobs, args.jobs, progress=not args.no_progress)
    summary = summarise(args.task, cells, seeds, args.out, command)
    print(results_table(summary))
    print(f"summary: {pathlib.Path(args.out) / (args.task + '_summary.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
