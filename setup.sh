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
  # Real-browser tests need Debian's chromium, the school-setup test (tests/test_proxy.py) also Debian's caddy
  # (and zstd, for deploy/static.sh); install them when we can (root + apt), else those tests skip. Caddy is only
  # run by the test, never as a service.
  missing=""
  for cmd in chromium caddy zstd; do command -v "$cmd" >/dev/null 2>&1 || missing="$missing $cmd"; done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing \
        >/dev/null) || echo "setup.sh: could not install$missing; the tests that need it will be skipped" >&2
    else
      echo "setup.sh: not installed:$missing (apt-get install$missing); the tests that need it will be skipped" >&2
    fi
  fi
else
  pip install --quiet --disable-pip-version-check -r requirements.txt
fi
