#!/usr/bin/env bash
# survreg Weibull on ROWS rows x 10 covariates: survkit vs R's survreg, in the same run.
#
#   scripts/bench-survreg.sh            # 1e6 rows, 5 runs each
#   ROWS=1e5 RUNS=3 scripts/bench-survreg.sh
#   SKIP_BUILD=1 scripts/bench-survreg.sh
#   IN_PROCESS=1 RUNS=0 scripts/bench-survreg.sh   # the fit alone in process vs survreg() alone
#
# The data are generated once (scripts/make-bench-data.py; rows with time 0 dropped: log(0) is
# not a Weibull time). Runs alternate survkit and R so that both see the same load, and the
# medians of RUNS runs are reported:
#   survkit end to end  process start, CSV parse, fit, JSON out (wall and user+sys CPU)
#   R survreg() alone   system.time(survreg(...)) on data already in memory (wall and CPU)
#   R fread + survreg   data.table::fread (R's fastest reader) then survreg (wall)
# The headline ratio is R survreg() alone / survkit end to end, the conservative one (survkit
# pays for reading the file, R does not). On a shared 2-core machine quote the CPU ratio and the
# load printed before and after; wall clock depends on the load.
#
# IN_PROCESS=1 adds the fit alone on both sides, data already in memory, in the same run:
#   survkit  the ordo-one benchmark `survreg-weibull/<ROWS>` (Benchmarks/Benchmarks/Survreg:
#            SurvregModel.fit as `survkit survreg` calls it; CSV read once outside the measured
#            block), median of up to 5 iterations, wall clock and total CPU (all threads)
#   R        system.time(survreg(...)) on the fread data frame, median of IN_PROCESS_RUNS (3)
# RUNS=0 skips the end-to-end runs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1e6}
RUNS=${RUNS:-5}
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
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "load before: $(uptime)"

now() { date +%s.%N; }
for run in $(seq "$RUNS"); do
  [ "$RUNS" -gt 0 ] || break
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$out/cpu" \
    "$SK" survreg "$FILE" --time time --event status --covariates "$COVARIATES" --format json > "$out/survkit.json"
  t1=$(now)
  echo "$(echo "$t1 - $t0" | bc -l) $(awk '{print $1 + $2}' "$out/cpu")" >> "$out/survkit.times"
  Rscript -e '
    suppressPackageStartupMessages({library(survival); library(data.table)})
    t0 <- proc.time()[["elapsed"]]
    d <- fread(commandArgs(TRUE)[1], showProgress = FALSE)
    st <- system.time(fit <- survreg(Surv(time, status) ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10,
                                     data = d))
    cat(st[["elapsed"]], st[["user.self"]] + st[["sys.self"]], proc.time()[["elapsed"]] - t0, fit$iter,
        sprintf("%.17g", fit$loglik[2]), "\n")
  ' "$FILE" >> "$out/r.times"
done
[ "$RUNS" -gt 0 ] && echo "load after: $(uptime)"

[ "$RUNS" -gt 0 ] && python3 - "$out" "$(($(wc -l < "$FILE") - 1))" "$RUNS" <<'PY'
import json, statistics, sys
out, rows, runs = sys.argv[1], sys.argv[2], sys.argv[3]
sk = [list(map(float, l.split())) for l in open(f"{out}/survkit.times")]
r = [l.split() for l in open(f"{out}/r.times")]
med = lambda xs: statistics.median(xs)
sk_wall, sk_cpu = med([s[0] for s in sk]), med([s[1] for s in sk])
r_fit, r_cpu, r_total = med([float(x[0]) for x in r]), med([float(x[1]) for x in r]), med([float(x[2]) for x in r])
j = json.load(open(f"{out}/survkit.json"))
print(f"rows: {rows} x 10 covariates, Weibull; medians of {runs} runs")
print(f"survkit end to end:   wall {sk_wall:7.3f} s  CPU {sk_cpu:7.3f} s  (iterations {j['iterations']}, loglik {j['loglik']!r})")
print(f"R survreg() alone:    wall {r_fit:7.3f} s  CPU {r_cpu:7.3f} s  (iterations {r[-1][3]}, loglik {r[-1][4]})")
print(f"R fread + survreg:    wall {r_total:7.3f} s")
print(f"ratio R survreg() alone / survkit end to end: {r_fit / sk_wall:.2f}x wall, {r_cpu / sk_cpu:.2f}x CPU")
print(f"ratio R fread + survreg / survkit end to end: {r_total / sk_wall:.2f}x wall")
PY

if [ "${IN_PROCESS:-0}" = 1 ]; then
  echo "in process, load before: $(uptime)"
  (cd Benchmarks && SURVREG_BENCH_DATA=$DIR SURVKIT_BENCH_SIZES=$ROWS swift package benchmark --target Survreg \
     --filter "survreg-weibull/$ROWS" --time-units milliseconds --format markdown --path stdout --no-progress \
     2>/dev/null) > "$out/sk.md"
  sk_wall=$(awk '/Time \(wall clock\)/{gsub(/ /,""); split($0,f,"|"); print f[5]/1000.0; exit}' "$out/sk.md")
  sk_cpu=$(awk '/Time \(total CPU\)/{gsub(/ /,""); split($0,f,"|"); print f[5]/1000.0; exit}' "$out/sk.md")
  Rscript -e '
    suppressPackageStartupMessages({library(survival); library(data.table)})
    args <- commandArgs(TRUE)
    d <- fread(args[1], showProgress = FALSE)
    f <- Surv(time, status) ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10
    st <- sapply(seq_len(as.integer(args[2])), function(i) {
      s <- system.time(fit <- survreg(f, data = d, dist = "weibull"))
      c(s[["elapsed"]], s[["user.self"]] + s[["sys.self"]])
    })
    cat(median(st[1, ]), median(st[2, ]), "\n")
  ' "$FILE" "${IN_PROCESS_RUNS:-3}" > "$out/r-fit.times"
  echo "in process, load after:  $(uptime)"
  python3 - "$sk_wall" "$sk_cpu" $(cat "$out/r-fit.times") "$ROWS" <<'PY'
import sys
sk_wall, sk_cpu, r_wall, r_cpu = map(float, sys.argv[1:5])
rows = sys.argv[5]
print(f"in process, survreg Weibull {rows} rows x 10 covariates, fit alone, data in memory (medians):")
print(f"  survkit SurvregModel.fit  wall {sk_wall:7.3f} s  CPU {sk_cpu:7.3f} s")
print(f"  R survreg()               wall {r_wall:7.3f} s  CPU {r_cpu:7.3f} s")
print(f"  R / survkit: {r_wall / sk_wall:.1f}x wall, {r_cpu / sk_cpu:.1f}x CPU")
PY
fi
