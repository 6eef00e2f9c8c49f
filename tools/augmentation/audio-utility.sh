#!/bin/sh
# The audio rows of docs/augmentation.md: `swiftgan audio utility` (3 stratified splits, 30 % held out) on the
# few-examples-per-class sets of tools/augmentation/audio-sets.py, for the given method lists and seeds, one JSON
# file per (set, NAME, seed) in OUT.
#
#   tools/augmentation/audio-utility.sh DATA OUT NAME "0 1 2" --method noise=20:30 --method pitch [EXTRA OPTIONS…]
#   tools/augmentation/audio-utility.sh DATA OUT gan "0 1 2" --method gan --minutes 1
#
# DATA is audio-sets.py's OUT (SETS overrides the list: drums digits sustained). Run from the repository root.
set -eu
data=$1 out=$2 name=$3 seeds=$4
shift 4
mkdir -p "$out"
bin=${SWIFTGAN:-.build/release/swiftgan}
for seed in $seeds; do
    for set in ${SETS:-drums digits sustained}; do
        "$bin" audio utility --data "$data/$set" --splits 3 --seed "$seed" --json "$@" > "$out/$set-$name-$seed.json"
    done
done
