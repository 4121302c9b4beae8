#!/usr/bin/env bash
# Prints the path of the Schemathesis CLI (issue 11: the OpenAPI contract job, infra/scripts/test-schemathesis.sh),
# installing it once per machine from PyPI into a virtual environment in the cache.
# Precedence: $SCHEMATHESIS_CLI, then the cached venv, else `python3 -m venv` + `pip install`.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if [[ -n "${SCHEMATHESIS_CLI:-}" ]]; then
  [[ -x "$SCHEMATHESIS_CLI" ]] || { log "SCHEMATHESIS_CLI=$SCHEMATHESIS_CLI is not executable"; exit 1; }
  echo "$SCHEMATHESIS_CLI"; exit 0
fi

dir="$PARTYFLOW_CACHE/schemathesis/$SCHEMATHESIS_VERSION"
bin="$dir/bin/st"
# The marker is written last, so an interrupted install is never taken for a finished one (a venv cannot be
# built aside and moved: its scripts name their interpreter by absolute path).
if [[ -x "$bin" && -f "$dir/.installed" ]]; then echo "$bin"; exit 0; fi

command -v python3 >/dev/null 2>&1 || { log "Python 3.9+ is needed for Schemathesis (none on PATH)"; exit 1; }
log "installing Schemathesis $SCHEMATHESIS_VERSION from PyPI into $dir (once per machine)"
rm -rf "$dir"
python3 -m venv "$dir" >&2
"$dir/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
touch "$dir/.installed"
echo "$bin"
