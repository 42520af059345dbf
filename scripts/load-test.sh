#!/usr/bin/env bash
# Runs the load-test harness against a Release build of the API on 127.0.0.1:$LOAD_PORT.
#   scripts/load-test.sh            full plan on a 1M-document database (registry_load; loaded once with COPY)
#   scripts/load-test.sh --smoke    smoke run, 2 seconds a scenario, on the demo data set (registry_smoke), used by make test
# Any other arguments go to the harness (see "Load testing" in README.md), e.g. --duration 30s --scenarios verify,search
#   LOAD_PORTS=5182,5184 ...   one API process per port on the same database, requests round robin (README "Scaling")
#   RATE_LIMITING=false ...    the rate limiter left out of the pipeline (to measure its cost)
#   REGISTRY_PG_EXTERNAL=1 ... use the PostgreSQL already running on $REGISTRY_PG_PORT instead of starting this checkout's
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=${LOAD_PORT:-5081}
IFS=, read -ra ports <<< "${LOAD_PORTS:-$port}"
pg_port=${REGISTRY_PG_PORT:-55432}
smoke=false; [ "${1:-}" = "--smoke" ] && smoke=true
if $smoke; then db=registry_smoke; else db=registry_load; fi
server="Host=127.0.0.1;Port=$pg_port;Username=postgres"
conn="$server;Database=$db;Maximum Pool Size=16;Max Auto Prepare=32;Auto Prepare Min Usages=2"
docs=${LOAD_DOCS:-1000000}

# REGISTRY_PG_EXTERNAL=1: a cluster already running on $REGISTRY_PG_PORT (e.g. a benchmark database kept in another checkout).
[ "${REGISTRY_PG_EXTERNAL:-0}" = 1 ] || "$root/scripts/pg.sh" start >/dev/null
dotnet build api/Registry.Api.csproj -c Release --nologo -v q
dotnet build load-tests/Registry.LoadTests.csproj -c Release --nologo -v q
api="dotnet api/bin/Release/net10.0/Registry.Api.dll"

if $smoke; then
  psql "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -qc "drop database if exists $db with (force)" >/dev/null
else
  have=$(psql "host=127.0.0.1 port=$pg_port user=postgres dbname=$db" -Atc "select count(*) from read.documents" 2>/dev/null || echo 0)
  if [ "$have" -lt "$docs" ]; then
    psql "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -qc "drop database if exists $db with (force)" >/dev/null
    echo "Loading $docs documents into $db (once)..."
    $api --SeedLarge="$docs" --ConnectionStrings:Registry="$conn" --Logging:LogLevel:Default=Warning
  fi
fi

token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
mkdir -p .local; echo -n "$token" > .local/load-officer.token
api_pids=()
trap 'for pid in "${api_pids[@]}"; do kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; done' EXIT
for p in "${ports[@]}"; do
  ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__Registry="$conn" \
  Officers__Credentials__0__Token="$token" Officers__Credentials__0__Name="Load test officer" Officers__Credentials__0__Role=officer \
  RateLimiting__PermitsPerSecond=10000000 RateLimiting__Enabled="${RATE_LIMITING:-true}" DemoData__Seed=$smoke Logging__LogLevel__Default=Warning \
    Webhooks__AllowLoopback=true OpenData__Enabled=false \
    $api --urls "http://127.0.0.1:$p" > ".local/load-test-api-$p.log" 2>&1 &
  api_pids+=($!)
done
api_pid=${api_pids[0]}

base_urls=()
for i in "${!ports[@]}"; do
  p=${ports[$i]}
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$p/health/ready" >/dev/null 2>&1 && break
    kill -0 "${api_pids[$i]}" 2>/dev/null || { echo "API on port $p did not start:"; tail -20 ".local/load-test-api-$p.log"; exit 1; }
    sleep 0.5
  done
  base_urls+=("http://127.0.0.1:$p")
done

# Readiness comes before the projector has caught up with freshly seeded demo data: wait for the read model.
if $smoke; then
  for _ in $(seq 1 240); do
    caught_up=$(psql "host=127.0.0.1 port=$pg_port user=postgres dbname=$db" -Atc \
      "select (select count(*) from read.documents) > 0 and (select count(*) from public.documents) = (select count(*) from read.documents)" 2>/dev/null || echo f)
    [ "$caught_up" = t ] && break
    sleep 0.5
  done
fi

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system clock ticks
api_cpu=$(cpu $api_pid); started=$(date +%s.%N)
dotnet load-tests/bin/Release/net10.0/Registry.LoadTests.dll \
  --base-url "$(IFS=,; echo "${base_urls[*]}")" --token-file .local/load-officer.token --connection "$server;Database=$db" "$@"
echo "API process: $(python3 -c "print(f'{($(cpu $api_pid) - $api_cpu) / $(getconf CLK_TCK):.1f} s CPU in {$(date +%s.%N) - $started:.1f} s wall')"); load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# WRK=1: baseline and verify load (closed, $WRK_CONNECTIONS connections, $WRK_DURATION) through wrk, to cross-check the harness.
if [ "${WRK:-0}" = 1 ]; then
  command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)"; exit 1; }
  psql "host=127.0.0.1 port=$pg_port user=postgres dbname=$db" -Atc \
    "select number from read.documents tablesample system (1) limit 5000" > .local/wrk-numbers.txt
  echo "wrk: baseline (/health/live), ${WRK_CONNECTIONS:-32} connections, ${WRK_DURATION:-30s}"
  wrk -t2 -c"${WRK_CONNECTIONS:-32}" -d"${WRK_DURATION:-30s}" --latency "http://127.0.0.1:$port/health/live"
  echo "wrk: verify, ${WRK_CONNECTIONS:-32} connections, ${WRK_DURATION:-30s}"
  WRK_NUMBERS=.local/wrk-numbers.txt wrk -t2 -c"${WRK_CONNECTIONS:-32}" -d"${WRK_DURATION:-30s}" --latency \
    -s scripts/wrk-verify.lua "http://127.0.0.1:$port"
fi
