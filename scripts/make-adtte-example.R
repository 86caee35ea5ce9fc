#!/usr/bin/env Rscript
# Simulates the seed trial NCT07363356's data as it arrives from a CRO: a CDISC ADaM ADTTE data
# set in a SAS transport file, notebooks-data/nct07363356-adtte.xpt (version 5, as regulators
# require), with recurrence-free survival (PARAMCD RFS) and overall survival (OS) stacked.
# Run from the repository root:   Rscript scripts/make-adtte-example.R
#
# The trial as notebooks-data/nct07363356-gs.yaml plans it (see scripts/make-interim-example.R):
# 56 patients randomised 1:1 by permuted blocks of 4 over 18 months from 2025-01-06, exponential
# RFS with medians 33 (ORGANOID-GUIDED) and 11 months (STANDARD-OF-CARE, the empirical therapy), OS with medians 60 and 30
# months, exponential dropout of 10% by 12 months, follow-up to month 30. Each patient has one
# row per parameter, ADaM style:
#   STUDYID USUBJID TRT01P (planned arm) AGE SEX ECOG (baseline ECOG 0/1) PARAMCD PARAM
#   STARTDT (randomisation date) ADT (event or censoring date) AVAL = ADT - STARTDT + 1 (days)
#   CNSR (0 = event; 1 = censored at dropout; 2 = censored at the data cut-off, month 30)
#   EVNTDESC / CNSDTDSC (event or censoring description)
# Dates are SAS dates (days from 1960-01-01) with the DATE9. format; one AGE is missing.
# The interim cut date printed at the end is the date of the 14th recurrence, plus one day.
suppressPackageStartupMessages(library(haven))

set.seed(20250106)
n <- 56
days_per_month <- 365.25 / 12
start <- as.Date("2025-01-06")
entry <- sort(floor(runif(n, 0, 18 * days_per_month)))
arm <- as.vector(sapply(seq_len(n / 4), function(i) sample(rep(c("ORGANOID-GUIDED", "STANDARD-OF-CARE"), 2))))
treated <- arm == "ORGANOID-GUIDED"
age <- round(rnorm(n, 58, 9))
age[17] <- NA
sex <- sample(c("M", "F"), n, replace = TRUE, prob = c(0.75, 0.25))
ecog <- sample(c("0", "1"), n, replace = TRUE, prob = c(0.6, 0.4))
rfs_rate <- log(2) / (ifelse(treated, 33, 11) * days_per_month)
os_rate <- log(2) / (ifelse(treated, 60, 30) * days_per_month)
dropout <- ceiling(rexp(n, -log(0.9) / (12 * days_per_month)))
follow <- floor(30 * days_per_month) - entry
rfs <- ceiling(rexp(n, rfs_rate))
os <- pmax(rfs, ceiling(rexp(n, os_rate)))
one <- function(paramcd, param, t) {
  end <- pmin(t, dropout, follow)
  cnsr <- ifelse(t <= pmin(dropout, follow), 0L, ifelse(dropout < follow, 1L, 2L))
  startdt <- start + entry
  data.frame(STUDYID = "NCT07363356", USUBJID = sprintf("NCT07363356-%03d", seq_len(n)), TRT01P = arm,
             AGE = age, SEX = sex, ECOG = ecog, PARAMCD = paramcd, PARAM = param,
             STARTDT = startdt, ADT = startdt + end - 1, AVAL = as.numeric(end), CNSR = cnsr,
             EVNTDESC = ifelse(cnsr == 0, if (paramcd == "RFS") "RECURRENCE OR DEATH" else "DEATH", ""),
             CNSDTDSC = c("", "LAST CONTACT (DROPOUT)", "DATA CUT-OFF")[cnsr + 1],
             stringsAsFactors = FALSE)
}
adtte <- rbind(one("RFS", "Recurrence-free Survival (days)", rfs), one("OS", "Overall Survival (days)", os))
adtte <- adtte[order(adtte$USUBJID, adtte$PARAMCD), ]
labels <- c(STUDYID = "Study Identifier", USUBJID = "Unique Subject Identifier", TRT01P = "Planned Treatment for Period 01",
            AGE = "Age", SEX = "Sex", ECOG = "Baseline ECOG Performance Status", PARAMCD = "Parameter Code",
            PARAM = "Parameter", STARTDT = "Time-to-Event Origin Date for Subject", ADT = "Analysis Date",
            AVAL = "Analysis Value", CNSR = "Censor", EVNTDESC = "Event or Censoring Description",
            CNSDTDSC = "Censor Date Description")
for (v in names(labels)) attr(adtte[[v]], "label") <- labels[[v]]
attr(adtte$STARTDT, "format.sas") <- "DATE9"
attr(adtte$ADT, "format.sas") <- "DATE9"
write_xpt(adtte, "notebooks-data/nct07363356-adtte.xpt", version = 5, name = "ADTTE", label = "Time to Event Analysis Dataset")

rfs_rows <- adtte[adtte$PARAMCD == "RFS", ]
calendar <- sort(as.numeric(rfs_rows$ADT[rfs_rows$CNSR == 0] + 1))
cut <- as.Date(calendar[14], origin = "1970-01-01")
stopifnot(length(calendar) > 14, calendar[15] > as.numeric(cut))
cat(sprintf("%d rows; %d RFS events, %d deaths by month 30; interim cut (14 recurrences) %s\n", nrow(adtte),
            sum(rfs_rows$CNSR == 0), sum(adtte$PARAMCD == "OS" & adtte$CNSR == 0), format(cut)))
