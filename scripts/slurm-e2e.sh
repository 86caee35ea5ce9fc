#!/usr/bin/env bash
# End-to-end test of sharded simulation on a real (single-node) Slurm cluster:
#   scripts/slurm-e2e.sh [SHARDS]          (default 4 shards)
#
# 1. installs Debian's slurm-wlm and munge when missing (apt-get; needs root);
# 2. starts, in a private temp dir and without systemd, a munged with its own key and socket,
#    a slurmctld and a slurmd for one node "localhost" with CPUs=$(nproc), on free ports;
# 3. submits `survkit simulate --shard i/N` as an `sbatch --array=1-N` job and waits for it;
# 4. runs `survkit merge` on the N parts and checks the result is byte-identical (cmp) to one
#    unsharded `survkit simulate` with the same flags (JSON and the replicates CSV);
# 5. tears everything down (daemons killed by their PID, temp dir removed), also on failure.
#
# If Slurm cannot be installed or started within a minute (no root, no apt, daemons that refuse
# to start in this container), it prints "SKIPPED: <why>" and exits 0, so CI stays green on
# machines that cannot run it but says so. A wrong merged result exits 1.
#
# SURVKIT=/path/to/survkit uses that binary; otherwise the debug build (swift build) is used.
set -uo pipefail
cd "$(dirname "$0")/.."
shards=${1:-4}
start_timeout=60

skip() { echo "SKIPPED: $*"; exit 0; }
fail() { echo "FAILED: $*" >&2; exit 1; }
log() { echo "slurm-e2e: $*"; }

# --- 1. packages ------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
   || ! command -v munged >/dev/null; then
  [ "$(id -u)" = 0 ] || skip "slurm-wlm/munge are not installed and this is not root (cannot apt-get install)"
  command -v apt-get >/dev/null || skip "slurm-wlm/munge are not installed and there is no apt-get"
  log "installing slurm-wlm and munge (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update && apt-get install -y --no-install-recommends slurm-wlm munge; } >/tmp/slurm-e2e-apt.log 2>&1 \
    || skip "apt-get install slurm-wlm munge failed (see /tmp/slurm-e2e-apt.log)"
fi
[ "$(id -u)" = 0 ] || skip "slurmd must run as root to launch job steps (running as uid $(id -u))"

# --- survkit binary -----------------------------------------------------------------------------
if [ -n "${SURVKIT:-}" ]; then
  survkit=$SURVKIT
else
  swift build --product survkit >/dev/null || fail "swift build --product survkit failed"
  survkit="$(swift build --show-bin-path)/survkit"
fi
[ -x "$survkit" ] || fail "no survkit binary at $survkit"
survkit=$(readlink -f "$survkit")

