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

# The test projects: those of the solution that reference Microsoft.NET.Test.Sdk, so a new one runs
# without an edit here. They run TELEPATH_TEST_JOBS at a time (default 2, as `dotnet test` of the
# solution did on a 2-core machine), the longest first: in solution order the longest came last and
# one lane ran on alone. The list is the order of their wall times in a clean CI run; a project not
# in it runs after these. Each writes a TRX of its own name, and its output is printed when it ends.
longest_first=(
  Telepath.EndToEnd.Tests
  Telepath.Kubernetes.EndToEnd.Tests
  Telepath.Network.Tests
  Telepath.Hub.Tests
  Telepath.Daemon.Tests
  Telepath.Kubernetes.Tests
  Telepath.Hub.BrowserTests
  Telepath.Cli.Tests
  Telepath.TrafficManager.Tests
  Telepath.KubeApi.TestServer.Tests
  Telepath.TrafficAgent.Tests
  Telepath.Core.Tests
)
mapfile -t in_solution < <(
  grep -o 'Path="[^"]*\.csproj"' Telepath.slnx | sed -E 's/^Path="(.*)"$/\1/' |
    while read -r csproj; do grep -q "Microsoft.NET.Test.Sdk" "$csproj" 2>/dev/null && echo "$csproj"; done
)
projects=()
for name in "${longest_first[@]}"; do
  for csproj in "${in_solution[@]}"; do
    [ "$(basename "$csproj" .csproj)" = "$name" ] && projects+=("$csproj")
  done
done
for csproj in "${in_solution[@]}"; do
  [[ " ${longest_first[*]} " == *" $(basename "$csproj" .csproj) "* ]] || projects+=("$csproj")
done

# Each runs from its built assembly, which spares an MSBuild evaluation of the project per run
# (about 3 s of CPU each). A test that hangs is killed, not left to stall CI.
run_project() {
  local csproj=$1 name dll status
  name=$(basename "$csproj" .csproj)
  local started=$SECONDS
  dll=$(dirname "$csproj")/bin/Debug/$target_framework/$name.dll
  if [ -f "$dll" ]; then
    dotnet test "$dll" --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --blame-hang-timeout 5m --blame-hang-dump-type none >"$results/$name.log" 2>&1
    status=$?
  else
    echo "test.sh: $dll was not built" >"$results/$name.log"
    status=1
  fi
  echo "$status" >"$results/$name.status"
  cat "$results/$name.log"
  echo "test.sh: $name finished in $((SECONDS - started)) s (exit code $status)"
}

target_framework=$(sed -n -E 's|.*<TargetFramework>([^<]+)</TargetFramework>.*|\1|p' Directory.Build.props)
jobs_max=${TELEPATH_TEST_JOBS:-2}
for csproj in "${projects[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do
    wait -n
  done
  run_project "$csproj" &
done
wait

test_status=0
for csproj in "${projects[@]}"; do
  name=$(basename "$csproj" .csproj)
  if [ "$(cat "$results/$name.status" 2>/dev/null)" != 0 ]; then
    test_status=1
  fi
done

shopt -s nullglob
trx_files=("$results"/*.trx "$results"/*/*.trx)
if [ ${#trx_files[@]} -eq 0 ]; then
  echo "test.sh: dotnet test wrote no results (exit code $test_status)" >&2
  exit 1
fi

# <Counters total=".." executed=".." passed=".." failed=".." error=".." timeout=".." aborted=".." notExecuted=".." .../>
# A skipped xunit test is counted in total but not in executed (its notExecuted stays 0).
read -r passed failed skipped < <(
  grep -h -o '<Counters [^>]*>' "${trx_files[@]}" |
    sed -E 's/ ([a-zA-Z]+)="([0-9]+)"/ \1=\2/g' |
    awk '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); c[kv[1]] += kv[2] + 0 }
    }
    END { printf "%d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["total"] - c["executed"] + c["notExecuted"] }'
)

# A project that failed without a failed test in its TRX (a test host that crashed, one killed after
# hanging, a run that could not start) is counted as one failure, naming the test that was running,
# so the line never says "0 failed" for a run that failed.
for csproj in "${projects[@]}"; do
  name=$(basename "$csproj" .csproj)
  [ "$(cat "$results/$name.status" 2>/dev/null)" != 0 ] || continue
  own_failed=$(grep -h -o '<Counters [^>]*>' "$results/$name.trx" 2>/dev/null |
    grep -o ' failed="[0-9]*"' | grep -o '[0-9][0-9]*' | head -n 1)
  if [ "${own_failed:-0}" -eq 0 ]; then
    running=$(grep -A1 "The test running when the crash occurred" "$results/$name.log" 2>/dev/null | tail -n 1)
    echo "test.sh: $name failed with no failed test in its results; counted as 1 failed; the test running then: ${running:-unknown}" >&2
    failed=$((failed + 1))
  fi
done

summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then
  summary="$summary, $skipped skipped"
fi

echo "$summary"
if [ "$failed" -gt 0 ] || [ "$test_status" -ne 0 ]; then
  exit 1
fi
