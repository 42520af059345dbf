#!/usr/bin/env bash
# The whole suite: builds, runs every test project against the local PostgreSQL, then the load-test smoke run,
# and ends with one plain line "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/.local/test-results"
rm -rf "$results"; mkdir -p "$results"
passed=0; failed=0; skipped=0; status=0

"$root/scripts/pg.sh" start || { echo "0 passed, 1 failed"; exit 1; }
"$root/scripts/chromium.sh" || { echo "chromium could not be installed for the browser tests"; echo "0 passed, 1 failed"; exit 1; }

if ! dotnet build Registry.sln -c Release --nologo -v q; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

# Every error answer the API suite provokes is recorded for the contract check (scripts/checks/contract.sh).
export REGISTRY_CONTRACT_CASES="$root/.local/contract-cases"
rm -rf "$REGISTRY_CONTRACT_CASES"
# The browser tests' slow and unfinished requests, printed below when something failed (tests/…/RequestTrace.cs).
export REGISTRY_BROWSER_TRACE="$results/browser-requests.txt"
dotnet test Registry.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" || status=1

for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(( ${t:-0} - ${e:-0} ))  # skipped tests are counted in total, not in executed
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done

for check in "$root"/scripts/checks/*.sh; do
  [ -e "$check" ] || continue
  name=$(basename "$check" .sh)
  if "$check"; then echo "check $name: passed"; passed=$((passed + 1)); else echo "check $name: FAILED"; failed=$((failed + 1)); status=1; fi
done

# The names of failed tests go just above the summary, so the tail of a CI log says what failed, after the first lines of
# each failure's message and the browser tests' slow requests.
if [ "$failed" -gt 0 ]; then
  for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    awk '/<UnitTestResult [^>]*outcome="Failed"/ { failed = 1; shown = 0 }
         failed && /<Message>/ { inside = 1 }
         inside && shown < 12 { print; shown++ }
         /<\/Message>/ { inside = 0 }
         /<\/UnitTestResult>/ { failed = 0 }' "$trx"
  done
  if [ -s "$REGISTRY_BROWSER_TRACE" ]; then
    # The failed tests' own lines (their method names end each line), and every slow or unfinished request.
    failed_tests=$(cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' | sed -n 's/.* testName="[^"]*\.\([^".(]*\)[^"]*".*/\1/p' | sort -u | paste -sd'|')
    echo "browser navigations of the failed tests, and requests over 5 s or unfinished:"
    grep -E " after [0-9.]+ s|still open|\((${failed_tests:-none})\)$" "$REGISTRY_BROWSER_TRACE" | tail -n 60
  fi
fi
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | sed -n 's/.* testName="\([^"]*\)".*/FAILED \1/p'
done

[ "$failed" -gt 0 ] && status=1
[ "$skipped" -gt 0 ] && echo "$skipped skipped (the Elasticsearch run of the search suite needs ELASTICSEARCH_URL)"
echo "$passed passed, $failed failed"
exit $status
