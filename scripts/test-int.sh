#!/usr/bin/env bash
# Integration tests: the real server over HTTP against a real database. Runs on the embedded database,
# then on PostgreSQL when KETAPATH_TEST_DATABASE_URL is set (test-all.sh starts a throwaway server).
set -uo pipefail
cd "$(dirname "$0")/.."
shopt -s globstar nullglob
files=(packages/*/src/**/*.int.test.ts apps/*/src/**/*.int.test.ts)
rc=0
url=${KETAPATH_TEST_DATABASE_URL:-}
KETAPATH_TEST_DATABASE_URL= bash scripts/run-tests.sh integration-embedded "${files[@]}" || rc=1
if [ -n "$url" ]; then
  KETAPATH_TEST_DATABASE_URL=$url bash scripts/run-tests.sh integration-postgresql "${files[@]}" || rc=1
else
  echo "[integration-postgresql] KETAPATH_TEST_DATABASE_URL not set: run scripts/test-all.sh to include PostgreSQL" >&2
fi
exit $rc
