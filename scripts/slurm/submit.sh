#!/bin/bash
# Submits a sharded gmsbscan scan to SLURM: a job array with one task per shard, then a merge job
# that runs when every task succeeded. Run it again with the same arguments after the jobs ended
# (squeue shows none) to resubmit only the shards that are not complete: they resume from their
# last checkpoint; a merge job is queued again.
#
#   scripts/slurm/submit.sh CONFIG OUT SHARDS [sbatch options (account, partition, time, memory...)]
#   e.g. scripts/slurm/submit.sh configs/hmz1999.toml results/hmz1999 16 --cpus-per-task=32 --time=12:00:00
#
# The sbatch options go to the shard tasks and to the merge job. CONFIG is copied to
# OUT/config.submitted.toml at the first submission and every task (and every resubmission) runs
# that copy, so a later edit or `git pull` cannot split the shards; a resubmission with a CONFIG
# that differs from the copy is refused.
# Output: OUT/shardK (one scan directory per shard), OUT/merged (the merged scan, identical to an
# unsharded run), OUT/logs/shardK-JOBID.log and OUT/logs/merge-JOBID.log. Needs `gmsbscan` on the
# PATH of the compute nodes (cargo install --locked --path .).
set -euo pipefail

if [ $# -lt 3 ]; then
    sed -n '2,18p' "$0" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
config=$1 out=$2 shards=$3
shift 3
if ! [[ $shards =~ ^[1-9][0-9]*$ ]]; then
    echo "SHARDS must be a positive integer (got '$shards')" >&2
    exit 2
fi
if ! command -v gmsbscan >/dev/null; then
    echo "gmsbscan is not on the PATH: install it with 'cargo install --locked --path .' from the checkout" >&2
    exit 1
fi
if [ -f "$out/merged/manifest.json" ]; then
    echo "$out/merged is already merged: nothing to do"
    exit 0
fi
config=$(cd "$(dirname "$config")" && pwd)/$(basename "$config")
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)
submitted="$out/config.submitted.toml"
if [ -f "$submitted" ]; then
    if ! cmp -s "$config" "$submitted"; then
        echo "$config differs from $submitted, the configuration the shards were submitted with: restore it (or submit into another OUT)" >&2
        exit 1
    fi
else
    cp "$config" "$submitted"
fi
config=$submitted

todo=()
for ((k = 0; k < shards; k++)); do
    manifest="$out/shard$k/manifest.json"
    if [ -f "$manifest" ] && grep -q '"status": "complete"' "$manifest"; then
        continue
    fi
    todo+=("$k")
done

dependency=()
if [ ${#todo[@]} -gt 0 ]; then
    array=$(IFS=,; echo "${todo[*]}")
    job=$(sbatch --parsable --array="$array" --output="$out/logs/shard%a-%A.log" "$@" \
        "$here/gmsbscan_shard.sbatch" "$config" "$out" "$shards")
    job=${job%%;*}
    dependency=(--dependency="afterok:$job" --kill-on-invalid-dep=yes)
    echo "shard job $job: shards ${array}"
fi
merge=$(sbatch --parsable "${dependency[@]}" --output="$out/logs/merge-%j.log" "$@" \
    "$here/gmsbscan_merge.sbatch" "$out" "$shards")
echo "merge job ${merge%%;*}: $out/merged"
