#!/usr/bin/env bash
# Builds the solution once, runs every test project, and prints as its last line
# "N passed, N failed" (and ", N skipped" when any were skipped), summed over the TRX files.
# Exits non-zero when the build or any test failed. Tools that tests need are taken from PATH.
set -uo pipefail
cd "$(dirname "$0")"

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build Telepath.slnx -c Debug; then
  echo "test.sh: the build failed; no tests ran" >&2
  exit 1
fi

# One TRX per test assembly: with no fixed file name each gets a unique one (a fixed LogFileName would
# be overwritten by each project in turn). A test that hangs is killed, not left to stall CI.
dotnet test Telepath.slnx -c Debug --no-build --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 5m --blame-hang-dump-type none
test_status=$?

shopt -s nullglob
trx_files=("$results"/*.trx "$results"/*/*.trx)
if [ ${#trx_files[@]} -eq 0 ]; then
  echo "test.sh: dotnet test wrote no results (exit code $test_status)" >&2
  exit 1
fi

# <Counters total=".." executed=".." passed=".." failed=".." error=".." timeout=".." aborted=".." notExecuted=".." .../>
read -r passed failed skipped < <(
  grep -h -o '<Counters [^>]*>' "${trx_files[@]}" |
    sed -E 's/ ([a-zA-Z]+)="([0-9]+)"/ \1=\2/g' |
    awk '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); c[kv[1]] += kv[2] + 0 }
    }
    END { printf "%d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["notExecuted"] }'
)

summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then
  summary="$summary, $skipped skipped"
fi

echo "$summary"
if [ "$failed" -gt 0 ] || [ "$test_status" -ne 0 ]; then
  exit 1
fi
