"""Mutation testing of lstm_course's numeric core (a dev tool; not run in CI).

Each mutant changes one thing in one module (an operator, a comparison, and/or, a
number, a unary minus, True/False, a slice bound, or deletes one statement); the
tests must then fail. Mutants are applied one at a time to a COPY of the package in
--workdir (the checkout is never touched). One process: numpy, pytest and torch are
imported once and every mutant's tests run in a forked child, with a timeout.

    python scripts/mutation_test.py --module optim [--tests tests/test_optim.py] [--limit 20]

Prints a table and merges the results into results/mutation_report.json. Survivors
listed in scripts/mutation_equivalent.json (module, source line, mutation, reason)
are equivalent mutants: they change no behaviour and are not counted as survivors.
Score = (killed + timed out) / (mutants - equivalent).
"""
import argparse, ast, json, os, shutil, signal, sys, time
from pathlib import Path

os.environ.update({v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")})
ROOT = Path(__file__).resolve().parents[1]
EQUIV = ROOT / "scripts" / "mutation_equivalent.json"
DEFAULT_TESTS = {
    "activations": ["test_activations", "test_cell", "test_lstm_fast_path", "test_mutants"],
    "cell": ["test_cell", "test_bad_input", "test_memory_machine", "test_mutants"],
    "gradcheck": ["test_gradcheck", "test_mutants", "test_bad_input"],
    "optim": ["test_optim", "test_mutants"],
    "lstm": ["test_lstm_fast_path", "test_lstm", "test_bad_input", "test_mutants", "test_stacked"],
}
A = ast  # each operator and the one it becomes
BINOP = {A.Add: A.Sub, A.Sub: A.Add, A.Mult: A.Div, A.Div: A.Mult, A.Pow: A.Mult, A.FloorDiv: A.Div,
         A.Mod: A.Div}
CMPOP = {A.Eq: A.NotEq, A.NotEq: A.Eq, A.Lt: A.LtE, A.LtE: A.Lt, A.Gt: A.GtE, A.GtE: A.Gt,
         A.In: A.NotIn, A.NotIn: A.In, A.Is: A.IsNot, A.IsNot: A.Is}
SYM = dict(zip([*BINOP, *CMPOP], [s.replace("_", " ") for s in
                                  "+ - * / ** // % == != < <= > >= in not_in is is_not".split()]))


def _with(node, **changes):
    new = ast.parse(ast.unparse(node), mode="eval").body  # a detached copy
    for k, v in changes.items():
        setattr(new, k, v)
    return "(" + ast.unparse(new) + ")"


def sites(tree):
    """Yield (node whose source span is replaced, replacement text, description)."""
    skip = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.JoinedStr):  # f-strings: messages only, and spans are unreliable
            skip.update(id(m) for m in ast.walk(n))
        body = getattr(n, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            skip.update(id(m) for m in ast.walk(body[0]))  # docstrings
    for n in ast.walk(tree):
        if id(n) in skip:
            continue
        if isinstance(n, ast.BinOp) and type(n.op) in BINOP:
            new = BINOP[type(n.op)]
            yield n, _with(n, op=new()), f"{SYM[type(n.op)]} -> {SYM[new]}"
        elif isinstance(n, ast.AugAssign) and type(n.op) in BINOP:
            new = BINOP[type(n.op)]
            text = ast.unparse(ast.AugAssign(target=n.target, op=new(), value=n.value))
            yield n, text, f"{SYM[type(n.op)]}= -> {SYM[new]}="
        elif isinstance(n, ast.Compare):
            for k, op in enumerate(n.ops):
                if type(op) in CMPOP:
                    ops = list(n.ops)
                    ops[k] = CMPOP[type(op)]()
                    yield n, _with(n, ops=ops), f"{SYM[type(op)]} -> {SYM[type(ops[k])]}"
        elif isinstance(n, ast.BoolOp):
            new, desc = (ast.Or, "and -> or") if isinstance(n.op, ast.And) else (ast.And, "or -> and")
            yield n, _with(n, op=new()), desc
        elif isinstance(n, ast.UnaryOp) and isinstance(n.op, (ast.USub, ast.Not)):
            what = "-" if isinstance(n.op, ast.USub) else "not"
            yield n, f"({ast.unparse(n.operand)})", f"{what} removed"
        elif isinstance(n, ast.Constant) and isinstance(n.value, bool):
            yield n, repr(not n.value), f"{n.value} -> {not n.value}"
        elif isinstance(n, ast.Constant) and isinstance(n.value, (int, float)):
            new = 0.0 if isinstance(n.value, float) and 0 < abs(n.value) < 1e-3 else n.value + 1
            yield n, repr(new), f"{n.value!r} -> {new!r}"
        elif isinstance(n, ast.Slice):
            for bound in (n.lower, n.upper):
                if bound is not None and not isinstance(bound, ast.Constant):  # numbers: n -> n+1 above
                    yield bound, f"({ast.unparse(bound)} + 1)", "slice bound + 1"
        if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Raise)) or (
                isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)):
            yield n, "pass", f"{type(n).__name__.lower()} deleted"
        elif isinstance(n, ast.Return) and n.value is not None and ast.unparse(n.value) != "None":
            yield n, "return None", "return value deleted"


