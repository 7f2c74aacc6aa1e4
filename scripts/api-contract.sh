#!/usr/bin/env bash
# Checks the API against its OpenAPI document: starts `revenue serve` on a fresh SQLite store
# with the demo definitions and runs schemathesis (from PyPI) against /openapi.json with every
# check. Fails on any finding.
#
#   scripts/api-contract.sh [revenue binary] [extra schemathesis options]
#
# EXAMPLES (default 40) sets the examples per operation; SEED (default 1) makes runs repeatable.
set -euo pipefail
cd "$(dirname "$0")/.."

revenue="${1:-.build/debug/revenue}"
shift || true
if ! python3 -c 'import schemathesis' 2>/dev/null; then
    python3 -m pip install --quiet schemathesis
fi

work="$(mktemp -d -t revenue-contract.XXXXXX)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

REVENUE_AUTHOR=contract "$revenue" serve --port 0 --database "sqlite:$work/revenue.sqlite" \
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

status=0
st --config-file scripts/schemathesis.toml run "$url/openapi.json" \
    --header "Authorization: Bearer $key" \
    --checks all \
    --max-examples "${EXAMPLES:-40}" \
    --seed "${SEED:-1}" \
    --generation-deterministic \
    --no-color \
    "$@" || status=$?
if grep -q '"status":"5[0-9][0-9]"' "$work/serve.log"; then
    echo "the server answered with a 5xx; its log:" >&2
    grep '"status":"5' "$work/serve.log" | head -20 >&2
    status=1
fi
exit "$status"
