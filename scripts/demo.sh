#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and run mapi-tidy on
# the bundled example client (compiled against the real mingw-w64 headers).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" 19
"$root/scripts/build.sh" 19 >/dev/null
echo "== mapi-tidy on examples/mapi_client.cpp =="
set +e
"$root/build/bin/mapi-tidy" --checks='-*,mapi-*' "$root/examples/mapi_client.cpp" -- \
  --target=x86_64-w64-mingw32 -isystem /usr/x86_64-w64-mingw32/include
rc=$?
set -e
echo "== mapi-tidy exited with $rc (findings are warnings; add --warnings-as-errors='mapi-*' to gate) =="
