#!/usr/bin/env bash
# Installs exactly the Debian 12 packages Splitbrain needs to build, test and run.
# Idempotent: packages already installed are skipped, and apt is not touched when nothing is
# missing. Run as root (or with sudo available).
set -euo pipefail

packages=(
  # build
  cmake ninja-build ccache g++ pkg-config dpkg-dev file
  # libraries
  qt6-base-dev qt6-svg-dev libqcustomplot-dev nlohmann-json3-dev libvalijson-dev libxxhash-dev
  # tests and benchmarks
  catch2 libbenchmark-dev xvfb xauth
  # packaging checks
  desktop-file-utils appstream
)

# clang and its sanitizer runtime are only needed for the fuzz targets.
if [[ "${SPLITBRAIN_WITH_FUZZ:-0}" == 1 ]]; then
  packages+=(clang-14 libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
echo "setup-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
