#!/usr/bin/env bash
# The one command of Telepath's benchmark: installs the load generators when missing, builds
# Release, and runs bench/Telepath.Bench, which prints one table of rows (a)-(d), the Kubernetes
# section's connect and intercept times, the outbound section (the laptop reaching the cluster through
# Telepath in network namespaces; root only), the far laptop section (bulk transfers to a laptop in a
# namespace 20 ms away; root only), the watch section (issue 16), the nginx anchors and issue 11's aims. Arguments go to the bench
# (--upload-mb N, --no-anchors, --no-kube, --kube-only, --kube-runs N, --no-outbound, --outbound-only,
# --no-far, --far-only, --no-watch, --watch-only).
# Everything it starts is stopped on exit, also on failure and Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v h2load >/dev/null || missing+=(nghttp2-client)
command -v curl >/dev/null || missing+=(curl)
# The far laptop's app; the nginx anchors install it too.
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo)
  echo "bench: installing ${missing[*]}" >&2
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "bench: building Release" >&2
dotnet build bench/Telepath.Bench/Telepath.Bench.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

# Short path: the daemon's unix socket lives under it and must stay under 108 bytes.
work=$(mktemp -d /tmp/tpb.XXXXXX)
cleanup() {
  # The bench stops what it started itself; this catches what a killed bench (SIGKILL, a crash) left:
  # the pids it logged and the daemon's pid file. Only processes of ours: check the command line first.
  for pid in $(cat "$work/pids" "$work/laptop/run/telepath/daemon.pid" "$work/kube-laptop/run/telepath/daemon.pid" \
      "$work/far/laptop/run/telepath/daemon.pid" 2>/dev/null); do
    if grep -qa -e telepath -e wrk -e h2load -e curl -e delay_link "/proc/$pid/cmdline" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
    fi
  done
  # The outbound and far laptop sections' namespaces (tp<bench pid>x<n>-*) and what still runs in them
  # (the far laptop's daemon and nginx); a namespace's veth pairs go with it.
  for ns in $(ip netns list 2>/dev/null | grep -o "^tp${bench:-none}x[0-9]*-[a-z]*"); do
    ip netns pids "$ns" | xargs -r kill -KILL 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "/etc/netns/$ns"
  done
  rm -rf "$work"
}
trap cleanup EXIT

# In the background so a signal to this script reaches the bench at once (bash runs traps only
# between commands); the bench then quits the daemon and stops the manager and the agent itself.
dotnet bench/Telepath.Bench/bin/Release/net10.0/telepath-bench.dll --work-dir "$work" "$@" &
bench=$!
stop() {
  kill -TERM "$bench" 2>/dev/null || true
  wait "$bench" || true
  exit 130
}
trap stop INT TERM
wait "$bench"
