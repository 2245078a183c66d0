#!/usr/bin/env bash
# Builds the native shim; called by CilBench.Torch.csproj. Usage: build.sh BUILD_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build_dir="$1"
for tool in cmake g++; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error CILB001: '$tool' is not installed; run scripts/setup.sh" >&2
    exit 1
  fi
done
if [ -z "${LIBTORCH_DIR:-}" ] && [ ! -f /usr/lib/x86_64-linux-gnu/cmake/Torch/TorchConfig.cmake ] \
   && [ ! -f /usr/lib/aarch64-linux-gnu/cmake/Torch/TorchConfig.cmake ]; then
  echo "error CILB002: libtorch is not installed; run scripts/setup.sh (or set LIBTORCH_DIR to a LibTorch)" >&2
  exit 1
fi
# Always optimised: the shim is libtorch glue, and debug builds of ATen-heavy code take many minutes on 2 cores.
cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
