# Sourced by scripts that drive a live `revenue serve` (api-contract.sh, bench-api.sh):
#
#   . scripts/demo-server.sh
#   start_demo_server BINARY AUTHOR     # sets work, server, url and key; stopped at exit
#
# Starts BINARY serve on a free port over a fresh SQLite store in a temporary directory, which
# gets the demo definitions and an admin key, and waits until it listens. The server's log is
# "$work/serve.log".
start_demo_server() {
    local revenue="$1" author="$2"
    work="$(mktemp -d -t revenue-server.XXXXXX)"
    server=""
    trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
    REVENUE_AUTHOR="$author" "$revenue" serve --port 0 --database "sqlite:$work/revenue.sqlite" \
        >"$work/serve.out" 2>"$work/serve.log" &
    server=$!
    for _ in $(seq 300); do
        grep -q "is listening on" "$work/serve.out" 2>/dev/null && break
        kill -0 "$server" 2>/dev/null || { cat "$work/serve.out" "$work/serve.log" >&2; echo "revenue serve exited" >&2; exit 1; }
        sleep 0.1
    done
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out" | head -1)"
    key="$(grep -Eo '^ +rk_[a-z0-9]+\.[A-Za-z0-9_-]+' "$work/serve.out" | tr -d ' ')"
    [ -n "$url" ] && [ -n "$key" ] || { cat "$work/serve.out" >&2; echo "cannot read the URL and key of revenue serve" >&2; exit 1; }
}
