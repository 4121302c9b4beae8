#!/usr/bin/env bash
# `npm run start:cluster` (issue 12 §1): the cluster topology with demo data. Installs what it lacks first (npm
# dependencies, the Temporal server, its SQL tool and its UI server, built from their Go modules).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PARTYFLOW_ROOT"
bash infra/scripts/ensure-node-deps.sh
PARTYFLOW_TEMPORAL_SERVER_DIR="$(bash infra/scripts/ensure-temporal-server.sh)"
export PARTYFLOW_TEMPORAL_SERVER_DIR
# The web page (issue 10), served by every API instance at /app.
npx --no-install vite build --config apps/web/vite.config.mts --logLevel warn
exec node -r ./infra/scripts/register.js infra/demo/run-cluster.ts
