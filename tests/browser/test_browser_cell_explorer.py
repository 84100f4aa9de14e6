"""The cell explorer in a real JupyterLab, in Chromium: run the lesson, move a slider,
press a preset, and check that c' and a on the page are the memory cell's numbers."""
import re
import time

import pytest

from lstm_course.activations import identity, tanh
from lstm_course.cell import memory_cell
from lstm_course.widgets.cell import PRESETS, SIGNAL_RANGES

pytestmark = pytest.mark.browser

LESSON = "02_memory_cell_and_gates.ipynb"
EXPLORER = ".lstm-cell-explorer"
ACTIVATIONS = {"tanh": tanh, "identity": identity}


def wait_for_kernel(page):
    """Wait until the notebook's kernel is connected and idle. A "Select Kernel" dialog
    (Lab shows one when asked to run before the kernel is up) is answered with the default."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        dialog = page.locator(".jp-Dialog .jp-mod-accept")
        if dialog.count():
            dialog.first.click()
        ready = page.evaluate("""() => {
            const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            const k = w && w.sessionContext && w.sessionContext.session
                      && w.sessionContext.session.kernel;
            return !!k && k.connectionStatus === 'connected' && k.status === 'idle'; }""")
        if ready:
            return
        time.sleep(0.25)
    raise AssertionError("the notebook's kernel did not become idle within 120 s")


def run_command(page, command):
    """Start a JupyterLab command; not awaiting its promise (page.evaluate has no timeout)."""
    page.evaluate("(cmd) => { window.jupyterapp.commands.execute(cmd); }", command)


def shown_number(page, cls):
    text = page.locator(f"{EXPLORER} .{cls}").last.inner_text().replace("\u2212", "-")
    return float(re.search(r"-?\d+\.\d+", text).group())


def shown_inputs(page):
    """The explorer's slider readouts (z, z_i, z_f, z_o, c) and its g, h choices."""
    explorer = page.locator(EXPLORER).last
    readouts = explorer.locator(".widget-hslider .widget-readout")
    values = {name: float(readouts.nth(k).inner_text().replace("\u2212", "-"))  # d3: "−"
              for k, name in enumerate(SIGNAL_RANGES)}
    toggles = explorer.locator(".widget-toggle-buttons")
    g, h = (toggles.nth(k).locator(".mod-active").inner_text().strip() for k in (0, 1))
    return values, g, h


def check_numbers(page):
    """c' and a on the page equal memory_cell of the inputs on the page (4 decimals)."""
    values, g, h = shown_inputs(page)
    c_new, a = memory_cell(**values, g=ACTIVATIONS[g], h=ACTIVATIONS[h])
    assert shown_number(page, "lstm-c-new") == pytest.approx(float(c_new), abs=6e-5)
    assert shown_number(page, "lstm-a") == pytest.approx(float(a), abs=6e-5)
    return values


def wait_for_change(page, cls, old):
    page.wait_for_function(
        """([sel, old]) => { const els = document.querySelectorAll(sel);
             return els.length && els[els.length - 1].innerText.trim() !== old; }""",
        arg=[f"{EXPLORER} .{cls}", old])


def test_cell_explorer_in_jupyterlab(lab_server, page):
    started = time.monotonic()
    page.goto(lab_server.url(f"/lab/tree/{LESSON}"))
    wait_for_kernel(page)
    # Outputs saved in the file (a restored explorer) must not be mistaken for live ones.
    run_command(page, "notebook:clear-all-cell-outputs")
    page.wait_for_selector(EXPLORER, state="detached")
    run_command(page, "notebook:run-all-cells")
    page.locator(f"{EXPLORER} .lstm-c-new").last.wait_for()
    wait_for_kernel(page)
    page.locator(EXPLORER).last.scroll_into_view_if_needed()
    check_numbers(page)

    # Move the first slider (z) one step with the keyboard, as a learner would.
    before, _, _ = shown_inputs(page)
    old_c, old_img = (page.locator(f"{EXPLORER} .lstm-c-new").last.inner_text().strip(),
                      page.locator(f"{EXPLORER} img").last.get_attribute("src"))
    page.locator(f"{EXPLORER} .widget-hslider .noUi-handle").first.focus()
    page.keyboard.press("ArrowRight")
    wait_for_change(page, "lstm-c-new", old_c)
    after = check_numbers(page)
    assert after["z"] == pytest.approx(before["z"] + SIGNAL_RANGES["z"][2])
    # the diagram follows (coalesced, so it may come a moment later)
    page.wait_for_function(
        """([sel, old]) => { const els = document.querySelectorAll(sel);
             return els.length && els[els.length - 1].getAttribute('src') !== old; }""",
        arg=[f"{EXPLORER} img", old_img])

    # A preset sets all five sliders at once.
    old_c = page.locator(f"{EXPLORER} .lstm-c-new").last.inner_text().strip()
    page.locator(f"{EXPLORER} .lstm-preset-write").last.click()
    wait_for_change(page, "lstm-c-new", old_c)
    page.wait_for_function(
        """([sel, want]) => { const els = document.querySelectorAll(sel);
             return els.length && parseFloat(els[0].innerText) === want; }""",
        arg=[f"{EXPLORER} .widget-hslider .widget-readout", PRESETS["write"]["z"]])
    values = check_numbers(page)
    assert values == PRESETS["write"]
    c_new, _ = memory_cell(**PRESETS["write"])
    assert shown_number(page, "lstm-c-new") == pytest.approx(float(c_new), abs=6e-5)
    print(f"browser test: {time.monotonic() - started:.1f} s from opening the lesson")
