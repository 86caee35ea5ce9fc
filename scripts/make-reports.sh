#!/usr/bin/env bash
# Regenerates the reproduction report of the seed trial NCT07363356 with the built survkit.
#
#   scripts/make-reports.sh [OUTPUT_DIR]      (default: reports/nct07363356)
#
# SURVKIT names the binary (default: .build/release/survkit, else .build/debug/survkit; build
# with `swift build -c release` first). Tests/CLITests/ReproductionReportTests.swift runs this
# script into a temporary folder and fails if the result differs from the committed report.
# reports/nct07363356/README.md is written by hand and is not regenerated.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${SURVKIT:-}" ]]; then
  if [[ -x .build/release/survkit ]]; then SURVKIT=.build/release/survkit; else SURVKIT=.build/debug/survkit; fi
fi
out="${1:-reports/nct07363356}"
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
