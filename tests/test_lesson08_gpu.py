"""Lesson 08's paragraph on the H200 states numbers read from a committed measurement:
each is recomputed here from results/bench_gpu_h200.json, so the text cannot drift from it."""
import json
from pathlib import Path

import pytest

from lstm_course import bench, timing

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "results" / "bench_gpu_h200.json"
SMALL, SECOND, LARGE = (20, 1, 16), (50, 8, 32), (100, 256, 512)

pytestmark = pytest.mark.skipif(not RESULTS.exists(), reason="no H200 measurement committed")


@pytest.fixture(scope="module")
def res():
    return timing.load_results(RESULTS)


@pytest.fixture(scope="module")
def text():
    nb = json.loads((ROOT / "notebooks" / "08_pytorch_and_gpu.ipynb").read_text())
    cells = [c for c in nb["cells"] if c.get("id") == "h200-findings"]
    assert len(cells) == 1, "lesson 08 lost its paragraph on the H200"
    return " ".join("".join(cells[0]["source"]).split())


def ms(res, impl, pass_, size):
    rows = [r for r in res["rows"] if r["impl"] == impl and r["pass"] == pass_
            and (r["T"], r["B"], r["H"]) == size]
    assert len(rows) == 1, (impl, pass_, size)
    return rows[0]["median_s"] * 1e3


def sizes(res):
    return sorted({(r["flops"], r["T"], r["B"], r["H"]) for r in res["rows"]})


def test_it_is_the_h200_measured_by_gpu_check(res, text):
    env = res["environment"]
    assert env["device"] == "NVIDIA H200" and env["date"].startswith("2026-11-30")
    log = (ROOT / "results" / "gpu_check_h200.log").read_text()
    assert "NVIDIA H200" in log and "3 passed" in log     # the CUDA tests ran there and passed
    assert "2026-11-30" in text and "NVIDIA H200" in text


def test_the_cpu_wins_at_the_smallest_size_and_cudnn_from_the_second_on(res, text):
    for pass_ in timing.PASSES:
        (size, cpu, gpu) = bench.crossover(res, pass_)
        assert size == SECOND, pass_
    gpu_small = min(ms(res, i, "forward", SMALL) for i in ("scratch_cuda", "nn_cuda", "scratch_graph"))
    assert ms(res, "nn_cpu", "forward", SMALL) < gpu_small
    assert f"({ms(res, 'nn_cpu', 'forward', SMALL):.2f} ms forward)" in text
    assert (f"({ms(res, 'nn_cuda', 'forward', SECOND):.2f} ms against "
            f"{ms(res, 'nn_cpu', 'forward', SECOND):.2f} ms)") in text
    for pass_ in timing.PASSES:     # "stays ahead at every larger size, in both passes"
        for _, T, B, H in sizes(res):
            if (T, B, H) == SMALL:
                continue
            gpu = min(ms(res, i, pass_, (T, B, H)) for i in ("scratch_cuda", "nn_cuda", "scratch_graph"))
            cpu = min(ms(res, i, pass_, (T, B, H)) for i in ("numpy", "scratch_cpu", "nn_cpu"))
            assert gpu < cpu, (pass_, T, B, H)


def test_cudnn_hardly_grows_and_its_speed_ups(res, text):
    fwd = [ms(res, "nn_cuda", "forward", s[1:]) for s in sizes(res)]
    assert f"from {min(fwd):.2f} ms to {max(fwd):.1f} ms forward" in text
    work = sizes(res)[-1][0] / sizes(res)[0][0]
    assert round(work, -5) == 1_300_000 and "1,300,000-fold" in text
    f = ms(res, "numpy", "forward", LARGE) / ms(res, "nn_cuda", "forward", LARGE)
    assert round(f, -1) == 180 and "about 180x faster than our numpy" in text
    fb = ms(res, "numpy", "forward+backward", LARGE) / ms(res, "nn_cuda", "forward+backward", LARGE)
    assert f"and {round(fb)}x faster forward+backward" in text


def test_the_scratch_loop_on_the_gpu_and_its_cuda_graph(res, text):
    slower = [s[1:] for s in sizes(res)
              if ms(res, "scratch_cuda", "forward", s[1:]) > ms(res, "numpy", "forward", s[1:])]
    assert slower == [(20, 1, 16), (50, 8, 32), (100, 16, 64)]    # "up to T=100, B=16, H=64"
    assert "up to $T = 100$, $B = 16$, $H = 64$" in text
    f = ms(res, "scratch_cuda", "forward", LARGE) / ms(res, "nn_cuda", "forward", LARGE)
    fb = ms(res, "scratch_cuda", "forward+backward", LARGE) / ms(res, "nn_cuda", "forward+backward", LARGE)
    assert f"{round(f)}x (forward) to {round(fb)}x (forward+backward) slower than cuDNN" in text
    large = ms(res, "scratch_cuda", "forward", LARGE) / ms(res, "scratch_graph", "forward", LARGE)
    small = ms(res, "scratch_cuda", "forward", SMALL) / ms(res, "scratch_graph", "forward", SMALL)
    assert f"{large:.1f}x faster forward at the largest size, {round(small)}x at the smallest" in text
