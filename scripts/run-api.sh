#!/usr/bin/env bash
# Builds and serves the API on 127.0.0.1:$PORT with migrations, demo data and a local officer token.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${PORT:-5080}
token=$("$root/scripts/dev-token.sh")
dotnet build "$root/api/Registry.Api.csproj" -c Release --nologo -v q
cat <<MSG

  Registry API    http://127.0.0.1:$port         Swagger UI: http://127.0.0.1:$port/swagger
  Website         http://127.0.0.1:$port/kk      (Russian: /ru)
  Officer token   .local/dev-officer.token  (role admin)
  Try             curl -s http://127.0.0.1:$port/api/v1/verify/ATT-2024-000001
                  curl -s -H "Authorization: Bearer \$(cat .local/dev-officer.token)" http://127.0.0.1:$port/api/v1/applications/<id>

MSG
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export ConnectionStrings__Registry="Host=127.0.0.1;Port=${REGISTRY_PG_PORT:-55432};Username=postgres;Database=registry;Maximum Pool Size=16;Max Auto Prepare=32;Auto Prepare Min Usages=2"
export Officers__Credentials__0__Token="$token" Officers__Credentials__0__Name="Development officer" Officers__Credentials__0__Role=admin
export DemoData__Seed=${DEMO_SEED:-true}
cd "$root/api"
exec dotnet bin/Release/net10.0/Registry.Api.dll --urls "http://127.0.0.1:$port" "$@"
