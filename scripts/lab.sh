#!/usr/bin/env bash
# Opens the course: makes .venv if needed, copies the exercises you do not have yet
# into my_exercises/ (yours, git-ignored; never overwritten), then JupyterLab on the
# first lesson, bound to 127.0.0.1 and protected by Jupyter's token (printed below).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup_env.sh"
bash "$ROOT/scripts/ensure_debian_packages.sh" fonts || true   # Chinese labels and ✅ ❌ ⏳, if it can
# Work in my_exercises/, not exercises/: git pull and the tests leave it alone.
"$ROOT/.venv/bin/python" -m lstm_course.workspace || echo "lab.sh: could not make my_exercises/ (see above)" >&2
echo "Do the exercises in my_exercises/ (exercises/ holds the blank templates)."
echo "Your progress: the last cell of each exercise, or: .venv/bin/python -m lstm_course.progress"
first="$(cd "$ROOT" && ls notebooks/[0-9]*.ipynb | head -n 1)"
extra=()
[ "$(id -u)" = 0 ] && extra+=(--allow-root)   # Jupyter refuses root without it
cd "$ROOT"
# default_url: the printed link (and the browser) land on the first lesson.
exec "$ROOT/.venv/bin/jupyter" lab --ip 127.0.0.1 --ServerApp.root_dir="$ROOT" \
    --LabApp.default_url="/lab/tree/$first" "${extra[@]}" "$@"
