#!/usr/bin/env bash
# Runs every test: makes .venv if needed (and Chromium for the browser test),
# then pytest over tests/ and strict nbval over notebooks/ and solutions/. Under CI=true
# it also makes .venv-instructor/ (scripts/instructor.sh), so the instructor tests run.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m "not browser"`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup_env.sh
bash scripts/ensure_debian_packages.sh || true   # the browser test skips (under CI: fails) without Chromium
if [ "${CI:-}" = true ]; then   # under CI also the instructors' environment: nbgrader's tests and the workflow check
    bash scripts/instructor.sh env
fi
export PYTHONHASHSEED=0
exec .venv/bin/python -m pytest -n 2 --dist loadfile -p no:cacheprovider --durations=8 \
    tests --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
    notebooks solutions "$@"
