#!/usr/bin/env bash
# Installs the telepath client under PREFIX (default ~/.local): a framework-dependent build,
# compiled ahead of time (ReadyToRun) for this machine's runtime identifier, in PREFIX/lib/telepath,
# and a launcher, PREFIX/bin/telepath, that runs it with this machine's dotnet. Only the client: the
# server, the hub and the demo's sample are not installed (docs/architecture.md, "Startup").
# Needs the .NET 10 SDK (to build, and its runtime to run). Run it from anywhere:
#   deploy/install-client.sh [PREFIX] [DOTNET_PUBLISH_ARGUMENTS...]
# Arguments after PREFIX go to dotnet publish in place of the default "-c Release -r RID
# -p:PublishReadyToRun=true" (e.g. "-c Debug --no-build" to install, without ReadyToRun, what dotnet
# build has already built). Installing again replaces the previous install.
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

if [ ${#publish_arguments[@]} -eq 0 ]; then
  # ReadyToRun needs a runtime identifier: the SDK's own (linux-x64, linux-arm64, linux-musl-x64...).
  rid=$("$dotnet" --info | awk '$1 == "RID:" { print $2; exit }')
  [ -n "$rid" ] || {
    echo "install-client.sh: dotnet --info names no RID" >&2
    exit 1
  }
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
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
launcher="$prefix/bin/telepath"
cat >"$launcher.new" <<LAUNCHER
#!/bin/sh
# Written by deploy/install-client.sh; running it again replaces this file.
exec $(quote "$dotnet") $(quote "$lib/telepath.dll") "\$@"
LAUNCHER
chmod 755 "$launcher.new"
mv "$launcher.new" "$launcher"

echo "Installed $launcher"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Add $prefix/bin to PATH, e.g. in ~/.profile: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
