"""``python -m lstm_course.bench``: numpy vs torch on the CPU vs cuDNN, from the shell.

    python -m lstm_course.bench                       # the default grid of sizes
    python -m lstm_course.bench --quick               # a small grid, in seconds
    python -m lstm_course.bench --headline            # only T=100, B=64, D=H=128
    python -m lstm_course.bench --sizes 100x64x128,100x256x512 --out results/bench_gpu.json

A size is TxBxH (time steps, batch, hidden size; D = H unless --input-size).
It prints a table (median time, tokens per second, time relative to
torch.nn.LSTM on the same device), writes a JSON results file and its plot.
On a machine without CUDA the GPU rows say "no CUDA device". The measuring is
in ``lstm_course.timing``; this module parses arguments and reports.
"""
import argparse
import os
import sys

from . import timing
from .cli import positive
from .timing import HEADLINE, IMPLS, PASSES

GOALS = {"forward": 1.3, "forward+backward": 1.5}  # numpy / torch.nn.LSTM on the CPU


TABLE_WIDTH = 100  # characters: JupyterLab shows a line this long unwrapped at its default size


def _fmt_time(s):
    """A time in 9 characters or fewer: "12.345 ms", "1234.6 ms", "123.4 us"."""
    if s >= 0.1:
        return f"{s * 1e3:.1f} ms"
    return f"{s * 1e3:.3f} ms" if s >= 1e-3 else f"{s * 1e6:.1f} us"


def _fmt_rate(x):
    """Tokens per second in 7 characters or fewer: "132", "31.9k", "1.93M"."""
    for scale, unit in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if x >= scale:
            return f"{x / scale:.3g}{unit}"
    return f"{x:.3g}"


def format_table(results):
    """The results as a text table: one line per size and implementation; per pass the
    median time, tokens per second and the time relative to torch.nn.LSTM on the same
    device ("/ nn"). At most TABLE_WIDTH characters a line (for six implementations)."""
    sizes = list(dict.fromkeys((r["T"], r["B"], r["H"]) for r in results["rows"]))
    impls = list(dict.fromkeys(r["impl"] for r in results["rows"]))
    names = {r["impl"]: f"{r['label']} [{r['device']}]" for r in results["rows"]}
    width = max([len("implementation")] + [len(n) for n in names.values()])
    group = 9 + 1 + 8 + 1 + 6 - 1   # time, tokens/s, / nn
    lead = f"{'':>14} {'':<{width}}"
    top = lead + "".join(f" | {p:^{group}}" for p in PASSES)
    head = f"{'T':>4} {'B':>4} {'H':>4} {'implementation':<{width}}"
    head += f" | {'time':>9} {'tok/s':>7} {'/ nn':>6}" * len(PASSES)
    lines = [top, head, "-" * len(head)]
    for size in sizes:
        for impl in impls:
            first = timing.find_row(results, impl, PASSES[0], size)
            if first is None:
                continue
            line = f"{size[0]:>4} {size[1]:>4} {size[2]:>4} {names[impl]:<{width}}"
            if first["status"] != "ok" and first["median_s"] is None:
                lines.append(line + " | " + first["status"])
                continue
            for p in PASSES:
                row = timing.find_row(results, impl, p, size)
                ref = "nn_cuda" if row["device"] == "cuda" else "nn_cpu"
                r = timing.ratio(results, impl, ref, p, size)
                ratio = f"{r:.2f}x" if r is not None else "-"
                line += f" | {_fmt_time(row['median_s']):>9} {_fmt_rate(row['tokens_per_s']):>7} {ratio:>6}"
            lines.append(line)
    return "\n".join(lines)


def headline_lines(results):
    """numpy / torch.nn.LSTM on the CPU at T=100, B=64, D=H=128, against the goals."""
    lines = []
    for p in PASSES:
        row = timing.find_row(results, "numpy", p, HEADLINE)
        r = timing.ratio(results, "numpy", "nn_cpu", p, HEADLINE)
        if r is None or row["D"] != row["H"]:
            continue
        verdict = "meets" if r <= GOALS[p] else "misses"
        lines.append(f"T={HEADLINE[0]} B={HEADLINE[1]} D=H={HEADLINE[2]} {results['settings']['dtype']}, {p}: "
                     f"numpy / torch.nn.LSTM (CPU) = {r:.2f}x ({verdict} the goal of {GOALS[p]}x)")
    return lines


def gpu_lines(results):
    """At the largest size cuDNN ran: its speed-up over numpy and the scratch loop, and the CUDA graph's gain."""
    done = [r for r in results["rows"] if r["impl"] == "nn_cuda" and r["median_s"] is not None]
    if not done:
        return []
    big = max(done, key=lambda r: r["flops"])
    size = (big["T"], big["B"], big["H"])
    lines = []
    for p in PASSES:
        for other, what in (("numpy", "cuDNN speed-up over numpy"), ("scratch_cuda", "cuDNN speed-up over the GPU scratch loop"),
                            ("scratch_cpu", "cuDNN speed-up over the CPU scratch loop")):
            r = timing.ratio(results, other, "nn_cuda", p, size)
            if r is not None:
                lines.append(f"T={size[0]} B={size[1]} H={size[2]}, {p}: {what}: {r:.1f}x")
        r = timing.ratio(results, "scratch_cuda", "scratch_graph", p, size)
        if r is not None:
            lines.append(f"T={size[0]} B={size[1]} H={size[2]}, {p}: CUDA graph speed-up of the scratch loop: {r:.2f}x")
    return lines


