#!/usr/bin/env bash
# Open-data export benchmark: starts a Release API on $DB (default registry, e.g. after make seed-large N=1000000),
# triggers one export through POST /api/v1/admin/exports and samples the API's RSS every 100 ms while it runs.
#   DB=registry_load scripts/export-benchmark.sh   (or: make export-benchmark)
# Prints the export time, documents, file sizes and the RSS before, at peak and the growth.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=${LOAD_PORT:-5081}
db=${DB:-registry}
out=${OPEN_DATA_DIR:-$root/.local/export-benchmark}
conn="Host=127.0.0.1;Port=${REGISTRY_PG_PORT:-55432};Username=postgres;Database=$db;Maximum Pool Size=16"
"$root/scripts/pg.sh" start >/dev/null
dotnet build api/Registry.Api.csproj -c Release --nologo -v q >/dev/null
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
rm -rf "$out"
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Registry="$conn" OpenData__Enabled=false OpenData__Directory="$out" \
Officers__Credentials__0__Token="$token" Officers__Credentials__0__Name="Benchmark" Officers__Credentials__0__Role=admin \
Projections__Enabled=false Webhooks__Enabled=false DeadlineSweep__Enabled=false Logging__LogLevel__Default=Warning \
  dotnet api/bin/Release/net10.0/Registry.Api.dll --urls "http://127.0.0.1:$port" > .local/export-benchmark-api.log 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null 2>&1 && break; sleep 0.5; done
rss() { awk '/VmRSS/ {print $2}' /proc/$api/status; }
cpu() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }   # user + system clock ticks
psql_() { psql "host=127.0.0.1 port=${REGISTRY_PG_PORT:-55432} user=postgres dbname=$db" -Atc "$1"; }
sleep 2
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
before=$(rss); peak=$before; api_cpu=$(cpu $api)
curl -sf -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/admin/exports" > .local/export-benchmark.json &
call=$!
declare -A backend_start=()
while kill -0 $call 2>/dev/null; do
  now=$(rss); [ "$now" -gt "$peak" ] && peak=$now
  # The backends running the two COPYs (pooled connections: count their CPU from when they are first seen).
  for pid in $(psql_ "select pid from pg_stat_activity where backend_type = 'client backend' and state = 'active' and query like 'copy (select%'"); do
    [ -z "${backend_start[$pid]:-}" ] && backend_start[$pid]=$(cpu "$pid")
  done
  sleep 0.1
done
wait $call
after=$(rss)
api_cpu=$(( $(cpu $api) - api_cpu ))
pg_cpu=0
for pid in "${!backend_start[@]}"; do pg_cpu=$(( pg_cpu + $(cpu "$pid") - ${backend_start[$pid]} )); done
hz=$(getconf CLK_TCK)
python3 - "$api_cpu" "$pg_cpu" "$hz" <<'PY'
import json, sys
m = json.load(open(".local/export-benchmark.json"))
api, pg, hz = (int(x) for x in sys.argv[1:])
files = ", ".join("{} {:.1f} MB".format(f["name"], f["bytes"] / 1e6) for f in m["files"])
print("export: {:,} documents in {:.1f} s wall; CPU: API {:.1f} s, PostgreSQL {:.1f} s; {}".format(m["documents"], m["seconds"], api / hz, pg / hz, files))
PY
echo "API RSS: before $((before / 1024)) MB, peak $((peak / 1024)) MB, after $((after / 1024)) MB, growth $(((peak - before) / 1024)) MB"
echo "load average (1, 5, 15 min): before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
