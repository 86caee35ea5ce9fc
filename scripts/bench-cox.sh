#!/usr/bin/env bash
# Times `survkit cox` against R's coxph (data.table::fread + survival) and against a base binary,
# all on the same file in the same run, and prints medians and ratios (docs/performance-cox.md).
#
#   scripts/bench-cox.sh [BASE_BINARY]       # default size 1e6; SIZE=1e5 for a quick run
#   IN_PROCESS=1 scripts/bench-cox.sh        # also the in-process fit (ordo-one, Benchmarks/) vs coxph
#
# End to end: hyperfine, process start to printed answer, CSV reading included; R reads with
# data.table::fread (its fastest reader), so the ratio is not flattered by read.csv.
# In-process: survkit's `cox-model-efron/<size>` benchmark (design, fit, concordance; median wall
# clock) against scripts/bench-r.R's `cox-model-efron/<size>` (coxph on a data frame in memory).
# The machine has 2 noisy cores: quote the ratios (same run) and `uptime`, not single timings.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${SIZE:-1e6}
RUNS=${RUNS:-5}
DATA=${SURVKIT_BENCH_DATA:-/tmp/survkit-bench}
f="$DATA/bench-$SIZE.csv"
[ -f "$f" ] || python3 scripts/make-bench-data.py "$SIZE" "$f"
command -v hyperfine >/dev/null || { echo "bench-cox: hyperfine is not installed" >&2; exit 2; }
swift build -c release --product survkit >/dev/null 2>&1
SK=$PWD/.build/release/survkit
BASE=${1:-}
COVARIATES=x1,x2,x3,x4,x5,x6,x7,x8,x9,x10
TERMS="x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "load before: $(uptime)"

commands=("$SK cox $f --time time --event status --covariates $COVARIATES --format json --output $out/cox.json")
names=("survkit")
if [ -n "$BASE" ]; then
  commands+=("$BASE cox $f --time time --event status --covariates $COVARIATES --format json --output $out/base.json")
  names+=("base")
fi
commands+=("Rscript -e 'suppressMessages({library(survival); library(data.table)}); d <- fread(\"$f\", showProgress = FALSE); print(coxph(Surv(time, status) ~ $TERMS, d))'")
names+=("R-fread+coxph")
hyperfine --runs "$RUNS" --warmup 1 --export-json "$out/h.json" "${commands[@]}" >/dev/null 2>&1
python3 - "$out/h.json" "${names[@]}" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
names = sys.argv[2:]
median = {n: r["median"] for n, r in zip(names, results)}
print(f"end to end, cox {len(names)} commands, median of runs (s):")
for n in names:
    print(f"  {n:16s} {median[n]:8.3f}   R / this {median['R-fread+coxph'] / median[n]:6.1f}x")
if "base" in median:
    print(f"  survkit / base  {median['survkit'] / median['base']:.3f}")
PY

if [ "${IN_PROCESS:-0}" = 1 ]; then
  export SURVKIT_BENCH_DATA=$DATA SURVKIT_BENCH_SIZES=$SIZE
  (cd Benchmarks && swift package benchmark --target Cox --filter "cox-model-efron/$SIZE" \
     --time-units milliseconds --format markdown --path stdout --no-progress 2>/dev/null) > "$out/sk.md"
  sk=$(awk '/Time \(wall clock\)/{gsub(/ /,""); split($0,f,"|"); print f[5]/1000.0; exit}' "$out/sk.md")
  r=$(SURVKIT_BENCH_ONLY="cox-model-efron" Rscript scripts/bench-r.R "$DATA" "$SIZE" 3 | awk '{print $2; exit}')
  python3 -c "import sys; s, r = float(sys.argv[1]), float(sys.argv[2]); print(f'in-process cox-model-efron/$SIZE: survkit {s:.3f} s, R coxph {r:.3f} s, R / survkit {r / s:.1f}x')" "$sk" "$r"
fi
echo "load after: $(uptime)"
