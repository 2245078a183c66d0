#!/usr/bin/env bash
# Runs `cilbench bench step` and bench/pytorch_reference.py with the same settings, one after the other (never
# together: they would share the cores), prints every JSON line and the ratios ours / PyTorch's (below 1: we are
# faster). With --rounds N the two alternate N times and the ratios compare the medians over rounds, so load from
# other processes falls on both sides alike.
# Usage: bench/compare.sh [--rounds N] [--model resnet32] [--batch 128] [--steps 20] [--threads N] [--channels 3] [--size 32] [--warmup 3]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/src/CilBench.Cli/bin/Release/net10.0/cilbench.dll"
rounds=1
if [ "${1:-}" = "--rounds" ]; then rounds="$2"; shift 2; fi
[ -f "$cli" ] || dotnet build "$root/src/CilBench.Cli" -c Release >&2
lines=()
for _ in $(seq "$rounds"); do
  lines+=("$(dotnet "$cli" bench step "$@" --json)")
  echo "${lines[-1]}"
  # Debian's python3: its torch is the libtorch the shim links.
  lines+=("$(/usr/bin/python3 "$root/bench/pytorch_reference.py" "$@" --json)")
  echo "${lines[-1]}"
done
printf '%s\n' "${lines[@]}" | /usr/bin/python3 -c '
import json, statistics, sys
runs = [json.loads(line) for line in sys.stdin]
for key in ("train_step_ms", "train_step_p10_ms", "eval_ms_per_batch", "eval_p10_ms", "train_step_cpu_ms", "eval_cpu_ms_per_batch"):
    ours = statistics.median(r[key] for r in runs if r["impl"] == "cilbench")
    theirs = statistics.median(r[key] for r in runs if r["impl"] == "pytorch")
    print(f"{key}: ours {ours:.1f} / pytorch {theirs:.1f} = {ours / theirs:.3f}")
'
