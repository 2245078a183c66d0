#!/usr/bin/env bash
# Verifies CilBench on a GPU machine in one command, and writes what it measured as one JSON file.
# Needs: an NVIDIA GPU, the .NET 10 SDK, cmake, g++, and a CUDA LibTorch: $LIBTORCH_DIR, else the torch package of
# the python3 found on PATH (its torch/ folder is a LibTorch). Steps, each recorded with its exit status:
#   build    the shim and the solution against that LibTorch (native/build/custom)
#   tests    the CUDA tests of the binding (every test whose name holds "Cuda"; they skip without a GPU)
#   step     `cilbench bench step` on the device (resnet32, batch 128) and the PyTorch reference
#   epoch    `cilbench bench epoch` (iCaRL, CIFAR-100 B0Inc10 task 2) on the device, on a random CIFAR-100 stand-in,
#            and the same epoch in PyCIL's pipeline (bench/pycil_epoch.py); both again as epoch_fast and
#            epoch_pycil_fast with cuDNN benchmarking and TF32 instead of deterministic float32, and ours as
#            epoch_channels_last with memoryFormat channels_last (the "auto" default is contiguous off the CPU)
#   cell     one small cell end to end on the device (iCaRL on a 2-task CIFAR-100 stand-in protocol), result file checked
# Usage: scripts/gpu-check.sh [--device cuda] [--per-class 500] [OUTPUT.json]  (default: $OUT/gpu-check.json when
# $OUT is set, else ./gpu-check.json). `--device cpu` runs every step on the CPU against the LibTorch the build finds,
# a dry run of this script where there is no GPU; `--per-class` shrinks the stand-in's training images per class.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
device=cuda per_class=500
while [ $# -gt 0 ]; do
  case "$1" in
    --device) device="$2"; shift 2 ;;
    --per-class) per_class="$2"; shift 2 ;;
    *) break ;;
  esac
