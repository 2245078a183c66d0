#!/usr/bin/env bash
# Runs `cilbench bench epoch` (iCaRL, CIFAR-100 B0Inc10, task 2) and bench/pycil_epoch.py (the same epoch in PyCIL's
# pipeline) one after the other, alternating --rounds times, on the CIFAR-100 files under $CILBENCH_DATA (a random
# stand-in written by bench/make_cifar100.py when there are none), and prints every JSON line and the ratios of
# the medians, ours / PyCIL's (below 1: we are faster).
# Usage: bench/compare-epoch.sh [--rounds N] [--epochs 2] [--threads N] [--workers 8] [--device cpu]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/src/CilBench.Cli/bin/Release/net10.0/cilbench.dll"
rounds=3 epochs=2 threads="$(nproc)" workers=8 device=cpu
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2" ;; --epochs) epochs="$2" ;; --threads) threads="$2" ;; --workers) workers="$2" ;; --device) device="$2" ;;
    *) echo "compare-epoch.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift 2
done
export CILBENCH_DATA="${CILBENCH_DATA:-$root/bench/.data}"
[ -d "$CILBENCH_DATA/cifar-100-python" ] || /usr/bin/python3 "$root/bench/make_cifar100.py" "$CILBENCH_DATA" >&2
[ -f "$cli" ] || dotnet build "$root/src/CilBench.Cli" -c Release >&2
lines=()
for _ in $(seq "$rounds"); do
  lines+=("$(dotnet "$cli" bench epoch --protocol "$root/protocols/cifar100-b0inc10.json" --method icarl \
    --epochs "$epochs" --threads "$threads" --device "$device" --json 2>/dev/null)")
  echo "${lines[-1]}"
  lines+=("$(/usr/bin/python3 "$root/bench/pycil_epoch.py" --epochs "$epochs" --threads "$threads" --workers "$workers" --device "$device" --json)")
  echo "${lines[-1]}"
done
printf '%s\n' "${lines[@]}" | /usr/bin/python3 -c '
import json, statistics, sys
runs = [json.loads(line) for line in sys.stdin]
for key in ("epoch_seconds", "eval_seconds", "train_images_per_second", "eval_images_per_second"):
    ours = statistics.median(r[key] for r in runs if r["impl"] == "cilbench")
    theirs = statistics.median(r[key] for r in runs if r["impl"] == "pycil")
    print(f"{key}: ours {ours:.2f} / pycil {theirs:.2f} = {ours / theirs:.3f}")
'
