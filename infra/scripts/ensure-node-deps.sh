#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than the lock file.
# Install scripts are approved in package.json (allowScripts), so this never asks.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PARTYFLOW_ROOT"
marker=node_modules/.package-lock.json
if [[ ! -f "$marker" || package-lock.json -nt "$marker" ]]; then
  log "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund >&2
fi
