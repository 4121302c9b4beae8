#!/usr/bin/env bash
# The chaos run (test/bench/chaos.bench.ts, issue 12 §2): its own command, not part of the test suite, and it never
# fails on time. Starts the cluster topology of start:cluster with a data folder and free ports of its own (loopback
# only), drives N admission cases end to end over HTTP while it kills -9 a worker, an API, the Temporal server and
# PostgreSQL one at a time, and prints the figures (cases completed, stuck, tasks opened twice, completions recorded
# twice, duplicate audit events). Installs what it lacks, as cluster.sh does: npm dependencies and the Temporal
# server, its SQL tool and its UI server (built from their Go modules).
#   bash infra/scripts/chaos.sh [--cases N] [--concurrency C] [--pause-s P] [--timeout-min T] [--poll-ms M] [--keep]
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PARTYFLOW_ROOT"
bash infra/scripts/ensure-node-deps.sh
PARTYFLOW_TEMPORAL_SERVER_DIR="$(bash infra/scripts/ensure-temporal-server.sh)"
export PARTYFLOW_TEMPORAL_SERVER_DIR
exec node -r ./infra/scripts/register.js test/bench/chaos.bench.ts "$@"
