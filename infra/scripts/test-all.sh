#!/usr/bin/env bash
# The whole test suite on a real Temporal server and a real PostgreSQL. Installs what it lacks:
# npm dependencies, the Temporal CLI (built from its Go module) and the Java time-skipping server.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PARTYFLOW_ROOT"
bash infra/scripts/ensure-node-deps.sh
PARTYFLOW_TEMPORAL_CLI="$(bash infra/scripts/ensure-temporal-cli.sh)"
PARTYFLOW_TEST_SERVER="$(bash infra/scripts/ensure-test-server.sh)"
export PARTYFLOW_TEMPORAL_CLI PARTYFLOW_TEST_SERVER NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
rm -rf dist/test-results && mkdir -p dist/test-results

log "typecheck"
npx tsc -p tsconfig.json --noEmit
log "lint (module boundaries: no TypeORM, NestJS or Node built-ins in workflow code)"
npx eslint .
log "tests: unit, workflow (time-skipping server), end-to-end (dev server + API + worker)"
status=0
npx nx run-many -t test --parallel=1 --outputStyle=stream || status=$?
log "tests at three clock points (00:30, 06:59 and 31 December 23:30 in Vietnam): the date-sensitive workflow tests"
bash infra/scripts/test-clock-points.sh || status=1
node infra/scripts/test-summary.js dist/test-results || status=1
exit $status
