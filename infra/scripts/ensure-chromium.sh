#!/usr/bin/env bash
# Prints the path of Debian's Chromium, which the browser tests and the web benchmark drive through playwright-core
# (issue 10; browser downloads do not work on these machines, Debian packages do). Installed when missing.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
find_chromium() { command -v chromium || command -v chromium-browser || true; }
path="$(find_chromium)"
if [ -z "$path" ]; then
  log "installing Debian's Chromium for the browser tests (apt-get install chromium)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y chromium >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y chromium >/dev/null; }
  path="$(find_chromium)"
fi
[ -n "$path" ] || { log "Chromium is still missing after apt-get install chromium"; exit 1; }
echo "$path"
