#!/usr/bin/env Rscript
# Coverage of `survkit predict`'s prediction interval (issue 12): 1,000 trials simulated from a
# known exponential and 1,000 from a known Weibull model, each cut at an interim; survkit
# predicts the calendar time of the D-th event from the data at the cut, and the true time (from
# the full simulated trial) should fall in the 90% interval in 90% +/- 2% of the trials.
# Run from the repository root after `swift build -c release`:
#   Rscript scripts/predict-coverage.R [trials] [replicates] [models] [accrual]   (SURVKIT=path overrides the binary)
# models: comma-separated, default exponential,weibull. accrual: poisson (default) or even.
#
# Each trial: 200 patients entering as a Poisson process of 10 per month; time to event from
# entry exponential (median 12 months) or Weibull (shape 1.5, median 12 months); exponential
# dropout 0.01 per month. Cut at month 15; the patients not yet entered are given to survkit as
# --patients-to-enrol with the true --accrual-rate 10; D = 120 events. The fitted models are
# those of the truth (exponential or Weibull, exponential dropout), with parameter uncertainty.
# With accrual `even` every patient enters at j/10 months (j = 1..200: a design's deterministic
# accrual, the truth and the prediction alike) and survkit is run with --accrual even, so the
# interval carries no accrual uncertainty; the event and dropout times are drawn as above.
args <- commandArgs(trailingOnly = TRUE)
trials <- if (length(args) >= 1) as.integer(args[1]) else 1000
replicates <- if (length(args) >= 2) as.integer(args[2]) else 2000
models <- if (length(args) >= 3) strsplit(args[3], ",")[[1]] else c("exponential", "weibull")
accrual <- if (length(args) >= 4) args[4] else "poisson"
stopifnot(accrual %in% c("poisson", "even"))
survkit <- Sys.getenv("SURVKIT", ".build/release/survkit")
stopifnot(file.exists(survkit))
n <- 200; rate <- 10; cut <- 15; target <- 120; median_time <- 12; dropout <- 0.01
dir <- tempfile("predict-coverage-"); dir.create(dir)

one_trial <- function(model, i) {
  entry <- if (accrual == "even") (1:n) / rate else cumsum(rexp(n, rate))
  shape <- if (model == "weibull") 1.5 else 1
  lambda <- log(2)^(1 / shape) / median_time
  event <- (-log(runif(n)))^(1 / shape) / lambda
  leave <- rexp(n, dropout)
  status <- as.integer(event <= leave)
  time <- pmin(event, leave)
  calendar <- sort(entry[status == 1] + time[status == 1])
  if (length(calendar) < target) return(NULL)          # this trial never reaches D: no truth
  truth <- calendar[target]
  if (sum(entry <= cut & status == 1 & entry + time <= cut) >= target) return(NULL)
  path <- file.path(dir, "trial.csv")
  write.csv(data.frame(entry = sprintf("%.17g", entry), time = sprintf("%.17g", time), status = status),
            path, row.names = FALSE, quote = FALSE)
  out <- system2(survkit, c("predict", path, "--time", "time", "--event", "status", "--entry", "entry",
                            "--cut", cut, "--target-events", target, "--patients-to-enrol", sum(entry > cut),
                            "--accrual-rate", rate, "--accrual", accrual, "--model", model, "--dropout-model", "exponential",
                            "--replicates", replicates, "--seed", i, "--threads", 1, "--format", "csv"),
                 stdout = TRUE, stderr = TRUE)
  p <- read.csv(text = out)
  upper <- if (is.na(p$predicted_time_upper)) Inf else p$predicted_time_upper
  data.frame(model = model, trial = i, truth = truth, median = p$predicted_time,
             lower = p$predicted_time_lower, upper = upper,
             covered = p$predicted_time_lower <= truth & truth <= upper)
}

cat(sprintf("survkit predict coverage: %d trials per model, %d replicates each, 90%% intervals\n", trials, replicates))
cat(sprintf("n %d, accrual %g/month (%s), cut at month %g, D = %d, dropout %g/month, median %g months\n",
            n, rate, if (accrual == "even") "even" else "Poisson", cut, target, dropout, median_time))
for (model in models) {
  set.seed(if (model == "exponential") 1201 else 1202)
  rows <- list(); skipped <- 0; i <- 0
  while (length(rows) < trials) {
    i <- i + 1
    r <- one_trial(model, i)
    if (is.null(r)) skipped <- skipped + 1 else rows[[length(rows) + 1]] <- r
  }
  res <- do.call(rbind, rows)
  cov <- mean(res$covered)
  se <- sqrt(cov * (1 - cov) / nrow(res))
  cat(sprintf("%-11s covered %d of %d = %.1f%% (binomial se %.1f%%); below the interval %d, above %d; trials skipped (D never or already reached) %d; %s\n",
              model, sum(res$covered), nrow(res), 100 * cov, 100 * se, sum(res$truth < res$lower),
              sum(res$truth > res$upper), skipped, if (abs(cov - 0.9) <= 0.02) "within 90% +/- 2%" else "OUTSIDE 90% +/- 2%"))
  cat(sprintf("%-11s median |predicted median - truth| %.2f months; median interval width %.2f months\n",
              model, median(abs(res$median - res$truth)), median(res$upper - res$lower)))
}
unlink(dir, recursive = TRUE)
