#!/usr/bin/env bash
# Builds everything and runs the whole test suite, then builds the Benchmarks package so it never rots.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build
swift test

# The JSON Schema must accept every shipped example and reject the known-bad ones.
if ! python3 -c 'import jsonschema, yaml' 2>/dev/null; then
    python3 -m pip install --quiet jsonschema pyyaml
fi
examples="$(mktemp -d)"
trap 'rm -rf "$examples"' EXIT
swift run --skip-build revenue demo --output "$examples/demo" --force > /dev/null
python3 scripts/check-schema.py "$examples/demo/definitions" --expect-invalid schema/invalid

(cd Benchmarks && swift build -c release)
