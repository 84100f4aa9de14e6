#!/usr/bin/env bash
# Makes the course's environment, .venv in the repository, when it is missing or
# when requirements*.txt or pyproject.toml changed since it was made. Idempotent:
# a second run with nothing changed takes a second. Sourced by lab.sh and test.sh.
#
#   PYTHON=python3.11 bash scripts/setup_env.sh     choose the interpreter (3.11+)
#   TORCH_INDEX_URL=... bash scripts/setup_env.sh   take torch from another index (CUDA/CPU builds)
#   bash scripts/setup_env.sh --relock              rewrite requirements-lock.txt from a fresh .venv
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"

stamp() { cat "$ROOT/requirements.txt" "$ROOT/requirements-lock.txt" "$ROOT/pyproject.toml" \
            "$ROOT/scripts/setup_env.sh" | sha256sum | cut -d' ' -f1; }

relock=0
[ "${1:-}" = "--relock" ] && relock=1

if [ $relock = 0 ] && [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.course-stamp" 2>/dev/null)" = "$(stamp)" ]; then
    exit 0   # up to date
fi

"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "setup: Python 3.11 or newer is needed; $PY is $("$PY" --version 2>&1). Set PYTHON=..." >&2; exit 1; }

echo "setup: making $VENV (first run takes a minute or two) ..."
SECONDS=0
rm -rf "$VENV"
"$PY" -m venv "$VENV"
PIP=("$VENV/bin/python" -m pip --disable-pip-version-check -q)
quiet() { "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }  # a local pip.conf's noise
if [ -n "${TORCH_INDEX_URL:-}" ]; then
    "${PIP[@]}" install torch==2.13.0 --index-url "$TORCH_INDEX_URL"
fi
if [ $relock = 1 ]; then
    quiet "${PIP[@]}" install -r "$ROOT/requirements.txt"
    { echo "# Every package of the environment, pinned, so that notebook outputs repeat."
      echo "# Made by: bash scripts/setup_env.sh --relock (pip freeze of a fresh .venv)."
      echo "torch==2.13.0"
      "$VENV/bin/python" -m pip freeze --exclude-editable | grep -v -i -E '^(torch|lstm-course)=='; } \
        > "$ROOT/requirements-lock.txt"
else
    quiet "${PIP[@]}" install -r "$ROOT/requirements.txt" -c "$ROOT/requirements-lock.txt"
fi
# The course's own package, editable, so that lessons import the files you edit.
quiet "${PIP[@]}" install --no-deps --no-build-isolation -e "$ROOT"

# JupyterLab: no "news" pop-up over the notebook (and no network call for it).
mkdir -p "$VENV/share/jupyter/lab/settings"
cat > "$VENV/share/jupyter/lab/settings/overrides.json" <<'JSON'
{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}
JSON

stamp > "$VENV/.course-stamp"
echo "setup: done in ${SECONDS}s ($(du -sh "$VENV" | cut -f1))"
