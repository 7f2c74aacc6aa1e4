#!/usr/bin/env bash
# Measures bulk rating against `wc -l` and Python's csv module on the same file, in one run.
# Usage: scripts/bench-rating.sh [RECORDS] [ACCOUNTS]   (defaults 10000000 and 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-10000000}"
accounts="${2:-10000}"
work="${BENCH_DIR:-/tmp/revenue-bench-rating}"

swift build -c release --product revenue > /dev/null
revenue="$PWD/.build/release/revenue"
mkdir -p "$work"
cd "$work"
"$revenue" demo --output demo --force > /dev/null
"$revenue" generate-usage --records "$records" --accounts "$accounts" --seed 7 -o usage.csv --definitions demo/definitions
ls -l usage.csv

cat > read-csv.py <<'PY'
import csv, sys
with open(sys.argv[1], newline="") as f:
    print(sum(1 for _ in csv.reader(f)))
PY

hyperfine --warmup 1 --runs "${RUNS:-3}" --export-markdown rating.md --export-json rating.json \
    "wc -l usage.csv" \
    "python3 read-csv.py usage.csv" \
    "$revenue rate --definitions demo/definitions usage.csv --out rated"
cat rating.md
# Medians, and records a second at the median.
python3 - "$records" <<'PY'
import json, statistics, sys
records = int(sys.argv[1])
for result in json.load(open("rating.json"))["results"]:
    median = statistics.median(result["times"])
    print(f"median {median:.3f} s  {records / median / 1e6:.2f} M records/s  {result['command']}")
PY

# Peak memory of one run, and the time of each pass.
REVENUE_TIMING=1 /usr/bin/time -f "peak RSS %M KB, %e s wall, %U s user, %S s system" \
    "$revenue" rate --definitions demo/definitions usage.csv --out rated 2>&1 | grep -v "^pass [0-9]/3"
