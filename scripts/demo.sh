#!/usr/bin/env bash
# Builds Ketapath and starts it on the embedded database with the synthetic demo clinic; prints the URL
# and the demo logins. Data lives in DATA_DIR (default ./data) and survives restarts.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
exec node apps/cli/dist/main.js demo --serve
