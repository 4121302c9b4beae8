#!/usr/bin/env bash
# Prints the folder holding a Temporal server build (issue 12, `npm run start:cluster`), building it once per machine
# from the Go modules at the versions pinned in env.sh:
#   <dir>/temporal-server      go.temporal.io/server cmd/server: frontend, history, matching and worker in one process
#   <dir>/temporal-sql-tool    go.temporal.io/server cmd/tools/sql: creates and upgrades the PostgreSQL schemas
#   <dir>/schema/postgresql    the schema files of that same version (copied from the module source)
#   <dir>/temporal-ui-server   github.com/temporalio/ui-server/v2 cmd/server: the Web UI (the one the CLI embeds)
# Precedence: $TEMPORAL_SERVER_DIR (a folder laid out as above), then the cached build, else `go install`.
# The build is heavy (several minutes of two cores): GOFLAGS=-p=1 keeps it to one compile at a time.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if [[ -n "${TEMPORAL_SERVER_DIR:-}" ]]; then
  [[ -x "$TEMPORAL_SERVER_DIR/temporal-server" && -x "$TEMPORAL_SERVER_DIR/temporal-sql-tool" ]] \
    || { log "TEMPORAL_SERVER_DIR=$TEMPORAL_SERVER_DIR lacks temporal-server or temporal-sql-tool"; exit 1; }
  echo "$TEMPORAL_SERVER_DIR"; exit 0
fi

dir="$PARTYFLOW_CACHE/temporal-server/$TEMPORAL_SERVER_VERSION"
complete() {
  [[ -x "$dir/temporal-server" && -x "$dir/temporal-sql-tool" && -d "$dir/schema/postgresql" ]] \
    && [[ -x "$dir/temporal-ui-server" && "$(cat "$dir/ui-server.version" 2>/dev/null)" == "$TEMPORAL_UI_SERVER_VERSION" ]]
}
if complete; then echo "$dir"; exit 0; fi

command -v go >/dev/null 2>&1 || { log "Go is needed to build the Temporal server (none on PATH)"; exit 1; }
mkdir -p "$dir"
tmpbin="$(mktemp -d)"
trap 'rm -rf "$tmpbin"' EXIT
export GOMODCACHE="$PARTYFLOW_CACHE/go-mod" GOCACHE="$PARTYFLOW_CACHE/go-build" CGO_ENABLED=0
export GOFLAGS="-modcacherw ${PARTYFLOW_GO_BUILD_FLAGS:--p=1}"
if [[ ! -x "$dir/temporal-server" || ! -x "$dir/temporal-sql-tool" || ! -d "$dir/schema/postgresql" ]]; then
  log "building the Temporal server $TEMPORAL_SERVER_VERSION from its Go module (once per machine, several minutes)"
  GOBIN="$tmpbin" go install \
    "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" \
    "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" >&2
  src="$GOMODCACHE/go.temporal.io/server@$TEMPORAL_SERVER_VERSION"
  rm -rf "$dir/schema"
  mkdir -p "$dir/schema"
  cp -R "$src/schema/postgresql" "$dir/schema/postgresql"
  chmod -R u+w "$dir/schema"
  mv "$tmpbin/sql" "$dir/temporal-sql-tool"
  mv "$tmpbin/server" "$dir/temporal-server"
fi
if [[ ! -x "$dir/temporal-ui-server" || "$(cat "$dir/ui-server.version" 2>/dev/null)" != "$TEMPORAL_UI_SERVER_VERSION" ]]; then
  log "building the Temporal UI server $TEMPORAL_UI_SERVER_VERSION from its Go module (once per machine)"
  GOBIN="$tmpbin" go install "github.com/temporalio/ui-server/v2/cmd/server@$TEMPORAL_UI_SERVER_VERSION" >&2
  mv "$tmpbin/server" "$dir/temporal-ui-server"
  echo "$TEMPORAL_UI_SERVER_VERSION" >"$dir/ui-server.version"
fi
echo "$dir"
