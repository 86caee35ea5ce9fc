#!/usr/bin/env bash
# What `km --plot` costs on a million rows (issue 11: "a KM plot of 1e6 rows is written in under
# 1 s beyond the estimate"): hyperfine runs, in one session, `km` with and without `--plot`, with
# and without `--group arm --conf-band`, and — because the grouped figure's panel prints the
# log-rank p and the Cox hazard ratio — `logrank --group arm` and `cox --factors arm` alone.
# Prints each command's median wall time and the two differences (plot − no plot), with the
# load average before and after (the machine is shared: compare within one run only).
# Usage (repo root): scripts/bench-plot.sh [DATA.csv]
#   [env: RUNS (10), DATA default /tmp/survkit-bench/bench-1e6.csv, made by
#    scripts/make-bench-data.py 1e6 /tmp/survkit-bench/bench-1e6.csv]
set -euo pipefail
data="${1:-/tmp/survkit-bench/bench-1e6.csv}"
runs="${RUNS:-10}"
[ -f "$data" ] || { echo "bench-plot: $data not found (make it with scripts/make-bench-data.py 1e6 $data)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench-plot: hyperfine is not on PATH (Debian package hyperfine)" >&2; exit 2; }

swift build -c release --product survkit >/dev/null
sk="$PWD/.build/release/survkit"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
base="$sk km $data --time time --event status --output /dev/null"
group="$sk km $data --time time --event status --group arm --conf-band --output /dev/null"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/plot.json" \
  -n "km" "$base" \
  -n "km --plot" "$base --plot $work/km.svg" \
  -n "km --group --conf-band" "$group" \
  -n "km --group --conf-band --plot" "$group --plot $work/km-group.svg" \
  -n "logrank --group" "$sk logrank $data --time time --event status --group arm --output /dev/null" \
  -n "cox --factors arm" "$sk cox $data --time time --event status --factors arm --output /dev/null" >&2
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
ls -l "$work"/*.svg | awk '{ printf "figure %s: %d bytes\n", $NF, $5 }' | sed "s|$work/||"

python3 - "$work/plot.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
median = {name: r["median"] for name, r in results.items()}
for name, r in results.items():
    print(f"{name:34s} median {r['median']:.3f} s  (min {r['min']:.3f}, max {r['max']:.3f}, user {r['user']:.3f}, system {r['system']:.3f})")
print(f"plot cost without group:            {median['km --plot'] - median['km']:+.3f} s")
print(f"plot cost with --group --conf-band: {median['km --group --conf-band --plot'] - median['km --group --conf-band']:+.3f} s")
PY
