#!/usr/bin/env bash
# Packs what a plugin builds against (CilBench.Abstractions, CilBench.Torch, CilBench.Learning) and the dotnet new
# template pack (CilBench.Templates) into a folder feed, default artifacts/packages. Versions are the contract's
# (src/CilBench.Abstractions/ContractVersion.cs). Builds first unless --no-build.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/packages
build=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=(--no-build); shift ;;
    -o|--output) out="$2"; shift 2 ;;
    *) echo "usage: scripts/pack.sh [--no-build] [-o DIR]" >&2; exit 2 ;;
  esac
done
dotnet pack CilBench.sln -c Release -nologo -v q "${build[@]}" -o "$out"
out=$(cd "$out" && pwd)
echo "packages in $out:"
ls -1 "$out"
cat <<HINT

Start a method outside this repository:
  dotnet new install $out/CilBench.Templates.<version>.nupkg
  dotnet new cilbench-method -n MyMethod --feed $out
HINT
