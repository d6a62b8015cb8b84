#!/bin/bash
# Submits a sharded fleetsim study to Slurm: an array of SHARDS tasks (study.sbatch), then
# the merge (merge.sbatch), held by --dependency=afterok:<array job> until every task
# succeeded. Prints the two job ids. Everything else is read from the environment (see
# study.sbatch); SBATCH_ARGS adds sbatch options to both jobs (partition, account, ...).
#   SHARDS=8 REPLICATIONS=32 SCENARIO=scenarios/office-week.yaml ./submit.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export SHARDS=${SHARDS:-8}
# shellcheck disable=SC2086 # SBATCH_ARGS is a word list on purpose
array=$(sbatch --parsable ${SBATCH_ARGS:-} --array="0-$((SHARDS - 1))${THROTTLE:+%$THROTTLE}" "$here/study.sbatch")
array=${array%%;*}
# --kill-on-invalid-dep: if a shard fails, the merge is cancelled instead of waiting forever.
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_ARGS:-} --dependency="afterok:$array" --kill-on-invalid-dep=yes "$here/merge.sbatch")
merge=${merge%%;*}
echo "array job $array ($SHARDS shards), merge job $merge"
