#!/usr/bin/env bash
# Builds the cluster-side image, REGISTRY/telepath-server:TAG, from deploy/Dockerfile and pushes it.
#   deploy/build-image.sh [--no-push] REGISTRY [TAG]
# TAG defaults to this checkout's version (v0.1.0), the tag a client of the same version asks for.
# Uses docker, else podman, else buildah (or the one CONTAINER_ENGINE names); the build runs in the
# SDK image, so no .NET is needed here. Log in to the registry first (docker/podman/buildah login).
set -euo pipefail

usage() {
  echo "usage: deploy/build-image.sh [--no-push] REGISTRY [TAG]" >&2
  exit 2
}

push=true
if [ "${1:-}" = "--no-push" ]; then
  push=false
  shift
fi
if [ $# -lt 1 ] || [ $# -gt 2 ] || [ -z "$1" ]; then
  usage
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
registry=${1%/}
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")
tag=${2:-"v$version"}
image="$registry/telepath-server:$tag"

engine=${CONTAINER_ENGINE:-}
if [ -z "$engine" ]; then
  for candidate in docker podman buildah; do
    if command -v "$candidate" >/dev/null; then
      engine=$candidate
      break
    fi
  done
fi
if [ -z "$engine" ]; then
  echo "build-image.sh: none of docker, podman or buildah is on PATH" >&2
  exit 1
fi

run() {
  echo "+ $*" >&2
  "$@"
}
run "$engine" build -f "$root/deploy/Dockerfile" -t "$image" "$root"
if [ "$push" = true ]; then
  run "$engine" push "$image"
fi
