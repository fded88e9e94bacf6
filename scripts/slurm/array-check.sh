#!/usr/bin/env bash
# Runs the README's Slurm job array for real and checks the merge identity: builds `langevin-verify` once,
# submits scripts/slurm/verify-array.sbatch with `sbatch --array=1-N` (a small sweep: `--claim C9`, whose four
# cases make four units, one per shard), waits for the array, checks that every task completed with exit code 0,
# merges the shards, runs the same sweep unsharded and compares the two results.csv byte for byte (`cmp`).
# Exit 0 only when every task succeeded and the files are identical.
#
# Needs a Slurm cluster whose nodes see this checkout (scripts/slurm/one-node-cluster.sh makes one on this
# machine; when SLURM_CONF is unset and /etc/slurm/slurm.conf does not exist, that cluster's slurm.conf is used).
# Environment:
#   ARRAY_CHECK_ARGS     the `verify` arguments of the sweep (default "--claim C9"; empty: the whole quick tier)
#   ARRAY_CHECK_SHARDS   the number of shards / array tasks (default 4)
#   ARRAY_CHECK_TIMEOUT  seconds to wait for the array (default 900; the array is cancelled after that)
# Everything goes to a fresh directory (mktemp, printed at the start; kept for inspection).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
args=${ARRAY_CHECK_ARGS---claim C9}
shards=${ARRAY_CHECK_SHARDS:-4}
timeout=${ARRAY_CHECK_TIMEOUT:-900}

cluster_conf=${LANGEVIN_SLURM_DIR:-/var/lib/langevin-slurm}/slurm.conf
if [ -z "${SLURM_CONF:-}" ] && [ ! -e /etc/slurm/slurm.conf ] && [ -f "$cluster_conf" ]; then
    export SLURM_CONF=$cluster_conf
fi
for cmd in sbatch squeue scontrol; do
    command -v "$cmd" >/dev/null || { echo "no $cmd: start a cluster with scripts/slurm/one-node-cluster.sh" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/langevin-array-check.XXXXXX")
chmod 0755 "$work"
echo "== work directory: $work"

echo "== swift build -c release --product langevin-verify"
swift build -c release --product langevin-verify
tool=$repo/.build/release/langevin-verify

echo "== sbatch --array=1-$shards scripts/slurm/verify-array.sbatch (VERIFY_ARGS=\"$args\", RUN_DIR=$work/shards)"
submitted=$(RUN_DIR=$work/shards VERIFY_ARGS=$args \
    sbatch --parsable --array="1-$shards" --output="$work/slurm-%A_%a.out" scripts/slurm/verify-array.sbatch)
job=${submitted%%;*}
echo "job $job submitted"

start=$SECONDS
while squeue -h -j "$job" -o '%i' 2>/dev/null | grep -q .; do
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
        echo "job $job not finished after ${timeout}s; cancelling it" >&2
        squeue -j "$job" >&2 || true
        scancel "$job" || true
        exit 1
    fi
    sleep 1
done
echo "job $job finished after $((SECONDS - start))s"

# Task states: scontrol keeps finished jobs for MinJobAge (300 s by default); sacct where accounting is enabled.
declare -A state code
if records=$(scontrol -o show job "$job" 2>/dev/null) && [ -n "$records" ]; then
    while read -r line; do
        task=$(grep -o 'ArrayTaskId=[0-9]*' <<<"$line" | cut -d= -f2)
        [ -n "$task" ] || continue
        state[$task]=$(grep -o 'JobState=[A-Z_]*' <<<"$line" | cut -d= -f2)
        code[$task]=$(grep -o ' ExitCode=[0-9]*:[0-9]*' <<<"$line" | cut -d= -f2)
    done <<<"$records"
elif command -v sacct >/dev/null && records=$(sacct -n -P -X -j "$job" -o JobID,State,ExitCode 2>/dev/null) \
        && [ -n "$records" ]; then
    while IFS='|' read -r id st ec; do
        task=${id##*_}
        [[ $task =~ ^[0-9]+$ ]] || continue
        state[$task]=${st%% *}
        code[$task]=$ec
    done <<<"$records"
else
    echo "job $job: neither scontrol nor sacct knows the tasks any more" >&2
    exit 1
fi

failed=0
for i in $(seq 1 "$shards"); do
    st=${state[$i]:-UNKNOWN} ec=${code[$i]:-?}
    rows=$( [ -f "$work/shards/shard-$i/results.csv" ] && echo "$(($(wc -l <"$work/shards/shard-$i/results.csv") - 1)) rows" \
        || echo "no results.csv")
    echo "task ${job}_$i: $st exit $ec (shard $i/$shards, $rows)"
    if [ "$st" != COMPLETED ] || [ "$ec" != 0:0 ]; then
        failed=1
        echo "---- $work/slurm-${job}_$i.out (last lines)" >&2
        tail -n 20 "$work/slurm-${job}_$i.out" >&2 2>/dev/null || true
    fi
done
if [ "$failed" -ne 0 ]; then
    echo "FAIL: job $job has tasks that did not complete with exit code 0" >&2
    exit 1
fi

shard_dirs=()
for i in $(seq 1 "$shards"); do shard_dirs+=("$work/shards/shard-$i"); done
echo "== langevin-verify merge (${#shard_dirs[@]} shards)"
"$tool" merge "${shard_dirs[@]}" --output "$work/merged"

echo "== langevin-verify verify $args (unsharded)"
# shellcheck disable=SC2086 # args is a list of words
if "$tool" verify $args --output "$work/unsharded" >"$work/unsharded.out" 2>"$work/unsharded.err"; then
    echo "unsharded run: exit 0"
else
    echo "FAIL: the unsharded run exited $? (see $work/unsharded.err)" >&2
    exit 1
fi

if cmp "$work/merged/results.csv" "$work/unsharded/results.csv"; then
    echo "merge identity: merged results.csv ($(($(wc -l <"$work/merged/results.csv") - 1)) rows) is byte-identical to the unsharded one (job $job, $shards tasks)"
else
    echo "FAIL: merge identity: merged and unsharded results.csv differ (job $job); diff:" >&2
    diff "$work/merged/results.csv" "$work/unsharded/results.csv" | head -n 20 >&2 || true
    exit 1
fi
