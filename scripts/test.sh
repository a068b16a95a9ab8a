#!/usr/bin/env bash
# Runs every test: type-checks, installs the system packages tests need when missing (Chromium for
# the browser tests), then vitest. Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing system packages: ${need[*]} (install them with apt-get as root)" >&2
  fi
fi

node_modules/.bin/tsc -p packages/engine/tsconfig.json
for p in packages/cli packages/api packages/web; do
  [ -f "$p/tsconfig.json" ] && node_modules/.bin/tsc -p "$p/tsconfig.json"
done
node_modules/.bin/tsc -p tests/tsconfig.json

report="$(mktemp -d)/vitest.json"
status=0
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$report" || status=$?
node -e 'const r=require(process.argv[1]);console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$report"
exit $status
