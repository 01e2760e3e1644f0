#!/usr/bin/env bash
# Everything CI checks, in order: types, lint, unit + golden tests, production build, e2e in
# Debian Chromium. Every step runs even when an earlier one fails, so one run reports all
# failures; the last line is the plain total "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/unit.json test-results/e2e-results.json test-results/steps.txt

step() {
  local name=$1
  shift
  echo "::: $name: $*"
  local start=$SECONDS
  if "$@"; then
    echo "$name pass" >>test-results/steps.txt
  else
    echo "$name fail" >>test-results/steps.txt
  fi
  echo "::: $name took $((SECONDS - start)) s"
}

step typecheck npx tsc --noEmit -p .
step lint npx eslint --max-warnings 0 .
step unit npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
step build npm run build
if grep -q '^build pass' test-results/steps.txt; then
  step e2e npm run test:e2e
else
  echo "e2e fail" >>test-results/steps.txt
  echo "::: e2e skipped: the build failed"
fi

node scripts/test-summary.mjs
