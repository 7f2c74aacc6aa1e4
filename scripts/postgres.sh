#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback for the tests and prints its URL.
# Usage: eval "$(scripts/postgres.sh start)"   (sets POSTGRES_URL and REVENUE_PG_DATA)
#        scripts/postgres.sh pause|resume "$REVENUE_PG_DATA"   (stops the server, starts it again)
#        scripts/postgres.sh stop "$REVENUE_PG_DATA"
# Installs Debian's postgresql when it is missing. initdb refuses to run as root, so as root the
# cluster runs as the postgres system user, with its data in a temporary directory.
set -euo pipefail

# The server must not inherit the caller's other descriptors (a test's output pipe, say), or the
# caller would wait for that pipe to close until the server stops.
for fd in $(ls /proc/$$/fd); do
    if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
done

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
start)
    bin="$(find_bin)"
    if [ -z "$bin" ]; then
        echo "installing postgresql from Debian's packages" >&2
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        bin="$(find_bin)"
    fi
    data="$(mktemp -d /tmp/revenue-pg.XXXXXX)"
    [ "$(id -u)" = 0 ] && chown postgres: "$data"
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_owner "$bin/initdb" -D "$data/cluster" -U revenue -A trust --no-sync >/dev/null
    echo "$port" > "$data/port"
    "$0" resume "$data"
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U revenue revenue >&2
    echo "export POSTGRES_URL=postgres://revenue@127.0.0.1:$port/revenue"
    echo "export REVENUE_PG_DATA=$data"
    ;;
resume)
    data="${2:?the data directory printed by start}"
    port="$(cat "$data/port")"
    as_owner "$(find_bin)/pg_ctl" -D "$data/cluster" -l "$data/log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$data -c max_connections=200" start >&2
    ;;
pause)
    data="${2:?the data directory printed by start}"
    as_owner "$(find_bin)/pg_ctl" -D "$data/cluster" -m fast -w stop >&2
    ;;
stop)
    data="${2:?the data directory printed by start}"
    as_owner "$(find_bin)/pg_ctl" -D "$data/cluster" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$data"
    ;;
*)
    echo "usage: $0 start | pause DATA | resume DATA | stop DATA" >&2
    exit 2
    ;;
esac
