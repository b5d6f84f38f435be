#!/usr/bin/env bash
# A throwaway PostgreSQL server for the hub tests, from Debian's packages: a new cluster in a temp folder,
# listening on 127.0.0.1 only, password auth, a random free port. Runs as the `postgres` user when started
# by root (the server refuses root).
#
#   eval "$(tests/Telepath.Hub.Tests/throwaway-postgres.sh start)"   # exports TELEPATH_TEST_POSTGRES, TELEPATH_TEST_POSTGRES_DIR
#   tests/Telepath.Hub.Tests/throwaway-postgres.sh stop "$TELEPATH_TEST_POSTGRES_DIR"
#
# On failure `start` prints nothing to stdout, says why on stderr and exits non-zero; the tests then skip.
set -euo pipefail

bin_dir() {
  local initdb
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  [ -n "$initdb" ] || { echo "throwaway-postgres: no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql)" >&2; return 1; }
  dirname "$initdb"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 30000))
}

start() {
  local bin dir password port
  bin=$(bin_dir)
  dir=$(mktemp -d /tmp/telepath-postgres.XXXXXX)
  chmod 755 "$dir"
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  printf '%s\n' "$password" >"$dir/pwfile"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$dir"
  fi

  as_owner "$bin/initdb" -D "$dir/data" -U telepath --pwfile="$dir/pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { echo "throwaway-postgres: initdb failed, see $dir/initdb.log" >&2; return 1; }
  port=$(free_port)
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" start >&2 ||
    { echo "throwaway-postgres: the server did not start, see $dir/server.log" >&2; return 1; }

  echo "export TELEPATH_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=telepath;Password=$password;Database=postgres'"
  echo "export TELEPATH_TEST_POSTGRES_DIR='$dir'"
}

stop() {
  local dir=${1:?usage: throwaway-postgres.sh stop DIR}
  as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m immediate stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
