#!/usr/bin/env bash
# Times survkit and R's survival / rpact on the same files in the same run and prints ratios.
#
#   scripts/bench-vs-r.sh            # sizes 1e5,1e6
#   SIZES=1e5,1e6,1e7 scripts/bench-vs-r.sh
#
# In-process: survkit through the ordo-one benchmark package in Benchmarks/ (median wall clock),
# R through scripts/bench-r.R (median of system.time). End to end: hyperfine runs the survkit
# binary and an Rscript one-liner on the same CSV (process start to printed answer).
# Machines here have 2 noisy cores: read the ratios and medians, not single timings.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-1e5,1e6}
DATA=${SURVKIT_BENCH_DATA:-/tmp/survkit-bench}
RUNS=${R_RUNS:-3}
export SURVKIT_BENCH_DATA=$DATA SURVKIT_BENCH_SIZES=$SIZES
mkdir -p "$DATA"
for size in ${SIZES//,/ }; do
  [ -f "$DATA/bench-$size.csv" ] || python3 scripts/make-bench-data.py "$size" "$DATA/bench-$size.csv"
done

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== survkit in-process (ordo-one benchmark, median wall clock)" >&2
(cd Benchmarks && swift package benchmark --time-units milliseconds --format markdown --path stdout \
   --no-progress 2>/dev/null) > "$out/survkit.md"
# "### name" followed by a "Time (wall clock) (ms)" row: p50 is the fourth number.
awk '/^### /{name=$2} /Time \(wall clock\)/{gsub(/ /,""); split($0,f,"|"); print name, f[5]/1000.0}' \
  "$out/survkit.md" > "$out/survkit.txt"

echo "== R in-process (median of $RUNS runs)" >&2
Rscript scripts/bench-r.R "$DATA" "$SIZES" "$RUNS" > "$out/r.txt"

echo "== end to end (hyperfine, median)" >&2
swift build -c release --product survkit >/dev/null 2>&1
SK=.build/release/survkit
COVARIATES=x1,x2,x3,x4,x5,x6,x7,x8,x9,x10
R_COX_TERMS="x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10"
: > "$out/e2e.txt"
for size in ${SIZES//,/ }; do
  f="$DATA/bench-$size.csv"
  [ "$size" = "1e7" ] && continue
  hyperfine --runs 5 --warmup 1 --export-json "$out/h.json" \
    "$SK km $f --time time --event status --group arm --format json --output $out/km.json" \
    "$SK logrank $f --time time --event status --group arm --format json --output $out/lr.json" \
    "$SK cox $f --time time --event status --covariates $COVARIATES --format json --output $out/cox.json" \
    "Rscript -e 'suppressMessages(library(survival)); d <- read.csv(\"$f\"); print(survfit(Surv(time, status) ~ arm, d)); print(survdiff(Surv(time, status) ~ arm, d))'" \
    "Rscript -e 'suppressMessages(library(survival)); d <- read.csv(\"$f\"); print(coxph(Surv(time, status) ~ $R_COX_TERMS, d))'" \
    >/dev/null 2>&1
  python3 - "$out/h.json" "$size" >> "$out/e2e.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
for name, res in zip(["e2e-km", "e2e-logrank", "e2e-cox-efron", "e2e-R-km+logrank", "e2e-R-cox-efron"], r):
    print(f"{name}/{sys.argv[2]} {res['median']:.6f}")
PY
done

python3 - "$out/survkit.txt" "$out/r.txt" "$out/e2e.txt" <<'PY'
import sys
def read(path):
    d = {}
    for line in open(path):
        parts = line.split()
        if len(parts) >= 2:
            d[parts[0]] = float(parts[1])
    return d
sk, r, e2e = read(sys.argv[1]), read(sys.argv[2]), read(sys.argv[3])
print(f"{'measurement':28s} {'survkit s':>11s} {'R s':>10s} {'R / survkit':>12s}")
for name in sorted(set(sk) | set(r)):
    a, b = sk.get(name), r.get(name)
    ratio = f"{b / a:12.1f}" if a and b else f"{'':>12s}"
    fa = f"{a:11.4f}" if a is not None else f"{'-':>11s}"
    fb = f"{b:10.3f}" if b is not None else f"{'-':>10s}"
    print(f"{name:28s} {fa} {fb} {ratio}")
print()
print("end to end (process start to answer, CSV reading included), median seconds:")
for name in sorted(e2e):
    print(f"  {name:28s} {e2e[name]:.3f}")
PY

echo
echo "== simulation throughput (scripts/bench-simulate.sh)"
scripts/bench-simulate.sh