# --- 2. private cluster ------------------------------------------------------------------------
dir=$(mktemp -d /tmp/survkit-slurm.XXXXXX)
chmod 0755 "$dir"
pids=()
cleanup() {
  local status=$?
  # Daemons are stopped by the PIDs they wrote (never by name: other clusters may be running).
  for pidfile in "$dir"/slurmd.pid "$dir"/slurmctld.pid "$dir"/munged.pid; do
    [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  sleep 1
  for pidfile in "$dir"/slurmd.pid "$dir"/slurmctld.pid "$dir"/munged.pid; do
    [ -s "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null
  done
  if [ "$status" != 0 ] && [ -z "${keep_logs_shown:-}" ]; then
    for f in "$dir"/*.log; do [ -f "$f" ] && { echo "--- $f (last lines)"; tail -n 5 "$f"; }; done >&2
  fi
  rm -rf "$dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/work/parts" "$dir/work/logs"
chmod 0700 "$dir/munge"
# A fresh random key: this cluster authenticates only with itself.
dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chmod 0400 "$dir/munge/munge.key"
socket="$dir/munge/munge.socket"
munged --force --key-file="$dir/munge/munge.key" --socket="$socket" --pid-file="$dir/munged.pid" \
  --log-file="$dir/munged.log" --seed-file="$dir/munge/seed" >"$dir/munged.start.log" 2>&1 \
  || skip "munged did not start: $(tr '\n' ' ' <"$dir/munged.start.log" | cut -c1-300)"

# Ports: a free pair in 20000-29999 (another cluster of this script may be running).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ctl_port=0
for _ in $(seq 1 50); do
  p=$((20000 + RANDOM % 10000))
  if port_free "$p" && port_free "$((p + 1))"; then ctl_port=$p; break; fi
done
[ "$ctl_port" != 0 ] || skip "no free TCP port pair found"
cpus=$(nproc)
conf="$dir/slurm.conf"
cat >"$conf" <<EOF
# Single-node cluster made by scripts/slurm-e2e.sh; removed when the script ends.
ClusterName=survkit-e2e
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctl_port
SlurmdPort=$((ctl_port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/slurmd-%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups and no systemd in a container: track job processes through /proc.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=e2e Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$conf

slurmctld -f "$conf" >"$dir/slurmctld.start.log" 2>&1 \
  || skip "slurmctld did not start: $(tr '\n' ' ' <"$dir/slurmctld.start.log" | cut -c1-300)"
slurmd -f "$conf" -N localhost >"$dir/slurmd.start.log" 2>&1 \
  || skip "slurmd did not start: $(tr '\n' ' ' <"$dir/slurmd.start.log" | cut -c1-300)"

log "waiting up to ${start_timeout}s for node localhost (CPUs=$cpus, port $ctl_port) to be idle"
ready=0
start_deadline=$((SECONDS + start_timeout))   # wall clock: a slow sinfo must not stretch the minute
while [ "$SECONDS" -lt "$start_deadline" ]; do
  state=$(timeout 10 sinfo -h -n localhost -o %T 2>/dev/null | head -n 1)
  case "$state" in idle|mixed|allocated) ready=1; break ;; esac
  sleep 1
done
if [ "$ready" != 1 ]; then
  # The first run of a fresh StateSaveLocation logs missing state files: not the reason.
  why=$(grep -h -i -E "error|fatal" "$dir"/slurmctld.log "$dir"/slurmd.log "$dir"/munged.log "$dir"/slurmd.start.log 2>/dev/null \
        | grep -v -E "state file|state save file|pmix|MPI" | tail -n 3 | tr '\n' ' ')
  alive=""
  for daemon in munged slurmctld slurmd; do
    if [ -s "$dir/$daemon.pid" ] && kill -0 "$(cat "$dir/$daemon.pid")" 2>/dev/null; then alive+="$daemon "; fi
  done
  why="daemons running: ${alive:-none}; ${why:-no error logged}"
  keep_logs_shown=1
  skip "Slurm did not start within ${start_timeout}s (node state '${state:-none}'): $why"
fi
log "cluster up: $(sinfo -h -o '%P %a %D %T %c' | head -n 1)"

# --- 3. the job array ---------------------------------------------------------------------------
design=$(readlink -f notebooks-data/nct07363356.yaml)
# Flags of the seed trial, with a group-sequential plan so the shards carry looks too.
sim_flags=(--file "$design" --accrual-time 18 --patients 56 --events 27 --sides 1 --alpha 0.025
           --looks 2 --spending obrien-fleming --replicates 20000 --seed 20240517 --threads 1)
work="$dir/work"
printf -v flag_words '%q ' "${sim_flags[@]}"
cat >"$work/simulate.sh" <<EOF
#!/bin/bash
#SBATCH --job-name=survkit-sim
#SBATCH --array=1-$shards
#SBATCH --cpus-per-task=1
#SBATCH --output=$work/logs/sim-%a.out
exec $(printf '%q' "$survkit") simulate $flag_words --format json \\
  --shard "\$SLURM_ARRAY_TASK_ID/$shards" --output "$work/parts/part-\$SLURM_ARRAY_TASK_ID.json"
EOF
jobid=$(sbatch --parsable --chdir="$work" "$work/simulate.sh") || fail "sbatch refused the job array"
log "submitted job array $jobid (shards 1-$shards)"

# Wait for the array to leave the queue (3 minutes at most), then ask for each task's exit.
deadline=$((SECONDS + 180))
while [ -n "$(squeue -h -j "$jobid" 2>/dev/null)" ]; do
  [ "$SECONDS" -lt "$deadline" ] || fail "job array $jobid still queued/running after 180 s: $(squeue -h -j "$jobid" | head -n 3 | tr '\n' ' ')"
  sleep 1
done
for i in $(seq 1 "$shards"); do
  [ -s "$work/parts/part-$i.json" ] || fail "shard $i wrote no part (log: $(tr '\n' ' ' <"$work/logs/sim-$i.out" 2>/dev/null | cut -c1-300))"
  [ -s "$work/logs/sim-$i.out" ] && { echo "shard $i log:"; sed 's/^/  /' "$work/logs/sim-$i.out"; }
done
log "job array $jobid done: $(ls "$work/parts" | wc -l) parts, $(du -cb "$work"/parts/*.json | tail -n 1 | cut -f1) bytes"
grep -h -E "_slurm_rpc_submit_batch_job|job_complete|JobId=${jobid}_" "$dir/slurmctld.log" | tail -n "$((shards * 3))" | sed 's/^/  slurmctld: /'

# --- 4. merge and compare with one run ----------------------------------------------------------
"$survkit" merge "$work"/parts/part-*.json --format json --output "$work/merged.json" \
  --replicates-csv "$work/merged-replicates.csv" || fail "survkit merge failed"
"$survkit" simulate "${sim_flags[@]}" --format json --output "$work/single.json" \
  --replicates-csv "$work/single-replicates.csv" || fail "the unsharded survkit simulate failed"
cmp "$work/merged.json" "$work/single.json" || fail "merged JSON differs from the single run"
cmp "$work/merged-replicates.csv" "$work/single-replicates.csv" || fail "merged replicates CSV differs from the single run"
log "PASS: merge of $shards Slurm shards is byte-identical to one run ($(wc -c <"$work/merged.json") bytes JSON, $(wc -l <"$work/merged-replicates.csv") lines replicates CSV; sha256 $(sha256sum "$work/merged.json" | cut -c1-16)…)"
