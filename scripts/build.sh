#!/usr/bin/env bash
# Configures and builds mapi-tidy for one LLVM major into build/ (19) or build-<N>.
set -euo pipefail
v=${1:-19}
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/build"; [ "$v" = 19 ] || dir="$root/build-$v"
cmake -S "$root" -B "$dir" -DMAPI_LLVM_VERSION="$v" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER="clang-$v" -DCMAKE_CXX_COMPILER="clang++-$v" -DMAPI_WERROR=ON >/dev/null
cmake --build "$dir" -j"$(nproc)"
