"""python -m lstm_course.ngram: the character n-gram table on Macbeth, printed and saved as JSON.

The models and their tuning are ``ngram``'s (``ngram.baselines``); this module only reads
the command line, prints the table and writes the record that
``results/ngram_baselines.json`` holds (the command that made it included).
"""
import argparse
import json
import pathlib

from . import text as tx
from .ngram import _check_order, baselines


def main(argv=None):
    """python -m lstm_course.ngram [--more-plays] [--max-order N] [--out results/ngram_baselines.json]:
    the table, and its JSON."""
    p = argparse.ArgumentParser(prog="python -m lstm_course.ngram", description=main.__doc__)
    p.add_argument("--out", default="results/ngram_baselines.json")
    p.add_argument("--more-plays", action="store_true",
                   help="also count the other tragedies shipped (text.MORE_PLAYS) before Macbeth's training part")
    p.add_argument("--max-order", type=int, default=6, help="orders n = 1 .. this (default 6)")
    args = p.parse_args(argv)
    _check_order(args.max_order)
    extra = tx.load_plays() if args.more_plays else None
    res = baselines(orders=range(1, args.max_order + 1), extra_text=extra)
    texts = ([*tx.MORE_PLAYS, "the first 80% of macbeth.txt"] if extra is not None else
             ["the first 80% of macbeth.txt"])
    print(f"character n-grams, tested on Macbeth: train {res['split']['train']:,}, validation "
          f"{res['split']['val']:,}, test {res['split']['test']:,} characters (nats/char)")
    print(f"{'n':>2} {'smoothing':<11} {'validation':>10} {'test':>7}  tuned")
    for r in res["rows"]:
        hyper = f"k = {r['hyper']:.4g}" if r["smoothing"] == "add-k" else \
            "D = " + ", ".join(f"{d:.2f}" for d in r["hyper"])
        print(f"{r['n']:>2} {r['smoothing']:<11} {r['val_loss']:>10.4f} {r['test_loss']:>7.4f}  {hyper}")
    b = res["best"]
    print(f"best on validation: n = {b['n']}, {b['smoothing']}: test {b['test_loss']:.4f} nats/char "
          f"({res['seconds']:.1f} s)")
    flags = (" --more-plays" if args.more_plays else "") + \
        (f" --max-order {args.max_order}" if args.max_order != 6 else "")
    record = {"about": "character n-gram baselines, validated and tested on Macbeth "
                       "(lstm_course/data/macbeth.txt): hyperparameters tuned on the validation part, "
                       "losses in nats per character (characters 1.. of each part, each given the up to "
                       "n-1 before it in that part); written by the command",
              "command": f"python -m lstm_course.ngram{flags} --out " + args.out,
              "train_texts": texts,
              **{k: v for k, v in res.items() if k != "seconds"}}
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps(record, indent=1))
    return 0
