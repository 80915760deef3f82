#!/usr/bin/env bash
# Side by side, in one run: every e2e spec on our chat page (`local`) and through Netra's real frontend
# (`real-frontend`), each with its configured workers (2 and 1: the real app runs one page at a time), wall
# time and result; then how fast a drifted or silent welcome fails through the real app (with its own and
# with staging's deadlines).
set -uo pipefail
cd "$(dirname "$0")/.."
echo "| project | workers | specs | wall time (s) | passed | failed |"
echo "| --- | --- | --- | --- | --- | --- |"
for run in local:2 real-frontend:1; do
  project=${run%%:*} workers=${run##*:}
  start=$(date +%s%N)
  npx playwright test --project="$project" --workers="$workers" --reporter=json --output="test-results/bench-$project" \
    >"/tmp/netra-bench-$project.json" 2>/dev/null
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  node -e "
    const s = require('/tmp/netra-bench-$project.json').stats;
    const all = s.expected + s.flaky + s.unexpected + s.skipped;
    console.log('| $project | $workers | ' + all + ' | ' + ($ms / 1000).toFixed(1) + ' | ' + (s.expected + s.flaky) + ' | ' + s.unexpected + ' |');
  "
done
npx tsx bench/time-to-fail.ts real-frontend
npx tsx bench/time-to-fail.ts real-frontend staging
