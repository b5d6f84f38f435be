#!/usr/bin/env bash
# The client's start-up row (issue 13): hyperfine on the installed telepath (install-client.sh's
# Native AOT front end, which answers --version and status itself and execs the ReadyToRun client for
# the rest; docs/architecture.md, "Startup"), beside the aims: `telepath --version` <= 30 ms,
# `telepath status` with the daemon running <= 60 ms (medians); `telepath version --help` (the front
# end's exec, then the full client's command tree and parser, no daemon) has no aim.
#   bench/client-startup.sh                      # installs the client (deploy/install-client.sh) into a temporary prefix
#   bench/client-startup.sh --telepath PATH      # measures that launcher instead, e.g. ~/.local/bin/telepath
#   bench/client-startup.sh --runs N             # runs per command (default 30, after 3 warm-ups)
# The daemon it starts has its own HOME and XDG_RUNTIME_DIR and is stopped on exit, also on failure
# and Ctrl+C. connect's aim (<= 1.5 s through a kubeconfig) is the Kubernetes section of bench/run.sh:
#   TELEPATH_CLI_DLL=PREFIX/lib/telepath/telepath.dll bench/run.sh --kube-only
set -euo pipefail
cd "$(dirname "$0")/.."

telepath=""
runs=30
while [ $# -gt 0 ]; do
  case "$1" in
    --telepath) telepath=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "client-startup.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if ! command -v hyperfine >/dev/null; then
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo)
  echo "client-startup: installing hyperfine" >&2
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq hyperfine >/dev/null
fi

# Short path: the daemon's unix socket lives under it and must stay under 108 bytes.
work=$(mktemp -d /tmp/tpcs.XXXXXX)
export HOME="$work/home" XDG_RUNTIME_DIR="$work/run"
unset KUBECONFIG XDG_CONFIG_HOME
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
daemon=""
cleanup() {
  if [ -n "$daemon" ]; then
    "$telepath" quit >/dev/null 2>&1 || kill "$daemon" 2>/dev/null || true
    wait "$daemon" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$telepath" ]; then
  echo "client-startup: installing the client (Release: the Native AOT front end and the ReadyToRun client) into $work/prefix" >&2
  deploy/install-client.sh "$work/prefix" >&2
  telepath="$work/prefix/bin/telepath"
fi

load_before=$(cut -d' ' -f1 /proc/loadavg)
measure() { # NAME COMMAND...: hyperfine's JSON for one command, in $work/NAME.json
  local name=$1
  shift
  hyperfine -N --style none --warmup 3 --runs "$runs" --export-json "$work/$name.json" "$*" >/dev/null
}

measure version-flag "$telepath" --version
measure version-help "$telepath" version --help

# The daemon, as connect starts it (this same client), in the foreground of a background job.
"$telepath" daemon-foreground </dev/null >"$work/daemon.out" 2>&1 &
daemon=$!
# Ready when status says so: each try is a full client start, so this waits without sleeping.
for _ in $(seq 200); do
  if "$telepath" status 2>/dev/null | grep -q "^Daemon: Running"; then
    break
  fi
  kill -0 "$daemon" 2>/dev/null || { echo "client-startup: the daemon stopped; its output:" >&2; cat "$work/daemon.out" >&2; exit 1; }
done
"$telepath" status | grep -q "^Daemon: Running" || { echo "client-startup: the daemon did not come up" >&2; exit 1; }
measure status "$telepath" status
load_after=$(cut -d' ' -f1 /proc/loadavg)

python3 - "$work" "$runs" "$load_before" "$load_after" "$telepath" <<'PY'
import json, os, platform, statistics, sys
work, runs, before, after, telepath = sys.argv[1:]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
kind = "Native AOT front end" if open(telepath, "rb").read(4) == b"\x7fELF" else "script launcher"
print(f"Client start-up (issue 13): {telepath} ({kind}), {os.cpu_count()} CPUs ({cpu}), {runs} runs after 3 warm-ups (hyperfine -N)")
print(f"load average (1 min) before {before}, after {after}")
print(f"{'command':<40} {'median':>9} {'mean':>9} {'min':>9} {'max':>9} {'CPU':>9}   {'aim':<9} met")
for name, what, aim in [("version-flag", "telepath --version", 0.030),
                        ("version-help", "telepath version --help", None),
                        ("status", "telepath status (daemon running)", 0.060)]:
    r = json.load(open(os.path.join(work, name + ".json")))["results"][0]
    ms = lambda s: f"{s * 1000:.1f} ms"
    cpu = statistics.median(u + s for u, s in zip(r["user"], r["system"])) if "user" in r and isinstance(r["user"], list) else r["user"] + r["system"]
    goal = f"<= {aim * 1000:.0f} ms" if aim else "-"
    met = ("met" if r["median"] <= aim else "MISSED") if aim else ""
    print(f"  {what:<38} {ms(r['median']):>9} {ms(r['mean']):>9} {ms(r['min']):>9} {ms(r['max']):>9} {ms(cpu):>9}   {goal:<9} {met}")
print("  CPU: user + system of the process (hyperfine's mean); wall times swing with the machine's load, CPU hardly")
PY
