#!/usr/bin/env bash
# Every test: type-check, lint, dependency graph, unit, integration on the embedded database and on a
# throwaway PostgreSQL server, and browser tests. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh || { echo "could not install system packages" >&2; exit 1; }
export KETAPATH_TEST_TALLY=$(mktemp)
failed_steps=()
step() { local name=$1; shift; echo; echo "=== $name"; "$@" || failed_steps+=("$name"); }

step typecheck npm run --silent typecheck
step lint npm run --silent lint
step depgraph npm run --silent depgraph
step unit bash scripts/test-unit.sh

port=$(( 55000 + RANDOM % 900 ))
if pg_env=$(bash scripts/pg-throwaway.sh start "$port"); then
  eval "$pg_env"
  trap 'bash scripts/pg-throwaway.sh stop "$PG_THROWAWAY_DIR"' EXIT
else
  failed_steps+=("postgresql-start")
fi
step integration bash scripts/test-int.sh
step e2e bash scripts/test-e2e.sh

passed=$(awk '{s+=$2} END {print s+0}' "$KETAPATH_TEST_TALLY")
failed=$(awk '{s+=$3} END {print s+0}' "$KETAPATH_TEST_TALLY")
echo
echo "=== summary"
awk '{printf "  %-24s %5d passed, %d failed\n", $1, $2, $3}' "$KETAPATH_TEST_TALLY"
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "  failed steps: ${failed_steps[*]}"
  # A failed step without failed tests (lint, type errors, a crashed runner) still counts as one failure.
  [ "$failed" -eq 0 ] && failed=${#failed_steps[@]}
fi
rm -f "$KETAPATH_TEST_TALLY"
echo "$passed passed, $failed failed"
[ ${#failed_steps[@]} -eq 0 ] && [ "$failed" -eq 0 ]
