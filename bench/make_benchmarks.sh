#!/usr/bin/env bash
# Assemble BENCHMARKS.md from the sections each benchmark wrote (bench/sections/*.md). Each section names the
# command that produced it, the date and the machine load it was measured under.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  cat <<'HEAD'
# Benchmarks

Every figure below comes from a run of the command quoted with it, on this project's 2-core x86_64 machine with
no GPU (torch 2.13.0 CPU). Ratios compare against reference implementations measured in the same run. Many of
these runs shared the 2 cores with other work (the load average is given where it was recorded): on a quiet
machine the times are lower, never higher. Re-run a command to check a figure; `bash bench/make_benchmarks.sh`
rebuilds this file from `bench/sections/`.

HEAD
  for s in training class compare pad lessons lessons-words app client views follow soak; do
    [ -f "bench/sections/$s.md" ] && { cat "bench/sections/$s.md"; echo; }
  done
} > BENCHMARKS.md
echo "wrote BENCHMARKS.md"
