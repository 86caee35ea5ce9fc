#!/usr/bin/env bash
# Benchmark of `survkit cox` against R's coxph on the same files, in the same run.
# Generates 1e5 and 1e6 rows × 10 covariates (seeded, R), then times
#   - R: coxph(Surv(time, status) ~ x1 + … + x10) in-process (data already in memory),
#   - survkit in-process (Benchmarks/cox-bench: CoxRegression fit, and CoxModel with concordance),
#   - survkit end to end: `survkit cox FILE.csv ... --format json` (read, fit, concordance, output),
# for both tie methods, and prints the ratios. Usage: scripts/bench-cox.sh [DIR]  (from the repo root)
set -euo pipefail
dir="${1:-${TMPDIR:-/tmp}/survkit-bench-cox}"
mkdir -p "$dir"
covariates="x1,x2,x3,x4,x5,x6,x7,x8,x9,x10"

Rscript - "$dir" <<'RSCRIPT'
args <- commandArgs(trailingOnly = TRUE)
set.seed(42)
for (n in c(1e5, 1e6)) {
  f <- file.path(args[1], sprintf("cox_%d.csv", n))
  if (file.exists(f)) next
  p <- 10
  X <- matrix(round(rnorm(n * p), 4), n, p); colnames(X) <- paste0("x", 1:p)
  beta <- seq(-0.5, 0.5, length.out = p)
  t <- round(rexp(n, 0.1 * exp(drop(X %*% beta))), 3)
  cens <- round(runif(n, 0, 30), 3)
  write.csv(data.frame(time = pmin(t, cens), status = as.integer(t <= cens), X), f, row.names = FALSE)
}
RSCRIPT

swift build -c release --product survkit >/dev/null
(cd Benchmarks && swift build -c release >/dev/null)
survkit=.build/release/survkit
bench=Benchmarks/.build/release/cox-bench

for n in 100000 1000000; do
  f="$dir/cox_$n.csv"
  echo "== $n rows × 10 covariates ($f)"
  rtimes=$(Rscript - "$f" <<'RSCRIPT'
suppressPackageStartupMessages(library(survival))
d <- read.csv(commandArgs(trailingOnly = TRUE)[1])
for (ties in c("efron", "breslow")) {
  t <- system.time(fit <- coxph(Surv(time, status) ~ ., data = d, ties = ties))[["elapsed"]]
  cat(ties, t, fit$iter, "\n")
}
RSCRIPT
)
  echo "$rtimes" | awk '{printf "R coxph %-8s %.3f s (%d iterations)\n", $1, $2, $3}'
  swift_in=$("$bench" "$f" 3)
  echo "$swift_in"
  for ties in efron breslow; do
    start=$(date +%s.%N)
    "$survkit" cox "$f" --time time --event status --covariates "$covariates" --ties "$ties" --format json >/dev/null
    end=$(date +%s.%N)
    e2e=$(echo "$end - $start" | bc)
    r=$(echo "$rtimes" | awk -v t="$ties" '$1 == t {print $2}')
    fit=$(echo "$swift_in" | awk -v t="$ties:" '$1 == t {print $3}')
    printf "survkit %-8s end to end %.3f s; R / survkit in-process fit = %.1f×, R / survkit end to end = %.1f×\n" \
      "$ties" "$e2e" "$(echo "$r / $fit" | bc -l)" "$(echo "$r / $e2e" | bc -l)"
  done
done
