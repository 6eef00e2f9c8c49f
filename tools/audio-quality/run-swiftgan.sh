#!/usr/bin/env bash
# One SwiftGAN audio run of the quality table: train, generate 200 clips (gated and raw), score both against the
# real clips with SwiftGAN's scorer. Prints one JSON line: the run's settings, steps, and both scores.
#
#   tools/audio-quality/run-swiftgan.sh DATA RUN SEED [audio train flags…]
#
# DATA is the training folder (also the scorer's real set); RUN must not exist. Extra flags go to `audio train`
# (e.g. --minutes 10, --steps 1500, --conditional, --options FILE). SWIFTGAN names the binary (default: the release
# build of this checkout).
set -euo pipefail
data=$1 run=$2 seed=$3; shift 3
bin=${SWIFTGAN:-$(cd "$(dirname "$0")/../.." && pwd)/.build/release/swiftgan}
"$bin" audio train --data "$data" --out "$run" --seed "$seed" --eval-every 0 "$@" > "$run.log" 2>&1
"$bin" audio generate --model "$run" --count 200 --seed 1 --batch 50 --out "$run/clips" > /dev/null
"$bin" audio generate --model "$run" --count 200 --seed 1 --batch 50 --out "$run/clips-raw" --no-tail-gate > /dev/null
"$bin" audio evaluate --real "$data" --generated "$run/clips" --json > "$run/eval.json"
"$bin" audio evaluate --real "$data" --generated "$run/clips-raw" --json > "$run/eval-raw.json"
python3 - "$run" "$seed" "$*" <<'PY'
import json, sys
run, seed, flags = sys.argv[1:4]
def fd(name):
    return round(json.load(open(f"{run}/{name}"))["frechetDistance"], 1)
steps = None
for line in open(f"{run}/metrics.jsonl"):
    steps = json.loads(line).get("step", steps)
print(json.dumps({"run": run, "seed": int(seed), "flags": flags, "steps": steps, "fd": fd("eval.json"),
                  "fd_raw": fd("eval-raw.json")}))
PY
