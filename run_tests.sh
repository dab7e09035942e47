#!/usr/bin/env bash
# Set up (first time) and run the whole test suite. Full-data tests run when VAE_DATA_DIR points at the
# MNIST / Fashion-MNIST files (e.g. VAE_DATA_DIR=../shared/data) and skip with a reason otherwise.
set -euo pipefail
cd "$(dirname "$0")"
bash setup.sh dev
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
