#!/usr/bin/env bash
# The contract check of make test, against the built API serving deterministic demo data on an empty database:
#   1. Redocly lints the live OpenAPI document (scripts/openapi-lint, recommended-strict);
#   2. Prism (scripts/contract, `prism proxy --errors`) sits between the API and the README's curl examples, run
#      verbatim — zero violations;
#   3. every error case the API suite recorded (tests' ContractRecorder) is replayed through Prism — zero violations;
#   4. openapi-typescript generates a client, `tsc --strict` compiles a program using it, and the program verifies and
#      searches through Prism.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
port=${OPENAPI_PORT:-5093}
prism_port=$((port + 1)); replay_prism_port=$((port + 2)); plain_port=$((port + 3)); replay_port=$((port + 4))
pg_port=${REGISTRY_PG_PORT:-55432}
db=registry_contract
lint="$root/scripts/openapi-lint"; contract="$root/scripts/contract"
token="contract-check-token"
mkdir -p .local

if ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y nodejs npm >/dev/null; else sudo apt-get install -y nodejs npm >/dev/null; fi
fi
[ -x "$lint/node_modules/.bin/redocly" ] || (cd "$lint" && npm ci --no-audit --no-fund --silent)
[ -x "$contract/node_modules/.bin/prism" ] || (cd "$contract" && npm ci --no-audit --no-fund --silent)

psql "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -qc "drop database if exists $db with (force)" >/dev/null 2>&1
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Registry="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db" \
DemoData__Seed=true DemoData__Documents=240 DeadlineSweep__Enabled=false Logging__LogLevel__Default=Warning \
Officers__Credentials__0__Token="$token" Officers__Credentials__0__Name="Contract check" Officers__Credentials__0__Role=admin \
  dotnet api/bin/Release/net10.0/Registry.Api.dll --urls "http://127.0.0.1:$port" > .local/contract-api.log 2>&1 &
pids=($!)
trap 'kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null || true' EXIT

for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/swagger/v1/swagger.json" -o .local/openapi.json && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "API did not start:"; tail -20 .local/contract-api.log; exit 1; }
  sleep 0.5
done
[ -s .local/openapi.json ] || { echo "no OpenAPI document at /swagger/v1/swagger.json"; exit 1; }

prism="$contract/node_modules/.bin/prism"
"$prism" proxy .local/openapi.json "http://127.0.0.1:$port" --errors -h 127.0.0.1 -p "$prism_port" > .local/prism.log 2>&1 & pids+=($!)
"$prism" proxy .local/openapi.json "http://127.0.0.1:$replay_port" --errors -h 127.0.0.1 -p "$replay_prism_port" > .local/prism-replay.log 2>&1 & pids+=($!)
"$prism" proxy .local/openapi.json "http://127.0.0.1:$replay_port" -h 127.0.0.1 -p "$plain_port" > .local/prism-plain.log 2>&1 & pids+=($!)

echo "== Redocly lint"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$lint/node_modules/.bin/redocly" lint .local/openapi.json --config "$lint/redocly.yaml" --format stylish 2>&1 | grep -v -E '^\s*(║|╔|╚)' | tail -5

for _ in $(seq 1 120); do grep -q "Prism is listening" .local/prism.log && grep -q "Prism is listening" .local/prism-plain.log && grep -q "Prism is listening" .local/prism-replay.log && break; sleep 0.5; done
# Demo data is recorded before the API listens, its projection a moment later.
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/api/v1/verify/ATT-2024-000001" >/dev/null && break; sleep 0.5; done

echo "== README examples through prism proxy --errors"
mkdir -p .local/contract && echo "$token" > .local/contract/token
awk '/^## Calling the API/{f=1} f&&/^```bash/{b=1;next} b&&/^```/{exit} b' README.md \
  | sed -e "s#http://127.0.0.1:5080#http://127.0.0.1:$prism_port#g" -e "s#\.local/dev-officer\.token#.local/contract/token#g" > .local/contract/readme.sh
examples=$(grep -c '^curl' .local/contract/readme.sh)
(cd "$root" && bash .local/contract/readme.sh > .local/contract/readme.out 2>&1) || { echo "README examples failed:"; cat .local/contract/readme.out; exit 1; }
if grep -q "stoplight.io/prism/errors" .local/contract/readme.out; then
  echo "README examples break the document:"; grep -o '"type":"https://stoplight.io[^}]*' .local/contract/readme.out | head -10; exit 1
fi
echo "$examples examples, 0 violations"

echo "== error cases of the API suite through Prism"
node "$contract/replay.mjs" .local/contract-cases/cases.jsonl "$replay_port" "$replay_prism_port" "$plain_port"

echo "== TypeScript client: openapi-typescript, tsc --strict, verify and search"
"$contract/node_modules/.bin/openapi-typescript" .local/openapi.json -o "$contract/client/registry.ts" --enum-values >/dev/null 2>.local/contract/openapi-typescript.log \
  || { cat .local/contract/openapi-typescript.log; exit 1; }
"$contract/node_modules/.bin/tsc" -p "$contract/client"
node "$contract/client/build/verify-and-search.js" "http://127.0.0.1:$prism_port"
if grep -q "Violation" .local/prism.log; then echo "Prism logged violations:"; grep "Violation" .local/prism.log | head -20; exit 1; fi
