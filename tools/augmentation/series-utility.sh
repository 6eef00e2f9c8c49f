#!/bin/sh
# The series rows of docs/augmentation.md: `swiftgan series utility` on UCR/UEA sets with their own small training
# splits (every repeat trains on NAME_TRAIN and tests on NAME_TEST), for the given method lists and seeds, one JSON
# file per (set, first method, seed) in OUT. The first option must be --method.
#
#   tools/augmentation/series-utility.sh DATA OUT "0 1 2" --method jitter --method magwarp [EXTRA OPTIONS…]
#   tools/augmentation/series-utility.sh DATA OUT "0 1 2" --method gan --steps 200
#
# DATA is the folder tools/series/fetch.py writes (GunPoint, ArrowHead, ItalyPowerDemand, BasicMotions; SETS
# overrides the list). Repeats: SPLITS (default 3). Run from the repository root.
set -eu
data=$1 out=$2 seeds=$3
shift 3
mkdir -p "$out"
bin=${SWIFTGAN:-.build/release/swiftgan}
first=$(echo " $*" | sed -n 's/^ *--method \([^ ]*\).*/\1/p')
for seed in $seeds; do
    for set in ${SETS:-GunPoint ArrowHead ItalyPowerDemand BasicMotions}; do
        "$bin" series utility --data "$data/${set}_TRAIN.csv" --test "$data/${set}_TEST.csv" --label class \
            --splits "${SPLITS:-3}" --seed "$seed" --json "$@" > "$out/$set-$first-$seed.json"
    done
done
