#!/usr/bin/env bash
# The web page benchmark (test/bench/web.bench.ts, issue 10): its own command, not part of the test suite, and it
# never fails on time. Builds the page, then prints the inbox's first-load JavaScript (gzipped) and the time until
# the inbox is usable in Debian's Chromium, cold and warm.
#   bash infra/scripts/bench-web.sh [--runs N] [--cases N]
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PARTYFLOW_ROOT"
bash infra/scripts/ensure-node-deps.sh
PARTYFLOW_TEMPORAL_CLI="$(bash infra/scripts/ensure-temporal-cli.sh)"
PARTYFLOW_CHROMIUM="$(bash infra/scripts/ensure-chromium.sh)"
export PARTYFLOW_TEMPORAL_CLI PARTYFLOW_CHROMIUM
npx --no-install vite build --config apps/web/vite.config.mts --logLevel warn
exec node -r ./infra/scripts/register.js test/bench/web.bench.ts "$@"
