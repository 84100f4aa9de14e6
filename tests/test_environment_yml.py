"""environment.yml (conda, Binder, a hub's image) installs exactly what scripts/setup_env.sh
installs: Python, requirements.txt under requirements-lock.txt, and the course's package;
no version of its own, nothing of the instructors' environment."""
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path):
    out = {}
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, _, version = line.partition("==")
            out[norm(name)] = version
    return out


def environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def test_environment_yml_names_exactly_python_pip_and_the_course_files():
    env = environment()
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d for d in env["dependencies"] if isinstance(d, dict)]
    assert sorted(conda) == ["pip", "python=3.11"]
    assert len(pip) == 1 and list(pip[0]) == ["pip"]
    assert pip[0]["pip"] == ["-r requirements.txt", "-c requirements-lock.txt", "-e ."]
    for name in ("requirements.txt", "requirements-lock.txt", "pyproject.toml"):
        assert (ROOT / name).is_file(), name
    assert "instructor" not in (ROOT / "environment.yml").read_text()


def test_environment_yml_installs_what_setup_env_installs():
    setup = (ROOT / "scripts/setup_env.sh").read_text()
    assert 'install -r "$ROOT/requirements.txt" -c "$ROOT/requirements-lock.txt"' in setup
    assert '-e "$ROOT"' in setup
    # the same Python as the GitHub workflow and the README's minimum
    workflow = (ROOT / ".github/workflows/tests.yml").read_text()
    assert 'python-version: "3.11"' in workflow
    assert "Python 3.11 or newer" in (ROOT / "README.md").read_text()


def test_every_course_package_is_pinned_in_requirements_and_lock():
    req, lock = pins("requirements.txt"), pins("requirements-lock.txt")
    assert set(req) <= set(lock)
    assert all(lock[name] == version for name, version in req.items())


@pytest.mark.skipif(not (ROOT / ".venv").resolve().samefile(Path(sys.prefix).resolve())
                    if (ROOT / ".venv").exists() else True, reason="runs in the course's .venv only")
def test_the_course_environment_holds_every_locked_package_at_its_version():
    installed = {norm(d.metadata["Name"]): d.version.split("+")[0] for d in importlib.metadata.distributions()}
    wrong = {name: (version, installed.get(name)) for name, version in pins("requirements-lock.txt").items()
             if installed.get(name) != version}
    assert not wrong, f"(locked, installed) differ: {wrong}; bash scripts/setup_env.sh remakes .venv"
