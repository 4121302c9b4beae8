#!/usr/bin/env bash
# Prints the path of a Temporal CLI (dev server + Web UI), building it once per machine.
# Precedence: $TEMPORAL_CLI, then `temporal` on PATH, then the cached build, else `go install`.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if [[ -n "${TEMPORAL_CLI:-}" ]]; then
  [[ -x "$TEMPORAL_CLI" ]] || { log "TEMPORAL_CLI=$TEMPORAL_CLI is not executable"; exit 1; }
  echo "$TEMPORAL_CLI"; exit 0
fi
if command -v temporal >/dev/null 2>&1; then command -v temporal; exit 0; fi

dir="$PARTYFLOW_CACHE/temporal-cli/$TEMPORAL_CLI_VERSION"
bin="$dir/temporal"
if [[ -x "$bin" ]]; then echo "$bin"; exit 0; fi

command -v go >/dev/null 2>&1 || { log "Go is needed to build the Temporal CLI (none on PATH)"; exit 1; }
log "building the Temporal CLI $TEMPORAL_CLI_VERSION from its Go module (once per machine, a few minutes)"
mkdir -p "$dir"
tmpbin="$(mktemp -d)"
GOBIN="$tmpbin" GOMODCACHE="$PARTYFLOW_CACHE/go-mod" GOCACHE="$PARTYFLOW_CACHE/go-build" \
  GOFLAGS=-modcacherw CGO_ENABLED=0 \
  go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" >&2
mv "$tmpbin/temporal" "$bin"
rmdir "$tmpbin"
echo "$bin"
