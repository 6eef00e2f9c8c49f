#!/usr/bin/env bash
# One PyTorch WaveGAN run of the quality table (tools/peers/wavegan_torch_quality.py), scored like SwiftGAN's:
# 200 clips raw, and the same clips through SwiftGAN's tail gate (`swiftgan audio gate`, calibrated against the
# real clips as SwiftGAN calibrates its own). Prints one JSON line.
#
#   tools/audio-quality/run-peer.sh PYTHON DATA RUN SEED [MINUTES [--conditional]]
#
# PYTHON has the packages of tools/peers/requirements.txt; RUN must not exist. SWIFTGAN names the binary. With
# --conditional the peer is trained on DATA's labels (first-level subfolders), its clips are split evenly over them,
# and the JSON adds label accuracies as score-swiftgan.sh does.
set -euo pipefail
python=$1 data=$2 run=$3 seed=$4 minutes=${5:-10}
shift $(( $# < 5 ? $# : 5 ))
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${SWIFTGAN:-$root/.build/release/swiftgan}
heldout=${HELDOUT:-}
conditional=0
for flag in "$@"; do [[ $flag == --conditional ]] && conditional=1; done
"$python" "$root/tools/peers/wavegan_torch_quality.py" --data "$data" --minutes "$minutes" --out "$run/clips-raw" \
    --count 200 --seed "$seed" "$@" > "$run.log" 2>&1
"$bin" audio gate --real "$data" --clips "$run/clips-raw" --out "$run/clips" >> "$run.log"
"$bin" audio evaluate --real "$data" --generated "$run/clips" --json > "$run/eval.json"
"$bin" audio evaluate --real "$data" --generated "$run/clips-raw" --json > "$run/eval-raw.json"
if (( conditional )) && [[ -n $heldout ]]; then
    "$bin" audio evaluate --real "$heldout" --generated "$run/clips" --json > "$run/labels.json"
    "$bin" audio evaluate --real "$heldout" --generated "$run/clips-raw" --json > "$run/labels-raw.json"
    "$bin" audio evaluate --real "$heldout" --generated "$data" --json > "$run/labels-real.json"
fi
python3 "$root/tools/audio-quality/row.py" "$run" "{\"run\": \"$run\", \"seed\": $seed, \"peer\": \"pytorch\"}"
