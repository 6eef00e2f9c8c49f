"""Markdown rows of docs/augmentation.md from the JSON files of table-utility.sh or series-utility.sh:

    python3 tools/augmentation/summarize.py OUT

One row per (data set, method, model): for balanced accuracy, F1 of the rarest class and ROC AUC, the real-only figure
(mean over the splits of one seed, median over seeds) and the gain (augmented − real-only, mean over the splits of
one seed), median over seeds with its range in brackets.
"""
import glob
import json
import os
import statistics
import sys

rows = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    table = os.path.basename(path).split("-")[0]
    text = open(path).read()
    if not text.strip():
        continue  # a run still under way
    for method, report in json.loads(text).items():
        for g in report["gains"]:
            metric = "F1" if g["metric"].startswith("F1") else g["metric"]
            rows.setdefault((table, method, g["model"]), {}).setdefault(metric, []).append(g)

print("| data | method | model | seeds | balanced accuracy: real only, gain [range] | F1 of rarest class | ROC AUC |")
print("|---|---|---|---|---|---|---|")
for (table, method, model), metrics in sorted(rows.items()):
    cells = []
    for metric in ["balanced accuracy", "F1", "ROC AUC"]:
        gs = metrics[metric]
        gains = [g["gain"] for g in gs]
        cells.append("%.3f, %+.3f [%+.3f, %+.3f]" % (
            statistics.median(g["baseline"] for g in gs), statistics.median(gains), min(gains), max(gains)))
    print("| %s | %s | %s | %d | %s |" % (table, method, model, len(metrics["F1"]), " | ".join(cells)))
