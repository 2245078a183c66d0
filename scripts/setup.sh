#!/usr/bin/env bash
# Idempotent system set-up for CilBench on Debian 12: installs only what is missing, says what it did.
set -euo pipefail
packages=(cmake g++ libtorch-dev libopenblas0-pthread dataset-fashion-mnist)
# The PyTorch reference benchmark (bench/pytorch_reference.py) runs on Debian's torch: the same libtorch.
packages+=(python3-torch python3-numpy)
# The PyCIL epoch reference (bench/pycil_epoch.py) uses torchvision's transforms and DataLoader pipeline.
packages+=(python3-torchvision)
# The leaderboard site's tests open it in headless Chromium; a font so its text renders (screenshots).
packages+=(chromium fonts-dejavu-core)
# `cilbench sweep --executor slurm` submits with sbatch; its integration test starts a one-node Slurm cluster
# (munged, slurmctld, slurmd) on localhost.
packages+=(slurm-wlm munge)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup.sh: not root and sudo is missing; install: ${packages[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup.sh: all packages present (${packages[*]})"
else
  echo "setup.sh: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "setup.sh: installed ${missing[*]}"
fi

# OpenBLAS: Debian's reference BLAS runs libtorch's fp32 matmul ~50x slower on this class of machine.
blas=$(readlink -f /etc/alternatives/libblas.so.3-x86_64-linux-gnu 2>/dev/null || true)
case "$blas" in
  *openblas*) echo "setup.sh: BLAS is OpenBLAS ($blas)" ;;
  *)
    alt=/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3
    if [ -e "$alt" ]; then
      "${sudo_cmd[@]}" update-alternatives --set libblas.so.3-x86_64-linux-gnu "$alt" >/dev/null
      "${sudo_cmd[@]}" update-alternatives --set liblapack.so.3-x86_64-linux-gnu \
        /usr/lib/x86_64-linux-gnu/openblas-pthread/liblapack.so.3 >/dev/null || true
      echo "setup.sh: switched BLAS to OpenBLAS ($alt)"
    fi ;;
esac
