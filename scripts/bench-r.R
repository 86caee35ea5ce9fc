#!/usr/bin/env Rscript
# Times R's reference implementations in-process on the benchmark files, for scripts/bench-vs-r.sh.
# Usage: Rscript scripts/bench-r.R DATA_DIR SIZES(comma-separated, e.g. 1e5,1e6) [RUNS]
# Prints one line per measurement: "<name>/<size> <median seconds> <runs>".
suppressPackageStartupMessages({ library(survival); library(rpact) })
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
sizes <- strsplit(args[2], ",")[[1]]
runs <- if (length(args) >= 3) as.integer(args[3]) else 3L
only <- Sys.getenv("SURVKIT_BENCH_ONLY", "")
wanted <- function(name) only == "" || grepl(only, name)

time_it <- function(name, n, expr_fun) {
  if (!wanted(name)) return(invisible())
  times <- numeric(n)
  for (i in seq_len(n)) times[i] <- system.time(expr_fun())[["elapsed"]]
  cat(sprintf("%s %.6f %d\n", name, median(times), n))
}

covs <- paste0("x", 1:10)
cox_formula <- as.formula(paste("Surv(time, status) ~", paste(covs, collapse = " + ")))
for (size in sizes) {
  path <- file.path(dir, paste0("bench-", size, ".csv"))
  if (!file.exists(path)) next
  n <- if (as.numeric(size) >= 1e7) 1L else runs
  time_it(paste0("csv-load/", size), n, function() read.csv(path))
  d <- read.csv(path)
  time_it(paste0("km/", size), n, function() survfit(Surv(time, status) ~ arm, data = d))
  time_it(paste0("logrank/", size), n, function() survdiff(Surv(time, status) ~ arm, data = d))
  if (as.numeric(size) <= 1e6) {
    time_it(paste0("cox-model-efron/", size), n, function() coxph(cox_formula, data = d, ties = "efron"))
    time_it(paste0("cox-model-breslow/", size), n, function() coxph(cox_formula, data = d, ties = "breslow"))
  }
}
# Simulation throughput against rpact is timed by scripts/bench-simulate.sh.
