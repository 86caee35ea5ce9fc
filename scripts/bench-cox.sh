#!/usr/bin/env bash
# survkit cox against R's coxph on the same files, in the same run (issue 3's benchmark).
# For each size (default 1e5,1e6) of the 13-column benchmark file (time, status, arm, x1…x10;
# made by scripts/make-bench-data.py when present, else by R here), with both tie methods:
#   - R: coxph(Surv(time, status) ~ x1 + … + x10) in-process, data already in memory;
#   - survkit end to end: `survkit cox FILE --covariates x1,…,x10 --format json` (read, fit,
#     concordance, JSON), wall clock;
# and prints the ratio. In-process survkit timings come from the benchmark package
# (Benchmarks/Benchmarks/Cox: `cd Benchmarks && swift package benchmark --target Cox`).
# Usage (repo root): scripts/bench-cox.sh   [env: SURVKIT_BENCH_DATA, SURVKIT_BENCH_SIZES]
set -euo pipefail
dir="${SURVKIT_BENCH_DATA:-/tmp/survkit-bench}"
sizes="${SURVKIT_BENCH_SIZES:-1e5,1e6}"
mkdir -p "$dir"
covariates="x1,x2,x3,x4,x5,x6,x7,x8,x9,x10"

for size in ${sizes//,/ }; do
  f="$dir/bench-$size.csv"
  [ -f "$f" ] && continue
  if [ -f scripts/make-bench-data.py ] && python3 -c "import numpy" 2>/dev/null; then
    python3 scripts/make-bench-data.py "$size" "$f"
  else
    Rscript -e 'a <- commandArgs(TRUE); n <- as.numeric(a[1]); set.seed(20261127)
      x <- matrix(rnorm(n * 10), n, 10); arm <- sample(1:2, n, TRUE)
      rate <- 0.05 * exp(drop(x %*% seq(-0.3, 0.3, length.out = 10)) + 0.4 * (arm == 2))
      et <- rexp(n, rate); ct <- rexp(n, 1 / 20)
      d <- data.frame(time = round(pmin(et, ct), 2), status = as.integer(et <= ct), arm = arm, x)
      names(d)[4:13] <- paste0("x", 1:10); write.csv(d, a[2], row.names = FALSE)' "$size" "$f"
  fi
done

swift build -c release --product survkit >/dev/null
survkit=.build/release/survkit

for size in ${sizes//,/ }; do
  f="$dir/bench-$size.csv"
  echo "== $size rows × 10 covariates ($f)"
  rtimes=$(Rscript -e 'suppressPackageStartupMessages(library(survival))
    d <- read.csv(commandArgs(TRUE)[1])
    form <- as.formula(paste("Surv(time, status) ~", paste0("x", 1:10, collapse = " + ")))
    for (ties in c("efron", "breslow")) {
      t <- system.time(fit <- coxph(form, data = d, ties = ties))[["elapsed"]]
      cat(ties, t, fit$iter, "\n")
    }' "$f")
  for ties in efron breslow; do
    r=$(echo "$rtimes" | awk -v t="$ties" '$1 == t {print $2}')
    start=$(date +%s.%N)
    "$survkit" cox "$f" --time time --event status --covariates "$covariates" --ties "$ties" --format json >/dev/null
    end=$(date +%s.%N)
    e2e=$(echo "$end - $start" | bc -l)
    printf "%-8s R coxph in-process %6.3f s | survkit end to end %6.3f s | ratio %5.1f×\n" \
      "$ties" "$r" "$e2e" "$(echo "$r / $e2e" | bc -l)"
  done
done
