"""The set-up: one source of versions, pinned torch, CI = the README's command,
a JupyterLab that listens on 127.0.0.1 behind a token, numerics without heavy imports."""
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pins(path):
    out = {}
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, _, version = line.partition("==")
            out[re.sub(r"[-_.]+", "-", name).lower()] = version
    return out


def test_every_requirement_is_pinned_and_agrees_with_the_lock():
    req, lock = pins("requirements.txt"), pins("requirements-lock.txt")
    for name in ("numpy", "torch", "jupyterlab", "ipywidgets", "nbval", "matplotlib", "pytest", "tqdm"):
        assert name in req, name
    for name, version in req.items():
        assert re.fullmatch(r"\d+(\.\d+)*", version), f"{name} is not pinned exactly: {version!r}"
        assert lock.get(name) == version, f"{name}: requirements.txt {version}, lock {lock.get(name)}"


def test_environment_yml_and_pyproject_refer_to_requirements_txt():
    env = (ROOT / "environment.yml").read_text()
    assert "-r requirements.txt" in env and "-c requirements-lock.txt" in env
    assert not re.search(r"^\s*-\s*(numpy|torch|jupyterlab)\b", env, re.M), "versions belong in requirements.txt"
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'dependencies\s*=\s*\{\s*file\s*=\s*\["requirements.txt"\]', pyproject)


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "bash scripts/test.sh" in readme and "bash scripts/lab.sh" in readme
    commands = [line.strip() for line in (ROOT / ".ci/run").read_text().splitlines()
                if line.strip() and not line.strip().startswith("#")]
    assert commands[-1] == "bash scripts/test.sh"


def test_numerics_import_no_drawing_widgets_or_torch():
    code = ("import sys, lstm_course, lstm_course.activations, lstm_course.cell, lstm_course.lstm, "
            "lstm_course.rnn, lstm_course.gradcheck, lstm_course.params, lstm_course.torch_compare, "
            "lstm_course.cells, lstm_course.model, lstm_course.variants.family, lstm_course.variants.gru, "
            "lstm_course.variants.janet, lstm_course.variant_study; "
            "heavy = [m for m in ('matplotlib', 'ipywidgets', 'torch') if m in sys.modules]; "
            "print(heavy); sys.exit(bool(heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(not (ROOT / ".venv/bin/jupyter").exists(), reason="needs the course's .venv")
def test_lab_script_serves_on_loopback_behind_a_token(tmp_path):
    port = free_port()
    env = dict(os.environ, HOME=str(tmp_path), JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"),
               LSTM_COURSE_MY_EXERCISES=str(tmp_path / "mine"))     # not the checkout's my_exercises/
    proc = subprocess.Popen(["bash", str(ROOT / "scripts/lab.sh"), f"--port={port}", "--no-browser",
                             "--ServerApp.port_retries=0"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        status = None
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=1)
                status = 200
            except urllib.error.HTTPError as err:
                status = err.code
            except OSError:
                time.sleep(0.25)
                continue
            break
        assert status == 403, f"without a token the server must refuse, got {status}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        log = proc.communicate(timeout=30)[0]
    # The learner's copies are made first, and it says where to work.
    assert sorted(p.name for p in (tmp_path / "mine").glob("*.ipynb")) == \
        sorted(p.name for p in (ROOT / "exercises").glob("[0-9][0-9]_*.ipynb")), log
    assert "Do the exercises in my_exercises/" in log
    # The printed link opens the first lesson, on loopback, with the token.
    assert re.search(rf"http://127\.0\.0\.1:{port}/lab/tree/notebooks/01_\w+\.ipynb\?token=\w{{16,}}", log), log


def test_fonts_item_asks_for_the_cjk_and_the_emoji_font(tmp_path):
    """Without fonts (fc-list finds none) and without root or sudo, the fonts item names both
    Debian packages and exits 1; with both fonts present it does nothing."""
    fake = tmp_path / "bin"
    fake.mkdir()
    for name, body in (("id", "echo 1000"), ("sudo", "exit 1"), ("fc-list", 'cat "$FONTS"')):
        (fake / name).write_text(f"#!/bin/sh\n{body}\n")
        (fake / name).chmod(0o755)
    fonts = tmp_path / "fonts.txt"
    env = dict(os.environ, PATH=f"{fake}:/usr/bin:/bin", FONTS=str(fonts))
    script = ["bash", str(ROOT / "scripts/ensure_debian_packages.sh"), "fonts"]
    fonts.write_text("")
    result = subprocess.run(script, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "missing fonts-wqy-microhei fonts-noto-color-emoji" in result.stderr, result.stderr
    fonts.write_text("/usr/share/fonts/wqy-microhei.ttc: WenQuanYi Micro Hei\n"
                     "/usr/share/fonts/NotoColorEmoji.ttf: Noto Color Emoji:style=Regular\n")
    result = subprocess.run(script, env=env, capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr
