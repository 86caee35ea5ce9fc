#!/usr/bin/env bash
# Regenerates the reports of the seed trial NCT07363356 with the built survkit: the design's
# reproduction report and the worked interim analysis.
#
#   scripts/make-reports.sh                          both, into reports/nct07363356 and
#                                                    reports/nct07363356-interim
#   scripts/make-reports.sh DESIGN_DIR               the design report only, into DESIGN_DIR
#   scripts/make-reports.sh DESIGN_DIR INTERIM_DIR   both, into these folders
#
# SURVKIT names the binary (default: .build/release/survkit, else .build/debug/survkit; build
# with `swift build -c release` first). Tests/CLITests/ReproductionReportTests.swift and
# Tests/CLITests/InterimExampleReportTests.swift run this script into temporary folders and fail
# if the result differs from the committed reports, figures included. The README.md of each
# folder is written by hand and is not regenerated (`survkit report` keeps other files in its
# --output-dir).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${SURVKIT:-}" ]]; then
  if [[ -x .build/release/survkit ]]; then SURVKIT=.build/release/survkit; else SURVKIT=.build/debug/survkit; fi
fi
out="${1:-reports/nct07363356}"
if [[ $# -eq 0 ]]; then interim_out=reports/nct07363356-interim; else interim_out="${2:-}"; fi
design=notebooks-data/nct07363356.yaml
grid="accrual=12:36:6,follow-up=6:36:6"
mkdir -p "$out"

# name, then the flags added to the design file
report() {
  local name="$1"; shift
  "$SURVKIT" design --file "$design" "$@" --format text --output "$out/$name.txt"
  "$SURVKIT" design --file "$design" "$@" --format csv --output "$out/$name.csv"
}

# Events needed: they depend on neither accrual nor follow-up.
report events-schoenfeld --method schoenfeld
report events-freedman --method freedman
# rpact's 48.53 evaluable patients: accrual 18 months, follow-up 12 months.
report patients-accrual18-followup12 --method schoenfeld --accrual-time 18 --follow-up 12
# Patients needed, and the power of the planned 56, over accrual 12-36 and follow-up 6-36 months.
report sensitivity-schoenfeld --method schoenfeld --patients 56 --grid "$grid"
report sensitivity-freedman --method freedman --patients 56 --grid "$grid"
# The design report bundle: index.html (self-contained), report.md, the heat map of patients
# over accrual x follow-up with the contour where 56 patients suffice, and the tables.
# --what-if-nph: the power of the 56 under a 3-month delay and a 30% cure fraction (accrual 18,
# follow-up 12), analytic and simulated.
"$SURVKIT" report --design "$design" --patients 56 --grid "$grid" --what-if-nph 18:12 --output-dir "$out"

# The worked interim analysis: the group-sequential design (2 looks, O'Brien-Fleming type) and
# the simulated data (scripts/make-interim-example.R) cut at month 16.0, when 14 of the 27
# planned events (half, rounded up) have happened.
if [[ -n "$interim_out" ]]; then
  mkdir -p "$interim_out"
  gs=notebooks-data/nct07363356-gs.yaml
  for format in text json; do
    ext=$([[ $format == text ]] && echo txt || echo json)
    "$SURVKIT" design --file "$gs" --format "$format" --output "$interim_out/design.$ext"
    "$SURVKIT" interim notebooks-data/nct07363356-interim.csv --time time --event status --group arm \
      --entry entry --cut 16.0 --design "$gs" --format "$format" --output "$interim_out/interim.$ext"
  done
  # The interim report bundle: index.html, report.md, Kaplan-Meier per arm with the number at
  # risk, boundaries, and the tables (interim.json is the same as above).
  "$SURVKIT" report --design "$gs" notebooks-data/nct07363356-interim.csv --time time --event status --group arm \
    --entry entry --cut 16.0 --conf-band --labels "control=Empirical,treatment=Organoid-guided" \
    --title "NCT07363356 interim analysis: look 1 of 2" --output-dir "$interim_out"
fi
