"""Train from the shell: ``python -m lstm_course.train adding|chars [options]``.

    python -m lstm_course.train adding --length 100 --seed 0
    python -m lstm_course.train chars --steps 1000
    python -m lstm_course.train chars ... --name NAME --save-model results/char_model.npz

Each shows a progress bar, ends with one summary line, and writes under --out
(default results/): the parameters (.npz) and a JSON of the run (settings,
outcome, loss history). Adding runs are also collected in adding_runs.json,
one entry per setting and seed (a rerun replaces its entry).
Exit status: 0 done (adding: solved); 1 not solved or diverged; 2 bad arguments.
The training itself lives in ``training`` and ``char_training``; this file only
parses arguments, calls them and reports.
"""
import argparse
import json
import pathlib
import sys

import numpy as np

from .cells import CELLS, get_cell
from .cli import finite, positive
from .model import save_model


def build_parser():
    """The argument parser (subcommands adding and chars)."""
    p = argparse.ArgumentParser(prog="python -m lstm_course.train", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="task", required=True, metavar="{adding,chars}")
    a = sub.add_parser("adding", help="the 1997 adding problem (lesson 6)")
    a.add_argument("--length", type=int, default=100, help="sequence length T (>= 10; default 100)")
    a.add_argument("--cell", choices=tuple(CELLS), default="lstm", metavar="CELL",
                   help=f"the recurrent cell: {', '.join(CELLS)} (default lstm; see lesson 9)")
    a.add_argument("--hidden", type=positive(int), default=32, help="hidden size H (default 32)")
    a.add_argument("--batch", type=positive(int), default=32, help="sequences per step (default 32)")
    a.add_argument("--lr", type=positive(float), default=1e-2, help="Adam learning rate (default 0.01)")
    a.add_argument("--clip", type=positive(float), default=1.0, help="max gradient norm (default 1)")
    a.add_argument("--forget-bias", type=finite, default=None,
                   help="start every forget gate at this bias (default: chrono initialisation)")
    a.add_argument("--max-sequences", type=positive(int), default=1_000_000)
    a.add_argument("--max-seconds", type=positive(float), default=300.0)
    a.add_argument("--test-sequences", type=positive(int), default=2000)
    a.add_argument("--no-record", action="store_true",
                   help="do not add the run to OUT/adding_runs.json (runs in parallel cannot share it)")
    c = sub.add_parser("chars", help="a character-level model of a shipped play (lesson 7)")
    c.add_argument("--steps", type=positive(int), default=1000, help="training steps (default 1000)")
    c.add_argument("--cell", choices=tuple(CELLS), default="lstm", metavar="CELL",
                   help=f"the recurrent cell: {', '.join(CELLS)} (default lstm)")
    c.add_argument("--hidden", type=positive(int), default=128)
    c.add_argument("--seq-len", type=positive(int), default=50, help="truncated BPTT length T")
    c.add_argument("--batch", type=positive(int), default=32, help="parallel streams B")
    c.add_argument("--lr", type=positive(float), default=5e-3)
    c.add_argument("--clip", type=positive(float), default=5.0)
    c.add_argument("--temperature", type=positive(float), default=0.8, help="for the samples")
    c.add_argument("--max-seconds", type=positive(float), default=None)
    c.add_argument("--lr-schedule", choices=("constant", "cosine"), default="constant",
                   help="cosine: lr falls to 0 over --steps (default constant)")
    c.add_argument("--schedule-steps", type=positive(int), default=None,
                   help="cosine: the steps over which lr falls to 0 (default --steps)")
    c.add_argument("--dtype", choices=("float64", "float32"), default="float64",
                   help="training arithmetic (float32 is faster; the saved model is float64)")
    c.add_argument("--val-fraction", type=positive(float), default=0.1,
                   help="validation part, just before the test part (default 0.1)")
    c.add_argument("--test-fraction", type=positive(float), default=0.1,
                   help="held-out test part, the end of the play (default 0.1)")
    c.add_argument("--dropout", type=float, default=0.0,
                   help="fraction of h dropped on its way to the readout, in training (default 0)")
    c.add_argument("--more-plays", action="store_true",
                   help="also learn from the other tragedies shipped (text.MORE_PLAYS), read before "
                        "Macbeth's training part; validation and test stay the end of Macbeth")
    c.add_argument("--keep-best", action="store_true",
                   help="keep the parameters of the lowest validation loss (early stopping)")
    c.add_argument("--eval-every", type=positive(int), default=100, help="steps between validation losses")
    c.add_argument("--name", default=None, help="run name: writes chars_NAME.json/.npz (default seedSEED)")
    c.add_argument("--save-model", default=None, metavar="PATH",
                   help="also write the whole model (parameters, vocabulary, settings, losses) to PATH "
                        "(lstm_course.char_model.load_char_model reads it)")
    for q in (a, c):
        q.add_argument("--seed", type=int, default=0)
        q.add_argument("--out", default="results", help="folder for the .npz and .json (default results)")
        q.add_argument("--no-progress", action="store_true", help="no progress bar")
    return p


