#!/usr/bin/env bash
# One SwiftGAN run of the large-table experiments (docs/experiments-tabular.md): train on TRAIN with the given
# flags, sample 10 000 rows, evaluate them against TRAIN (and TEST with --target), print one JSON line: wall and CPU
# seconds and peak resident memory of `table train`, steps, how it ended, quality (all pairs), and the random
# forest's accuracy trained on synthetic rows.
#
#   tools/tables/run-swiftgan.sh TRAIN TEST|- TARGET|- RUN [table train flags…]
#
# RUN must not exist. SWIFTGAN names the binary (default: this checkout's release build). --id/--drop flags given
# to train are given to evaluate too.
set -euo pipefail
train=$1 test=$2 target=$3 run=$4; shift 4
bin=${SWIFTGAN:-$(cd "$(dirname "$0")/../.." && pwd)/.build/release/swiftgan}
columns=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case ${args[i]} in --id|--drop) columns+=("${args[i]}" "${args[i+1]}") ;; esac
done
evaluate=(--real "$train" --synthetic "$run/synthetic.csv" --json ${columns[@]+"${columns[@]}"})
trainflags=(--data "$train" --out "$run" "$@")
if [[ $target != - ]]; then trainflags+=(--target "$target"); evaluate+=(--target "$target"); fi
if [[ $test != - ]]; then evaluate+=(--test "$test"); fi
/usr/bin/time -f '%e %U %M' -o "$run.time" "$bin" table train "${trainflags[@]}" > "$run.log" 2>&1
"$bin" table sample --model "$run" --rows 10000 --seed 0 --out "$run/synthetic.csv" > /dev/null
"$bin" table evaluate "${evaluate[@]}" > "$run/evaluation.json"
python3 - "$run" "$@" <<'PY'
import json, re, sys
run = sys.argv[1]
wall, user, rss = open(run + ".time").read().split()[-3:]
log = open(run + ".log").read()
m = re.search(r"trained (\d+) steps in ([\d.]+) s \(([^)]*)\)", log)
e = json.load(open(run + "/evaluation.json"))
def find(d, *keys):
    for k in keys:
        if isinstance(d, dict) and k in d: d = d[k]
        else: return None
    return d
print(json.dumps({"run": run, "flags": " ".join(sys.argv[2:]), "wall_s": float(wall), "user_s": float(user),
                  "rss_mb": round(int(rss) / 1024), "steps": int(m.group(1)) if m else None,
                  "train_s": float(m.group(2)) if m else None, "ended": m.group(3) if m else None,
                  "quality": find(e, "quality", "overall"),
                  "quality_strong": find(e, "quality", "overallThresholded"),
                  "accuracy": {m["model"]: m["accuracyTrainOnSynthetic"] for m in find(e, "efficacy", "models") or []},
                  "accuracy_real": {m["model"]: m["accuracyTrainOnReal"] for m in find(e, "efficacy", "models") or []}}))
PY
