#!/usr/bin/env bash
# The deadline-change preview benchmark (test/bench/deadline-preview.bench.ts, issue 14 §1): its own command, not part
# of the test suite, and it never fails on time. Times POST /deadline-policies/…/preview over N open tasks of one step.
#   bash infra/scripts/bench-deadline-preview.sh [--tasks N] [--runs R]
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PARTYFLOW_ROOT"
bash infra/scripts/ensure-node-deps.sh
PARTYFLOW_TEMPORAL_CLI="$(bash infra/scripts/ensure-temporal-cli.sh)"
export PARTYFLOW_TEMPORAL_CLI
exec node -r ./infra/scripts/register.js test/bench/deadline-preview.bench.ts "$@"
