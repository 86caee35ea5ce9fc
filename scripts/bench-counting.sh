#!/usr/bin/env bash
# Cox on (start, stop] data: survkit on 1e6 counting-process rows x 10 covariates against the
# right-censored fit on 1e6 rows (target within 1.5x) and against R's coxph on the same
# counting-process file in the same run (target >= 10x). End to end (read, fit, print), median
# of RUNS runs each. Needs the release binary (swift build -c release) and python3 + numpy.
#
#   scripts/bench-counting.sh            # 1e6 rows
#   ROWS=1e5 RUNS=5 scripts/bench-counting.sh
# Machines here have 2 cores shared with other jobs: read the ratios, not single timings.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1e6}
RUNS=${RUNS:-3}
DATA=${SURVKIT_BENCH_DATA:-/tmp/survkit-bench}
BIN=${SURVKIT:-.build/release/survkit}
mkdir -p "$DATA"
counting="$DATA/counting-$ROWS.csv"
plain="$DATA/bench-$ROWS.csv"
[ -f "$counting" ] || python3 scripts/make-bench-counting.py "$ROWS" "$counting"
[ -f "$plain" ] || python3 scripts/make-bench-data.py "$ROWS" "$plain"
covs=x1,x2,x3,x4,x5,x6,x7,x8,x9,x10

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() {   # wall-clock seconds of one run of "$@", output discarded
  local t0 t1
  t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
time_runs() { for _ in $(seq "$RUNS"); do seconds "$@"; done | median; }
# A run that fails (exit 2 on bad input) would be timed as a fast one: check each command once.
check() { "$@" > /dev/null || { echo "bench-counting: failed: $*" >&2; exit 2; }; }

check "$BIN" cox "$counting" --start start --time stop --event status --covariates "$covs"
check "$BIN" cox "$plain" --time time --event status --covariates "$covs"
c=$(time_runs "$BIN" cox "$counting" --start start --time stop --event status --covariates "$covs")
p=$(time_runs "$BIN" cox "$plain" --time time --event status --covariates "$covs")
r=$(time_runs Rscript -e "suppressMessages(library(survival)); d <- data.table::fread('$counting');
  f <- coxph(Surv(start, stop, status) ~ x1+x2+x3+x4+x5+x6+x7+x8+x9+x10, data = d); print(coef(f))" 2>/dev/null ||
    time_runs Rscript -e "suppressMessages(library(survival)); d <- read.csv('$counting');
  f <- coxph(Surv(start, stop, status) ~ x1+x2+x3+x4+x5+x6+x7+x8+x9+x10, data = d); print(coef(f))")
printf 'rows %s, median of %s runs (seconds, end to end)\n' "$ROWS" "$RUNS"
printf '  survkit cox, (start, stop] rows   %8.2f\n' "$c"
printf '  survkit cox, right-censored rows  %8.2f   counting / right-censored = %.2f (target <= 1.5)\n' "$p" "$(echo "$c / $p" | bc -l)"
printf '  R coxph, (start, stop] rows       %8.2f   R / survkit = %.1f (target >= 10)\n' "$r" "$(echo "$r / $c" | bc -l)"
