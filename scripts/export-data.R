#!/usr/bin/env Rscript
# Exports the classic public survival data sets shipped with R's survival package to
# notebooks-data/ as CSV (header row, NA for missing, full precision). Run from the repo root:
#   Rscript scripts/export-data.R
suppressPackageStartupMessages(library(survival))
out <- "notebooks-data"
write_set <- function(df, name) {
  write.csv(df, file.path(out, paste0(name, ".csv")), row.names = FALSE, na = "NA", quote = TRUE)
}
write_set(survival::lung, "lung")
write_set(survival::ovarian, "ovarian")
write_set(survival::aml, "aml")
