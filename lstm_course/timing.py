"""Timing the numpy LSTM against torch, on the CPU and on a CUDA GPU (lesson 8).

The measurements behind ``python -m lstm_course.bench`` (which parses the
arguments and prints the table). A size is (T, B, H): time steps, batch, hidden
size; the input size D equals H unless given. Every implementation runs the
same weights and the same data:

    numpy          lstm.forward / lstm.backward                      CPU
    scratch_cpu    torch_scratch.forward, backward by autograd        CPU
    nn_cpu         torch.nn.LSTM                                      CPU
    scratch_cuda   torch_scratch.forward                              GPU
    nn_cuda        torch.nn.LSTM, which runs cuDNN                    GPU
    scratch_graph  torch_scratch.forward captured in a CUDA graph     GPU

"forward" is one pass over the sequence (torch under no_grad; the numpy forward
also fills its cache); "forward+backward" adds the backward pass for the loss
sum(hs * G), with gradients for x and every weight. Each pass is run a few times
untimed (warm-up), then timed several times; each clock is read after
torch.cuda.synchronize(), and the summary is the median.
"""
import json
import os
import time

import numpy as np
import torch
from tqdm.auto import tqdm

from . import lstm, torch_scratch
from .machine import NO_CUDA, blas_threads, environment, set_threads  # noqa: F401  (part of this API)
from .params import init_params
from .torch_compare import to_torch

IMPLS = {  # name: (device, label)
    "numpy": ("cpu", "numpy LSTM"),
    "scratch_cpu": ("cpu", "torch from scratch"),
    "nn_cpu": ("cpu", "torch.nn.LSTM"),
    "scratch_cuda": ("cuda", "torch from scratch"),
    "nn_cuda": ("cuda", "torch.nn.LSTM (cuDNN)"),
    "scratch_graph": ("cuda", "from scratch, CUDA graph"),
}
PASSES = ("forward", "forward+backward")
HEADLINE = (100, 64, 128)
GRIDS = {
    "quick": [(10, 4, 16), (20, 16, 32), (50, 32, 64)],
    "default": [(20, 1, 16), (50, 8, 32), (100, 16, 64), HEADLINE, (100, 128, 256), (100, 256, 512)],
}


def flops(T, B, D, H):
    """Floating-point operations of the forward matrix products: 2 T B 4H (D + H)."""
    return 2 * T * B * 4 * H * (D + H)


def _sync(device):
    if device == "cuda":
        torch.cuda.synchronize()


def torch_model(impl, params):
    """The module that a torch implementation times, holding ``params`` (numpy, (4H, D) ...)
    on the implementation's device: torch.nn.LSTM, or ScratchLSTM with the same weights."""
    device = IMPLS[impl][0]
    reference = to_torch(params).to(device)
    if impl.startswith("nn_"):
        return reference
    D, H = reference.input_size, reference.hidden_size
    model = torch_scratch.ScratchLSTM(D, H).to(device=device, dtype=reference.weight_hh_l0.dtype)
    model.load_state_dict(reference.state_dict())
    return model


def _torch_runners(impl, params, x, G):
    """{pass: callable} for a torch implementation; each call runs one full pass."""
    device = IMPLS[impl][0]
    model = torch_model(impl, params)
    xt = torch.tensor(x, device=device, requires_grad=True)
    Gt = torch.tensor(G, device=device)

    def fwd():
        with torch.no_grad():
            model(xt)

    def fwd_bwd():
        model.zero_grad(set_to_none=True)
        xt.grad = None
        model(xt)[0].backward(Gt)

    if impl == "scratch_graph":
        return {"forward": _cuda_graph(fwd, model, xt), "forward+backward": _cuda_graph(fwd_bwd, model, xt)}
    return {"forward": fwd, "forward+backward": fwd_bwd}


def _cuda_graph(fn, model, xt):
    """Capture ``fn`` (all T steps, and the backward pass if it has one) in one CUDA
    graph and return its replay: one launch instead of several kernels per step."""
    stream = torch.cuda.Stream()
    stream.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(stream):  # warm up on a side stream, as the CUDA-graph docs say
        for _ in range(3):
            fn()
    torch.cuda.current_stream().wait_stream(stream)
    model.zero_grad(set_to_none=True)  # the gradients then live in the graph's own memory
    xt.grad = None
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        fn()
    return graph.replay


def make_runners(impl, T, B, H, *, D=None, dtype="float32", seed=0):
    """{pass: callable} running ``impl`` at size (T, B, D, H) on fixed random data."""
    if impl not in IMPLS:
        raise ValueError(f"impl must be one of {list(IMPLS)}, got {impl!r}")
    D = H if D is None else D
    rng = np.random.default_rng(seed)
    params = init_params(D, H, seed=seed, dtype=np.dtype(dtype))
    x = rng.normal(size=(T, B, D)).astype(dtype)
    G = rng.normal(size=(T, B, H)).astype(dtype)  # the loss is sum(hs * G), so dL/dhs = G
    if impl != "numpy":
        return _torch_runners(impl, params, x, G)

    def fwd_bwd():
        _, _, cache = lstm.forward(x, params)
        lstm.backward(G, cache)

    return {"forward": lambda: lstm.forward(x, params), "forward+backward": fwd_bwd}


