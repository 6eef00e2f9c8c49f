#!/bin/sh
# The table rows of docs/augmentation.md: `swiftgan table utility` (5 stratified splits, 30 % held out) on three small
# tables, for the given methods and seeds, one JSON file per (table, seed) in OUT.
#
#   tools/augmentation/table-utility.sh OUT "smote,random" "0 1 2" [EXTRA swiftgan OPTIONS…]
#   tools/augmentation/table-utility.sh OUT gan "0 1 2" --epochs 100
#
# Tables: Samples/tables/breast_cancer_train.csv (diagnosis, 2 classes), Samples/tables/wine_train.csv (class, 3
# classes) and a 1 000-row sample of diamonds (cut, 5 classes, `Fair` 3 %; tools/tables/fetch.py DATA writes
# diamonds_train.csv, set DIAMONDS to it), drawn with seed 0 and without its row id. Run from the repository root.
set -eu
out=$1 methods=$2 seeds=$3
shift 3
mkdir -p "$out"
bin=${SWIFTGAN:-.build/release/swiftgan}
if [ -n "${DIAMONDS:-}" ]; then
    python3 - "$DIAMONDS" "$out/diamonds1000.csv" <<'PY'
import csv, random, sys
rows = list(csv.reader(open(sys.argv[1])))
header, body = rows[0], rows[1:]
random.Random(0).shuffle(body)
keep = [i for i, name in enumerate(header) if name != "id"]
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow([header[i] for i in keep])
    for r in body[:1000]:
        w.writerow([r[i] for i in keep])
PY
fi
for seed in $seeds; do
    "$bin" table utility --data Samples/tables/breast_cancer_train.csv --target diagnosis --method "$methods" \
        --seed "$seed" --json "$@" > "$out/breast_cancer-$methods-$seed.json"
    "$bin" table utility --data Samples/tables/wine_train.csv --target class --method "$methods" \
        --seed "$seed" --json "$@" > "$out/wine-$methods-$seed.json"
    if [ -n "${DIAMONDS:-}" ]; then
        "$bin" table utility --data "$out/diamonds1000.csv" --target cut --method "$methods" \
            --seed "$seed" --json "$@" > "$out/diamonds1000-$methods-$seed.json"
    fi
done
