#!/usr/bin/env bash
# One instance against two on the same database, in one run: the same plan through scripts/load-test.sh first with one
# API process ($LOAD_PORT), then with two ($LOAD_PORT and $SCALE_PORT, requests round robin), and the rps ratio per
# scenario. Arguments go to the harness (default: --scenarios baseline,verify,search,write --duration 20s --warmup 3s).
#   LOAD_PORT=5182 SCALE_PORT=5184 scripts/scale-out.sh
# On one machine a second process adds no CPU: the ratio shows what N instances cost or gain on shared cores, not
# what N machines would serve (README "Scaling").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=${LOAD_PORT:-5081}
second=${SCALE_PORT:-$((port + 2))}
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--scenarios baseline,verify,search,write --duration 20s --warmup 3s)
out=load-tests/reports/scale-out-$(date +%Y%m%d-%H%M%S)

run() { # $1: label, $2: ports
  LOAD_PORTS=$2 scripts/load-test.sh "${args[@]}" --out "$out/$1" >&2
  cat "$out/$1"/*/report.md
}
one=$(run one "$port")
two=$(run two "$port,$second")

rps() { # report text, scenario -> rps column
  awk -F'|' -v s="$2" '$2 ~ "^ *"s" *$" { gsub(/ /, "", $7); print $7 }' <<< "$1"
}
p99() { awk -F'|' -v s="$2" '$2 ~ "^ *"s" *$" { gsub(/ /, "", $11); print $11 }' <<< "$1"; }
{
  echo "# Scale-out: 1 vs 2 API instances on one database ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, harness ${args[*]})"
  echo
  echo "| scenario | 1 instance rps | p99 ms | 2 instances rps | p99 ms | 2 ÷ 1 |"
  echo "|---|---:|---:|---:|---:|---:|"
  for s in $(awk -F'|' '$3 ~ /closed|open/ { gsub(/ /, "", $2); print $2 }' <<< "$one"); do
    a=$(rps "$one" "$s"); b=$(rps "$two" "$s")
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')
    echo "| $s | $a | $(p99 "$one" "$s") | $b | $(p99 "$two" "$s") | **$ratio** |"
  done
} | tee "$out/summary.md"
