#!/usr/bin/env bash
# Everything CI checks, in order: types, lint, unit + golden tests, production build, e2e in
# Debian Chromium. Every step runs even when an earlier one fails, so one run reports all
# failures; the last line is the plain total "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
# Playwright empties test-results/ when it starts, so step records live in reports/.
mkdir -p reports
rm -f reports/unit.json reports/e2e-results.json reports/steps.txt

step() {
  local name=$1
  shift
  echo "::: $name: $*"
  local start=$SECONDS
  if "$@"; then
    echo "$name pass" >>reports/steps.txt
  else
    echo "$name fail" >>reports/steps.txt
  fi
  echo "::: $name took $((SECONDS - start)) s"
}

step typecheck npx tsc --noEmit -p .
step lint npx eslint --max-warnings 0 .
# The ONNX shape test reads Debian's libonnx-testdata in place.
node scripts/ensure-onnx-testdata.mjs || echo '::: libonnx-testdata could not be installed; the ONNX test-data test will fail'
step unit npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json
step build npm run build
if grep -q '^build pass' reports/steps.txt; then
  step e2e npm run test:e2e
else
  echo "e2e fail" >>reports/steps.txt
  echo "::: e2e skipped: the build failed"
fi

node scripts/test-summary.mjs
