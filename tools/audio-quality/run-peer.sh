#!/usr/bin/env bash
# One PyTorch WaveGAN run of the quality table (tools/peers/wavegan_torch_quality.py), scored like SwiftGAN's:
# 200 clips raw, and the same clips through SwiftGAN's tail gate (`swiftgan audio gate`, calibrated against the
# real clips as SwiftGAN calibrates its own). Prints one JSON line.
#
#   tools/audio-quality/run-peer.sh PYTHON DATA RUN SEED [MINUTES]
#
# PYTHON has the packages of tools/peers/requirements.txt; RUN must not exist. SWIFTGAN names the binary.
set -euo pipefail
python=$1 data=$2 run=$3 seed=$4 minutes=${5:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${SWIFTGAN:-$root/.build/release/swiftgan}
"$python" "$root/tools/peers/wavegan_torch_quality.py" --data "$data" --minutes "$minutes" --out "$run/clips-raw" \
    --count 200 --seed "$seed" > "$run.log" 2>&1
"$bin" audio gate --real "$data" --clips "$run/clips-raw" --out "$run/clips" >> "$run.log"
"$bin" audio evaluate --real "$data" --generated "$run/clips" --json > "$run/eval.json"
"$bin" audio evaluate --real "$data" --generated "$run/clips-raw" --json > "$run/eval-raw.json"
python3 - "$run" "$seed" <<'PY'
import json, sys
run, seed = sys.argv[1:3]
fd = lambda name: round(json.load(open(f"{run}/{name}"))["frechetDistance"], 1)
steps = json.load(open(f"{run}/clips-raw/summary.json"))["steps"]
print(json.dumps({"run": run, "seed": int(seed), "peer": "pytorch", "steps": steps, "fd": fd("eval.json"),
                  "fd_raw": fd("eval-raw.json")}))
PY
