"""Every explorer in a real JupyterLab, in Chromium, at 1400 x 900: each is shown at its
own pixel size (never squeezed, so its text stays at least 10 px), and a screenshot of
each is kept in test-artifacts/explorers/ to look at. Also seen there: lesson 8's timing
table on one line a row (no wrapping), and lesson 6's progress bars, green for a run
that solved early and red for one that did not.

The explorers are made as the lessons make them (the same calls), in one small
notebook, so the test does not have to train lesson 6's network first.
"""
import json
import time
from pathlib import Path

import pytest


from test_browser_cell_explorer import run_command, wait_for_kernel

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "test-artifacts" / "explorers"
EXPLORERS = {"cell": ".lstm-cell-explorer", "sequence": ".lstm-sequence-explorer",
             "network": ".lstm-network-explorer"}

CELLS = [
    # lesson 2
    "from lstm_course.widgets import cell_explorer, network_explorer, sequence_explorer\n"
    "cell_explorer(z=1.0, z_i=10.0, z_f=10.0, z_o=-10.0, c=0.5)",
    # lesson 3
    "sequence_explorer()",
    # lesson 6: its trained model and the sequence it reads
    "import numpy as np\n"
    "from lstm_course import adding\n"
    "from lstm_course.model import load_model\n"
    f"trained = load_model({str(REPO / 'results' / 'adding_lstm_T100_chrono_seed0.npz')!r})\n"
    "xs, ts, ms = adding.adding_batch(1, 100, np.random.default_rng(7))\n"
    "network_explorer(trained['core'], xs)",
    # lesson 8's table, for six implementations and three sizes (made-up times)
    "from lstm_course import bench, timing\n"
    "rows = []\n"
    "for T, B, H in ((10, 1, 16), (100, 64, 128), (1000, 256, 1024)):\n"
    "    for k, (impl, (device, label)) in enumerate(timing.IMPLS.items()):\n"
    "        for p in timing.PASSES:\n"
    "            t = 1e-5 * T * (k + 1)\n"
    "            rows.append(dict(impl=impl, label=label, device=device, T=T, B=B, D=H, H=H,\n"
    "                             flops=1, median_s=t, tokens_per_s=T * B / t, status='ok', **{'pass': p}))\n"
    "print(bench.format_table({'rows': rows}))",
    # lesson 6's progress bars: a run that solves early, one that does not
    "from lstm_course import training\n"
    "calls = iter(range(10**6))\n"
    "real = adding.is_solved\n"
    "adding.is_solved = lambda errors: next(calls) >= 20\n"
    "solved = training.train_adding(length=20, hidden_size=4, batch_size=8, max_sequences=4000)\n"
    "adding.is_solved = real\n"
    "failed = training.train_adding(length=20, hidden_size=4, batch_size=8, max_sequences=160)\n"
    "print(solved['stopped'], failed['stopped'])",
]


def _notebook(path):
    cells = [{"cell_type": "code", "metadata": {}, "source": src, "outputs": [],
              "execution_count": None} for src in CELLS]
    path.write_text(json.dumps({"cells": cells, "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}))


def _shot(locator, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    locator.scroll_into_view_if_needed()
    locator.screenshot(path=str(SHOTS / f"{name}.png"), timeout=30_000)


def test_every_explorer_at_1400_by_900(lab_server, page):
    started = time.monotonic()
    _notebook(lab_server.root / "explorers_check.ipynb")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(lab_server.url("/lab/tree/explorers_check.ipynb"))
    wait_for_kernel(page)
    run_command(page, "notebook:run-all-cells")
    for selector in EXPLORERS.values():
        page.locator(f"{selector} img").last.wait_for(timeout=180_000)
    page.wait_for_function("() => document.querySelectorAll('.progress-bar-danger').length > 0",
                           timeout=240_000)
    wait_for_kernel(page)

    for name, selector in EXPLORERS.items():
        explorer = page.locator(selector).last
        _shot(explorer, name)
        # every picture shown at its own size: its 10 px text is not shrunk
        sizes = explorer.evaluate("""(el) => [...el.querySelectorAll('img')].map(
            (img) => [img.naturalWidth, img.getBoundingClientRect().width])""")
        assert sizes and all(natural > 0 and shown >= natural - 1 for natural, shown in sizes), \
            (name, sizes)

    # lesson 8's table: as many rendered lines as text lines (nothing wrapped)
    table = page.locator(".jp-OutputArea-output pre", has_text="forward+backward").last
    _shot(table, "timing_table")
    lines, height, line_height, overflow = table.evaluate("""(el) => [
        el.innerText.trimEnd().split('\\n').length, el.getBoundingClientRect().height,
        parseFloat(getComputedStyle(el).lineHeight), el.scrollWidth - el.clientWidth]""")
    assert height <= (lines + 0.5) * line_height and overflow <= 0, (lines, height, line_height)

    # lesson 6's progress bars: green for the run that solved early, red for the other
    _shot(page.locator(".jp-Cell").last, "progress_bars")
    styles = page.locator(".progress-bar").evaluate_all("""(els) => els.map((bar) =>
        ['success', 'danger', 'info', 'warning'].filter(
            (s) => bar.classList.contains('progress-bar-' + s)).join(''))""")
    assert styles[-2:] == ["success", "danger"], styles
    print(f"explorers browser test: {time.monotonic() - started:.1f} s; screenshots in {SHOTS}")
