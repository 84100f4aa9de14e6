"""The benchmark command and its library: a tiny run, its JSON, its errors, its CPU-only rows."""
import json
import subprocess
import sys

import matplotlib
import numpy as np
import pytest
import torch

matplotlib.use("Agg")

from lstm_course import bench, timing  # noqa: E402
from lstm_course.plots.bench import plot_times, plot_tokens_per_second  # noqa: E402

TINY = ["--sizes", "3x2x4,4x2x6", "--repeats", "2", "--no-progress"]
CPU_IMPLS = ("numpy", "scratch_cpu", "nn_cpu")
GPU_IMPLS = ("scratch_cuda", "nn_cuda", "scratch_graph")


def test_tiny_run_writes_valid_json_table_and_plot(tmp_path, capsys):
    out = tmp_path / "sub" / "r.json"
    assert bench.main(TINY + ["--out", str(out)]) == 0
    printed = capsys.readouterr().out
    results = json.loads(out.read_text())
    assert (tmp_path / "sub" / "r.png").stat().st_size > 1000
    env = results["environment"]
    for key in ("device", "cpu", "date", "torch", "numpy", "cudnn", "gpu", "torch_threads"):
        assert key in env
    assert env["torch"] == torch.__version__ and env["numpy"] == np.__version__
    assert results["settings"]["sizes"] == [[3, 2, 4], [4, 2, 6]]
    assert results["settings"]["command"].startswith("python -m lstm_course.bench --sizes 3x2x4,4x2x6")
    rows = results["rows"]
    assert len(rows) == 2 * len(timing.IMPLS) * len(timing.PASSES)
    for row in rows:
        if row["impl"] in CPU_IMPLS:
            assert row["status"] == "ok" and len(row["times_s"]) == 2
            assert row["median_s"] == pytest.approx(float(np.median(row["times_s"])))
            assert row["tokens_per_s"] == pytest.approx(row["T"] * row["B"] / row["median_s"])
            assert row["flops"] == 2 * row["T"] * row["B"] * 4 * row["H"] * (row["D"] + row["H"])
    assert "numpy LSTM [cpu]" in printed and "torch.nn.LSTM [cpu]" in printed and "1.00x" in printed


def test_cpu_only_machine_says_no_cuda_device(monkeypatch, capsys):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    results = timing.run_benchmark([(3, 2, 4)], repeats=1, warmup=0, progress=False)
    for row in results["rows"]:
        if row["impl"] in GPU_IMPLS:
            assert row["status"] == "no CUDA device" and row["median_s"] is None
        else:
            assert row["status"] == "ok" and row["median_s"] > 0
    assert results["environment"]["gpu"] == "no CUDA device"
    assert bench.format_table(results).count("no CUDA device") == len(GPU_IMPLS)
    assert bench.gpu_lines(results) == []


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device")
def test_gpu_rows_run_on_a_cuda_machine():
    results = timing.run_benchmark([(4, 2, 8)], repeats=2, warmup=1, progress=False)
    for row in results["rows"]:
        assert row["status"] == "ok", row
    assert results["environment"]["cudnn"] is not None


@pytest.mark.parametrize("args, message", [
    (["--sizes", "10x0x5"], "TxBxH with positive integers"),
    (["--sizes", "10x5"], "TxBxH"),
    (["--impls", "numpy,cudnn9"], "unknown implementation"),
    (["--repeats", "0"], "positive integer"),
    (["--max-seconds", "-1"], "positive number of seconds"),
    (["--dtype", "float16"], "invalid choice"),
    (["--out", "results.txt"], "must name a .json file"),
    (["--quick", "--headline"], "not allowed with"),
    (["--headline", "--input-size", "64"], "--headline fixes D = H"),
])
def test_bad_arguments_exit_non_zero_with_a_message(args, message, capsys):
    with pytest.raises(SystemExit) as exc:
        bench.parse_args(args)
    assert exc.value.code != 0
    assert message in capsys.readouterr().err


