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

suite_started=$SECONDS
mkdir -p dist/test-results/logs

# Runs "name limit-minutes command…" in the background, its output in dist/test-results/logs/<name>.log, under a hard
# limit (issue 7 §8: `timeout` signals the whole process group — Jest, the Temporal servers, PostgreSQL — then kills it
# 30 s later), and appends "name<TAB>seconds<TAB>exit code" to wall-times.tsv (printed by test-summary.js).
declare -A JOB_PID=() JOB_STARTED=()
start_job() {
  local name="$1" minutes="$2"
  shift 2
  local override
  override="PARTYFLOW_TEST_LIMIT_$(printf '%s' "$name" | tr '[:lower:]-' '[:upper:]_')"
  minutes="${!override:-$minutes}"
  (
    started=$SECONDS
    rc=0
    timeout --kill-after=30s "${minutes}m" "$@" >"dist/test-results/logs/${name}.log" 2>&1 </dev/null || rc=$?
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
      echo "[partyflow] ${name} exceeded ${minutes} min and was stopped" >>"dist/test-results/logs/${name}.log"
    fi
    printf '%s\t%s\t%s\n' "$name" "$((SECONDS - started))" "$rc" >>dist/test-results/wall-times.tsv
    echo "$rc" >"dist/test-results/logs/${name}.rc"
    exit "$rc"
  ) &
  JOB_PID[$name]=$!
  JOB_STARTED[$name]=$SECONDS
}
# Ctrl-C or a CI stop: each job's `timeout` (the child of its subshell) passes the signal to its process group.
stop_jobs() {
  for pid in "${JOB_PID[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; done
}
trap 'stop_jobs; exit 130' INT TERM
mmss() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }
status=0
last_progress=$SECONDS
# Waits for one job to end and reports it: its summary lines when it passed, its whole log when it failed. Polls, so
# that a line a minute can name the jobs still running (a long run shows it is alive).
finish_one() {
  local name="" rc=0
  while [ -z "$name" ]; do
    for n in "${!JOB_PID[@]}"; do
      if [ -f "dist/test-results/logs/${n}.rc" ]; then name="$n" && break; fi
    done
    if [ -z "$name" ]; then
      sleep 1
      if [ $((SECONDS - last_progress)) -ge 60 ]; then
        last_progress=$SECONDS
        local running=()
        for n in "${!JOB_PID[@]}"; do running+=("${n} $(mmss $((SECONDS - JOB_STARTED[$n])))"); done
        log "running: ${running[*]}"
      fi
    fi
  done
  wait "${JOB_PID[$name]}" || rc=$?
  unset "JOB_PID[$name]"
  local took=$((SECONDS - JOB_STARTED[$name]))
  if [ "$rc" -eq 0 ]; then
    log "${name}: passed in $(mmss "$took")"
    sed 's/\x1b\[[0-9;]*m//g' "dist/test-results/logs/${name}.log" | grep -E '^([a-z0-9-]+: )?Tests: ' | sed 's/^/    /' >&2 || true
  else
    status=1
    log "${name}: FAILED (exit ${rc}) after $(mmss "$took"); its output (dist/test-results/logs/${name}.log):"
    cat "dist/test-results/logs/${name}.log" >&2
    log "end of ${name}'s output"
  fi
}

# Limits in minutes, about three times each job's time on the shared 2-core machine with the jobs side by side;
# override one with PARTYFLOW_TEST_LIMIT_<JOB>=<minutes> (e.g. PARTYFLOW_TEST_LIMIT_CLOCK_VN_0030 on a slower machine).
UNIT_LIMITS="domain:5 api:5 persistence:5 web:5 observability:5 documents:5"
LONG_LIMITS="workflows:15 e2e:12"
# The browser tests (issue 10) are the e2e project's `browser` target: Chromium on the whole system.
BROWSER_LIMIT=15
# The OpenAPI contract (issue 11) is the e2e project's `contract` target: Schemathesis on the whole system, as an
# administrator and as a cell secretary (about 4 minutes on the shared 2-core machine).
CONTRACT_LIMIT=10
# The cluster topology (issue 12 §2): a subset of the e2e specs covering every process on the Temporal server built
# from go.temporal.io/server on PostgreSQL, two workers and two APIs; and the launchers under kill -9 and Ctrl-C.
CLUSTER_LIMIT=12
LAUNCHER_LIMIT=8
CLOCK_POINTS="clock-vn-0030 clock-vn-0659 clock-vn-new-years-eve"
for project in $(npx nx show projects --with-target test); do
  case " $UNIT_LIMITS $LONG_LIMITS " in *" $project:"*) ;; *) log "project $project has tests but no time limit in test-all.sh"; exit 1 ;; esac
