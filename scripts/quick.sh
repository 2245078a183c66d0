#!/usr/bin/env bash
# The README's main job: set up, build, run every method on the quick Split Fashion-MNIST ladder (three aligned
# budget points; one process per cell, two at a time with one libtorch thread each; finished cells are skipped on a
# re-run), then publish the leaderboard site: MEMO's accuracy-memory figure, the AUC-A ranking, AIA and last accuracy
# per point.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build CilBench.sln -c Release -nologo -v q
cli=src/CilBench.Cli/bin/Release/net10.0/cilbench
# On 2 cores two single-threaded cells side by side finish sooner than one two-threaded cell after another.
export CILBENCH_THREADS=1
jobs=${CILBENCH_JOBS:-2}
# The budgeted methods at every point; joint, the reference outside the budget, once, at the largest point (it ignores
# the budget, so the other points would repeat the same run).
"$cli" sweep --protocol protocols/fmnist-quick.json --out results --jobs "$jobs" --methods finetune,replay,icarl,wa,memo,grace "$@"
"$cli" sweep --protocol protocols/fmnist-quick.json --out results --jobs "$jobs" --methods joint --budgets 3.5MB "$@"
"$cli" leaderboard publish results --out results/site --protocol protocols/fmnist-quick.json
