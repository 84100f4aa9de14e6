"""Fixtures for the browser tests: a JupyterLab server and a headless Chromium.

The server runs on 127.0.0.1, on a free port, with a random token, with HOME and
Jupyter's config/data/runtime folders in a temporary directory (nothing lands in
the user's home), serving a temporary copy of notebooks/. Whatever happens, its
kernels are shut down through the REST API and the server is stopped by its PID.

No Chromium: the tests skip with a message saying how to get one; under CI
(CI=true) that is a failure instead.
"""
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOW_TO_GET_CHROMIUM = ("no Chromium found for the browser tests: install Debian's package "
                       "(`sudo apt-get install chromium`, or `bash scripts/ensure_debian_packages.sh chromium`), "
                       "or set CHROMIUM_PATH to a Chromium or Chrome executable")


def _missing(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"under CI the browser tests must run: {reason}", pytrace=False)
    pytest.skip(reason)


def find_chromium():
    """The path of a Chromium to drive, or None."""
    given = os.environ.get("CHROMIUM_PATH")
    if given and os.access(given, os.X_OK):
        return given
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def chromium_path():
    path = find_chromium()
    if path is None:
        _missing(HOW_TO_GET_CHROMIUM)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("the Python package playwright is missing: bash scripts/setup_env.sh installs it")
    return path


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(base, token, path, method="GET"):
    req = urllib.request.Request(f"{base}{path}", method=method,
                                 headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        body = resp.read()
    return json.loads(body) if body else None


class LabServer:
    def __init__(self, base, token, root, log):
        self.base, self.token, self.root, self.log = base, token, root, log

    def url(self, path):
        return f"{self.base}{path}?token={self.token}"


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory, chromium_path):
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "notebooks"
    shutil.copytree(REPO / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    home = tmp / "home"
    settings = home / "lab-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    # no "Jupyter news?" toast over the outputs
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    import matplotlib
    env = {**os.environ, "HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
           "MPLCONFIGDIR": matplotlib.get_configdir(),  # reuse the font cache
           "PYTHONHASHSEED": "0"}
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1",
           "--port", str(port), f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
           "--ServerApp.port_retries=0"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # Jupyter refuses root without it
    log_path = tmp / "server.log"
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _api(base, token, "/api/status")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start:\n" + log_path.read_text()[-3000:])
                time.sleep(0.3)
        yield LabServer(base, token, root, log_path)
    finally:
        try:  # kernels outlive the browser: shut them down, then the server
            for session in _api(base, token, "/api/sessions") or []:
                _api(base, token, f"/api/sessions/{session['id']}", "DELETE")
            for kernel in _api(base, token, "/api/kernels") or []:
                _api(base, token, f"/api/kernels/{kernel['id']}", "DELETE")
        except OSError:
            pass
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture
def page(chromium_path, request):
    """A Chromium page; a failing test (or any, with BROWSER_SCREENSHOTS=1) leaves
    screenshots in test-artifacts/."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            pg = browser.new_page(viewport={"width": 1400, "height": 1000})
            pg.set_default_timeout(90_000)
            yield pg
            report = getattr(request.node, "rep_call", None)
            # Always on request (BROWSER_SCREENSHOTS=1), to look at what a learner sees.
            if (report is not None and report.failed) or os.environ.get("BROWSER_SCREENSHOTS") == "1":
                _save_artifacts(pg, request)
        finally:
            browser.close()


def _save_artifacts(pg, request):
    """Screenshots of the page and of the explorer, and the server's log, for a failed test."""
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / f"{request.node.name}-{time.strftime('%Y%m%d-%H%M%S')}"
    try:
        pg.screenshot(path=f"{stem}-page.png")
        explorer = pg.locator(".lstm-cell-explorer").last
        if explorer.count():
            explorer.screenshot(path=f"{stem}-explorer.png", timeout=10_000)
    except Exception as exc:  # a screenshot must not hide the test's own failure
        print(f"could not save a screenshot: {exc}")
    if "lab_server" in request.fixturenames:
        shutil.copy(request.getfixturevalue("lab_server").log, f"{stem}-server.log")
    print(f"browser test artifacts: {stem}-*")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)  # lets the page fixture see a failure
    return report
