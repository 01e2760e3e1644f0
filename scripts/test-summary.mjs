// Sums the real totals of every step of scripts/test-all.sh: each Vitest and Playwright test
// counts once, and each non-test step (typecheck, lint, build) counts as one check. Prints the
// plain closing line CI reads and exits non-zero when anything failed.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const steps = existsSync('reports/steps.txt')
  ? readFileSync('reports/steps.txt', 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(' '))
  : [];

for (const [name, status] of steps) {
  if (name === 'unit' && existsSync('reports/unit.json')) {
    const r = JSON.parse(readFileSync('reports/unit.json', 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    // A suite that failed to load has no tests but is a failure.
    const brokenSuites = (r.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length;
    failed += brokenSuites;
    if (status === 'fail' && (r.numFailedTests ?? 0) === 0 && brokenSuites === 0) failed += 1;
  } else if (name === 'e2e' && existsSync('reports/e2e-results.json')) {
    const r = JSON.parse(readFileSync('reports/e2e-results.json', 'utf8'));
    const s = r.stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    failed += s.unexpected ?? 0;
    skipped += s.skipped ?? 0;
    if (status === 'fail' && (s.unexpected ?? 0) === 0) failed += 1;
  } else if (status === 'pass') {
    passed += 1;
  } else {
    failed += 1;
  }
  console.log(`step ${name}: ${status}`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || steps.some(([, s]) => s === 'fail') ? 1 : 0);
