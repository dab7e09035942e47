#!/usr/bin/env bash
# Build deploy/static/ for deploy/Caddyfile: a copy of the installed Streamlit's own front-end files (JavaScript,
# styles, fonts) and of the app's vendored ones (static/vendor/: the Latent map's plotly.js) with each text file also compressed once, at the strongest levels, next to it (name.js.zst from
# zstd -19, name.js.gz from gzip -9). Caddy then serves these files itself, already compressed, and never asks a
# replica for them. Compressing once at -19 is a quarter smaller than compressing each response on the fly, and
# costs the proxy no CPU per student (bench/bench_client.py, BENCHMARKS.md "Client speed").
#
# Run it on the proxy machine from the repo after `bash setup.sh`, and again after Streamlit or the app is upgraded
# (the replicas and this copy must be the same versions; it rebuilds only when Streamlit's version or the vendored
# files changed; a file the copy lacks goes to a replica as before):
#   bash deploy/static.sh [output folder, default deploy/static]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-deploy/static}
py=${PYTHON:-.venv/bin/python}
read -r version src < <("$py" -c 'import os, streamlit as s
print(s.__version__, os.path.join(os.path.dirname(s.__file__), "static"))')
stamp="$version $(cat static/vendor/* | sha256sum | cut -c1-16)"
if [ -f "$out/.streamlit-version" ] && [ "$(cat "$out/.streamlit-version")" = "$stamp" ]; then
  exit 0                                   # already built for this Streamlit and these vendored files
fi
tmp="$out.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp"
cp -R "$src/static" "$tmp/static"          # the hashed files under /static/ (index.html stays with the replicas)
mkdir -p "$tmp/app/static"
cp -R static/vendor "$tmp/app/static/vendor"    # served by the replicas at /app/static/vendor/ too
zstd_ok=1
if ! command -v zstd >/dev/null 2>&1; then
  zstd_ok=0
  echo "deploy/static.sh: zstd is not installed (apt-get install zstd); gzip only" >&2
fi
find "$tmp/static" "$tmp/app" -type f \( -name '*.js' -o -name '*.css' -o -name '*.json' -o -name '*.svg' -o -name '*.txt' \
  -o -name '*.html' -o -name '*.ttf' -o -name '*.wasm' \) -print0 |
  while IFS= read -r -d '' f; do
    gzip -9 -k -n "$f"
    if [ "$zstd_ok" = 1 ]; then zstd -19 -q -k "$f"; fi
  done
echo "$stamp" > "$tmp/.streamlit-version"
rm -rf "$out"
mv "$tmp" "$out"
echo "deploy/static.sh: $out built for Streamlit $version ($(du -sh "$out" | cut -f1))"
