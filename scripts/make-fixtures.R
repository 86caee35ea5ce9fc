#!/usr/bin/env Rscript
# Regenerates every expected-value fixture under Tests/Fixtures/ from R's survival and rpact.
# Run from the repository root: Rscript scripts/make-fixtures.R
# Each topic's script lives in scripts/fixtures/<topic>.R and uses the helpers below.
# scripts/fixtures/xpt.R reads files written by scripts/fixtures/xpt.py (pyreadstat): run that first.
# scripts/fixtures/adtte.R reads notebooks-data/nct07363356-adtte.xpt (scripts/make-adtte-example.R).
suppressPackageStartupMessages({
  library(survival)
  library(rpact)
})

# The header every fixture carries: R and package versions, and what produced it.
fixture_header <- function(what) {
  c(sprintf("# %s", R.version.string),
    sprintf("# survival %s, rpact %s", packageVersion("survival"), packageVersion("rpact")),
    sprintf("# %s", what))
}

# Writes a data frame as CSV with numbers in %.17g (round-trip), NA as NA, after the header.
write_fixture <- function(df, path, what) {
  dir.create(dirname(path), recursive = TRUE, showWarnings = FALSE)
  fmt <- function(col) {
    if (is.numeric(col)) ifelse(is.na(col), "NA", sprintf("%.17g", col))
    else {
      x <- as.character(col)
      x <- ifelse(grepl('[,"]', x), paste0('"', gsub('"', '""', x), '"'), x)
      ifelse(is.na(col), "NA", x)
    }
  }
  body <- as.data.frame(lapply(df, fmt), stringsAsFactors = FALSE, check.names = FALSE)
  con <- file(path, "w")
  writeLines(fixture_header(what), con)
  write.table(body, con, sep = ",", row.names = FALSE, col.names = TRUE, quote = FALSE)
  close(con)
}

for (f in sort(list.files("scripts/fixtures", pattern = "\\.R$", full.names = TRUE))) {
  message("fixtures: ", f)
  source(f, local = new.env())
}
