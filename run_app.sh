#!/usr/bin/env bash
# Set up (first time) and start Latent Explorer on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")"
bash setup.sh
exec .venv/bin/python -m ui.serve "$@"
