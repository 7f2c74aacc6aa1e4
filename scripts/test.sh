#!/usr/bin/env bash
# Builds everything and runs the whole test suite, then builds the Benchmarks package so it never rots.
set -euo pipefail
cd "$(dirname "$0")/.."

# SQLite's headers for GRDB, from Debian's packages when missing.
if ! dpkg -s libsqlite3-dev >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsqlite3-dev
fi

# A throwaway PostgreSQL cluster on loopback for the PostgreSQL tests, unless POSTGRES_URL names one.
# Without a server those tests fail; they never skip.
cleanup=()
trap 'for step in "${cleanup[@]}"; do eval "$step"; done' EXIT

if [ -z "${POSTGRES_URL:-}" ]; then
    eval "$(scripts/postgres.sh start)"
    cleanup+=("scripts/postgres.sh stop '$REVENUE_PG_DATA'")
fi

# Tests write their stores and files under TMPDIR; one directory for the run, removed at the end.
TMPDIR="$(mktemp -d -t revenue-tests.XXXXXX)"
export TMPDIR
cleanup+=("rm -rf '$TMPDIR'")

swift build
swift test

# The JSON Schema must accept every shipped example and reject the known-bad ones.
if ! python3 -c 'import jsonschema, yaml' 2>/dev/null; then
    python3 -m pip install --quiet jsonschema pyyaml
fi
examples="$(mktemp -d)"
cleanup+=("rm -rf '$examples'")
swift run --skip-build revenue demo --output "$examples/demo" --force > /dev/null
python3 scripts/check-schema.py "$examples/demo/definitions" --expect-invalid schema/invalid

# The API against its OpenAPI document: schemathesis, every check, on a live server.
scripts/api-contract.sh .build/debug/revenue

# A debug build is enough to keep the benchmarks compiling; run them with the release
# configuration as docs/PERFORMANCE.md says (a release build of the database drivers takes
# minutes that CI need not spend).
(cd Benchmarks && swift build)