def mutants(source):
    """All mutants of a module's source, as dicts: line, line_text, mutation, source."""
    data = source.encode()
    starts = [0]
    for line in data.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    lines, out = source.splitlines(), []
    for node, text, desc in sites(ast.parse(source)):
        a = starts[node.lineno - 1] + node.col_offset  # col offsets count UTF-8 bytes
        b = starts[node.end_lineno - 1] + node.end_col_offset
        new = (data[:a] + text.encode() + data[b:]).decode()
        try:
            ast.parse(new)
        except SyntaxError:
            continue
        snippet = ast.unparse(node).splitlines()[0][:70]
        out.append({"line": node.lineno, "line_text": lines[node.lineno - 1].strip(),
                    "mutation": f"{desc}: {snippet}", "source": new})
    return sorted(out, key=lambda m: m["line"])


def run_tests(workdir, module, tests, timeout):
    """Fork; the child runs pytest on the copy. Returns 'killed', 'survived' or 'timeout'."""
    pid = os.fork()
    if pid == 0:  # child: its own process group, so that a timeout kills all it started
        os.setpgid(0, 0)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1), os.dup2(devnull, 2)
        os.chdir(workdir)
        sys.path.insert(0, str(workdir))
        sys.dont_write_bytecode = True
        code = 1
        try:
            import pytest
            code = pytest.main(["-p", "no:cacheprovider", "-x", "-q", *tests])
            mod = sys.modules.get(f"lstm_course.{module}")
            if mod is None or not mod.__file__.startswith(str(workdir)):
                code = 99  # the tests did not import the copy: a broken set-up, not a kill
        finally:
            os._exit(int(code))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            if code == 99:
                sys.exit(f"the tests did not import lstm_course.{module} from {workdir}")
            return "survived" if code == 0 else "killed"
        time.sleep(0.02)
    os.killpg(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return "timeout"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--module", required=True, choices=sorted(DEFAULT_TESTS))
    ap.add_argument("--tests", nargs="+", help="test files (default: the module's quick ones)")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per mutant")
    ap.add_argument("--limit", type=int, help="run only the first LIMIT mutants")
    ap.add_argument("--workdir", default="/tmp/mut/work", help="where the copy lives")
    ap.add_argument("--report", default=str(ROOT / "results" / "mutation_report.json"))
    args = ap.parse_args()
    tests = args.tests or [f"tests/{t}.py" for t in DEFAULT_TESTS[args.module]
                           if (ROOT / "tests" / f"{t}.py").exists()]
    work = Path(args.workdir) / args.module
    shutil.rmtree(work, ignore_errors=True)
    for d in ("lstm_course", "tests"):
        shutil.copytree(ROOT / d, work / d, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", work)
    target = work / "lstm_course" / f"{args.module}.py"
    original = target.read_text()
    import importlib, importlib.metadata, matplotlib  # noqa: E401
    matplotlib.use("Agg")
    for name in ("numpy", "pytest", *(ep.module for ep in importlib.metadata.entry_points(group="pytest11"))):
        try:  # imported once here, shared by every forked child: pytest, its plugins, numpy
            importlib.import_module(name)
        except Exception:  # noqa: BLE001  a plugin that does not load is pytest's business
            pass
    if any("torch" in (work / t).read_text() for t in tests):
        import torch
        torch.set_num_threads(1)
    t0 = time.monotonic()
    if run_tests(work, args.module, tests, args.timeout * 4) != "survived":
        sys.exit(f"the unmutated tests fail: {' '.join(tests)} in {work}")  # nothing to measure
    print(f"baseline {time.monotonic() - t0:.1f} s, tests: {' '.join(tests)}", flush=True)
    equiv = {(e["module"], e["line_text"], e["mutation"]): e["reason"]
             for e in json.loads(EQUIV.read_text())} if EQUIV.exists() else {}
    ms = mutants(original)[: args.limit]
    counts = dict.fromkeys(("killed", "timeout", "survived", "equivalent"), 0)
    rows = []
    try:
        for k, m in enumerate(ms):
            target.write_text(m.pop("source"))
            result = run_tests(work, args.module, tests, args.timeout)
            reason = equiv.get((args.module, m["line_text"], m["mutation"]))
            if result == "survived" and reason:
                result, m["reason"] = "equivalent", reason
            counts[result] += 1
            if result != "killed":
                rows.append({**m, "result": result})
                print(f"  [{k + 1}/{len(ms)}] {result}: line {m['line']}: {m['mutation']}", flush=True)
    finally:
        target.write_text(original)
    live = len(ms) - counts["equivalent"]  # a timeout counts as a kill (the tests did not pass)
    score = 100.0 * (counts["killed"] + counts["timeout"]) / live if live else 100.0
    summary = {"module": f"lstm_course/{args.module}.py", "mutants": len(ms), **counts,
               "killed_pct_of_non_equivalent": round(score, 1), "tests": tests,
               "timeout_s": args.timeout, "limit": args.limit, "seconds": round(time.monotonic() - t0),
               "not_killed": rows}
    report = Path(args.report)
    data = json.loads(report.read_text()) if report.exists() else {}
    data[args.module] = summary
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    print(f"\n{'module':<14}{'mutants':>8}{'killed':>8}{'timeout':>8}{'equiv':>7}{'survived':>9}{'score':>8}")
    for name, s in sorted(data.items()):
        print(f"{name:<14}{s['mutants']:>8}{s['killed']:>8}{s['timeout']:>8}{s['equivalent']:>7}"
              f"{s['survived']:>9}{s['killed_pct_of_non_equivalent']:>7.1f}%")


if __name__ == "__main__":
    main()
