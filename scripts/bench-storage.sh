#!/usr/bin/env bash
# The storage figures of docs/PERFORMANCE.md, on both stores, in one run:
#   - publish 10,000 price book entries (hyperfine, whole command, a new store before each run);
#   - store a priced 1,000-line quote, and usage ingest in batches of 1,000 with the raw
#     baselines (the StorageBenchmarks target of the Benchmarks package).
# Usage: scripts/bench-storage.sh   (starts a throwaway PostgreSQL unless POSTGRES_URL is set)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${POSTGRES_URL:-}" ]; then
    eval "$(scripts/postgres.sh start)"
    trap 'scripts/postgres.sh stop "$REVENUE_PG_DATA"' EXIT
fi
work="${BENCH_DIR:-/tmp/revenue-bench-storage}"
mkdir -p "$work/d"
swift build -c release --product revenue > /dev/null
revenue="$PWD/.build/release/revenue"

# A catalog of 2,500 products and a price book of 10,000 entries in four currencies: the shape of
# the Foundation benchmark's definitions (LargeDefinitions in Benchmarks/).
python3 - "$work/d" <<'EOF'
import sys
out = sys.argv[1]
currencies = ["USD", "EUR", "GBP", "JPY"]
with open(f"{out}/catalog.yaml", "w") as f:
    f.write("kind: Catalog\nid: big\nversion: 1\neffectiveFrom: 2026-01-01\nunitsOfMeasure:\n  - id: each\nproducts:\n")
    for p in range(2500):
        f.write(f"  - id: P{p}\n    name: Product {p}\n    unitOfMeasure: each\n")
with open(f"{out}/book.yaml", "w") as f:
    f.write("kind: PriceBook\nid: big\nversion: 1\neffectiveFrom: 2026-01-01\nentries:\n")
    for i in range(10000):
        c = currencies[i % 4]
        price = str(1000 + i) if c == "JPY" else f"{10 + i % 997}.{i % 100:02d}"
        f.write(f"  - product: P{i // 4}\n    currency: {c}\n    unitPrice: \"{price}\"\n    cost: \"1\"\n")
EOF

hyperfine -w 1 -r 10 \
    --prepare "rm -f $work/s.sqlite*; psql \"$POSTGRES_URL\" -qc 'drop schema if exists pubbench cascade' 2>/dev/null" \
    "$revenue definitions publish $work/d --author bench --database sqlite:$work/s.sqlite" \
    "$revenue definitions publish $work/d --author bench --database \"$POSTGRES_URL?schema=pubbench\"" \
    "$revenue validate $work/d"

cd Benchmarks
swift package --allow-writing-to-package-directory benchmark --target StorageBenchmarks --format markdown 2>&1 |
    awk '/^### /{name=substr($0, 5)} /Time \(wall/{split($0, f, "|"); unit = f[2]; sub(/.*clock\) /, "", unit); sub(/ .*/, "", unit); gsub(/ /, "", f[5]); print name ": p50 " f[5] " " unit}'
