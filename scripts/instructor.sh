#!/usr/bin/env bash
# For instructors (optional): nbgrader 0.9.6 in its own environment, .venv-instructor/,
# made from requirements-instructor.txt when missing or changed. Never touches the
# learners' .venv. The course directory is instructor/ (or INSTRUCTOR_COURSE_DIR).
#
#   bash scripts/instructor.sh                        make the environment and source/ from solutions/
#   bash scripts/instructor.sh release [NN ...]       release/<assignment>/: the student notebooks (default: all)
#   bash scripts/instructor.sh autograde NN [ID ...]  grade submitted/<ID>/<assignment>/ (default: every student)
#   bash scripts/instructor.sh scores [NN ...]        points per student and task, from gradebook.db
#   bash scripts/instructor.sh nbgrader ARGS ...      any nbgrader command, run in the course directory
#   bash scripts/instructor.sh env                    only make the environment
#   bash scripts/instructor.sh --relock               rewrite requirements-instructor.txt from a fresh environment
#
#   PYTHON=python3.12 ...  choose the interpreter (3.11+);  TORCH_INDEX_URL=...  torch from another index
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${INSTRUCTOR_VENV:-$ROOT/.venv-instructor}"
PY="${PYTHON:-python3}"
REQ="$ROOT/requirements-instructor.txt"
# What --relock installs (shared packages at the learners' lock pins), then freezes:
TOP=(nbgrader==0.9.6 torch==2.13.0 numpy matplotlib ipywidgets tqdm ipykernel check-jsonschema)

stamp() { cat "$REQ" "$ROOT/scripts/instructor.sh" | sha256sum | cut -d' ' -f1; }

make_env() {   # $1 = 1 to relock
    if [ "$1" = 0 ] && [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.instructor-stamp" 2>/dev/null)" = "$(stamp)" ]; then
        return 0
    fi
    "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
        echo "instructor: Python 3.11 or newer is needed; $PY is $("$PY" --version 2>&1). Set PYTHON=..." >&2; exit 1; }
    echo "instructor: making $VENV (about a minute and a half) ..."
    SECONDS=0
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
    local pip=("$VENV/bin/python" -m pip --disable-pip-version-check -q)
    quiet() { "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }
    if [ -n "${TORCH_INDEX_URL:-}" ]; then
        "${pip[@]}" install torch==2.13.0 --index-url "$TORCH_INDEX_URL"
    fi
    if [ "$1" = 1 ]; then
        quiet "${pip[@]}" install "${TOP[@]}" -c "$ROOT/requirements-lock.txt"
        { sed -n '1,/^# Made by/p' "$REQ"
          echo "torch==2.13.0"
          "$VENV/bin/python" -m pip freeze --exclude-editable | grep -v -i -E '^(torch|lstm-course)=='; } > "$REQ.new"
        mv "$REQ.new" "$REQ"
    else
        quiet "${pip[@]}" install -r "$REQ"
    fi
    # The course's package from this checkout (what the checkers import), without its
    # dependencies: a path entry, so the environment always grades with the current code.
    "$VENV/bin/python" -c 'import site, sys; open(site.getsitepackages()[0] + "/lstm_course_checkout.pth", "w").write(sys.argv[1] + "\n")' "$ROOT"
    "$VENV/bin/python" -m pip check >/dev/null
    stamp > "$VENV/.instructor-stamp"
    echo "instructor: done in ${SECONDS}s ($(du -sh "$VENV" | cut -f1))"
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
    --relock) make_env 1; exit 0 ;;
    env) make_env 0; exit 0 ;;
esac
make_env 0
COURSE="${INSTRUCTOR_COURSE_DIR:-$ROOT/instructor}"
export INSTRUCTOR_COURSE_DIR="$COURSE"
export PATH="$VENV/bin:$PATH"   # nbgrader runs `alembic` from PATH when it makes a gradebook
COURSEPY=("$VENV/bin/python" "$ROOT/instructor/course.py")
case "$cmd" in
    ""|source) "${COURSEPY[@]}" source "$@" ;;
    release|autograde|scores) "${COURSEPY[@]}" "$cmd" "$@" ;;
    nbgrader) "${COURSEPY[@]}" source >/dev/null
              cd "$COURSE" && exec "$VENV/bin/nbgrader" "$@" ;;
    *) echo "instructor: unknown command $cmd (source, release, autograde, scores, nbgrader, env, --relock)" >&2; exit 2 ;;
esac
