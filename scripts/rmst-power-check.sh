#!/bin/sh
# Analytic RMST power of `survkit design --nph-method rmst --tau TAU` against `survkit simulate
# --test rmst:TAU` at 100,000 replicates (issue 13; the table in docs/design.md). Each scenario is
# simulated with independent uniform entries (--arrivals uniform, the continuous accrual the
# analytic method integrates over) and with even entries (rpact's spacing, the default).
# Prints: scenario, tau, analytic power, and per entry model simulated power, SE and z.
# SURVKIT=.build/release/survkit sh scripts/rmst-power-check.sh (a debug build takes ~1 min per run)
set -eu
SURVKIT=${SURVKIT:-.build/release/survkit}
R=${REPLICATES:-100000}
row() {
  name=$1; tau=$2; shift 2
  a=$("$SURVKIT" design "$@" --nph-method rmst --tau "$tau" --format json | jq -r .power_rmst)
  out="$name|$tau|$a"
  for arrivals in uniform even; do
    j=$("$SURVKIT" simulate "$@" --test "rmst:$tau" --replicates "$R" --seed 1 --threads 1 --arrivals "$arrivals" --format json)
    p=$(echo "$j" | jq -r '.tests[0].power'); se=$(echo "$j" | jq -r '.tests[0].power_se')
    out="$out|$p|$se|$(awk -v a="$a" -v p="$p" -v s="$se" 'BEGIN { printf "%+.1f", (a - p) / s }')"
  done
  echo "$out"
}
seed="--median-control 11 --median-treatment 33 --accrual-time 18 --follow-up 12 --patients 56 --alpha 0.05 --sides 2"
row "seed trial, PH" 24 $seed
row "seed trial, 3-month delay" 24 $seed --delay 3
row "seed trial, 30% cured in both arms" 24 $seed --cure-fraction 0.3 --cure-fraction-treatment 0.3
row "crossing, piecewise accrual, dropout" 30 --hazard-times 0,6 --hazards-control 0.05,0.05 --hazards-treatment 0.08,0.02 \
  --accrual-times 0,6,12 --accrual-rates 1,2 --follow-up 24 --patients 200 \
  --dropout-rate "$(awk 'BEGIN { printf "%.17g", 1 - exp(-0.12) }')" --dropout-time 12 --alpha 0.05 --sides 2
