#!/usr/bin/env bash
# Measures the HTTP API with wrk on loopback against a release build of `revenue serve` on a
# fresh SQLite store with the demo definitions:
#   1. POST /v1/price with a 10-line quote, 64 connections;
#   2. GET /livez on the same server, same run, for the ratio;
#   3. POST /v1/usage/records with 1,000 records a request, into SQLite: batches of one minute
#      in time order, then batches that each spread over the month.
#
#   scripts/bench-api.sh [seconds per run, default 20] [runs, default 3]
#
# Needs wrk (Debian's package) and a release build: swift build -c release --product revenue.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-20}"
runs="${2:-3}"
revenue=.build/release/revenue
[ -x "$revenue" ] || { echo "build it first: swift build -c release --product revenue" >&2; exit 1; }
command -v wrk >/dev/null || { echo "install wrk: apt-get install wrk" >&2; exit 1; }

. scripts/demo-server.sh
start_demo_server "$revenue" bench
REVENUE_KEY="$key"
export REVENUE_KEY

# The quote must price: a 422 would measure the error path.
check="$(curl -s -o /dev/null -w '%{http_code}' "$url/v1/price" -H "Authorization: Bearer $REVENUE_KEY" \
    -H 'Content-Type: application/json' --data-binary @scripts/wrk/quote-10-lines.json)"
[ "$check" = 200 ] || { echo "the benchmark quote does not price (HTTP $check)" >&2; exit 1; }

# Prints wrk's figures; a run with any failed request or socket error stops the benchmark.
summary() {
    local report
    report="$(cat)"
    grep -E "Requests/sec|Latency  |  99%|Non-2xx|Socket errors" <<<"$report" || true
    if grep -qE "Non-2xx|Socket errors|unexpected symbol|error" <<<"$report"; then
        echo "the run had failures; its figures do not count" >&2
        exit 1
    fi
}

# Warm up once, then measure. WHAT=price or WHAT=ingest measures only that.
what="${WHAT:-all}"
[ "$what" = ingest ] && runs_price=0 || runs_price="$runs"
[ "$what" = price ] && runs_ingest=0 || runs_ingest="$runs"
wrk -t2 -c64 -d3s -s scripts/wrk/price.lua "$url/v1/price" >/dev/null
for run in $(seq "$runs_price"); do
    echo "== run $run: POST /v1/price, 10 lines, 64 connections, ${seconds}s"
    wrk -t2 -c64 -d"${seconds}s" --latency -s scripts/wrk/price.lua "$url/v1/price" | summary
    echo "== run $run: GET /livez, 64 connections, ${seconds}s"
    wrk -t2 -c64 -d"${seconds}s" --latency "$url/livez" | summary
done
# Batches of one minute each, in time order, as usage arrives; then batches that each spread
# over the whole month (the worst case for the store's time index), on the same store.
for spread in minute month; do
    for run in $(seq "$runs_ingest"); do
        echo "== run $run: POST /v1/usage/records, 1,000 records a request (one $spread), 4 connections, ${seconds}s"
        REVENUE_SPREAD=$spread wrk -t2 -c4 -d"${seconds}s" --latency -s scripts/wrk/ingest.lua "$url/v1/usage/records" | summary
    done
done
echo "== stored usage records: $(sqlite3 "$work/revenue.sqlite" 'select count(*) from usage_records' 2>/dev/null || echo '(sqlite3 not installed)')"
