#!/usr/bin/env bash
# Runs the whole system with demo data. Installs what it lacks first (npm dependencies, the
# Temporal CLI built from its Go module); PostgreSQL is embedded unless DATABASE_URL is set.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PARTYFLOW_ROOT"
bash infra/scripts/ensure-node-deps.sh
PARTYFLOW_TEMPORAL_CLI="$(bash infra/scripts/ensure-temporal-cli.sh)"
export PARTYFLOW_TEMPORAL_CLI
# The web page (issue 10), served by the API at /app.
npx --no-install vite build --config apps/web/vite.config.mts --logLevel warn
exec node -r ./infra/scripts/register.js infra/demo/run-demo.ts
