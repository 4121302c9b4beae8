#!/usr/bin/env bash
# The audit ledger benchmark (test/bench/audit-ledger.bench.ts, issue 14 §5): its own command, not part of the test
# suite, and it never fails on time. Prints what the seal costs a write, a bulk insert's sealing, and the time to
# verify the whole log and one case.
#   bash infra/scripts/bench-audit-ledger.sh [--rows N] [--writes W] [--concurrency C]
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PARTYFLOW_ROOT"
bash infra/scripts/ensure-node-deps.sh
exec node -r ./infra/scripts/register.js test/bench/audit-ledger.bench.ts "$@"
