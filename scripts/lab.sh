#!/usr/bin/env bash
# Opens the course: makes .venv if needed, then JupyterLab on the first lesson,
# bound to 127.0.0.1 and protected by Jupyter's token (printed below).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup_env.sh"
bash "$ROOT/scripts/ensure_debian_packages.sh" fonts || true   # Chinese labels in the diagrams, if it can
first="$(cd "$ROOT" && ls notebooks/[0-9]*.ipynb | head -n 1)"
extra=()
[ "$(id -u)" = 0 ] && extra+=(--allow-root)   # Jupyter refuses root without it
cd "$ROOT"
# default_url: the printed link (and the browser) land on the first lesson.
exec "$ROOT/.venv/bin/jupyter" lab --ip 127.0.0.1 --ServerApp.root_dir="$ROOT" \
    --LabApp.default_url="/lab/tree/$first" "${extra[@]}" "$@"
