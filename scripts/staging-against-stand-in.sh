#!/usr/bin/env bash
# Proves the `staging` projects the way a real deployment is driven: Netra's real frontend build (NETRA_REAL_FRONTEND,
# or the one at the default place; none: one error naming the variable and the place) on localhost:3000 and a stand-in backend set up like staging
# (events spaced 400 ms apart, a choice made because of Netra bug B2) on localhost:8000, where the build expects it. Then `--project=staging-api` (the
# backend contract, no browser) and `--project=staging` (every e2e spec through the real app), configured only
# through the NETRA_* variables a real deployment uses.
set -uo pipefail
cd "$(dirname "$0")/.."
backend="http://localhost:8000"
frontend="http://localhost:3000"
# The stand-in's secret: STAGING_STANDIN_SECRET when set (CI mints it so its leak scan can look for it), else minted here.
secret="${STAGING_STANDIN_SECRET:-$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('hex'))")}"
mkdir -p reports
# A build, or one error naming NETRA_REAL_FRONTEND and the place looked in, before any server starts.
npx tsx scripts/real-frontend-status.ts --require >/dev/null || exit 1
for url in "${backend}/health/ready" "${frontend}/"; do
  if curl -fsS -o /dev/null "$url" 2>/dev/null; then
    echo "${url} is already answering (another run's stand-in or frontend?); stop it first" >&2
    exit 1
  fi
done

STANDIN_PORT=8000 STANDIN_JWT_SECRET="$secret" STANDIN_TIMING=spaced \
  node --import tsx stand-in/main.ts >/dev/null 2>reports/staging-stand-in.log &
standin=$!
node --import tsx scripts/real-frontend.ts >/dev/null 2>reports/staging-real-frontend.log &
app=$!
trap 'kill "$standin" "$app" 2>/dev/null' EXIT

wait_for() {
  for _ in $(seq 1 150); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "$3 did not start:" >&2; cat "$4" >&2; exit 1; }
    sleep 0.2
  done
  echo "$3 did not answer ${1} within 30 s" >&2
  exit 1
}
wait_for "${backend}/health/ready" "$standin" "the stand-in backend" reports/staging-stand-in.log
wait_for "${frontend}/" "$app" "the real frontend" reports/staging-real-frontend.log

# The release under test, as a real deployment would name it in NETRA_FRONTEND_TAG: its known bugs are expected.
tag="$(npx tsx scripts/real-frontend-status.ts --tag)"

# Every test its own user: the stand-in accepts any signed user, and the real app opens a user's newest
# thread on load and routes New Chat only from an empty chat (see README, "Running against staging").
env -u NETRA_INTERNAL_SELECTED_PROJECTS -u NETRA_STANDIN_SECRET -u NETRA_STANDIN_PORT \
  -u NETRA_INTERNAL_STANDIN_PORTS \
  NETRA_FRONTEND_URL="$frontend" NETRA_API_URL="$backend" NETRA_AUTH_URL="$backend" \
  NETRA_WS_URL="ws://localhost:8000/ws" NETRA_JWT_SECRET="$secret" NETRA_E2E_USER_ID=staging-e2e-user-001 \
  NETRA_E2E_USER_PER_TEST=true NETRA_FRONTEND_TAG="$tag" NETRA_REPORT_NAME=staging \
  npx playwright test --project=staging-api --project=staging --output=test-results/staging --fail-on-flaky-tests "$@"
