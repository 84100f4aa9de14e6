"""Checkers of lesson 8 (one step and a layer in torch operations, an honest
timer): the solutions and the package pass, planted mistakes get their hint."""
import time

import numpy as np
import pytest
import torch

from lstm_course import checks, torch_scratch

from checks_helpers import assert_caught, assert_passes, solution_functions


@pytest.fixture(scope="module")
def sol8():
    return solution_functions("08_pytorch_and_gpu")


def test_lesson8_solutions_pass(sol8, capsys):
    assert_passes(checks.check_torch_step(sol8["lstm_step"]), capsys)
    assert_passes(checks.check_torch_forward(sol8["lstm_forward"]), capsys)
    assert_passes(checks.check_median_time(sol8["median_time"]), capsys)
    assert_passes(checks.check_peephole_step(sol8["peephole_step"]), capsys)


def test_package_references_pass(capsys):
    from lstm_course.checks.torch_ops import fused_step, peephole_step

    assert_passes(checks.check_torch_step(fused_step), capsys)
    assert_passes(checks.check_peephole_step(peephole_step), capsys)
    assert_passes(checks.check_torch_forward(torch_scratch.forward), capsys)


def test_importing_the_checks_does_not_import_torch():
    import subprocess
    import sys

    code = "import sys, lstm_course.checks; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# --------------------------------------------------------------------------- one step
def _step(mistake=None):
    def lstm_step(x_t, h_prev, c_prev, W, b):
        Wt = W if mistake == "no transpose" else W.T
        h_in = h_prev.detach() if mistake == "detach" else h_prev
        a = torch.cat([x_t, h_in], dim=1) @ Wt + (0 if mistake == "no b_hh" else b)
        if mistake == "lecture order":
            z, z_i, z_f, z_o = a.chunk(4, dim=1)
        elif mistake == "ifog":
            z_i, z_f, z_o, z = a.chunk(4, dim=1)
        elif mistake == "forget on input":
            z_f, z_i, z, z_o = a.chunk(4, dim=1)
        else:
            z_i, z_f, z, z_o = a.chunk(4, dim=1)
        g = torch.sigmoid(z) if mistake == "sigmoid g" else torch.tanh(z)
        c = g * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
        h = (c if mistake == "no tanh" else torch.tanh(c)) * torch.sigmoid(z_o)
        return h, c
    return lstm_step


@pytest.mark.parametrize("mistake, hint", [
    ("forget on input", "multiplies the new input instead of the old memory"),
    ("lecture order", "lecture's order z, z_i, z_f, z_o"),
    ("ifog", "as i, f, o, g"),
    ("sigmoid g", "the cell input g uses tanh"),
    ("no tanh", "tanh(c') times the output gate"),
    ("no b_hh", "add the bias b"),
    ("no transpose", "by its transpose"),
    ("detach", "no gradient reaches `h_prev`"),
])
def test_step_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_torch_step(_step(mistake)), capsys, hint)


# --------------------------------------------------------------------------- a layer
def _forward(mistake=None):
    def lstm_forward(x, params):
        T, B, D = x.shape
        H = params["W_hh"].shape[1]
        bias = {"no b_ih": 0, "b_ih twice": 2}.get(mistake, 1) * params["b_ih"]
        x_proj = x @ params["W_ih"].T + bias
        h = c = torch.zeros(B, H, dtype=x.dtype)
        hs = [h] if mistake == "h0 in hs" else []
        for t in range(T):
            if mistake == "no carry":
                h, c = torch.zeros_like(h), torch.zeros_like(c)
            h, c = torch_scratch.step(x_proj[t], h, c, params["W_hh"], params["b_hh"])
            hs.append(h)
        return torch.stack(hs), (h, c)
    return lstm_forward


@pytest.mark.parametrize("mistake, hint", [
    ("no carry", "carry the memory"),
    ("no b_ih", "only b_hh"),
    ("b_ih twice", "each bias counts once"),
    ("h0 in hs", "not the starting state h_0"),
])
def test_forward_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_torch_forward(_forward(mistake)), capsys, hint)


