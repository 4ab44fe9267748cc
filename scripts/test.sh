#!/usr/bin/env bash
# Quick start, command 2: the whole test suite. Builds and runs the lit suite
# (plugin and standalone modes, mock and mingw-w64 headers, C and C++) on
# LLVM 19, and on 14 and 22 too when MAPI_TEST_ALL_LLVM=1 (CI sets it).
# Ends with one line "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
versions=(19)
[ "${MAPI_TEST_ALL_LLVM:-0}" = 1 ] && versions=(19 14 22)
"$root/scripts/deps.sh" "${versions[@]}" || exit 1
passed=0; failed=0
for v in "${versions[@]}"; do
  echo "== LLVM $v: build =="
  if ! "$root/scripts/build.sh" "$v"; then
    echo "LLVM $v: build FAILED"; failed=$((failed + 1)); continue
  fi
  dir="$root/build"; [ "$v" = 19 ] || dir="$root/build-$v"
  lit=$(ls /usr/lib/llvm-$v/bin/lit /usr/lib/llvm-$v/build/utils/lit/lit.py 2>/dev/null | head -1)
  if [ -x "$dir/bin/mapi-engine-tests" ]; then
    echo "== LLVM $v: engine unit tests =="
    out=$("$dir/bin/mapi-engine-tests" 2>&1); rc=$?
    echo "$out" | grep -E '^\[  (PASSED|FAILED) ' || echo "$out" | tail -n 20
    p=$(echo "$out" | sed -nE 's/^\[  PASSED  \] ([0-9]+) test.*/\1/p')
    f=$(echo "$out" | sed -nE 's/^\[  FAILED  \] ([0-9]+) test.*/\1/p')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    [ $rc -ne 0 ] && [ -z "$f" ] && failed=$((failed + 1))
  else
    echo "LLVM $v: engine unit tests were not built (GoogleTest missing)"; failed=$((failed + 1))
  fi
  for mode in plugin standalone; do
    echo "== LLVM $v: lit ($mode) =="
    out=$(python3 "$lit" -sv "$dir/test/$mode" 2>&1); rc=$?
    echo "$out" | grep -vE '^(PASS|UNSUPPORTED):' | tail -n 25
    p=$(echo "$out" | sed -nE 's/^ *Passed *: *([0-9]+).*/\1/p' | tail -1)
    f=$(echo "$out" | sed -nE 's/^ *Failed *: *([0-9]+).*/\1/p' | tail -1)
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    [ $rc -ne 0 ] && [ -z "$f" ] && failed=$((failed + 1))
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
