#!/usr/bin/env bash
# Browser tests: builds the web app and drives it in Debian's Chromium through playwright-core.
set -uo pipefail
cd "$(dirname "$0")/.."
shopt -s globstar nullglob
npm run build --silent -w @ketapath/clinician >/dev/null || { echo "[e2e] web build failed" >&2; exit 1; }
exec bash scripts/run-tests.sh e2e apps/*/e2e/**/*.e2e.test.ts
