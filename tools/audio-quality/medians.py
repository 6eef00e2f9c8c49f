#!/usr/bin/env python3
"""The README row of each generator: medians over seeds of the JSON lines that run-swiftgan.sh / run-peer.sh print.

    medians.py LINES.json…

Groups the lines by generator (the peer, or SwiftGAN with its training flags) and prints one Markdown row per group:
the seeds, median steps, median raw FD and median gated FD, where gated is the same post-process on both sides
(`swiftgan audio gate`: the peer's `fd`, SwiftGAN's `fd_foldergate`), then the median of SwiftGAN's own export gate;
each median with its range over the seeds. Conditional runs add the label accuracy of the same gated clips, by the
classifier trained on DATA and by the one trained on HELDOUT (`heldout_`).
"""
import json
import statistics
import sys

groups = {}
for path in sys.argv[1:]:
    for line in open(path):
        if line.strip():
            row = json.loads(line)
            name = "PyTorch peer" if row.get("peer") else "SwiftGAN " + row.get("flags", "")
            groups.setdefault(name, []).append(row)


def median(rows, key, digits=0):
    values = [r[key] for r in rows if r.get(key) is not None]
    if not values:
        return "—"
    show = lambda v: f"{v:,.{digits}f}".replace(",", " ")
    text = show(statistics.median(values))
    return text if len(values) == 1 else f"{text} ({show(min(values))}–{show(max(values))})"


labelled = any("label_accuracy" in r for rows in groups.values() for r in rows)
header = ["generator", "seeds", "steps", "FD raw", "FD gated (audio gate)", "FD, own gate"]
if labelled:
    header += ["label accuracy, gated", "held-out classifier, gated"]
print("| " + " | ".join(header) + " |")
print("|" + "---|" * len(header))
for name, rows in groups.items():
    peer = name == "PyTorch peer"
    gated = "fd" if peer else "fd_foldergate"
    cells = [name.strip(), ", ".join(str(r["seed"]) for r in sorted(rows, key=lambda r: r["seed"])),
             median(rows, "steps"), median(rows, "fd_raw"), median(rows, gated),
             "—" if peer else median(rows, "fd")]
    if labelled:
        suffix = "" if peer else "_foldergate"
        cells += [median(rows, "label_accuracy" + suffix, 2), median(rows, "heldout_label_accuracy" + suffix, 2)]
    print("| " + " | ".join(cells) + " |")
