#!/usr/bin/env bash
# Regenerate the README screenshot (docs/screenshot.png) from the real app on a virtual screen
# (1600x1000). Runs with a fresh user folder, so no recent files, saved window layout or
# recovery prompt leak in; the keys select the sixth slide (a chart slide) in the outline, then
# wait (the Shift presses) while the chart picture is drawn.
# Needs ../shared/tools/screenshot-gui (it installs Xvfb, xdotool and ImageMagick if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
tool=../shared/tools/screenshot-gui
[ -x "$tool" ] || { echo "screenshot.sh: $tool not found (it lives in ../shared/tools)" >&2; exit 1; }
[ -x .venv/bin/briefing ] || { echo "screenshot.sh: run 'make run' first to create .venv" >&2; exit 1; }
mkdir -p docs
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
BRIEFING_HOME="$home" SCREENSHOT_KEYS="${SCREENSHOT_KEYS:-Down Down Down Down Down shift shift shift shift shift shift shift shift shift shift}" \
  "$tool" docs/screenshot.png 20 -- .venv/bin/briefing