# --------------------------------------------------------------------------- timer
def _timer(mistake=None):
    def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
        if mistake == "perf_counter":
            clock = time.perf_counter
        for _ in range(0 if mistake in ("no warmup", "warmup timed") else warmup):
            fn()
        n = repeats + (warmup if mistake == "warmup timed" else 0)
        if mistake == "mean":
            t0 = clock()
            for _ in range(n * number):
                fn()
            return (clock() - t0) / (n * number)
        times = []
        for _ in range(1 if mistake == "one call" else n):
            t0 = clock()
            for _ in range(1 if mistake == "ungrouped" else number):
                fn()
            times.append((clock() - t0) / (1 if mistake == "ungrouped" else number))
        if mistake == "total":
            return sum(times)
        if mistake == "upper middle":
            return sorted(times)[len(times) // 2]
        return float(np.median(times))
    return median_time


@pytest.mark.parametrize("mistake, hint", [
    ("no warmup", "warm up first"),
    ("warmup timed", "don't time the warm-up calls"),
    ("mean", "the mean, which one slow group"),
    ("one call", "time repeats calls, not just one"),
    ("total", "not the total"),
    ("upper middle", "mean of the two middle times"),
    ("perf_counter", "the clock you are given"),
    ("ungrouped", "call fn number times"),
])
def test_timer_mistakes(mistake, hint, capsys):
    assert_caught(checks.check_median_time(_timer(mistake)), capsys, hint)


def test_the_honest_timer_passes_and_measures_real_time(capsys):
    assert_passes(checks.check_median_time(_timer()), capsys)
    t = _timer()(lambda: time.sleep(0.002), warmup=1, repeats=3)
    assert 0.0015 < t < 0.5


def test_start_state_must_follow_x_dtype_and_device(capsys):
    """A bare torch.zeros(B, H) passes on the CPU in float64 and float32; float16 on the meta device shows it."""
    from lstm_course.checks.torch_ops import fused_step

    def lstm_forward(x, params):
        T, B, _ = x.shape
        W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
        b = params["b_ih"] + params["b_hh"]
        h, c = torch.zeros(B, params["W_hh"].shape[1]), torch.zeros(B, params["W_hh"].shape[1])
        hs = []
        for t in range(T):
            h, c = fused_step(x[t], h, c, W, b)
            hs.append(h)
        return torch.stack(hs), (h, c)
    assert_caught(checks.check_torch_forward(lstm_forward), capsys, "make the start state from x")


def test_timer_min_and_peephole_slips_are_named(capsys):
    from lstm_course.checks.torch_ops import peephole_step

    def min_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
        for _ in range(warmup):
            fn()
        times = []
        for _ in range(repeats):
            t0 = clock()
            for _ in range(number):
                fn()
            times.append((clock() - t0) / number)
        return float(np.min(times))

    def columns(x_t, h_prev, c_prev, W, b, p):
        return peephole_step(x_t, h_prev, c_prev, W, b, p.T)

    def outside(x_t, h_prev, c_prev, W, b, p):
        a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
        z_i, z_f, z, z_o = a.chunk(4, dim=1)
        c = torch.tanh(z) * (torch.sigmoid(z_i) + p[0] * c_prev) + c_prev * (torch.sigmoid(z_f) + p[1] * c_prev)
        return torch.tanh(c) * (torch.sigmoid(z_o) + p[2] * c), c
    assert_caught(checks.check_median_time(min_time), capsys, "not the minimum")
    assert_caught(checks.check_peephole_step(columns), capsys, "p[:, k] takes a column")
    assert_caught(checks.check_peephole_step(outside), capsys, "the peephole goes inside the sigmoid")


def test_fused_w_order_warmup_in_first_group_and_peephole_slips_are_named(capsys):
    from lstm_course.checks.torch_ops import fused_step

    def hh_first(x, params):
        W = torch.cat([params["W_hh"], params["W_ih"]], dim=1)
        b = params["b_ih"] + params["b_hh"]
        h = c = x.new_zeros((x.shape[1], params["W_hh"].shape[1]))
        hs = []
        for t in range(x.shape[0]):
            h, c = fused_step(x[t], h, c, W, b)
            hs.append(h)
        return torch.stack(hs), (h, c)

    def warmup_in_first_group(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
        times, t0 = [], clock()
        for _ in range(warmup):
            fn()
        for _ in range(repeats):
            for _ in range(number):
                fn()
            t1 = clock()
            times.append((t1 - t0) / number)
            t0 = t1
        return float(np.median(times))

    def peep(on_h=False, matmul=False):
        def step(x_t, h_prev, c_prev, W, b, p):
            z_i, z_f, z, z_o = (torch.cat([x_t, h_prev], dim=1) @ W.T + b).chunk(4, dim=1)
            if matmul:
                pc = c_prev @ p.T
                c = torch.tanh(z) * torch.sigmoid(z_i + pc[:, :1]) + c_prev * torch.sigmoid(z_f + pc[:, 1:2])
                return torch.tanh(c) * torch.sigmoid(z_o + (c @ p.T)[:, 2:3]), c
            old = h_prev if on_h else c_prev
            c = torch.tanh(z) * torch.sigmoid(z_i + p[0] * old) + c_prev * torch.sigmoid(z_f + p[1] * old)
            return torch.tanh(c) * torch.sigmoid(z_o + p[2] * c), c
        return step
    assert_caught(checks.check_torch_forward(hh_first), capsys, "yours puts W_hh first")
    assert_caught(checks.check_median_time(warmup_in_first_group), capsys, "the first group's time includes them")
    assert_caught(checks.check_peephole_step(peep(on_h=True)), capsys, "yours multiplies p by h_prev")
    assert_caught(checks.check_peephole_step(peep(matmul=True)), capsys, "a matrix product c_prev @ p.T")
