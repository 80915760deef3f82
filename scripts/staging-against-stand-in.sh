#!/usr/bin/env bash
# Proves the `staging` project: starts a second stand-in configured like staging (slower, staging-like timings;
# ticket auth as in frontend beta-17) and runs `--project=staging-api` (the backend contract, no browser) and
# `--project=staging` with only the documented NETRA_* variables.
set -uo pipefail
cd "$(dirname "$0")/.."
port="${STAGING_STANDIN_PORT:-4320}"
# The stand-in's secret: STAGING_STANDIN_SECRET when set (CI mints it so its leak scan can look for it), else minted here.
secret="${STAGING_STANDIN_SECRET:-$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('hex'))")}"
origin="http://127.0.0.1:${port}"
mkdir -p reports
if curl -fsS "${origin}/health/ready" >/dev/null 2>&1; then
  echo "port ${port} is already in use (a stand-in from another run?); stop it or set STAGING_STANDIN_PORT" >&2
  exit 1
fi

STANDIN_PORT="$port" STANDIN_JWT_SECRET="$secret" STANDIN_TIMING=staging NEXT_PUBLIC_ENABLE_WEBSOCKET_TICKETS=true \
  node --import tsx stand-in/main.ts >/dev/null 2>reports/staging-stand-in.log &
standin=$!
trap 'kill "$standin" 2>/dev/null' EXIT

for _ in $(seq 1 100); do
  curl -fsS "${origin}/health/ready" >/dev/null 2>&1 && break
  kill -0 "$standin" 2>/dev/null || { echo "stand-in for the staging project did not start:" >&2; cat reports/staging-stand-in.log >&2; exit 1; }
  sleep 0.2
done

env -u NETRA_INTERNAL_SELECTED_PROJECTS -u NETRA_STANDIN_SECRET -u NETRA_STANDIN_PORT \
  NETRA_FRONTEND_URL="$origin" NETRA_API_URL="$origin" NETRA_AUTH_URL="$origin" NETRA_WS_URL="ws://127.0.0.1:${port}/ws" \
  NETRA_JWT_SECRET="$secret" NETRA_E2E_USER_ID=staging-e2e-user-001 NETRA_REPORT_NAME=staging \
  npx playwright test --project=staging-api --project=staging --output=test-results/staging --fail-on-flaky-tests "$@"