def test_the_shell_command_rejects_bad_sizes():
    proc = subprocess.run([sys.executable, "-m", "lstm_course.bench", "--sizes", "a,b"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "each size must be TxBxH" in proc.stderr


def test_defaults_and_presets():
    assert bench.parse_args(["--headline"]).sizes == [(100, 64, 128)]
    assert bench.parse_args(["--headline"]).repeats == 15
    assert bench.parse_args(["--quick"]).sizes == timing.GRIDS["quick"]
    args = bench.parse_args(["--out", "x/y.json"])
    assert args.sizes == timing.GRIDS["default"] and args.plot == "x/y.png"
    assert (100, 64, 128) in timing.GRIDS["default"]
    assert bench.parse_args(["--no-plot"]).plot is None


def _fake(rows):
    """A results dict from (impl, device, pass, T, B, H, median) tuples: made-up numbers, for the arithmetic only."""
    out = []
    for impl, device, p, T, B, H, m in rows:
        out.append({"impl": impl, "label": timing.IMPLS[impl][1], "device": device, "pass": p, "T": T, "B": B,
                    "D": H, "H": H, "flops": timing.flops(T, B, H, H), "times_s": [m], "median_s": m,
                    "tokens_per_s": T * B / m, "status": "ok"})
    return {"environment": {"device": "test", "torch": "x", "date": "2000-01-01"},
            "settings": {"dtype": "float32"}, "rows": out}


def test_headline_ratios_and_goal_verdicts():
    results = _fake([("numpy", "cpu", "forward", 100, 64, 128, 0.030), ("nn_cpu", "cpu", "forward", 100, 64, 128, 0.020),
                     ("numpy", "cpu", "forward+backward", 100, 64, 128, 0.070),
                     ("nn_cpu", "cpu", "forward+backward", 100, 64, 128, 0.050)])
    lines = bench.headline_lines(results)
    assert "forward: numpy / torch.nn.LSTM (CPU) = 1.50x (misses the goal of 1.3x)" in lines[0]
    assert "= 1.40x (meets the goal of 1.5x)" in lines[1]


def test_gpu_summary_uses_the_largest_size_cudnn_ran():
    rows = []
    for size, scale in (((10, 4, 16), 1.0), ((100, 256, 512), 10.0)):
        for impl, device, m in (("numpy", "cpu", 8.0), ("scratch_cuda", "cuda", 4.0), ("nn_cuda", "cuda", 0.5),
                                ("scratch_graph", "cuda", 2.0)):
            for p in timing.PASSES:
                rows.append((impl, device, p, *size, m * scale))
    lines = bench.gpu_lines(_fake(rows))
    assert all("T=100 B=256 H=512" in line for line in lines)
    assert "forward: cuDNN speed-up over numpy: 16.0x" in lines[0]
    assert any("CUDA graph speed-up of the scratch loop: 2.00x" in line for line in lines)


def test_crossover_is_the_first_size_where_the_gpu_wins():
    rows = []
    for size, cpu, gpu in (((10, 1, 16), 1e-4, 1e-3), ((50, 8, 32), 1e-3, 1e-3), ((100, 64, 128), 1e-2, 1e-3)):
        for p in timing.PASSES:
            rows += [("numpy", "cpu", p, *size, cpu * 2), ("nn_cpu", "cpu", p, *size, cpu),
                     ("nn_cuda", "cuda", p, *size, gpu)]
    size, cpu, gpu = bench.crossover(_fake(rows), "forward")
    assert size == (100, 64, 128) and cpu["impl"] == "nn_cpu" and gpu["impl"] == "nn_cuda"
    assert bench.crossover(_fake(rows[:6]), "forward") is None


def test_a_failing_implementation_is_reported_not_raised(monkeypatch):
    real = timing.make_runners

    def broken(impl, *a, **k):
        if impl == "scratch_cpu":
            raise RuntimeError("boom")
        return real(impl, *a, **k)

    monkeypatch.setattr(timing, "make_runners", broken)
    results = timing.run_benchmark([(3, 2, 4)], CPU_IMPLS, repeats=1, progress=False)
    status = {(r["impl"], r["pass"]): r["status"] for r in results["rows"]}
    assert status["scratch_cpu", "forward"] == "error: RuntimeError: boom"
    assert status["numpy", "forward"] == "ok" and status["nn_cpu", "forward+backward"] == "ok"


def test_torch_models_compute_the_numpy_lstm():
    """The torch rows time the same LSTM as the numpy rows, not just something of the same size."""
    from lstm_course import lstm
    from lstm_course.params import init_params

    params = init_params(4, 5, seed=1)
    x = np.random.default_rng(0).normal(size=(3, 2, 4))
    hs, _, _ = lstm.forward(x, params)
    for impl in ("scratch_cpu", "nn_cpu"):
        model = timing.torch_model(impl, params)
        with torch.no_grad():
            out = model(torch.from_numpy(x))[0].numpy()
        assert np.max(np.abs(out - hs)) < 1e-12


def test_results_io_and_plots(tmp_path):
    results = _fake([("numpy", "cpu", p, T, 4, H, 1e-3 * T) for p in timing.PASSES for T, H in ((5, 8), (50, 16))]
                    + [("nn_cuda", "cuda", p, T, 4, H, 1e-4) for p in timing.PASSES for T, H in ((5, 8), (50, 16))])
    path = tmp_path / "r.json"
    timing.save_results(results, str(path))
    assert timing.load_results(str(path)) == results
    (tmp_path / "bad.json").write_text("[1, 2]")
    with pytest.raises(ValueError, match="not a benchmark results file"):
        timing.load_results(str(tmp_path / "bad.json"))
    fig = plot_times(results)
    assert len(fig.axes) == 2 and len(fig.axes[0].get_lines()) == 2
    assert fig.axes[0].get_xscale() == "log" and fig.axes[0].get_yscale() == "log"
    assert len(plot_tokens_per_second(results).axes[0].get_lines()) == 2
    with pytest.raises(ValueError, match="rows"):
        plot_times([1, 2])


def test_library_rejects_bad_input():
    with pytest.raises(ValueError, match="sizes must be"):
        timing.run_benchmark([(3, 0, 4)], progress=False)
    with pytest.raises(ValueError, match="unknown implementations"):
        timing.run_benchmark([(3, 2, 4)], ["jax"], progress=False)
    with pytest.raises(ValueError, match="impl must be one of"):
        timing.make_runners("jax", 3, 2, 4)
    with pytest.raises(ValueError, match="positive integer"):
        timing.set_threads(0)


def _numpy_blas_is_openblas():
    """Whether numpy's BLAS thread count can be read and set (machine.py calls OpenBLAS's own
    thread functions): threadpoolctl's answer when it is installed, else numpy's build record."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return blas.get("found", False) and "openblas" in str(blas.get("name", "")).lower()
    return any(i.get("internal_api") == "openblas" for i in threadpool_info())


def _threadpoolctl_count():
    """OpenBLAS's thread count as threadpoolctl reads it (a second opinion), or None."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    return next((i["num_threads"] for i in threadpool_info() if i.get("internal_api") == "openblas"), None)


def test_blas_threads_is_a_positive_int_where_it_can_be_read():
    n = timing.blas_threads()
    if not _numpy_blas_is_openblas():
        assert n is None  # e.g. MKL or Accelerate: not read, and said so
        return
    assert type(n) is int and n >= 1, n
    assert timing.environment()["numpy_blas_threads"] == n
    if _threadpoolctl_count() is not None:
        assert n == _threadpoolctl_count()


def test_set_threads_sets_torch_and_numpy_blas_and_can_be_undone():
    before_torch, before_blas = torch.get_num_threads(), timing.blas_threads()
    readable = _numpy_blas_is_openblas()
    try:
        for n in (1, 2):
            reported = timing.set_threads(n)
            assert torch.get_num_threads() == n
            if readable:
                assert reported == n and timing.blas_threads() == n
                assert _threadpoolctl_count() in (None, n)
            else:
                assert reported is None and timing.blas_threads() is None
    finally:
        torch.set_num_threads(before_torch)
        if before_blas:
            timing.set_threads(before_blas)
            torch.set_num_threads(before_torch)
    assert torch.get_num_threads() == before_torch
    assert timing.blas_threads() == before_blas


@pytest.mark.skipif(torch.cuda.is_available(), reason="tests the CPU-only path")
def test_gpu_check_on_a_cpu_machine_says_so_and_writes_nothing(tmp_path):
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(["bash", str(root / "scripts" / "gpu_check.sh")], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable, "GPU_CHECK_OUT": str(tmp_path / "out")},
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "no CUDA device" in done.stdout
    assert not (tmp_path / "out").exists()
