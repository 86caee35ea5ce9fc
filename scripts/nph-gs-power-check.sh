#!/bin/sh
# Group-sequential power of `survkit design --looks 3` under non-proportional hazards (at-risk
# log-rank method) against `survkit simulate --looks 3` at 100,000 replicates (issue 13; the
# table in docs/design.md). Like for like: simulate cuts look k at the ceil(k D / 3)-th event
# of a trial analysed at D events (D a multiple of 3, the events expected after accrual 18 +
# follow-up 12, rounded) and enters patients uniformly (--arrivals uniform, the analytic
# continuous accrual); the analytic design takes the same D (--events D: the final analysis when
# D events are expected) and places its looks where kD/3 events are expected. The simulation
# spends alpha at the event fractions k/3, `design` at the log-rank information fractions
# I_k/I_K; so the power of the analytic law with the simulation's critical values is also
# given (rpact getGroupSequentialProbabilities with the boundaries shifted by the drifts).
# Prints: scenario|N|D|design power|analytic power at the simulation's boundaries|simulated|SE|z design|z same boundaries.
# With the argument `fixed`: the same trials at 56 patients without looks (event-driven fixed
# design: `design --events D` power_logrank against `simulate --events D`), which separates the
# event-driven analysis from the looks. Prints: scenario|N|D|analytic|simulated|SE|z.
# Usage: SURVKIT=.build/debug/survkit sh scripts/nph-gs-power-check.sh [fixed]
set -eu
SURVKIT=${SURVKIT:-.build/release/survkit}
R=${REPLICATES:-100000}
lc=$(awk 'BEGIN { printf "%.17g", log(2) / 11 }')
lt=$(awk 'BEGIN { printf "%.17g", log(2) / 33 }')
scale() { awk -v c="$1" -v t="$2" -v k="$3" 'BEGIN { printf "%.17g", c * exp(log(t / c) / sqrt(k)) }'; }
row() {
  name=$1; n=$2; d=$3; shift 3
  a=$("$SURVKIT" design "$@" --patients "$n" --events "$d" --solve power --looks 3 --nph-method logrank --format json)
  s=$("$SURVKIT" simulate "$@" --patients "$n" --events "$d" --looks 3 --replicates "$R" --seed 1 --arrivals uniform --format json)
  drift=$(echo "$a" | jq -r '[.looks[].drift] | map(tostring) | join(",")')
  frac=$(echo "$a" | jq -r '[.looks[].information_fraction] | map(tostring) | join(",")')
  crit=$(echo "$s" | jq -r '[.looks[].critical_value] | map(tostring) | join(",")')
  same=$(Rscript -e "suppressMessages(library(rpact)); d <- c($drift); c <- c($crit); p <- getGroupSequentialProbabilities(rbind(-c - d, c - d), c($frac)); cat(sprintf('%.6f', sum(p[3, ] - p[2, ]) + sum(p[1, ])))")
  pa=$(echo "$a" | jq -r .power); p=$(echo "$s" | jq -r .power); se=$(echo "$s" | jq -r .power_se)
  awk -v n="$name" -v N="$n" -v D="$d" -v a="$pa" -v b="$same" -v p="$p" -v s="$se" \
    'BEGIN { printf "%s|%d|%d|%.4f|%.4f|%.4f|%.4f|%+.1f|%+.1f\n", n, N, D, a, b, p, s, (a - p) / s, (b - p) / s }'
}
fixed() {
  name=$1; n=$2; d=$3; shift 3
  pa=$("$SURVKIT" design "$@" --patients "$n" --events "$d" --solve power --format json | jq -r .power_logrank)
  s=$("$SURVKIT" simulate "$@" --patients "$n" --events "$d" --replicates "$R" --seed 1 --arrivals uniform --format json)
  p=$(echo "$s" | jq -r .power); se=$(echo "$s" | jq -r .power_se)
  awk -v n="$name" -v N="$n" -v D="$d" -v a="$pa" -v p="$p" -v s="$se" \
    'BEGIN { printf "%s|%d|%d|%.4f|%.4f|%.4f|%+.1f\n", n, N, D, a, p, s, (a - p) / s }'
}
seed="--accrual-time 18 --alpha 0.05 --sides 2"
if [ "${1:-}" = fixed ]; then
  fixed "seed trial, PH" 56 30 $seed --hazard-times 0 --hazards-control "$lc" --hazards-treatment "$lt"
  fixed "seed trial, 3-month delay" 56 33 $seed --hazard-times 0 --hazards-control "$lc" --hazards-treatment "$lt" --delay 3
  fixed "seed trial, 30% cured in both arms" 56 21 $seed --hazard-times 0 --hazards-control "$lc" --hazards-treatment "$lt" \
    --cure-fraction 0.3 --cure-fraction-treatment 0.3
  exit 0
fi
for k in 1 8; do
  n=$((56 * k)); t=$(scale "$lc" "$lt" $k)
  if [ $k = 1 ]; then dp=30; dd=33; dc=21; else dp=291; dd=297; dc=204; fi
  row "seed trial, PH" $n $dp $seed --hazard-times 0 --hazards-control "$lc" --hazards-treatment "$t"
  row "seed trial, 3-month delay" $n $dd $seed --hazard-times 0 --hazards-control "$lc" --hazards-treatment "$t" --delay 3
  row "seed trial, 30% cured in both arms" $n $dc $seed --hazard-times 0 --hazards-control "$lc" --hazards-treatment "$t" \
    --cure-fraction 0.3 --cure-fraction-treatment 0.3
done
