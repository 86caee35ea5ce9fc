#!/usr/bin/env Rscript
# Simulates the worked interim example of the seed trial NCT07363356:
# notebooks-data/nct07363356-interim.csv, and prints the calendar time of the interim data cut.
# Run from the repository root:   Rscript scripts/make-interim-example.R
#
# The trial as notebooks-data/nct07363356-gs.yaml plans it: 56 patients entering uniformly over
# 18 months, 1:1 by permuted blocks of 4, exponential recurrence-free survival with median 11
# months on control and 33 on treatment (the design's hazard ratio 1/3), exponential dropout of
# 10% by 12 months, and follow-up to month 30 (accrual 18 + follow-up 12). Each row is a patient
# as seen at month 30: calendar entry, arm, time from entry to recurrence or censoring (dropout or
# month 30), status 1 = recurrence. Times are rounded to 0.001 month, so the CSV holds them exactly.
#
# The interim look is planned at half of the maximum events: 27 events (rpact: maxNumberOfEvents
# 26.11, rounded up, as `survkit design --file notebooks-data/nct07363356-gs.yaml` gives), so 14
# (13.5 rounded up). The cut is the calendar time of the 14th recurrence rounded up to 0.1 month
# (the 15th comes later), which scripts/make-reports.sh passes to `survkit interim --cut`.
suppressPackageStartupMessages(library(rpact))

set.seed(7363356)
n <- 56
accrual <- 18
end <- 30
median_control <- 11
hazard_ratio <- 1 / 3
dropout_hazard <- -log(1 - 0.10) / 12

entry <- round(sort(runif(n, 0, accrual)), 3)
arm <- as.vector(sapply(seq_len(n / 4), function(i) sample(rep(c("treatment", "control"), 2))))
hazard <- log(2) / median_control * ifelse(arm == "treatment", hazard_ratio, 1)
recurrence <- rexp(n, hazard)
dropout <- rexp(n, dropout_hazard)
follow <- end - entry
time <- round(pmin(recurrence, dropout, follow), 3)
status <- as.integer(recurrence <= pmin(dropout, follow))
data <- data.frame(id = seq_len(n), entry = entry, arm = arm, time = time, status = status)
write.csv(data, "notebooks-data/nct07363356-interim.csv", row.names = FALSE, quote = FALSE)

design <- getDesignGroupSequential(kMax = 2, alpha = 0.05, sided = 2, beta = 0.2, typeOfDesign = "asOF",
                                   informationRates = c(0.5, 1))
plan <- getSampleSizeSurvival(design, median1 = 33, median2 = 11, accrualTime = c(0, accrual),
                              accrualIntensity = 0.1, followUpTime = end - accrual)
maximum <- ceiling(plan$maxNumberOfEvents)
interim <- ceiling(maximum * 0.5)
calendar <- sort(data$entry[data$status == 1] + data$time[data$status == 1])
cut <- ceiling(calendar[interim] * 10) / 10
stopifnot(length(calendar) > interim, calendar[interim + 1] > cut)
cat(sprintf("maximum events %d (rpact %.4f); interim at %d events\n", maximum, plan$maxNumberOfEvents, interim))
cat(sprintf("recurrence %d at month %.3f, %d at month %.3f: cut at month %.1f\n",
            interim, calendar[interim], interim + 1, calendar[interim + 1], cut))
cat(sprintf("%d recurrences by month %d in all\n", length(calendar), end))

# The same patients followed on to month 60 (no new random draws, so every cut up to month 30
# sees exactly the data above): notebooks-data/nct07363356-final.csv, for a final look that
# over-runs the 27 planned events (docs/interim.md). The final cut is the midpoint of the
# calendar times of the 30th and 31st recurrences, rounded to 0.001 month.
late_end <- 60
late_follow <- late_end - entry
late <- data.frame(id = seq_len(n), entry = entry, arm = arm,
                   time = round(pmin(recurrence, dropout, late_follow), 3),
                   status = as.integer(recurrence <= pmin(dropout, late_follow)))
write.csv(late, "notebooks-data/nct07363356-final.csv", row.names = FALSE, quote = FALSE)
late_calendar <- sort(late$entry[late$status == 1] + late$time[late$status == 1])
stopifnot(length(late_calendar) > 30)
cat(sprintf("followed to month %d: %d recurrences; the 30th at month %.3f, the 31st at %.3f: final cut at month %.3f\n",
            late_end, length(late_calendar), late_calendar[30], late_calendar[31],
            round((late_calendar[30] + late_calendar[31]) / 2, 3)))
