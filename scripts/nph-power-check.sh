#!/bin/sh
# Analytic log-rank power of `survkit design` (at-risk method) against `survkit simulate` at
# 100,000 replicates (issue 13; the table in docs/design.md). For each scenario: the trial as
# planned and the same trial with 8 times the patients (accrual period kept) and every log
# hazard ratio divided by sqrt(8) (a local alternative: the drift, hence the power, stays
# about the same while the events grow 8-fold, so the asymptotic method should converge);
# each simulated with even entries (rpact's spacing, the default) and with independent
# uniform entries (--arrivals uniform, the continuous accrual the analytic method assumes).
# Prints: scenario, patients, analytic power, and per entry model power, SE and z.
# Run with a release build: SURVKIT=.build/release/survkit sh scripts/nph-power-check.sh
set -eu
SURVKIT=${SURVKIT:-.build/release/survkit}
R=${REPLICATES:-100000}
lc=$(awk 'BEGIN { printf "%.17g", log(2) / 11 }')
scale() { awk -v c="$1" -v t="$2" -v k="$3" 'BEGIN { printf "%.17g", c * exp(log(t / c) / sqrt(k)) }'; }
row() {
  name=$1; n=$2; shift 2
  a=$("$SURVKIT" design "$@" --patients "$n" --format json | jq -r .power_logrank)
  out="$name|$n|$a"
  for arrivals in even uniform; do
    j=$("$SURVKIT" simulate "$@" --patients "$n" --replicates "$R" --seed 1 --arrivals "$arrivals" --format json)
    p=$(echo "$j" | jq -r .power); se=$(echo "$j" | jq -r .power_se)
    out="$out|$p|$se|$(awk -v a="$a" -v p="$p" -v s="$se" 'BEGIN { printf "%+.1f", (a - p) / s }')"
  done
  echo "$out"
}
seed="--accrual-time 18 --follow-up 12 --alpha 0.05 --sides 2"
lt=$(awk 'BEGIN { printf "%.17g", log(2) / 33 }')
for k in 1 8; do
  n1=$((56 * k)); t=$(scale "$lc" "$lt" $k)
  row "seed trial, PH" $n1 $seed --hazard-times 0 --hazards-control "$lc" --hazards-treatment "$t"
  row "seed trial, 3-month delay" $n1 $seed --hazard-times 0 --hazards-control "$lc" --hazards-treatment "$t" --delay 3
  row "seed trial, 30% cured in both arms" $n1 $seed --hazard-times 0 --hazards-control "$lc" --hazards-treatment "$t" \
    --cure-fraction 0.3 --cure-fraction-treatment 0.3
  row "crossing, dropout" $((200 * k)) --hazard-times 0,6 --hazards-control 0.05,0.05 \
    --hazards-treatment "$(scale 0.05 0.08 $k),$(scale 0.05 0.02 $k)" --accrual-times 0,6,12 --accrual-rates 1,2 \
    --follow-up 24 --dropout-rate "$(awk 'BEGIN { printf "%.17g", 1 - exp(-0.12) }')" --dropout-time 12 --alpha 0.05 --sides 2
  row "delay 4, 2:1, piecewise accrual, dropout" $((300 * k)) --hazard-times 0,4,10 --hazards-control 0.07,0.05,0.04 \
    --hazards-treatment "0.07,$(scale 0.05 0.03 $k),$(scale 0.04 0.02 $k)" --accrual-times 0,3,9,15 --accrual-rates 2,5,8 \
    --follow-up 12 --dropout-rate 0.1 --dropout-time 12 --allocation 2:1 --alpha 0.025 --sides 2
done
