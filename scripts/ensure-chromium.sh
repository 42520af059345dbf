#!/usr/bin/env bash
# The browser tests drive Debian's chromium through Playwright (Playwright's own browser download needs the internet).
# Installs it when missing; a no-op otherwise.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
echo "chromium not found; installing (apt-get install -y chromium)..." >&2
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