def time_pass(fn, device, warmup, repeats, max_seconds):
    """Times of ``repeats`` calls after ``warmup`` untimed ones; stops early (after at
    least 3) once ``max_seconds`` have passed. The clock is read only after the GPU is done."""
    for _ in range(warmup):
        fn()
    _sync(device)  # the warm-up's GPU work must not run into the time budget
    times, start = [], time.perf_counter()
    while len(times) < repeats:
        _sync(device)
        t0 = time.perf_counter()
        fn()
        _sync(device)
        times.append(time.perf_counter() - t0)
        if len(times) >= min(3, repeats) and time.perf_counter() - start > max_seconds:
            break
    return times


def _time_size(size, impls, *, D, dtype, warmup, repeats, max_seconds, bar):
    """Rows for one size: each implementation in turn, each pass timed back to back.

    (Not interleaved: numpy's and torch's thread pools keep spinning for a moment
    after a call, and on a small machine each would slow the other down.)
    """
    T, B, H = size
    D = H if D is None else D
    rows = []
    for impl in impls:
        device, label = IMPLS[impl]
        new = [{"impl": impl, "label": label, "device": device, "pass": p, "T": T, "B": B, "D": D, "H": H,
                "flops": flops(T, B, D, H), "times_s": [], "median_s": None, "tokens_per_s": None, "status": "ok"}
               for p in PASSES]
        rows += new
        bar.update(1)
        if device == "cuda" and not torch.cuda.is_available():
            for row in new:
                row["status"] = NO_CUDA
            continue
        try:
            runners = make_runners(impl, T, B, H, D=D, dtype=dtype)
            for row in new:
                row["times_s"] = time_pass(runners[row["pass"]], device, warmup, repeats, max_seconds)
                row["median_s"] = float(np.median(row["times_s"]))
                row["tokens_per_s"] = T * B / row["median_s"]
        except Exception as exc:  # one failing implementation must not stop the others
            for row in new:
                if row["median_s"] is None:
                    row["status"] = f"error: {type(exc).__name__}: {exc}"[:300]
    return rows


def run_benchmark(sizes, impls=tuple(IMPLS), *, D=None, dtype="float32", warmup=1, repeats=5,
                  max_seconds=20.0, progress=True):
    """Time every implementation at every size. Returns the results dict (as saved to JSON):
    {"environment", "settings", "rows"}; each row has impl, device, pass, T, B, D, H, every
    time in times_s, median_s, tokens_per_s and a status ("ok", "no CUDA device", "error: ...")."""
    sizes = [tuple(int(n) for n in s) for s in sizes]
    if not sizes or any(len(s) != 3 or min(s) < 1 for s in sizes):
        raise ValueError(f"sizes must be a non-empty list of positive (T, B, H), got {sizes}")
    unknown = [i for i in impls if i not in IMPLS]
    if unknown:
        raise ValueError(f"unknown implementations {unknown}; expected some of {list(IMPLS)}")
    if dtype not in ("float32", "float64"):
        raise ValueError(f"dtype must be 'float32' or 'float64', got {dtype!r}")
    if warmup < 0 or repeats < 1:
        raise ValueError(f"need warmup >= 0 and repeats >= 1, got warmup={warmup}, repeats={repeats}")
    env = environment()
    rows = []
    with tqdm(total=len(sizes) * len(impls), desc="benchmark", unit="run", disable=not progress) as bar:
        for size in sizes:
            bar.set_postfix_str("T={} B={} H={}".format(*size))
            rows += _time_size(size, impls, D=D, dtype=dtype, warmup=warmup, repeats=repeats,
                               max_seconds=max_seconds, bar=bar)
    env["load_average_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    settings = {"sizes": [list(s) for s in sizes], "input_size": D, "dtype": dtype, "warmup": warmup,
                "repeats": repeats, "max_seconds": max_seconds, "impls": list(impls)}
    return {"environment": env, "settings": settings, "rows": rows}


def find_row(results, impl, pass_, size):
    """The row for ``impl`` and ``pass_`` at size (T, B, H), or None."""
    for row in results["rows"]:
        if row["impl"] == impl and row["pass"] == pass_ and (row["T"], row["B"], row["H"]) == tuple(size):
            return row
    return None


def ratio(results, impl, reference, pass_, size):
    """time(impl) / time(reference) at one size; None when either has no time."""
    a, b = find_row(results, impl, pass_, size), find_row(results, reference, pass_, size)
    if a is None or b is None or a["median_s"] is None or b["median_s"] is None:
        return None
    return a["median_s"] / b["median_s"]


def save_results(results, path):
    """Write the results as JSON (making the folder if needed)."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    with open(path, "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")


def load_results(path):
    """Read a results file written by ``save_results``; ValueError if it is not one."""
    with open(path) as f:
        results = json.load(f)
    if not isinstance(results, dict) or not {"environment", "settings", "rows"} <= set(results):
        raise ValueError(f"{path} is not a benchmark results file (expected keys environment, settings, rows)")
    return results

