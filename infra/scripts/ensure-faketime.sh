#!/usr/bin/env bash
# Debian's faketime (libfaketime), which the clock-point runs need (infra/scripts/test-clock-points.sh); installed when
# missing. test-all.sh calls it once before it runs the clock points side by side (two apt-get runs would fight for its lock).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
if ! command -v faketime >/dev/null 2>&1; then
  log "installing Debian's faketime (libfaketime) for the clock-point tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y faketime >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y faketime >/dev/null; }
fi
