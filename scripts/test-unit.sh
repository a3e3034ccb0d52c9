#!/usr/bin/env bash
# Unit tests: pure code, no database, no network.
set -uo pipefail
cd "$(dirname "$0")/.."
shopt -s globstar nullglob
files=()
for f in packages/*/src/**/*.test.ts apps/*/src/**/*.test.ts; do
  case "$f" in *.int.test.ts) ;; *) files+=("$f") ;; esac
done
TEST_CONCURRENCY=2 exec bash scripts/run-tests.sh unit "${files[@]}"
