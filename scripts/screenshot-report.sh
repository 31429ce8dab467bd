#!/usr/bin/env bash
# Renders a `warehouse report` page to a PNG with headless Chromium, for review and for the
# README screenshot.
#
# Usage: scripts/screenshot-report.sh [report.html] [out.png]
#   report.html  the page to render (default: report.html)
#   out.png      the image to write (default: the page's name with .png)
# Environment: WIDTH (default 1280) and HEIGHT (default 4000) set the window in CSS pixels;
# SCALE (default 1) is the device pixel ratio, e.g. 0.5 for a small README image of the same
# layout; CHROMIUM names the browser binary (default: chromium, installed with apt-get when missing).
#
# The page is self-contained (inline SVG and CSS only), so the browser runs offline.
set -euo pipefail

page="${1:-report.html}"
out="${2:-${page%.html}.png}"
width="${WIDTH:-1280}"
height="${HEIGHT:-4000}"
scale="${SCALE:-1}"
browser="${CHROMIUM:-chromium}"

if [[ ! -f "$page" ]]; then
    echo "screenshot-report: no such page: $page (write one with: warehouse report --out $page)" >&2
    exit 1
fi

if ! command -v "$browser" >/dev/null 2>&1; then
    if [[ "$browser" != chromium ]]; then
        echo "screenshot-report: browser '$browser' not found" >&2
        exit 1
    fi
    echo "screenshot-report: installing chromium with apt-get…" >&2
    if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

page_url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
out_dir="$(dirname "$out")"
mkdir -p "$out_dir"
out_abs="$(cd "$out_dir" && pwd)/$(basename "$out")"

# A private profile directory, so nothing is read from or left in the user's profile.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$profile" --no-first-run --disable-extensions \
    --force-device-scale-factor="$scale" \
    --screenshot="$out_abs" --window-size="$width,$height" "$page_url" 2>"$profile/chromium.log" || {
    echo "screenshot-report: chromium failed:" >&2
    tail -20 "$profile/chromium.log" >&2
    exit 1
}

if [[ ! -s "$out_abs" ]]; then
    echo "screenshot-report: chromium wrote no image (log below)" >&2
    tail -20 "$profile/chromium.log" >&2
    exit 1
fi
echo "wrote $out ($(wc -c <"$out_abs") bytes; window ${width}×${height} CSS px at scale ${scale})"