def _clean(value):
    """JSON-safe: numpy numbers and arrays to Python ones."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value.item() if isinstance(value, np.generic) else value


def write_run(out, name, result, extra):
    """Save result["model"] as out/name.npz and the run as out/name.json; return the dict written."""
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    save_model(out / f"{name}.npz", result["model"])
    record = {k: v for k, v in result.items() if k not in ("model", "train_abs_errors")}
    record = _clean({**record, **extra, "parameters_file": f"{name}.npz"})
    (out / f"{name}.json").write_text(json.dumps(record, indent=1))
    return record


def record_adding_run(path, entry):
    """Add or replace (same settings and seed) one entry in the runs file; return all entries."""
    path = pathlib.Path(path)
    runs = json.loads(path.read_text())["runs"] if path.exists() else []
    runs = [r for r in runs if r["config"] != entry["config"]] + [entry]
    path.write_text(json.dumps({"about": "one entry per run of `python -m lstm_course.train adding`; "
                                "written by the command", "runs": runs}, indent=1))
    return runs


def run_adding(args):
    from .training import evaluate_adding, train_adding
    has_memory_gate = get_cell(args.cell).memory_gate is not None
    if args.forget_bias is not None and not has_memory_gate:
        raise ValueError(f"the {args.cell} cell has no forget gate: --forget-bias does not apply")
    chrono = args.length if args.forget_bias is None and has_memory_gate else None
    result = train_adding(length=args.length, hidden_size=args.hidden, batch_size=args.batch, lr=args.lr,
                          clip=args.clip, forget_bias=args.forget_bias, chrono=chrono, cell=args.cell,
                          seed=args.seed, max_sequences=args.max_sequences, max_seconds=args.max_seconds,
                          progress=not args.no_progress)
    test = evaluate_adding(result["model"], args.length, args.test_sequences, seed=args.seed)
    init = "none" if not has_memory_gate else f"forget bias {args.forget_bias:g}" if chrono is None else f"chrono T_max={chrono}"
    slug = "" if not has_memory_gate else "_chrono" if chrono else f"_fb{args.forget_bias:g}"
    name = f"adding_{args.cell}_T{args.length}{slug}_seed{args.seed}"
    write_run(args.out, name, result, {"test": test, "init": init})
    cfg = result["config"]
    if not args.no_record:
        record_adding_run(pathlib.Path(args.out) / "adding_runs.json", {
            "config": cfg, "init": init, "solved": result["solved"], "solved_at": result["solved_at"],
            "sequences": result["sequences"], "seconds": round(result["seconds"], 2),
            "stopped": result["stopped"], "test": test})
    if result["message"]:
        print(f"stopped: {result['message']}", file=sys.stderr)
    outcome = (f"solved after {result['solved_at']:,} training sequences" if result["solved"]
               else f"not solved ({result['stopped']}) after {result['sequences']:,} training sequences")
    print(f"adding {args.cell} T={args.length} seed {args.seed} ({init}): {outcome}; "
          f"test on {test['n']:,} fresh sequences: MSE {test['mse']:.5f}, "
          f"mean |error| {test['mean_abs_error']:.4f}, {100 * test['fraction_correct']:.1f}% correct; "
          f"wall time {result['seconds']:.1f} s")
    return 0 if result["solved"] else 1


def chars_command(argv):
    """The command line that reproduces a chars run (for the records), with the BLAS thread
    setting when one was given (one thread is much faster on a busy 2-core machine)."""
    import os
    env = "".join(f"{k}={os.environ[k]} " for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS") if k in os.environ)
    return env + "python -m lstm_course.train " + " ".join(argv)


def _more_plays(args):
    """The other tragedies as one str when --more-plays is given, else None."""
    from . import text as tx
    return tx.load_plays() if args.more_plays else None


def run_chars(args, argv=None):
    from . import text as tx
    from .char_training import train_chars
    result = train_chars(hidden_size=args.hidden, seq_len=args.seq_len, batch_size=args.batch, lr=args.lr,
                         clip=args.clip, max_steps=args.steps, max_seconds=args.max_seconds, seed=args.seed,
                         temperature=args.temperature, progress=not args.no_progress,
                         print_samples=True, val_fraction=args.val_fraction,
                         test_fraction=args.test_fraction, lr_schedule=args.lr_schedule, dtype=args.dtype,
                         eval_every=args.eval_every, keep_best=args.keep_best,
                         dropout=args.dropout, cell=args.cell,
                         extra_text=_more_plays(args), schedule_steps=args.schedule_steps)
    h = result["history"]
    name = args.name or f"seed{args.seed}"
    command = chars_command(sys.argv[1:] if argv is None else argv)
    extra = {"vocab": result["vocab"], "command": command, "text": "macbeth.txt",
             **({"more_plays": list(tx.MORE_PLAYS)} if args.more_plays else {}),
             "load": _load_average()}
    write_run(args.out, f"chars_{name}", result, extra)
    if args.save_model:
        from .char_model import save_char_model
        meta = _clean({k: v for k, v in result.items() if k in ("steps", "seconds", "stopped", "config", "split",
                                                              "val_stream_loss", "test_loss", "unigram_loss", "best_step",
                                                              "test_unigram_loss", "uniform_loss")})
        meta.update(command=command, text="macbeth.txt", run_file=f"chars_{name}.json",
                    **({"more_plays": list(tx.MORE_PLAYS)} if args.more_plays else {}),
                    final_val_loss=h["val_loss"][-1], load=extra["load"])
        save_char_model(args.save_model, result["model"], result["vocab"], meta)
    if result["message"]:
        print(f"stopped: {result['message']}", file=sys.stderr)
    why = f"its {result['stopped']} budget" if result["stopped"] in ("steps", "seconds") else result["stopped"]
    print(f"chars: {result['steps']:,} steps ({result['steps'] * args.batch * args.seq_len:,} characters, "
          f"stopped by {why}); validation loss {h['val_loss'][-1]:.3f} nats/char vs unigram baseline "
          f"{result['unigram_loss']:.3f} (uniform {result['uniform_loss']:.3f}); "
          f"test loss {result['test_loss']:.4f} nats/char (unigram {result['test_unigram_loss']:.3f}); "
          f"wall time {result['seconds']:.1f} s")
    return 1 if result["stopped"] == "diverged" else 0


def _load_average():
    """The machine's 1-minute load average at the end of the run (None where unknown): timings
    on a shared machine depend on it."""
    try:
        import os
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.task == "adding" and args.length < 10:
        parser.error(f"--length must be at least 10 (the first marker is among the first 10 steps), got {args.length}")
    try:
        if args.task == "chars" and args.val_fraction + args.test_fraction >= 1:
            parser.error(f"--val-fraction + --test-fraction must be below 1, got "
                         f"{args.val_fraction} + {args.test_fraction}")
        return run_adding(args) if args.task == "adding" else run_chars(args, argv)
    except ValueError as exc:          # a setting the library refuses: say why, exit 2
        parser.error(str(exc))


if __name__ == "__main__":
    sys.exit(main())
