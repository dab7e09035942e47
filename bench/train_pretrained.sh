#!/usr/bin/env bash
# Re-make the shipped models in assets/ with the project's own training command, on the full datasets.
# Usage: bash bench/train_pretrained.sh [data dir, default ../shared/data]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data}
COMMON="--hidden 448,256 --latent 2 --epochs 40 --batch-size 128 --lr 2e-3 --schedule cosine --seed 0 --half --threads 2 --data-dir $DATA --quiet"
python -m vae_core.train --dataset mnist   --kind vae  $COMMON --out assets/mnist-vae.safetensors
python -m vae_core.train --dataset mnist   --kind ae   $COMMON --out assets/mnist-ae.safetensors
python -m vae_core.train --dataset mnist   --kind cvae $COMMON --out assets/mnist-cvae.safetensors
python -m vae_core.train --dataset fashion --kind vae  $COMMON --out assets/fashion-vae.safetensors
# The denoiser of the Denoise lesson: damaged inputs (each image salt-and-pepper up to 0.25 or Gaussian noise up
# to 0.5, kind and strength drawn at random, fresh every epoch) -> clean targets; same size and schedule.
python -m vae_core.train --dataset mnist   --kind vae  $COMMON --denoise salt_pepper:0.25+gaussian:0.5 \
    --out assets/mnist-dvae.safetensors
