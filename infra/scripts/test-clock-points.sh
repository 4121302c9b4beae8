#!/usr/bin/env bash
# Issue 7 §1, "prove it at every hour": the date-sensitive workflow tests again with the process clock at three points,
# 00:30 and 06:59 in Vietnam (the UTC date is still the day before) and 31 December 23:30 in Vietnam (the UTC year
# is about to end as well). Run by test-all.sh (npm test, CI); also on its own. Exits non-zero when any point fails.
#
# The clock is faked with libfaketime (Debian's `faketime`, installed here when missing) for Node and PostgreSQL,
# which the tests start as a child process inheriting LD_PRELOAD. The Java time-skipping server is not faked (the
# JVM spins a core under libfaketime and starts too slowly): the harness skips its clock forward to the faked one
# before each test, which is why every point is the NEXT occurrence of its local time. The offset is relative
# (FAKETIME="+seconds"), so every faked process sees the same instant whenever it starts; the clock runs on from there. The end-to-end tests are not run here: their Temporal dev server is a static Go binary that
# libfaketime cannot reach, so its clock (and the workflows' Date.now()) would stay real while Node's moved.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PARTYFLOW_ROOT"

bash infra/scripts/ensure-faketime.sh

# The date-sensitive workflow specs: local dates of decisions, help periods, transfers, probation, detection, rounds.
SPECS=(workflows/src/screening workflows/src/transfer workflows/src/admission workflows/src/detection workflows/src/inspection)
# The next occurrence of each point, always ahead of the wall clock: Node (and PostgreSQL) run under libfaketime
# at that instant, and the Java time-skipping server, which does not (its wrapper drops libfaketime: the JVM
# spins there), is skipped forward to it before each test (libs/testing/src/time-skipping.ts).
now=$(date -u +%s)
next_daily() { local t; t=$(date -u -d "today $1" +%s); [ "$t" -gt $((now + 300)) ] || t=$((t + 86400)); date -u -d "@$t" '+%Y-%m-%d %H:%M:%S'; }
next_new_years_eve() { local y t; y=$(date -u +%Y); t=$(date -u -d "$y-12-31 16:30:00" +%s); [ "$t" -gt $((now + 300)) ] || t=$(date -u -d "$((y + 1))-12-31 16:30:00" +%s); date -u -d "@$t" '+%Y-%m-%d %H:%M:%S'; }
# "UTC instant|label|report name"
POINTS=(
  "$(next_daily 17:30:00)|00:30 in Vietnam (the UTC date is the day before)|clock-vn-0030"
  "$(next_daily 23:59:00)|06:59 in Vietnam (the UTC date is the day before)|clock-vn-0659"
  "$(next_new_years_eve)|23:30 on 31 December in Vietnam|clock-vn-new-years-eve"
)
# Which points to run: all by default, or the report names given as arguments (test-all.sh runs each point as a
# job of its own, beside the other test projects).
SELECTED=("$@")
mkdir -p dist/test-results
status=0
for point in "${POINTS[@]}"; do
  IFS='|' read -r utc label report <<<"$point"
  if [ "${#SELECTED[@]}" -gt 0 ] && [[ " ${SELECTED[*]} " != *" $report "* ]]; then continue; fi
  # Computed just before each run, so that each run starts at its point, however long the previous one took.
  offset=$(( $(date -u -d "$utc" +%s) - $(date -u +%s) ))
  log "clock point: ${label} (${utc} UTC): ${SPECS[*]}"
  # A hard limit per point, so that a hung worker cannot hang `npm test` (monotonic clock: not faked).
  rc=0
  FAKETIME_DONT_FAKE_MONOTONIC=1 timeout --kill-after=30s "${PARTYFLOW_CLOCK_POINT_TIMEOUT:-900}" faketime -f "$(printf '%+d' "$offset")" \
    npx jest -c workflows/jest.config.js --runInBand --json --outputFile="dist/test-results/${report}.json" "${SPECS[@]}" || rc=$?
  if [ "$rc" -eq 0 ]; then
    log "clock point: ${label}: passed"
  else
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then log "clock point: ${label}: timed out after ${PARTYFLOW_CLOCK_POINT_TIMEOUT:-900} s"; fi
    log "clock point: ${label}: FAILED (exit ${rc})"
    status=1
  fi
done
exit $status
