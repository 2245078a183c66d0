#!/usr/bin/env bash
# The README's test command: set up the machine, build everything (native shim included), run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build CilBench.sln -c Release -nologo -v q
dotnet test CilBench.sln -c Release --no-build -nologo "$@"
