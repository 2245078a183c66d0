#!/usr/bin/env bash
# The README's main job: set up, build, run every method on the quick Split Fashion-MNIST protocol (one process
# per cell; finished cells are skipped on a re-run), then write the leaderboard report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build CilBench.sln -c Release -nologo -v q
cli=src/CilBench.Cli/bin/Release/net10.0/cilbench
"$cli" sweep --protocol protocols/fmnist-quick.json --out results "$@"
"$cli" report --results results
