#!/usr/bin/env bash
# Compares two survkit binaries by instructions executed (valgrind's callgrind `Ir`), command by
# command, on the benchmark data. Instruction counts do not depend on the machine's load, so on a
# busy 2-core VM they show a regression of 1% that wall-clock medians cannot (their noise is ±5%).
# They are not time: cache misses and parallelism are not counted; quote them beside hyperfine.
#
# Usage (repo root): scripts/bench-instructions.sh BEFORE_BINARY AFTER_BINARY
#   env: SURVKIT_BENCH_DATA (default /tmp/survkit-bench, made by scripts/make-bench-data.py)
# Valgrind cannot read Swift's DWARF, so each binary is run as a copy stripped of debug info.
set -euo pipefail
before=${1:?usage: $0 BEFORE_BINARY AFTER_BINARY}
after=${2:?usage: $0 BEFORE_BINARY AFTER_BINARY}
command -v valgrind >/dev/null || { echo "bench-instructions: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
data=${SURVKIT_BENCH_DATA:-/tmp/survkit-bench}/bench-1e6.csv
[ -f "$data" ] || { echo "bench-instructions: $data is missing; run scripts/make-bench-data.py" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
strip --strip-debug -o "$work/before" "$before"
strip --strip-debug -o "$work/after" "$after"
covariates=x1,x2,x3,x4,x5,x6,x7,x8,x9,x10
commands=(
  "km $data --time time --event status --group arm --format csv"
  "logrank $data --time time --event status --group arm"
  "cox $data --time time --event status --covariates $covariates"
  "simulate --median-control 11 --median-treatment 33 --accrual-time 18 --patients 56 --events 27 --replicates 100000 --seed 1 --threads 1"
)
count() { # binary, command → Ir
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$1" $2 >/dev/null 2>"$work/cg.err"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg.err"
}
printf '%-10s %16s %16s %8s\n' command before after ratio
for c in "${commands[@]}"; do
  b=$(count "$work/before" "$c"); a=$(count "$work/after" "$c")
  printf '%-10s %16s %16s %8.4f\n' "${c%% *}" "$b" "$a" "$(echo "$a / $b" | bc -l)"
done
