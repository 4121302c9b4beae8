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

log "format (Prettier, 120 columns: npm run format fixes it)"
npx prettier --check . --log-level warn
log "typecheck"
npx tsc -p tsconfig.json --noEmit
log "lint (module boundaries: no TypeORM, NestJS or Node built-ins in workflow code)"
npx eslint .
log "tests: unit, workflow (time-skipping server), end-to-end (dev server + API + worker)"
# Each project runs under a hard limit (issue 7 §8), about three times its usual time (measured on
# the shared 2-core machine: workflows about 4 min, e2e about 3 min, unit projects under 1), so a hung
# worker or server fails the run within minutes instead of holding it for ever. `timeout` signals
# the whole process group (Jest, the Temporal servers, PostgreSQL), then kills it 30 s later.
# Override a limit with PARTYFLOW_TEST_LIMIT_<PROJECT>=<minutes> (e.g. on a slower machine).
LIMITS="domain:5 api:5 persistence:5 workflows:15 e2e:12"
status=0
for project in $(npx nx show projects --with-target test); do
  case " $LIMITS " in *" $project:"*) ;; *) log "project $project has tests but no time limit in test-all.sh"; status=1 ;; esac
done
for entry in $LIMITS; do
  project="${entry%%:*}"
  override="PARTYFLOW_TEST_LIMIT_$(printf '%s' "$project" | tr '[:lower:]' '[:upper:]')"
  minutes="${!override:-${entry##*:}}"
  rc=0
  started=$SECONDS
  timeout --kill-after=30s "${minutes}m" npx nx run "$project:test" --outputStyle=stream || rc=$?
  # Wall time per project, printed by test-summary.js next to the closing line (issue 8 §4).
  printf '%s\t%s\t%s\n' "$project" "$((SECONDS - started))" "$rc" >>dist/test-results/wall-times.tsv
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then log "tests of $project exceeded ${minutes} min and were stopped"; fi
  [ "$rc" -eq 0 ] || status=1
done
log "tests at three clock points (00:30, 06:59 and 31 December 23:30 in Vietnam): the date-sensitive workflow tests"
started=$SECONDS
rc=0
bash infra/scripts/test-clock-points.sh || rc=$?
printf '%s\t%s\t%s\n' clock-points "$((SECONDS - started))" "$rc" >>dist/test-results/wall-times.tsv
[ "$rc" -eq 0 ] || status=1
node infra/scripts/test-summary.js dist/test-results || status=1
exit $status
