#!/usr/bin/env bash
# The README's test command: set up the machine, build everything (native shim included), run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build CilBench.sln -c Release -nologo -v q
# One test assembly at a time: each uses every core through libtorch, side by side they oversubscribe it.
dotnet test CilBench.sln -c Release --no-build -nologo -m:1 "$@"
