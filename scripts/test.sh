#!/usr/bin/env bash
# Builds everything and runs the whole test suite, then builds the Benchmarks package so it never rots.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
swift test
(cd Benchmarks && swift build -c release)
