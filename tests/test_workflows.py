"""The GitHub Actions workflow: valid against GitHub's workflow schema (offline, with
check-jsonschema's vendored schema), and it runs what the README says CI runs.

check-jsonschema lives in the instructors' environment (`bash scripts/instructor.sh env`;
scripts/test.sh makes it under CI=true). Without it the schema test is skipped with that
hint, and under CI=true it fails instead.
"""
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def check_jsonschema():
    for candidate in (ROOT / ".venv-instructor/bin/check-jsonschema", shutil.which("check-jsonschema")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    hint = ("check-jsonschema is missing: `bash scripts/instructor.sh env` installs it into "
            ".venv-instructor/ (or `pipx install check-jsonschema`)")
    if os.environ.get("CI") == "true":
        pytest.fail(f"under CI the workflow schema test must run: {hint}", pytrace=False)
    pytest.skip(hint)


def validate(*paths):
    return subprocess.run([check_jsonschema(), "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def test_every_workflow_passes_githubs_schema():
    assert WORKFLOWS, "no workflow in .github/workflows/"
    out = validate(*WORKFLOWS)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_schema_check_can_fail(tmp_path):
    """A workflow with a misspelt key and a job without runs-on is rejected."""
    broken = yaml.safe_load(WORKFLOWS[0].read_text())
    job = next(iter(broken["jobs"].values()))
    job["runs_on"] = job.pop("runs-on")
    path = tmp_path / "broken.yml"
    path.write_text(yaml.safe_dump(broken))
    out = validate(path)
    assert out.returncode != 0 and "runs-on" in out.stdout + out.stderr


def load(path):
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True, data.get("on"))   # YAML 1.1 reads the key `on` as True
    return data


def steps_text(job):
    return "\n".join(str(step.get("run", "")) + str(step.get("uses", "")) + str(step.get("with", ""))
                     for step in job["steps"])


def test_the_workflow_runs_the_readmes_test_command_and_the_lessons_alone():
    wf = load(ROOT / ".github/workflows/tests.yml")
    assert "push" in wf["on"] and "pull_request" in wf["on"]
    jobs = wf["jobs"]
    assert set(jobs) >= {"test", "lessons"}
    for job in jobs.values():
        assert job["runs-on"] == "ubuntu-latest"
        setup = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/setup-python@"))
        assert str(setup["with"]["python-version"]) == "3.11"
        assert setup["with"]["cache"] == "pip"
        for req in ("requirements.txt", "requirements-lock.txt"):
            assert req in setup["with"]["cache-dependency-path"].split()
        assert "fonts-wqy-microhei" in steps_text(job)   # the CJK font
    test = steps_text(jobs["test"])
    readme = (ROOT / "README.md").read_text()
    assert "bash scripts/test.sh" in readme
    assert "\nbash scripts/test.sh\n" in "\n" + test + "\n"           # exactly the README's command
    assert "CHROMIUM_PATH" in test and "google-chrome" in test          # not Ubuntu's snap stub
    assert "requirements-instructor.txt" in jobs["test"]["steps"][1]["with"]["cache-dependency-path"]
    lessons = steps_text(jobs["lessons"])
    assert "--nbval" in lessons and lessons.rstrip().endswith("notebooks") and "tests" not in lessons.split()
    # torch from the CPU index, never an unpinned torch
    assert wf["env"]["TORCH_INDEX_URL"].endswith("/cpu")


def test_the_readme_shows_the_workflows_badge():
    first = (ROOT / "README.md").read_text().splitlines()[:4]
    assert any("actions/workflows/tests.yml/badge.svg" in line for line in first)
