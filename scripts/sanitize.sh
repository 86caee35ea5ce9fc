#!/usr/bin/env bash
# The test suite under AddressSanitizer and under ThreadSanitizer:
#   scripts/sanitize.sh [address|thread|all] [swift test --filter pattern]
# Each sanitizer builds into its own folder (.build/asan, .build/tsan), so the normal build is kept.
# ThreadSanitizer matters for the parallel code: the simulation (`--threads 8`, MonteCarloTests,
# threadsDoNotChangeTheOutput) and the chunked CSV decode (RecordChunks, ChunkedDecodeProperty);
# the default TSan filter runs those, ASan runs everything.
#
# Note (Swift 6.3.1): -sanitize=thread crashed the compiler ("Invalid bitcast") on the ~Copyable
# FenwickTree, in a loop of a mutating method reading the struct's stored properties. The method
# now reads them into locals first; the type stays ~Copyable (one owner, one deallocation). See
# Sources/SurvivalAnalysis/Support/FenwickTree.swift.
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
filter=${2:-}
run() {
  local sanitizer=$1 scratch=$2 pattern=$3
  echo "== swift test --sanitize=$sanitizer ${pattern:+--filter $pattern}"
  # halt_on_error: the first report fails the run; TSan's second_deadlock_stack helps reading one.
  ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
    swift test --sanitize="$sanitizer" --scratch-path "$scratch" ${pattern:+--filter "$pattern"}
}
case "$which" in
  address) run address .build/asan "$filter" ;;
  thread) run thread .build/tsan "${filter:-MonteCarlo|TrialSimulator|SimulateCommand|RecordChunks|ChunkedDecode|CSVTable|Concordance}" ;;
  all)
    run address .build/asan "$filter"
    run thread .build/tsan "${filter:-MonteCarlo|TrialSimulator|SimulateCommand|RecordChunks|ChunkedDecode|CSVTable|Concordance}" ;;
  *) echo "usage: scripts/sanitize.sh [address|thread|all] [filter]" >&2; exit 2 ;;
esac
