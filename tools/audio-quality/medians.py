#!/usr/bin/env python3
"""The README row of each generator: medians over seeds of the JSON lines that run-swiftgan.sh / run-peer.sh print.

    medians.py LINES.json…

Groups the lines by generator (the peer, or SwiftGAN with its training flags) and prints one Markdown row per group:
the seeds, median steps, median raw FD and median gated FD, where gated is the same post-process on both sides
(`swiftgan audio gate`: the peer's `fd`, SwiftGAN's `fd_foldergate`), then the median of SwiftGAN's own export gate.
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


def median(rows, key):
    values = [r[key] for r in rows if r.get(key) is not None]
    return f"{statistics.median(values):,.0f}".replace(",", " ") if values else "—"


print("| generator | seeds | steps | FD raw | FD gated (audio gate) | FD, own gate |")
print("|---|---|---|---|---|---|")
for name, rows in groups.items():
    peer = name == "PyTorch peer"
    gated = median(rows, "fd" if peer else "fd_foldergate")
    own = "—" if peer else median(rows, "fd")
    seeds = ", ".join(str(r["seed"]) for r in sorted(rows, key=lambda r: r["seed"]))
    print(f"| {name.strip()} | {seeds} | {median(rows, 'steps')} | {median(rows, 'fd_raw')} | {gated} | {own} |")
