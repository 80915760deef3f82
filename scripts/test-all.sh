#!/usr/bin/env bash
# The project's own tests: lint, types, the suite against the embedded stand-in (unit, local, local-api), the
# meta-tests, then, when a Netra frontend build is at hand (NETRA_REAL_FRONTEND, or one at the default place),
# the real frontend, its meta-tests and the staging projects against it. With no build those three stages do not
# run and the run says so, in the closing summary too. Last line: `N passed, N failed` (what ran) for CI.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/results.json reports/meta.json reports/real-frontend.json reports/staging.json
status=0
reports=(reports/results.json reports/meta.json)

echo "== lint and types"
npm run --silent lint || status=1
npm run --silent lint:workflows || status=1
npm run --silent typecheck || status=1

echo "== suite against the embedded stand-in: npx playwright test"
npx playwright test --fail-on-flaky-tests "$@" || status=1

echo "== meta-tests: every stand-in fault fails the suite fast, naming the field (after the suite, one at a time)"
NETRA_REPORT_NAME=meta npx playwright test --project=meta --no-deps --fail-on-flaky-tests || status=1

# Is there a build of Netra's frontend? Exit 0: yes; 3: none named and none at the default place; else: a bad
# NETRA_REAL_FRONTEND (it was asked for, so that fails the run).
frontend="$(npx tsx scripts/real-frontend-status.ts)"
found=$?
not_run=""
if [ "$found" -eq 0 ]; then
  echo "== every e2e spec, and every fault, through Netra's real frontend: ${frontend#real frontend: }"
  reports+=(reports/real-frontend.json reports/staging.json)
  NETRA_REPORT_NAME=real-frontend npx playwright test --project=real-frontend --project=meta-real-frontend \
    --output=test-results/real-frontend --fail-on-flaky-tests || status=1

  echo "== staging projects against the real frontend and a stand-in configured as staging"
  bash scripts/staging-against-stand-in.sh || status=1
elif [ "$found" -eq 3 ]; then
  not_run="${frontend} (real-frontend, meta-real-frontend and the staging proof were skipped)"
  printf '\n!!!!!!!!!!\n!!! %s\n!!! README, "The real frontend": what a build needs, and where the suite looks for one.\n!!!!!!!!!!\n\n' "$not_run"
else
  status=1
fi

summary="$(npx tsx scripts/summary.ts "${reports[@]}")"
if [ "$status" -ne 0 ] && [[ "$summary" == *" 0 failed"* ]]; then
  # lint or typecheck failed while every test passed: count it, so the line never says all is well.
  summary="${summary/ 0 failed/ 1 failed}"
fi
[ -n "$not_run" ] && echo "!!! ${not_run}"
echo "$summary"
exit "$status"
