#!/usr/bin/env Rscript
# Reading speed of SAS transport files: survkit against haven::read_xpt on the same file, in the
# same run. Writes (once) a 1e6-row x 13-column ADaM-like .xpt (version 5) with haven, then times
#   R:       haven::read_xpt(file)                 (reads every column; nothing less is offered)
#   survkit: survkit km FILE --time AVAL --censor CNSR --group TRT01P --strata SEX
#            (a whole analysis: reads 4 columns from the file, then the Kaplan-Meier curves)
# each RUNS times (default 5), alternating, and prints the medians and their ratio.
#
#   Rscript scripts/bench-xpt.R [ROWS] [RUNS]      # from the repository root, after `swift build -c release`
# Machines here have 2 noisy shared cores: read the medians, not single timings.
suppressPackageStartupMessages(library(haven))
args <- commandArgs(trailingOnly = TRUE)
rows <- if (length(args) >= 1) as.numeric(args[1]) else 1e6
runs <- if (length(args) >= 2) as.integer(args[2]) else 5
survkit <- Sys.getenv("SURVKIT", ".build/release/survkit")
path <- sprintf("/tmp/survkit-bench-xpt-%g.xpt", rows)
if (!file.exists(path)) {
  set.seed(1)
  n <- rows
  d <- data.frame(STUDYID = "NCT07363356", USUBJID = sprintf("NCT07363356-%07d", seq_len(n)),
                  TRT01P = sample(c("ORGANOID-GUIDED", "STANDARD-OF-CARE"), n, TRUE),
                  AGE = round(rnorm(n, 58, 9)), SEX = sample(c("M", "F"), n, TRUE), ECOG = sample(c("0", "1"), n, TRUE),
                  PARAMCD = "OS", PARAM = "Overall Survival (days)",
                  STARTDT = as.Date("2025-01-06") + sample(0:540, n, TRUE), AVAL = ceiling(rexp(n, 1 / 600)),
                  CNSR = rbinom(n, 1, 0.4), EVNTDESC = "DEATH", AVALU = "DAYS", stringsAsFactors = FALSE)
  d$ADT <- d$STARTDT + d$AVAL - 1
  d$AVALU <- NULL
  write_xpt(d, path, version = 5, name = "ADTTE")
}
cat(sprintf("%s: %.0f MB, %g rows x 13 columns\n", path, file.size(path) / 1e6, rows))
r_times <- c(); s_times <- c()
for (i in seq_len(runs)) {
  r_times <- c(r_times, system.time(x <- read_xpt(path))[["elapsed"]])
  rm(x); invisible(gc())
  s_times <- c(s_times, system.time(system2(survkit, c("km", path, "--time", "AVAL", "--censor", "CNSR",
                                                        "--group", "TRT01P", "--strata", "SEX"), stdout = FALSE))[["elapsed"]])
}
cat(sprintf("haven::read_xpt  median %.3f s  (runs: %s)\n", median(r_times), paste(sprintf("%.3f", r_times), collapse = " ")))
cat(sprintf("survkit km       median %.3f s  (runs: %s)\n", median(s_times), paste(sprintf("%.3f", s_times), collapse = " ")))
cat(sprintf("ratio haven / survkit: %.2f (> 1: survkit faster)\n", median(r_times) / median(s_times)))
