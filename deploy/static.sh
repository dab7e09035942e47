#!/usr/bin/env bash
# Build deploy/static/ for deploy/Caddyfile: a copy of the installed Streamlit's own front-end files (JavaScript,
# styles, fonts) with each text file also compressed once, at the strongest levels, next to it (name.js.zst from
# zstd -19, name.js.gz from gzip -9). Caddy then serves these files itself, already compressed, and never asks a
# replica for them. Compressing once at -19 is a quarter smaller than compressing each response on the fly, and
# costs the proxy no CPU per student (bench/bench_client.py, BENCHMARKS.md "Client speed").
#
# Run it on the proxy machine from the repo after `bash setup.sh`, and again after Streamlit is upgraded (the
# replicas and this copy must be the same Streamlit version; a file the copy lacks goes to a replica as before):
#   bash deploy/static.sh [output folder, default deploy/static]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-deploy/static}
py=${PYTHON:-.venv/bin/python}
read -r version src < <("$py" -c 'import os, streamlit as s
print(s.__version__, os.path.join(os.path.dirname(s.__file__), "static"))')
if [ -f "$out/.streamlit-version" ] && [ "$(cat "$out/.streamlit-version")" = "$version" ]; then
  exit 0                                   # already built for this Streamlit
fi
tmp="$out.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp"
cp -R "$src/static" "$tmp/static"          # the hashed files under /static/ (index.html stays with the replicas)
zstd_ok=1
if ! command -v zstd >/dev/null 2>&1; then
  zstd_ok=0
  echo "deploy/static.sh: zstd is not installed (apt-get install zstd); gzip only" >&2
fi
find "$tmp/static" -type f \( -name '*.js' -o -name '*.css' -o -name '*.json' -o -name '*.svg' -o -name '*.txt' \
  -o -name '*.html' -o -name '*.ttf' -o -name '*.wasm' \) -print0 |
  while IFS= read -r -d '' f; do
    gzip -9 -k -n "$f"
    if [ "$zstd_ok" = 1 ]; then zstd -19 -q -k "$f"; fi
  done
echo "$version" > "$tmp/.streamlit-version"
rm -rf "$out"
mv "$tmp" "$out"
echo "deploy/static.sh: $out built for Streamlit $version ($(du -sh "$out" | cut -f1))"
