#!/usr/bin/env bash
# Runs node:test over the given files with TAP output, echoes it, and appends the counts to $KETAPATH_TEST_TALLY.
# Usage: scripts/run-tests.sh <label> <file>...   (exit code: non-zero when a test failed or none ran)
set -uo pipefail
label=$1; shift
if [ $# -eq 0 ]; then echo "[$label] no test files found" >&2; exit 1; fi
out=$(mktemp)
node --conditions=source --import tsx --test --test-concurrency="${TEST_CONCURRENCY:-1}" --test-reporter=tap "$@" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
pass=$(grep -E '^# pass ' "$out" | tail -1 | awk '{print $3}'); fail=$(grep -E '^# fail ' "$out" | tail -1 | awk '{print $3}')
skip=$(grep -E '^# skipped ' "$out" | tail -1 | awk '{print $3}'); cancelled=$(grep -E '^# cancelled ' "$out" | tail -1 | awk '{print $3}')
pass=${pass:-0}; fail=$(( ${fail:-0} + ${cancelled:-0} )); skip=${skip:-0}
rm -f "$out"
echo "[$label] $pass passed, $fail failed, $skip skipped"
[ -n "${KETAPATH_TEST_TALLY:-}" ] && echo "$label $pass $fail $skip" >> "$KETAPATH_TEST_TALLY"
if [ "$pass" -eq 0 ]; then echo "[$label] no test ran" >&2; exit 1; fi
if [ "$skip" -ne 0 ]; then echo "[$label] skipped tests are not allowed" >&2; exit 1; fi
exit "$rc"
