#!/usr/bin/env bash
# Records the workflow histories that workflows/src/replay/replay.spec.ts replays in CI, by running
# workflows/src/replay/record-histories.spec.ts (skipped unless PARTYFLOW_RECORD_HISTORIES=1) on the
# Java time-skipping server with the real activities and PostgreSQL. Never run in CI.
#
# WHEN TO RE-RECORD — rarely. A saved history stands for cases already running in production; the
# replay test exists so that the workflow code keeps replaying them. So:
#   * A replay failure means your change would break running cases. Do NOT re-record to make it
#     pass: make the change compatible, or guard it with `patched()` so old cases keep the old path.
#   * Re-record only when a change is deliberately incompatible AND guarded with `patched()`. Then
#     keep every old history (it proves the unpatched path still replays) and ADD new files with a
#     version suffix:  PARTYFLOW_HISTORY_VERSION=v2 bash infra/scripts/record-histories.sh
#     which writes admission-<scenario>-v2--<workflowId>.json next to admission-<scenario>--….json.
#   * Never overwrite or edit a history from an older workflow version. The recorder refuses to
#     write a scenario (with that suffix) that already has a file.
#   * A new scenario (new file name) may be added at any time.
# Extra arguments go to Jest, e.g. -t 'running-probation' to record one scenario.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PARTYFLOW_ROOT"
bash infra/scripts/ensure-node-deps.sh
PARTYFLOW_TEMPORAL_CLI="$(bash infra/scripts/ensure-temporal-cli.sh)"
PARTYFLOW_TEST_SERVER="$(bash infra/scripts/ensure-test-server.sh)"
export PARTYFLOW_TEMPORAL_CLI PARTYFLOW_TEST_SERVER

histories=workflows/histories
mkdir -p "$histories"
marker="$(mktemp)"
trap 'rm -f "$marker"' EXIT

log "recording workflow histories${PARTYFLOW_HISTORY_VERSION:+ (version suffix -$PARTYFLOW_HISTORY_VERSION)}"
status=0
PARTYFLOW_RECORD_HISTORIES=1 npx jest -c workflows/jest.config.js --runInBand workflows/src/replay/record-histories.spec.ts "$@" || status=$?

log "histories written to $PARTYFLOW_ROOT/$histories:"
new="$(find "$histories" -maxdepth 1 -name '*.json' -newer "$marker" | sort)"
if [[ -n "$new" ]]; then
  ls -l $new >&2
  log "replay them now (npx jest -c workflows/jest.config.js workflows/src/replay/replay.spec.ts), then commit them"
else
  log "(none)"
fi
exit $status
