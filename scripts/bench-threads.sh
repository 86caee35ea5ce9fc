#!/usr/bin/env bash
# Thread scaling of `survkit simulate` (issue 15): the seed trial NCT07363356 (medians 33 vs 11
# months, 56 patients over 18 months, analysis at 27 events, one-sided alpha 0.025), end to end,
# with --threads 1, 2, ..., all cores. Prints per thread count the median wall time of RUNS runs,
# replicates per second, the speed-up over one thread and the parallel efficiency, and the load
# average when it started and ended (other load on the machine flattens the curve: quote it).
# The output of every run is compared with the one-thread run: it must be byte-identical.
# Usage (repo root): scripts/bench-threads.sh   [env: REPLICATES (1000000), RUNS (3), MAX_THREADS (nproc),
#                                               SURVKIT (default .build/release/survkit, built if missing)]
set -euo pipefail
replicates="${REPLICATES:-1000000}"
runs="${RUNS:-3}"
max_threads="${MAX_THREADS:-$(nproc)}"
survkit="${SURVKIT:-.build/release/survkit}"
[ -n "${SURVKIT:-}" ] || swift build -c release --product survkit >/dev/null
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

args=(simulate --median-control 11 --median-treatment 33 --accrual-time 18 --patients 56 --events 27
  --alpha 0.025 --sides 1 --replicates "$replicates" --seed 1 --format json)
echo "survkit simulate, $replicates replicates, median of $runs runs; load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%8s %10s %14s %9s %11s\n' threads seconds replicates/s speed-up efficiency
base_rate=""
for ((k = 1; k <= max_threads; k++)); do
  times=()
  for ((r = 0; r < runs; r++)); do
    start=$(date +%s.%N)
    "$survkit" "${args[@]}" --threads "$k" >"$work/out-$k.json"
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  if [ "$k" -gt 1 ] && ! cmp -s "$work/out-1.json" "$work/out-$k.json"; then
    echo "bench-threads: the output with $k threads differs from one thread's" >&2; exit 1
  fi
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
  rate=$(echo "$replicates / $median" | bc -l)
  [ -n "$base_rate" ] || base_rate=$rate
  speedup=$(echo "$rate / $base_rate" | bc -l)
  printf '%8d %10.3f %14.0f %8.2f× %10.0f%%\n' "$k" "$median" "$rate" "$speedup" "$(echo "100 * $speedup / $k" | bc -l)"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
