#!/usr/bin/env python3
"""One JSON line of the audio quality table from a scored run folder (run-swiftgan.sh, score-swiftgan.sh, run-peer.sh).

    row.py RUN '{"seed": 1, ...}'

Adds to the given fields: steps (SwiftGAN's metrics.jsonl, or the peer's clips-raw/summary.json), fd and fd_raw
(eval.json, eval-raw.json), fd_foldergate for SwiftGAN's raw clips through `swiftgan audio gate`
(eval-foldergate.json; the peer's fd is already that gate's) and, for labelled runs, the label accuracies
(eval*.json, and labels*.json made with a HELDOUT classifier, prefixed heldout_; SwiftGAN's folder-gated clips add
label_accuracy_foldergate, the peer's label_accuracy being that gate's), and the HELDOUT classifier's accuracy on
DATA's real clips (labels-real.json).
"""
import json
import os
import sys

run, row = sys.argv[1], json.loads(sys.argv[2])


def read(name):
    return json.load(open(os.path.join(run, name)))


if os.path.exists(os.path.join(run, "metrics.jsonl")):
    for line in open(os.path.join(run, "metrics.jsonl")):
        row["steps"] = json.loads(line).get("step", row.get("steps"))
else:
    row["steps"] = read("clips-raw/summary.json")["steps"]
row["fd"], row["fd_raw"] = (round(read(name)["frechetDistance"], 1) for name in ("eval.json", "eval-raw.json"))
if os.path.exists(os.path.join(run, "eval-foldergate.json")):
    row["fd_foldergate"] = round(read("eval-foldergate.json")["frechetDistance"], 1)
for prefix, gated, raw in [("", "eval.json", "eval-raw.json"), ("heldout_", "labels.json", "labels-raw.json")]:
    if os.path.exists(os.path.join(run, raw)) and read(raw).get("labelAccuracy") is not None:
        folder = gated.replace(".json", "-foldergate.json")
        if os.path.exists(os.path.join(run, folder)):
            row[prefix + "label_accuracy_foldergate"] = round(read(folder)["labelAccuracy"], 3)
        row.update({prefix + "label_accuracy": round(read(gated)["labelAccuracy"], 3),
                    prefix + "label_accuracy_raw": round(read(raw)["labelAccuracy"], 3),
                    prefix + "classifier_accuracy_real": round(read(raw)["classifierAccuracy"], 3)})
if os.path.exists(os.path.join(run, "labels-real.json")):
    row["heldout_classifier_accuracy_data"] = round(read("labels-real.json")["labelAccuracy"], 3)
print(json.dumps(row))
