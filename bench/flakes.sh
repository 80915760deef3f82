#!/usr/bin/env bash
# Flakes: the whole local suite (unit + local) repeated N times (default 20), failing on any flaky test.
set -uo pipefail
cd "$(dirname "$0")/.."
repeat="${1:-20}"
start=$(date +%s%N)
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/flakes.json npx playwright test --project=unit --project=local --repeat-each="$repeat" --workers=2 --global-timeout=0 --fail-on-flaky-tests --retries=1 --reporter=dot,json >/tmp/netra-flakes.log 2>&1
status=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "| repeat-each | tests run | passed | flaky | failed | wall time (s) |"
echo "| --- | --- | --- | --- | --- | --- |"
node -e '
const r = require("./reports/flakes.json").stats;
const total = r.expected + r.unexpected + r.flaky + r.skipped;
console.log(`| '"$repeat"' | ${total} | ${r.expected} | ${r.flaky} | ${r.unexpected} | '"$((ms / 1000))"' |`);
'
exit $status
