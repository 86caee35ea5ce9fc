#!/usr/bin/env bash
# Runs one libFuzzer target for a while: scripts/fuzz.sh TARGET SECONDS
#   TARGET: csv | xport | design-file | shard   (FuzzCSV, FuzzXport, FuzzDesignFile, FuzzShard in Fuzz/)
# Builds Fuzz/ with `-Xswiftc -sanitize=fuzzer,address` — ONE flag: giving -sanitize=fuzzer and
# -sanitize=address as two flags silently drops the fuzzer's coverage instrumentation (the
# fuzzer then runs blind). Seeds: notebooks-data/, the test fixtures and Fuzz/corpus/<target>.
# New inputs go to .build/fuzz/corpus-<target>; crashes to .build/fuzz/crashes-<target>.
# Exits 0 with a message (skipped) when the toolchain cannot build fuzzers; non-zero on a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh csv|xport|design-file|shard SECONDS}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
# max_len per reader: long enough for every structure the reader has (a CSV header and a few dozen
# records; a design file; a shard; an XPORT file with two members), short enough that an execution
# stays well under a millisecond — at 64 KiB the csv, design-file and shard harnesses ran
# 0.45–0.53 ms per execution and fell short of 10^6 executions in 10 minutes. Override with
# FUZZ_MAX_LEN. Longer seeds are read truncated to max_len.
case "$target" in
  csv) product=FuzzCSV; max_len=4096; seeds=(notebooks-data/*.csv Tests/Fixtures/*/*.csv Tests/Fixtures/*/data/*.csv) ;;
  xport) product=FuzzXport; max_len=32768; seeds=(notebooks-data/*.xpt Tests/Fixtures/xpt/*.xpt) ;;
  design-file) product=FuzzDesignFile; max_len=4096; seeds=(notebooks-data/*.yaml Tests/Fixtures/interim/designs/*) ;;
  shard) product=FuzzShard; max_len=8192; seeds=() ;;
  *) echo "unknown target '$target' (csv, xport, design-file, shard)" >&2; exit 2 ;;
esac
work=.build/fuzz
mkdir -p "$work/corpus-$target" "$work/crashes-$target"
if ! (cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address --product "$product") >"$work/build-$target.log" 2>&1; then
  echo "fuzz: skipped: this toolchain cannot build libFuzzer targets (see $work/build-$target.log)"
  exit 0
fi
binary=$(cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address --show-bin-path)/$product
for f in "${seeds[@]}" Fuzz/corpus/"$target"/*; do
  [ -f "$f" ] && [ "$(stat -c %s "$f")" -le 65536 ] && cp "$f" "$work/corpus-$target/" || true
done
max_len=${FUZZ_MAX_LEN:-$max_len}
# -rss_limit_mb: the readers must stay bounded. Extra libFuzzer flags (e.g. -jobs, -seed) may follow
# SECONDS on the command line.
exec "$binary" "$work/corpus-$target" -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 "${@:3}" \
  -artifact_prefix="$work/crashes-$target/" -print_final_stats=1
