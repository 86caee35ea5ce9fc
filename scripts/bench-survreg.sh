#!/usr/bin/env bash
# survreg Weibull on ROWS rows x 10 covariates: survkit vs R's survreg in the same run.
#
#   scripts/bench-survreg.sh          # 1e6 rows
#   ROWS=1e5 scripts/bench-survreg.sh
#
# survkit is timed end to end (process start, CSV parse, fit, JSON out); R is timed twice: the
# survreg() call alone (system.time, data already in memory) and end to end (Rscript with
# read.csv). The ratio reported is R's survreg() alone / survkit end to end, the conservative one.
# On a shared machine read the CPU-time ratio: wall clock depends on the load.
# Rows with time 0 (the generator rounds to 0.01) are dropped: log(0) is not a Weibull time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1e6}
DIR=${SURVREG_BENCH_DATA:-/tmp/survkit-survreg-bench}
mkdir -p "$DIR"
FILE="$DIR/survreg-$ROWS.csv"
if [ ! -f "$FILE" ]; then
  python3 scripts/make-bench-data.py "$ROWS" "$DIR/raw-$ROWS.csv"
  awk -F, 'NR == 1 || $1 + 0 > 0' "$DIR/raw-$ROWS.csv" > "$FILE"
  rm -f "$DIR/raw-$ROWS.csv"
fi
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --product survkit >/dev/null 2>&1
SK=.build/release/survkit
COVARIATES=x1,x2,x3,x4,x5,x6,x7,x8,x9,x10

now() { date +%s.%N; }
t0=$(now)
/usr/bin/time -f "%U %S" -o "$DIR/survkit.cpu" \
  "$SK" survreg "$FILE" --time time --event status --covariates "$COVARIATES" --format json > "$DIR/survkit.json"
t1=$(now)
survkit=$(echo "$t1 - $t0" | bc -l)
survkit_cpu=$(awk '{print $1 + $2}' "$DIR/survkit.cpu")

r_out=$(Rscript -e '
  suppressPackageStartupMessages(library(survival))
  t0 <- proc.time()[["elapsed"]]
  d <- read.csv(commandArgs(TRUE)[1])
  t1 <- proc.time()[["elapsed"]]
  st <- system.time(fit <- survreg(Surv(time, status) ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10,
                                   data = d))
  cat(st[["elapsed"]], proc.time()[["elapsed"]] - t0, fit$iter, sprintf("%.17g", fit$loglik[2]),
      st[["user.self"]] + st[["sys.self"]], "\n")
' "$FILE")
read -r r_fit r_total r_iter r_loglik r_cpu <<< "$r_out"
sk_iter=$(python3 -c "import json; print(json.load(open('$DIR/survkit.json'))['iterations'])")
sk_loglik=$(python3 -c "import json; print(repr(json.load(open('$DIR/survkit.json'))['loglik']))")
echo "rows: $(($(wc -l < "$FILE") - 1)) x 10 covariates, Weibull"
echo "survkit end to end:      ${survkit} s  (iterations $sk_iter, loglik $sk_loglik)"
echo "R survreg() alone:       ${r_fit} s  (iterations $r_iter, loglik $r_loglik)"
echo "R end to end (read.csv): ${r_total} s"
echo "CPU time (user+sys): survkit end to end ${survkit_cpu} s, R survreg() alone ${r_cpu} s"
echo "ratio R survreg() / survkit end to end: $(echo "$r_fit / $survkit" | bc -l | cut -c1-6) wall, $(echo "$r_cpu / $survkit_cpu" | bc -l | cut -c1-6) CPU"
echo "ratio R end to end / survkit end to end: $(echo "$r_total / $survkit" | bc -l | cut -c1-6)"
