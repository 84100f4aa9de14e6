#!/usr/bin/env bash
# Installs the system packages the course uses, when they are missing:
#   chromium            the browser test drives JupyterLab in it (tests/browser/)
#   fonts               two fonts, each when fc-list finds none of its kind:
#     fonts-wqy-microhei      a small Chinese font, so diagrams label 输入门 遗忘门 输出门
#     fonts-noto-color-emoji  an emoji font (about 10 MB), so the checkers' ✅ ❌ ⏳ are not
#                             empty boxes in the browser (their words are printed too)
# Usage: bash scripts/ensure_debian_packages.sh [chromium] [fonts]   (default: both)
# Needs apt-get and root (or password-less sudo); otherwise it says what to install
# and exits 1. Nothing breaks without them: the browser test skips (fails under
# CI=true), the diagrams draw English labels only, and the verdicts read "passed",
# "not right yet", "not done yet" beside an empty box.
set -u
want=("$@")
[ ${#want[@]} = 0 ] && want=(chromium fonts)
missing=()
for w in "${want[@]}"; do
    case "$w" in
        chromium)
            found=0
            for b in chromium chromium-browser google-chrome; do
                command -v "$b" >/dev/null 2>&1 && found=1
            done
            [ $found = 1 ] || missing+=(chromium) ;;
        fonts)
            fc-list 2>/dev/null | grep -qi -E "wqy|noto sans cjk|droid sans fallback" || missing+=(fonts-wqy-microhei)
            fc-list 2>/dev/null | grep -qi "Noto Color Emoji" || missing+=(fonts-noto-color-emoji) ;;
        *) echo "ensure_debian_packages: unknown item $w (chromium, fonts)" >&2; exit 2 ;;
    esac
done
[ ${#missing[@]} = 0 ] && exit 0

SUDO=()
if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
        echo "ensure_debian_packages: missing ${missing[*]}; install with: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_debian_packages: missing ${missing[*]} and no apt-get; install them with your system's package manager" >&2
    exit 1
fi
echo "ensure_debian_packages: installing ${missing[*]} ..."
"${SUDO[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