def crossover(results, pass_):
    """Where the GPU starts to pay off: the first size (by work) at which the fastest GPU
    row beats the fastest CPU row. Returns (size, cpu_row, gpu_row), or None."""
    by_size = {}
    for r in results["rows"]:
        if r["pass"] == pass_ and r["median_s"] is not None:
            by_size.setdefault((r["flops"], r["T"], r["B"], r["H"]), {}).setdefault(r["device"], []).append(r)
    for key in sorted(by_size):
        rows = by_size[key]
        if "cpu" in rows and "cuda" in rows:
            cpu = min(rows["cpu"], key=lambda r: r["median_s"])
            gpu = min(rows["cuda"], key=lambda r: r["median_s"])
            if gpu["median_s"] < cpu["median_s"]:
                return key[1:], cpu, gpu
    return None


def _sizes(text):
    sizes = []
    for item in text.split(","):
        parts = item.strip().lower().split("x")
        try:
            size = tuple(int(p) for p in parts)
        except ValueError:
            size = ()
        if len(size) != 3 or min(size) < 1:
            raise argparse.ArgumentTypeError(f"each size must be TxBxH with positive integers, e.g. 100x64x128; got {item!r}")
        sizes.append(size)
    return sizes


def _impls(text):
    names = [n.strip() for n in text.split(",") if n.strip()]
    bad = [n for n in names if n not in IMPLS]
    if bad or not names:
        raise argparse.ArgumentTypeError(f"unknown implementation(s) {bad or [text]}; choose from {','.join(IMPLS)}")
    return names


def parse_args(argv=None):
    ap = argparse.ArgumentParser(prog="python -m lstm_course.bench", description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    grid = ap.add_mutually_exclusive_group()
    grid.add_argument("--quick", action="store_true", help="a small grid: " + ", ".join("x".join(map(str, s)) for s in timing.GRIDS["quick"]))
    grid.add_argument("--headline", action="store_true", help="only T=100, B=64, D=H=128 (the performance goals), more repeats")
    grid.add_argument("--sizes", type=_sizes, help="comma-separated TxBxH, e.g. 10x4x16,100x64x128 (default: "
                      + ",".join("x".join(map(str, s)) for s in timing.GRIDS["default"]) + ")")
    ap.add_argument("--input-size", type=positive(int), default=None, help="D (default: D = H)")
    ap.add_argument("--impls", type=_impls, default=list(IMPLS), help="comma-separated, from " + ",".join(IMPLS))
    ap.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    ap.add_argument("--warmup", type=positive(int), default=1, help="untimed runs of each pass (default 1)")
    ap.add_argument("--repeats", type=positive(int), default=None, help="timed runs of each pass (default 5; 15 with --headline)")
    ap.add_argument("--max-seconds", type=positive(float, "number of seconds"), default=20.0,
                    help="stop timing a pass after this long, once 3 runs are done (default 20)")
    ap.add_argument("--threads", type=positive(int), default=None,
                    help="threads for torch and numpy's BLAS (default: their own; 1 is steadier on a busy machine)")
    ap.add_argument("--out", default="bench_results.json", help="the JSON results file (default bench_results.json)")
    ap.add_argument("--plot", default=None, help="the plot's file (default: --out with .png)")
    ap.add_argument("--no-plot", action="store_true", help="write no plot")
    ap.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = ap.parse_args(argv)
    if args.headline and args.input_size not in (None, HEADLINE[2]):
        ap.error(f"--headline fixes D = H = {HEADLINE[2]}; leave out --input-size")
    if not args.out.endswith(".json"):
        ap.error(f"--out must name a .json file, got {args.out!r}")
    folder = os.path.dirname(os.path.abspath(args.out))
    if os.path.exists(folder) and not os.path.isdir(folder):
        ap.error(f"--out: {folder!r} is not a folder")
    args.sizes = ([HEADLINE] if args.headline else timing.GRIDS["quick"] if args.quick
                  else args.sizes or timing.GRIDS["default"])
    args.repeats = args.repeats or (15 if args.headline else 5)
    args.plot = None if args.no_plot else (args.plot or args.out[:-len(".json")] + ".png")
    return args


def main(argv=None):
    """Run the benchmark from command-line arguments; returns the exit status."""
    args = parse_args(argv)
    if args.threads:
        timing.set_threads(args.threads)
    results = timing.run_benchmark(args.sizes, args.impls, D=args.input_size, dtype=args.dtype, warmup=args.warmup,
                                   repeats=args.repeats, max_seconds=args.max_seconds, progress=not args.no_progress)
    results["settings"]["command"] = " ".join(["python -m lstm_course.bench"] + list(sys.argv[1:] if argv is None else argv))
    results["settings"]["threads"] = args.threads
    env = results["environment"]
    print(f"device: {env['device']}; torch {env['torch']}, numpy {env['numpy']}, cuDNN {env['cudnn']}; "
          f"{env['date']}; {args.dtype}; median of up to {args.repeats} runs; "
          f"threads: torch {env['torch_threads']}, numpy BLAS {env['numpy_blas_threads']}")
    print(format_table(results))
    for line in headline_lines(results) + gpu_lines(results):
        print(line)
    timing.save_results(results, args.out)
    print(f"results: {args.out}")
    if args.plot:
        import matplotlib
        matplotlib.use("Agg")  # a file, no window
        from .plots.bench import plot_times
        plot_times(results).savefig(args.plot, dpi=120, bbox_inches="tight")
        print(f"plot: {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
