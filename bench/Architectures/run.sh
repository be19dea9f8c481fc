#!/usr/bin/env bash
# Trains the recurrent, recurrent + self-attention and transformer variants of each task with the same time
# budget, one run at a time on one intra-op thread, and prints one JSON line per run (see docs/architectures.md).
#   bench/Architectures/run.sh [TASK…]     TASK: mnist pos imdb moby-dick (default: all four)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
declare -A dataset=([mnist]=mnist [pos]=brown [imdb]=imdb [moby-dick]=moby-dick)
tasks=("$@"); [[ ${#tasks[@]} -gt 0 ]] || tasks=(mnist pos imdb moby-dick)
export OMP_NUM_THREADS=1
# SEQSERVE_TRAIN_CMD: how to run the train command (default: the launcher; e.g. "dotnet out/SeqServe.Worker.dll train --Storage:Root .").
read -r -a train <<< "${SEQSERVE_TRAIN_CMD:-$root/seqserve train}"
for task in "${tasks[@]}"; do
  for variant in recurrent self transformer; do
    spec="$here/specs/$task-$variant.json"
    start=$(date +%s)
    result="$("${train[@]}" --dataset "${dataset[$task]}" --spec "$spec" --model "arch-$task-$variant" \
      --no-promote --json --Runtime:IntraOpThreads 1 | tail -n 1)"
    echo "{\"task\":\"$task\",\"variant\":\"$variant\",\"wallSeconds\":$(( $(date +%s) - start )),\"run\":$result}"
  done
done
