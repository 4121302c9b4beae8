#!/usr/bin/env bash
# The admission benchmark (test/bench/admission.bench.ts): its own command, not part of the test
# suite, and it never fails on time. Drives N admission cases over the HTTP API on the Temporal dev
# server and measures the bare-engine ceiling in the same run; prints a table of figures.
# Installs what it lacks, as test-all.sh does: npm dependencies and the Temporal CLI. (The Java
# time-skipping test server is not used by the benchmark, so it is not fetched here.)
#   bash infra/scripts/bench.sh [--cases N] [--concurrency C] [--poll-ms P] [--warmup W]   (N [C] also works)
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PARTYFLOW_ROOT"
bash infra/scripts/ensure-node-deps.sh
PARTYFLOW_TEMPORAL_CLI="$(bash infra/scripts/ensure-temporal-cli.sh)"
export PARTYFLOW_TEMPORAL_CLI
# --expose-gc: the memory figures give the V8 heap after a full collection beside the RSS (issue 13 §6).
exec node --expose-gc -r ./infra/scripts/register.js test/bench/admission.bench.ts "$@"
