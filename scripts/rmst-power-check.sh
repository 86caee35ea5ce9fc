#!/bin/sh
# Analytic RMST and FH(0,1) power of `survkit design` (--tau 24, --fh-gamma 1) against
# `survkit simulate --test rmst:24,fh:0,1` at 100,000 replicates (issue 13; the table in
# docs/design.md): the seed trial (56 patients) under PH, a 3-month delay and 30% cured in both
# arms, and the same with 8 times the patients and the log hazard ratio divided by sqrt(8) (a
# local alternative, so the asymptotic methods should converge). Entries are independent
# uniform draws (--arrivals uniform), the continuous accrual the analytic methods integrate over.
# Prints: scenario, patients, test, analytic power, simulated power, SE, z = (analytic - sim)/SE.
# SURVKIT=.build/release/survkit sh scripts/rmst-power-check.sh
set -eu
SURVKIT=${SURVKIT:-.build/release/survkit}
R=${REPLICATES:-100000}
lc=$(awk 'BEGIN { printf "%.17g", log(2) / 11 }')
lt=$(awk 'BEGIN { printf "%.17g", log(2) / 33 }')
row() {
  name=$1; n=$2; shift 2
  d=$("$SURVKIT" design "$@" --patients "$n" --tau 24 --fh-gamma 1 --format json)
  s=$("$SURVKIT" simulate "$@" --patients "$n" --replicates "$R" --seed 1 --threads 1 --arrivals uniform \
      --test rmst:24,fh:0,1 --format json)
  for k in 0 1; do
    key=$([ $k = 0 ] && echo power_rmst || echo power_fh)
    a=$(echo "$d" | jq -r ".$key"); p=$(echo "$s" | jq -r ".tests[$k].power"); se=$(echo "$s" | jq -r ".tests[$k].power_se")
    t=$(echo "$s" | jq -r ".tests[$k].test"); a0=$(echo "$s" | jq -r ".tests[$k].type_i_error")
    echo "$name|$n|$t|$a|$p|$se|$(awk -v a="$a" -v p="$p" -v s="$se" 'BEGIN { printf "%+.1f", (a - p) / s }')|$a0"
  done
}
for k in 1 8; do
  n=$((56 * k)); t=$(awk -v c="$lc" -v t="$lt" -v k="$k" 'BEGIN { printf "%.17g", c * exp(log(t / c) / sqrt(k)) }')
  base="--hazard-times 0 --hazards-control $lc --hazards-treatment $t --accrual-time 18 --follow-up 12 --alpha 0.05 --sides 2"
  row "PH" $n $base
  row "3-month delay" $n $base --delay 3
  row "30% cured in both arms" $n $base --cure-fraction 0.3 --cure-fraction-treatment 0.3
done
