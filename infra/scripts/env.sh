# Shared settings for the infra scripts. Source it; do not run it.
# Everything built or downloaded once per machine lives in PARTYFLOW_CACHE, outside the
# work tree, so a fresh clone (and CI's clean checkout) finds it and does not rebuild.
set -euo pipefail
PARTYFLOW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PARTYFLOW_CACHE="${PARTYFLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/partyflow}"
TEMPORAL_CLI_VERSION="v1.5.1"          # the last tag whose go.mod has no replace directive
TEMPORAL_TEST_SERVER_VERSION="1.38.0"  # io.temporal:temporal-test-server on Maven Central
TEMPORAL_SERVER_VERSION="v1.29.1"      # go.temporal.io/server: temporal-server + temporal-sql-tool (start:cluster)
TEMPORAL_UI_SERVER_VERSION="v2.42.1"   # github.com/temporalio/ui-server/v2: the Web UI of start:cluster (the CLI's)
SCHEMATHESIS_VERSION="4.32.5"          # schemathesis on PyPI (the OpenAPI contract job, issue 11)
export PARTYFLOW_ROOT PARTYFLOW_CACHE TEMPORAL_CLI_VERSION TEMPORAL_TEST_SERVER_VERSION TEMPORAL_SERVER_VERSION
export TEMPORAL_UI_SERVER_VERSION SCHEMATHESIS_VERSION
mkdir -p "$PARTYFLOW_CACHE"
log() { printf '[partyflow] %s\n' "$*" >&2; }
