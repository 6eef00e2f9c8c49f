#!/usr/bin/env bash
# The scoring half of run-swiftgan.sh, for a trained run folder: 200 clips gated and raw, SwiftGAN's scorer, and for a
# conditional model (--conditional among the flags) per-label clips and label accuracy. Prints one JSON line.
#
# Three versions of the same clips are scored: through the model's own tail gate (`fd`, clips/), raw (`fd_raw`,
# clips-raw/), and the raw clips through `swiftgan audio gate` (`fd_foldergate`, clips-foldergate/), the gate that
# run-peer.sh applies to the peer's clips: the like-for-like gated comparison.
#
# With --conditional, the 200 clips are split evenly over DATA's labels (one subfolder and one seed per label), and
# the JSON adds `label_accuracy` (gated) and `label_accuracy_raw`: the fraction of clips that the scorer's classifier,
# trained on 80 % of DATA's labelled clips, labels as their folder's label; `classifier_accuracy_real` is its accuracy
# on the other 20 % of the real clips. HELDOUT names a second labelled folder (e.g. held-out speakers) whose
# classifier gives the same three figures prefixed `heldout_`, and `heldout_classifier_accuracy_data`: its accuracy
# on all of DATA's real clips (a larger sample than its own held-out fifth, and the speakers the model imitates).
#
#   tools/audio-quality/score-swiftgan.sh DATA RUN SEED [the run's audio train flags…]
set -euo pipefail
data=$1 run=$2 seed=$3; shift 3
bin=${SWIFTGAN:-$(cd "$(dirname "$0")/../.." && pwd)/.build/release/swiftgan}
heldout=${HELDOUT:-}
conditional=0
for flag in "$@"; do [[ $flag == --conditional ]] && conditional=1; done
generate() {  # generate OUT [--no-tail-gate]
    local out=$1; shift
    if (( conditional )); then
        local labels=() label
        for label in "$data"/*/; do labels+=("$(basename "$label")"); done
        local per=$(( 200 / ${#labels[@]} ))
        local i
        for i in "${!labels[@]}"; do  # a seed per label, so that no two labels share latents
            "$bin" audio generate --model "$run" --count "$per" --seed $(( i + 1 )) --batch 50 \
                --label "${labels[$i]}" --out "$out/${labels[$i]}" "$@" > /dev/null
        done
    else
        "$bin" audio generate --model "$run" --count 200 --seed 1 --batch 50 --out "$out" "$@" > /dev/null
    fi
}
generate "$run/clips"
generate "$run/clips-raw" --no-tail-gate
"$bin" audio gate --real "$data" --clips "$run/clips-raw" --out "$run/clips-foldergate" > /dev/null
"$bin" audio evaluate --real "$data" --generated "$run/clips" --json > "$run/eval.json"
"$bin" audio evaluate --real "$data" --generated "$run/clips-raw" --json > "$run/eval-raw.json"
"$bin" audio evaluate --real "$data" --generated "$run/clips-foldergate" --json > "$run/eval-foldergate.json"
if (( conditional )) && [[ -n $heldout ]]; then
    "$bin" audio evaluate --real "$heldout" --generated "$run/clips" --json > "$run/labels.json"
    "$bin" audio evaluate --real "$heldout" --generated "$run/clips-raw" --json > "$run/labels-raw.json"
    "$bin" audio evaluate --real "$heldout" --generated "$data" --json > "$run/labels-real.json"
    "$bin" audio evaluate --real "$heldout" --generated "$run/clips-foldergate" --json > "$run/labels-foldergate.json"
fi
python3 "$(dirname "$0")/row.py" "$run" "$(python3 -c 'import json, sys; print(json.dumps({"run": sys.argv[1], "seed": int(sys.argv[2]), "flags": sys.argv[3]}))' "$run" "$seed" "$*")"
