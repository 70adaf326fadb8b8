#!/usr/bin/env bash
# Every test: type-check, layering, type-aware lint (eslint.config.js), then the whole Vitest suite against real
# servers (the reference server over HTTP, a private PostgreSQL on loopback).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh || exit 1
echo "▸ type-check" && npm run --silent typecheck || exit 1
echo "▸ layering" && npx tsx scripts/check-layers.ts || exit 1
echo "▸ lint" && npm run --silent lint || exit 1
mkdir -p .tmp
# The end-to-end tests serve the built renderer (they would build it too, one worker at a time).
echo "▸ renderer build" && npm run --silent build:renderer -- --logLevel warn || exit 1
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-report.json "$@"
status=$?
# One plain summary line, whatever the reporter printed above.
node -e '
  const r = JSON.parse(require("fs").readFileSync(".tmp/vitest-report.json", "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' 2>/dev/null || true
exit $status
