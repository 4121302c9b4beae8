#!/usr/bin/env bash
# The scale benchmark (test/bench/scale.bench.ts, issue 13 §1): its own command, not part of the test suite, and it
# never fails on time. Generates a dataset (default: one province of about 400k members; --national: the whole
# country, ≈5.3M members, tens of GB of disk) into an embedded PostgreSQL of its own under .data/bench-scale/, then
# times the API's list, search, dashboard and report reads as five kinds of user and the detection run, and prints
# p50/p95, rows, the plans of the queries over their target and the size of every table.
# Installs what it lacks, as bench.sh does: the npm dependencies (no Temporal is needed).
#   bash infra/scripts/bench-scale.sh [--national] [--members N] [--runs R] [--only TEXT] [--no-detection]
#                                     [--data-dir DIR] [--fresh] [--drop] [--budget-seconds S]
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PARTYFLOW_ROOT"
bash infra/scripts/ensure-node-deps.sh
exec node --max-old-space-size=4096 -r ./infra/scripts/register.js test/bench/scale.bench.ts "$@"