done
out="$(realpath -m "${1:-${OUT:-.}/gpu-check.json}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A python with torch and numpy: the one on PATH (on GPU machines, the CUDA build's), else Debian's.
python=""
for p in "$(command -v python3 || true)" /usr/bin/python3; do
  if [ -n "$p" ] && "$p" -c 'import torch, numpy' 2>/dev/null; then python="$p"; break; fi
done
[ -n "$python" ] || { echo "gpu-check: needs a python3 with torch and numpy (for the PyTorch reference and the data)" >&2; exit 1; }
declare -A status

step() { # step NAME COMMAND...: runs it, keeps its output in $work/NAME.log, records its exit status
  local name="$1"; shift
  echo "gpu-check: $name: $*" >&2
  "$@" >"$work/$name.log" 2>&1
  status[$name]=$?
  tail -n 5 "$work/$name.log" >&2
}

if [ "$device" != cpu ]; then
  if [ -z "${LIBTORCH_DIR:-}" ]; then
    LIBTORCH_DIR="$("$python" -c 'import os, torch; print(os.path.dirname(torch.__file__))' 2>/dev/null || true)"
  fi
  [ -n "${LIBTORCH_DIR:-}" ] || { echo "gpu-check: no LibTorch: set LIBTORCH_DIR or install a CUDA torch for $python" >&2; exit 1; }
  export LIBTORCH_DIR
fi
echo "gpu-check: device $device, LibTorch ${LIBTORCH_DIR:-of the system}" >&2
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader >"$work/gpu.txt" 2>&1
else
  echo "no nvidia-smi on this machine" >"$work/gpu.txt"
fi

cli=(dotnet "$root/src/CilBench.Cli/bin/Release/net10.0/cilbench.dll")
step build dotnet build CilBench.sln -c Release -nologo -v q
step tests dotnet test tests/CilBench.Torch.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~Cuda" \
  --logger "console;verbosity=normal"
step step "${cli[@]}" bench step --model resnet32 --batch 128 --steps 20 --device "$device" --json
step step_pytorch "$python" bench/pytorch_reference.py --model resnet32 --batch 128 --steps 20 --device "$device" --json
export CILBENCH_DATA="$work/data"
step data "$python" bench/make_cifar100.py "$CILBENCH_DATA" --train-per-class "$per_class"
step epoch "${cli[@]}" bench epoch --protocol protocols/cifar100-b0inc10.json --method icarl --epochs 2 --device "$device" --json
step epoch_pycil "$python" bench/pycil_epoch.py --epochs 2 --device "$device" --json
step epoch_fast "${cli[@]}" bench epoch --protocol protocols/cifar100-b0inc10.json --method icarl --epochs 2 --device "$device" --json \
  --deterministic false --cudnn-benchmark --tf32
step epoch_pycil_fast "$python" bench/pycil_epoch.py --epochs 2 --device "$device" --json --no-deterministic --cudnn-benchmark --tf32
"$python" -c 'import json, sys; p = json.load(open("protocols/cifar100-b0inc10.json")); p["recipe"]["memoryFormat"] = "channels_last"; json.dump(p, open(sys.argv[1], "w"))' "$work/nhwc.json"
step epoch_channels_last "${cli[@]}" bench epoch --protocol "$work/nhwc.json" --method icarl --epochs 2 --device "$device" --json
"$python" - "$work/cell.json" "$per_class" <<'PY'
import json, sys
p = json.load(open("protocols/cifar100-b0inc10.json"))
p.update(name="gpu-check-cell", initialClasses=50, increment=50)
p["dataset"]["subset"] = {"trainPerClass": min(50, int(sys.argv[2])), "testPerClass": 10}
p["recipe"].update(initEpochs=2, initMilestones=[1], epochs=2, milestones=[1])
json.dump(p, open(sys.argv[1], "w"), indent=2)
PY
step cell "${cli[@]}" run --protocol "$work/cell.json" --method icarl --device "$device" --out "$work/results"

"$python" - "$work" "$out" "${LIBTORCH_DIR:-system}" "${!status[@]}" -- "${status[@]}" <<'PY'
import glob, json, os, sys
work, out, libtorch = sys.argv[1:4]
rest = sys.argv[4:]
names, codes = rest[:rest.index("--")], rest[rest.index("--") + 1:]
def last_json(name):
    try:
        lines = [l for l in open(os.path.join(work, name + ".log")) if l.startswith("{")]
        return json.loads(lines[-1]) if lines else None
    except OSError:
        return None
tests = [l.strip() for l in open(os.path.join(work, "tests.log"))
         if l.strip().startswith(("Passed ", "Failed ", "Skipped "))] if os.path.exists(os.path.join(work, "tests.log")) else []
cells = glob.glob(os.path.join(work, "results", "**", "seed-*.json"), recursive=True)
cell = json.load(open(cells[0])) if cells else None
report = {
    "gpu": open(os.path.join(work, "gpu.txt")).read().strip(),
    "libtorch_dir": libtorch,
    "status": dict(zip(names, map(int, codes))),
    "cuda_tests": tests,
    "step": last_json("step"),
    "step_pytorch": last_json("step_pytorch"),
    "epoch": last_json("epoch"),
    "epoch_pycil": last_json("epoch_pycil"),
    "epoch_fast": last_json("epoch_fast"),
    "epoch_pycil_fast": last_json("epoch_pycil_fast"),
    "epoch_channels_last": last_json("epoch_channels_last"),
    "cell": None if cell is None else {
        "device": cell["device"],
        "summary": cell["summary"],
        "seconds": [s["seconds"] for s in cell["stages"]],
    },
}
tmp = out + ".tmp"
with open(tmp, "w") as f:
    json.dump(report, f, indent=2)
os.replace(tmp, out)
print(json.dumps(report["status"]))
PY
echo "gpu-check: wrote $out" >&2
for code in "${status[@]}"; do [ "$code" -eq 0 ] || exit 1; done
