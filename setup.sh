#!/usr/bin/env bash
# Create .venv (once) and install what the app needs; with "dev" also what the tests need.
# torch goes first, pinned to the CPU build, so nothing pulls a CUDA build.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
. .venv/bin/activate
pip install --quiet --disable-pip-version-check torch==2.13.0
if [ "${1:-}" = "dev" ]; then
  pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  # Real-browser tests need Debian's chromium; install it when we can (root + apt), else they skip.
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
        || echo "setup.sh: could not install chromium; browser tests will be skipped" >&2
    else
      echo "setup.sh: chromium is not installed (apt-get install chromium); browser tests will be skipped" >&2
    fi
  fi
else
  pip install --quiet --disable-pip-version-check -r requirements.txt
fi
