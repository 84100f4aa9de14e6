#!/usr/bin/env bash
# Installs Debian's chromium for the browser test when no Chromium is found.
# Needs root (or password-less sudo) and apt-get; otherwise says how and exits 1.
set -u
for b in chromium chromium-browser google-chrome; do
    command -v "$b" >/dev/null 2>&1 && exit 0
done
SUDO=()
if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
        echo "ensure_chromium: no Chromium found; install it (e.g. 'sudo apt-get install chromium') to run the browser test" >&2
        exit 1
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_chromium: no Chromium and no apt-get; install Chromium with your system's package manager" >&2
    exit 1
fi
echo "ensure_chromium: installing Debian's chromium ..."
"${SUDO[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq chromium >/dev/null
