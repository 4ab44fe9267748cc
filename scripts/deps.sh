#!/usr/bin/env bash
# Installs what mapi-tidy needs for LLVM majors given as arguments (default 19).
# As root it runs apt-get; otherwise it prints the exact line to run.
set -euo pipefail
versions=("${@:-19}")
pkgs=(cmake make g++ python3 mingw-w64-x86-64-dev libgtest-dev)
for v in "${versions[@]}"; do
  pkgs+=("llvm-$v-dev" "libclang-$v-dev" "clang-$v" "clang-tidy-$v" "llvm-$v-tools")
done
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" = 0 ]; then
  echo "mapi-tidy: installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  $line
else
  echo "mapi-tidy: missing packages; run as root:" >&2
  echo "  sudo apt-get update && sudo $line" >&2
  exit 1
fi
