#!/usr/bin/env bash
# How each command's cost grows with the rows, and how CSV decoding and simulation scale with cores.
#
#   scripts/bench-scaling.sh                 # sizes 1e4,1e5,1e6
#   SIZES=1e4,1e5,1e6,1e7 scripts/bench-scaling.sh
#   SURVKIT=/path/to/survkit RUNS=5 scripts/bench-scaling.sh
#
# 1. Growth: km (full CSV table), logrank, cox (10 covariates, Efron) and rmst, end to end on the
#    13-column benchmark CSV (scripts/make-bench-data.py), median of RUNS hyperfine runs each.
#    Printed per command: the least-squares slope of log(time) on log(rows) over all sizes, and
#    the slope between the two largest sizes (process start, ~10 ms, flattens the small sizes, so
#    the last slope is the one that shows the algorithm: 1 = linear, ~1.1 = n log n here).
# 2. CSV decode over cores: `logrank` on the largest size (≥ 4 MiB, so the reader splits it into
#    chunks) pinned with taskset to 1 … nproc CPUs. The reader has no thread knob (no flag, no
#    environment variable): it decodes min(online CPUs, 8) chunks, so pinning limits the cores,
#    not the chunk count.
# 3. simulate over threads: 200,000 replicates of the seed trial with --threads 1 … nproc.
# Timings on a shared machine are noisy: the load (uptime) is printed with the results.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-1e4,1e5,1e6}
RUNS=${RUNS:-5}
DATA=${SURVKIT_BENCH_DATA:-/tmp/survkit-bench}
mkdir -p "$DATA"
if [ -n "${SURVKIT:-}" ]; then SK=$SURVKIT; else
  swift build -c release --product survkit >/dev/null
  SK=.build/release/survkit
fi
command -v hyperfine >/dev/null || { echo "bench-scaling: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
for size in ${SIZES//,/ }; do
  [ -f "$DATA/bench-$size.csv" ] || python3 scripts/make-bench-data.py "$size" "$DATA/bench-$size.csv"
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
COVARIATES=x1,x2,x3,x4,x5,x6,x7,x8,x9,x10
declare -A command=(
  [km]="km {f} --time time --event status --group arm --format csv --output $out/km.csv"
  [logrank]="logrank {f} --time time --event status --group arm --format json --output $out/lr.json"
  [cox]="cox {f} --time time --event status --covariates $COVARIATES --format json --output $out/cox.json"
  [rmst]="rmst {f} --time time --event status --group arm --format json --output $out/rmst.json"
)
commands=(km logrank cox rmst)

# Median seconds of RUNS runs of one shell command.
median() {
  hyperfine --runs "$RUNS" --warmup 1 --export-json "$out/h.json" "$1" >/dev/null 2>&1
  python3 -c 'import json,sys; print("%.6f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$out/h.json"
}

echo "survkit: $SK ($("$SK" --version 2>/dev/null || echo '?')); load: $(uptime | sed 's/.*load average: //')"
echo
echo "== growth with rows (median of $RUNS, seconds, end to end)"
: > "$out/growth.txt"
printf '%-8s' command; for size in ${SIZES//,/ }; do printf '%12s' "$size"; done; echo
for c in "${commands[@]}"; do
  printf '%-8s' "$c"
  for size in ${SIZES//,/ }; do
    t=$(median "$SK ${command[$c]//\{f\}/$DATA/bench-$size.csv}")
    printf '%12s' "$t"
    echo "$c $size $t" >> "$out/growth.txt"
  done
  echo
done
python3 - "$out/growth.txt" <<'PY'
import math, sys
rows = {}
for line in open(sys.argv[1]):
    c, n, t = line.split()
    rows.setdefault(c, []).append((float(n), float(t)))
print()
print("log-log slope of time on rows (1 = linear; n log n ≈ 1.05-1.15 over these sizes)")
for c, pts in rows.items():
    xs = [math.log(n) for n, _ in pts]; ys = [math.log(t) for _, t in pts]
    if len(pts) < 2:
        print(f"  {c:8s} (one size only)"); continue
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    fit = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    last = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
    verdict = "O(n log n) or better" if last <= 1.2 else "WORSE than n log n"
    print(f"  {c:8s} all sizes {fit:5.2f}   last step {pts[-2][0]:.0e}->{pts[-1][0]:.0e} {last:5.2f}   {verdict}")
PY

largest=${SIZES##*,}
f="$DATA/bench-$largest.csv"
cores=$(nproc)
echo
echo "== CSV decode over cores: logrank on $largest rows ($(du -m "$f" | cut -f1) MB), pinned with taskset"
echo "   (no thread knob in the reader: it splits into min(online CPUs, 8) chunks; pinning limits the cores)"
base=""
for k in $(seq 1 "$cores"); do
  t=$(median "taskset -c 0-$((k - 1)) $SK ${command[logrank]//\{f\}/$f}")
  [ -n "$base" ] || base=$t
  echo "   $k core(s): ${t} s  speed-up $(python3 -c "print('%.2f' % ($base / $t))")"
done

echo
echo "== simulate over threads: 200000 replicates of the seed trial"
base=""
for k in $(seq 1 "$cores"); do
  t=$(median "$SK simulate --file notebooks-data/nct07363356.yaml --accrual-time 18 --patients 56 --events 27 --sides 1 --alpha 0.025 --replicates 200000 --seed 1 --threads $k --format json --output $out/sim.json")
  [ -n "$base" ] || base=$t
  echo "   --threads $k: ${t} s  speed-up $(python3 -c "print('%.2f' % ($base / $t))")"
done
echo
echo "load after: $(uptime | sed 's/.*load average: //')"
