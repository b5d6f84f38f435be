#!/usr/bin/env bash
# Installs the telepath client under PREFIX (default ~/.local): a framework-dependent build,
# compiled ahead of time (ReadyToRun) for this machine's runtime identifier, in PREFIX/lib/telepath,
# and PREFIX/bin/telepath, a Native AOT front end (src/Telepath.Cli.Launcher) that answers
# `telepath --version` and `telepath status` itself and execs "<this dotnet> PREFIX/lib/telepath/telepath.dll"
# for everything else (docs/architecture.md, "Startup"). Only the client: the server, the hub and the
# demo's sample are not installed.
# Needs the .NET 10 SDK (to build, and its runtime to run), and clang or gcc for the front end; without
# them PREFIX/bin/telepath is a shell script that execs the full client for every command (slower to start).
# Run it from anywhere:
#   deploy/install-client.sh [PREFIX] [DOTNET_PUBLISH_ARGUMENTS...]
# Arguments after PREFIX go to dotnet publish of the full client in place of the default "-c Release
# -r RID -p:PublishReadyToRun=true" (e.g. "-c Debug --no-build" to install, without ReadyToRun, what
# dotnet build has already built); the front end is always published "-c Release -r RID" with Native AOT.
# TELEPATH_LAUNCHER=PATH installs that already published front end instead of publishing it (the tests
# publish it once for all their installs); TELEPATH_LAUNCHER=script installs the shell script.
# Installing again replaces the previous install.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
prefix=${1:-"$HOME/.local"}
shift || true
publish_arguments=("$@")

dotnet=$(command -v dotnet) || {
  echo "install-client.sh: dotnet is not on PATH; install the .NET 10 SDK first" >&2
  exit 1
}
case "$dotnet" in
  /*) ;;
  *) dotnet="$PWD/$dotnet" ;;
esac

# ReadyToRun and Native AOT need a runtime identifier: the SDK's own (linux-x64, linux-arm64, linux-musl-x64...).
rid=$("$dotnet" --info | awk '$1 == "RID:" { print $2; exit }')
[ -n "$rid" ] || {
  echo "install-client.sh: dotnet --info names no RID" >&2
  exit 1
}
if [ ${#publish_arguments[@]} -eq 0 ]; then
  publish_arguments=(-c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true)
fi

mkdir -p "$prefix/bin" "$prefix/lib"
prefix=$(cd "$prefix" && pwd)
lib="$prefix/lib/telepath"
staging="$prefix/lib/.telepath.new"

# Published beside the old install and swapped in, so a failed build leaves the old one working.
rm -rf "$staging"
"$dotnet" publish "$root/src/Telepath.Cli" "${publish_arguments[@]}" -o "$staging" -p:UseAppHost=false
rm -rf "$lib"
mv "$staging" "$lib"

# Through dotnet, not an apphost: the CLI then starts the daemon, and the network helper through
# sudo (which drops DOTNET_ROOT), as "<this dotnet> <lib>/telepath.dll", whatever the SDK's location.
# The front end reads which dotnet from here.
printf '%s\n' "$dotnet" >"$lib/dotnet-host"

launcher="$prefix/bin/telepath"
native=${TELEPATH_LAUNCHER:-}
if [ -z "$native" ]; then
  if command -v clang >/dev/null || command -v gcc >/dev/null; then
    launcher_staging="$prefix/lib/.telepath-launcher.new"
    rm -rf "$launcher_staging"
    if "$dotnet" publish "$root/src/Telepath.Cli.Launcher" -c Release -r "$rid" -o "$launcher_staging"; then
      native="$launcher_staging/telepath-launcher"
    else
      echo "install-client.sh: the native front end did not build (above): installed the slower script launcher" >&2
      native=script
    fi
  else
    echo "install-client.sh: no native toolchain (install clang or gcc): installed the slower script launcher" >&2
    native=script
  fi
fi

if [ "$native" = script ]; then
  quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
  cat >"$launcher.new" <<LAUNCHER
#!/bin/sh
# Written by deploy/install-client.sh; running it again replaces this file.
exec $(quote "$dotnet") $(quote "$lib/telepath.dll") "\$@"
LAUNCHER
else
  cp "$native" "$launcher.new"
fi
chmod 755 "$launcher.new"
mv "$launcher.new" "$launcher"
rm -rf "$prefix/lib/.telepath-launcher.new"

echo "Installed $launcher"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Add $prefix/bin to PATH, e.g. in ~/.profile: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