done

# First, all at once (each is short, and a failure stops the run before the long jobs): the format check, the
# typecheck, the lint, the workflow bundle (once for every Jest run below, which would otherwise each bundle in its
# global setup) and the unit projects.
log "format, typecheck, lint, the workflow bundle and the unit tests, side by side (npm run format fixes the format)"
start_job format 5 npx prettier --check . --log-level warn
start_job typecheck 5 npm run typecheck --silent
start_job web-build 5 npx vite build --config apps/web/vite.config.mts --logLevel warn
start_job lint 5 npx eslint .
start_job bundle 5 node -r ./infra/scripts/register.js libs/testing/src/workflow-bundle.ts dist/test-results/workflow-bundle.js
for entry in $UNIT_LIMITS; do start_job "${entry%%:*}" "${entry##*:}" npx nx run "${entry%%:*}:test" --outputStyle=stream; done
# The deployment files (issue 12 §3): their static checks, and the migrate step and first administrator's command
# run as the Kubernetes Job runs them (a PostgreSQL and a Temporal dev server of their own; about 2 minutes).
start_job deploy 8 npx nx run e2e:deploy --outputStyle=stream
while [ "${#JOB_PID[@]}" -gt 0 ]; do finish_one; done
[ "$status" -eq 0 ] || { node infra/scripts/test-summary.js dist/test-results || true; exit 1; }
export PARTYFLOW_TEST_WORKFLOW_BUNDLE="$PARTYFLOW_ROOT/dist/test-results/workflow-bundle.js"

# Then the long jobs, the workflow and end-to-end projects and the clock-point runs (issue 7 §1: the date-sensitive
# workflow tests at 00:30, 06:59 and 31 December 23:30 in Vietnam), PARTYFLOW_TEST_JOBS at a time (default: the
# number of cores; more only slows each down, they are CPU-bound): they share nothing (each Jest run starts its own
# PostgreSQL and Temporal server on free ports) and all load the one bundle. Longest first.
bash infra/scripts/ensure-faketime.sh
PARTYFLOW_CHROMIUM="$(bash infra/scripts/ensure-chromium.sh)"
PARTYFLOW_SCHEMATHESIS="$(bash infra/scripts/ensure-schemathesis.sh)"
PARTYFLOW_TEMPORAL_SERVER_DIR="$(bash infra/scripts/ensure-temporal-server.sh)"
export PARTYFLOW_CHROMIUM PARTYFLOW_SCHEMATHESIS PARTYFLOW_TEMPORAL_SERVER_DIR
JOBS="${PARTYFLOW_TEST_JOBS:-$(nproc)}"
# The browser tests are the longest job (about 5 minutes on the 2-core machine beside another job): first.
QUEUE=("browser|${BROWSER_LIMIT}|npx nx run e2e:browser --outputStyle=stream")
for entry in $LONG_LIMITS; do QUEUE+=("${entry%%:*}|${entry##*:}|npx nx run ${entry%%:*}:test --outputStyle=stream"); done
QUEUE+=("contract|${CONTRACT_LIMIT}|npx nx run e2e:contract --outputStyle=stream")
QUEUE+=("cluster|${CLUSTER_LIMIT}|npx nx run e2e:cluster --outputStyle=stream")
QUEUE+=("launcher|${LAUNCHER_LIMIT}|npx nx run e2e:launcher --outputStyle=stream")
for point in $CLOCK_POINTS; do QUEUE+=("${point}|15|bash infra/scripts/test-clock-points.sh ${point}"); done
log "tests: ${#QUEUE[@]} long jobs, ${JOBS} at a time: browser (Chromium on the whole system), workflow (time-skipping server), end-to-end (dev server + API + worker), the OpenAPI contract (Schemathesis), the cluster topology, the launchers, clock points"
for job in "${QUEUE[@]}"; do
  IFS='|' read -r name minutes command <<<"$job"
  while [ "${#JOB_PID[@]}" -ge "$JOBS" ]; do finish_one; done
  log "${name}: started"
  # shellcheck disable=SC2086 # the command is words on purpose
  start_job "$name" "$minutes" $command
done
while [ "${#JOB_PID[@]}" -gt 0 ]; do finish_one; done
printf '%s\t%s\t%s\n' "whole suite" "$((SECONDS - suite_started))" "$status" >>dist/test-results/wall-times.tsv
node infra/scripts/test-summary.js dist/test-results || status=1
exit $status
