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

. scripts/demo-server.sh
start_demo_server "$revenue" contract

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
