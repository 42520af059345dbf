#!/usr/bin/env bash
# make test lints the live OpenAPI document: starts the built API on an empty database, fetches
# /swagger/v1/swagger.json and runs Redocly CLI (pinned in scripts/openapi-lint) with scripts/openapi-lint/redocly.yaml.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
port=${OPENAPI_PORT:-5093}
pg_port=${REGISTRY_PG_PORT:-55432}
db=registry_openapi
lint="$root/scripts/openapi-lint"
mkdir -p .local

if ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y nodejs npm >/dev/null; else sudo apt-get install -y nodejs npm >/dev/null; fi
fi
[ -x "$lint/node_modules/.bin/redocly" ] || (cd "$lint" && npm ci --no-audit --no-fund --silent)

psql "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -qc "drop database if exists $db with (force)" >/dev/null 2>&1
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Registry="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db" \
DemoData__Seed=false Logging__LogLevel__Default=Warning \
  dotnet api/bin/Release/net10.0/Registry.Api.dll --urls "http://127.0.0.1:$port" > .local/openapi-api.log 2>&1 &
api_pid=$!
trap 'kill $api_pid 2>/dev/null; wait $api_pid 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/swagger/v1/swagger.json" -o .local/openapi.json && break
  kill -0 $api_pid 2>/dev/null || { echo "API did not start:"; tail -20 .local/openapi-api.log; exit 1; }
  sleep 0.5
done
[ -s .local/openapi.json ] || { echo "no OpenAPI document at /swagger/v1/swagger.json"; exit 1; }

REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$lint/node_modules/.bin/redocly" lint .local/openapi.json --config "$lint/redocly.yaml" --format stylish
