#!/usr/bin/env bash
# The project's own tests: lint, types, the suite against the embedded stand-in (unit, local, local-api), the
# meta-tests, the real frontend, and the
# staging project against a stand-in configured as staging. Last line: `N passed, N failed` for CI.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/results.json reports/meta.json reports/real-frontend.json reports/staging.json
status=0

echo "== lint and types"
npm run --silent lint || status=1
npm run --silent lint:workflows || status=1
npm run --silent typecheck || status=1

echo "== suite against the embedded stand-in: npx playwright test"
npx playwright test --fail-on-flaky-tests "$@" || status=1

echo "== meta-tests: every stand-in fault fails the suite fast, naming the field (after the suite, one at a time)"
NETRA_REPORT_NAME=meta npx playwright test --project=meta --no-deps --fail-on-flaky-tests || status=1

echo "== every e2e spec, and every fault, through Netra's real frontend (${NETRA_REAL_FRONTEND:-the shared beta-15 build})"
NETRA_REPORT_NAME=real-frontend npx playwright test --project=real-frontend --project=meta-real-frontend \
  --output=test-results/real-frontend --fail-on-flaky-tests || status=1

echo "== staging projects against the real frontend and a stand-in configured as staging"
bash scripts/staging-against-stand-in.sh || status=1

summary="$(npx tsx scripts/summary.ts reports/results.json reports/meta.json reports/real-frontend.json reports/staging.json)"
if [ "$status" -ne 0 ] && [[ "$summary" == *" 0 failed"* ]]; then
  # lint or typecheck failed while every test passed: count it, so the line never says all is well.
  summary="${summary/ 0 failed/ 1 failed}"
fi
echo "$summary"
exit "$status"
