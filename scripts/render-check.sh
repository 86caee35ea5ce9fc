#!/usr/bin/env bash
# Renders each shipped report's index.html in headless Chromium (Debian package `chromium`) to a
# PNG and fails if the page logs anything to the browser console (a script error, a blocked
# resource, a parse problem reported there). The pages have no scripts and load nothing, so any
# console line is a defect.
#
#   scripts/render-check.sh                 PNGs into a temporary folder
#   scripts/render-check.sh OUT_DIR         PNGs into OUT_DIR (<report folder>.png)
#
# Exit status: 0 all pages clean, 1 a console message or a failed render, 3 chromium missing.
# docs/nct07363356-interim-report.png is this script's PNG of reports/nct07363356-interim.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
done
if [[ -z "$browser" ]]; then
  echo "render-check: chromium not found (Debian: apt-get install -y chromium)" >&2
  exit 3
fi

out="${1:-$(mktemp -d)}"
mkdir -p "$out"
status=0
for page in reports/*/index.html; do
  name="$(basename "$(dirname "$page")")"
  log="$(mktemp)"
  # A private profile per page, so runs never share state; no GPU, no sandbox (containers).
  profile="$(mktemp -d)"
  if ! timeout 120 "$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
      --user-data-dir="$profile" --enable-logging=stderr --v=0 --window-size=900,2400 \
      --screenshot="$out/$name.png" "file://$PWD/$page" >/dev/null 2>"$log"; then
    echo "render-check: $page: chromium failed" >&2
    status=1
  fi
  # Chromium logs page console messages as ...:CONSOLE:<line>] "message", source: ...
  if grep -q ":CONSOLE" "$log"; then
    echo "render-check: $page: console messages:" >&2
    grep ":CONSOLE" "$log" >&2
    status=1
  fi
  if [[ ! -s "$out/$name.png" ]]; then
    echo "render-check: $page: no screenshot written" >&2
    status=1
  else
    echo "render-check: $page: ok -> $out/$name.png"
  fi
  rm -rf "$log" "$profile"
done
exit "$status"
