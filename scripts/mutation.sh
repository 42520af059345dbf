#!/usr/bin/env bash
# Mutation testing of domain/ with Stryker.NET (pinned in .config/dotnet-tools.json) and the domain tests.
# Extra arguments go to Stryker, e.g. scripts/mutation.sh -m "**/Deadlines.cs" to mutate one file while iterating.
# Reports: tests/Registry.Domain.Tests/StrykerOutput/<timestamp>/reports/ (html, json, survivors.txt); git-ignored.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet tool restore >/dev/null
(cd tests/Registry.Domain.Tests && dotnet stryker --skip-version-check "$@")
reports=$(ls -d tests/Registry.Domain.Tests/StrykerOutput/*/reports | sort | tail -1)
dotnet run scripts/mutation-score.cs -- "$reports/mutation-report.json" "$reports/survivors.txt"
echo "survivors: $reports/survivors.txt · report: $reports/mutation-report.html"
