#!/usr/bin/env bash
# Suite wall time of the local browser project and of everything but the meta-tests, with 1 and 2 workers, next to
# its floor: browser start + page load + the stand-in's own agent delays (bench/floor.ts).
set -uo pipefail
cd "$(dirname "$0")/.."
echo "| workers | projects | wall time (s) | result |"
echo "| --- | --- | --- | --- |"
for workers in 1 2; do
  for projects in "--project=local" "--project=unit --project=local --project=local-api"; do
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    if npx playwright test $projects --workers=$workers --reporter=dot >/tmp/netra-wall.log 2>&1; then result=pass; else result=FAIL; fi
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    printf '| %s | %s | %d.%01d | %s |\n' "$workers" "${projects//--project=/}" $((ms / 1000)) $(((ms % 1000) / 100)) "$result"
  done
done
npx tsx bench/floor.ts
