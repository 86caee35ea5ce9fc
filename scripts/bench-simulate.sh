#!/usr/bin/env bash
# survkit simulate against rpact's getSimulationSurvival on the same design, in the same run
# (issue 5's throughput check, issue 15's ≥ 50× target): the seed trial NCT07363356 — medians
# 33 vs 11 months, 56 patients accrued uniformly over 18 months, analysis at 27 events,
# one-sided alpha 0.025.
#   - rpact: getSimulationSurvival(..., maxNumberOfIterations = R_RPACT), timed in-process
#     (R's start and loading rpact not counted);
#   - survkit: `survkit simulate ... --replicates R_SURVKIT --format json`, end to end (process
#     start, simulate on all cores, summarise, print), wall clock.
# The two are timed in turn RUNS times (default 5), so that both see the machine's load of the
# moment: each pair's ratio is printed, then the median of each side's times and the ratio of
# the medians (a shared VM's load moves single runs by a third either way). Run it on an
# otherwise idle machine.
# Usage (repo root): scripts/bench-simulate.sh   [env: RUNS (5), R_RPACT (100000), R_SURVKIT (1000000), THREADS]
set -euo pipefail
runs="${RUNS:-5}"
rpact_replicates="${R_RPACT:-100000}"
survkit_replicates="${R_SURVKIT:-1000000}"
threads="${THREADS:-$(nproc)}"

swift build -c release --product survkit >/dev/null
survkit=.build/release/survkit

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rpact_times="" survkit_times=""
for run in $(seq "$runs"); do
  rpact_seconds=$(Rscript -e 'suppressPackageStartupMessages(library(rpact))
    n <- as.numeric(commandArgs(TRUE)[1])
    d <- getDesignGroupSequential(kMax = 1, alpha = 0.025, sided = 1)
    t <- system.time(s <- getSimulationSurvival(design = d, median1 = 33, median2 = 11, directionUpper = FALSE,
      accrualTime = c(0, 18), maxNumberOfSubjects = 56, plannedEvents = 27, maxNumberOfIterations = n,
      seed = 1, longTimeSimulationAllowed = TRUE))[["elapsed"]]
    if (commandArgs(TRUE)[2] == "1")
      message(sprintf("rpact:   power %.4f, mean analysis time %.3f", s$overallReject, s$analysisTime[1]))
    cat(t)' "$rpact_replicates" "$run")

  start=$(date +%s.%N)
  out=$("$survkit" simulate --median-control 11 --median-treatment 33 --accrual-time 18 --patients 56 --events 27 \
    --alpha 0.025 --sides 1 --replicates "$survkit_replicates" --threads "$threads" --format json)
  end=$(date +%s.%N)
  survkit_seconds=$(echo "$end - $start" | bc -l)
  if [ "$run" = 1 ]; then
    echo "survkit: power $(echo "$out" | grep '"power"' | tr -dc '0-9.'), mean analysis time $(echo "$out" | grep '"mean_analysis_time"' | tr -dc '0-9.')" >&2
  fi
  rpact_times+="$rpact_seconds " survkit_times+="$survkit_seconds "
  printf "run %d: rpact %7.3f s, survkit %7.3f s: ratio %.1f×\n" "$run" "$rpact_seconds" "$survkit_seconds" \
    "$(echo "($survkit_replicates / $survkit_seconds) / ($rpact_replicates / $rpact_seconds)" | bc -l)"
done

rpact_seconds=$(echo "$rpact_times" | median)
survkit_seconds=$(echo "$survkit_times" | median)
rpact_rate=$(echo "$rpact_replicates / $rpact_seconds" | bc -l)
survkit_rate=$(echo "$survkit_replicates / $survkit_seconds" | bc -l)
printf "rpact   getSimulationSurvival  %9d replicates in %7.3f s (median of %d): %10.0f replicates/s\n" "$rpact_replicates" "$rpact_seconds" "$runs" "$rpact_rate"
printf "survkit simulate (%d threads)  %9d replicates in %7.3f s (median of %d): %10.0f replicates/s\n" "$threads" "$survkit_replicates" "$survkit_seconds" "$runs" "$survkit_rate"
printf "ratio %.1f× (of the medians)\n" "$(echo "$survkit_rate / $rpact_rate" | bc -l)"
