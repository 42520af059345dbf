#!/usr/bin/env bash
# Prints the local development officer token, creating .local/dev-officer.token on first use.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
file="$root/.local/dev-officer.token"
mkdir -p "$root/.local"
[ -s "$file" ] || { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$file"; chmod 600 "$file"; }
cat "$file"
