#!/usr/bin/env bash
# One SwiftGAN audio run of the quality table: train, generate 200 clips (gated and raw), score both against the
# real clips with SwiftGAN's scorer. Prints one JSON line: the run's settings, steps, and both scores.
#
#   tools/audio-quality/run-swiftgan.sh DATA RUN SEED [audio train flags…]
#
# DATA is the training folder (also the scorer's real set); RUN must not exist. Extra flags go to `audio train`
# (e.g. --minutes 10, --steps 1500, --conditional, --options FILE). SWIFTGAN names the binary (default: the release
# build of this checkout). Scoring is score-swiftgan.sh.
set -euo pipefail
data=$1 run=$2 seed=$3; shift 3
bin=${SWIFTGAN:-$(cd "$(dirname "$0")/../.." && pwd)/.build/release/swiftgan}
"$bin" audio train --data "$data" --out "$run" --seed "$seed" --eval-every 0 "$@" > "$run.log" 2>&1
SWIFTGAN=$bin exec "$(dirname "$0")/score-swiftgan.sh" "$data" "$run" "$seed" "$@"
