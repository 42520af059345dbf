#!/usr/bin/env bash
# make test includes a load-test smoke run of 2 seconds a scenario: every scenario must answer, none with a 5xx.
root=$(cd "$(dirname "$0")/../.." && pwd)
LOAD_PORT=${SMOKE_PORT:-5091} "$root/scripts/load-test.sh" --smoke > "$root/.local/load-test-smoke.log" 2>&1
status=$?
tail -12 "$root/.local/load-test-smoke.log"
exit $status
