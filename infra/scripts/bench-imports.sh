#!/usr/bin/env bash
# The members import benchmark (test/bench/imports.bench.ts, issue 9 §4): its own command, not part
# of the test suite, and it never fails on time. Imports a generated roll (default 100,000 rows, CSV)
# through POST /imports/members and prints rows/second and the total time.
#   bash infra/scripts/bench-imports.sh [--rows N] [--format csv|xlsx] [--again]
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PARTYFLOW_ROOT"
bash infra/scripts/ensure-node-deps.sh
PARTYFLOW_TEMPORAL_CLI="$(bash infra/scripts/ensure-temporal-cli.sh)"
export PARTYFLOW_TEMPORAL_CLI
# --expose-gc: the memory figures give the V8 heap after a full collection beside the RSS (issue 13 §4).
exec node --expose-gc -r ./infra/scripts/register.js test/bench/imports.bench.ts "$@"
