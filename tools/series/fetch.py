"""Fetches the UCR/UEA classification sets of the series utility experiments (docs/augmentation.md) from the aeon
toolkit's wheel on PyPI (BSD-3-Clause; the sets are the UCR/UEA archive's, as aeon ships them) and writes each split
as a long-layout CSV that `swiftgan series utility --label class` reads:

    python3 tools/series/fetch.py OUT_DIR

OUT_DIR/NAME_TRAIN.csv and OUT_DIR/NAME_TEST.csv, columns id, time, class, c0 … c(k-1), for NAME in SETS. The files
are not committed (Samples/ keeps only data made here). Needs pip; nothing else.
"""
import os
import subprocess
import sys
import tempfile
import zipfile

# Equal-length sets with small training splits: (name, file stem in aeon's datasets/data).
SETS = [("GunPoint", "GunPoint/GunPoint"), ("ArrowHead", "ArrowHead/ArrowHead"),
        ("ItalyPowerDemand", "ItalyPowerDemand/ItalyPowerDemand"), ("BasicMotions", "BasicMotions/BasicMotions"),
        ("OSULeaf", "OSULeaf/OSULeaf")]


def convert(text, out_path):
    """Writes the series of a .ts file as long-layout CSV; returns (series, length, channels)."""
    rows, count, length, channels = [], 0, 0, 0
    data = False
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not data:
            data = line.lower() == "@data"
            continue
        *dimensions, label = line.split(":")
        values = [[float(v) for v in d.split(",")] for d in dimensions]
        length, channels = len(values[0]), len(values)
        assert all(len(v) == length for v in values), f"unequal lengths in {out_path}"
        for t in range(length):
            rows.append(f"s{count},{t},{label}," + ",".join(repr(values[c][t]) for c in range(channels)))
        count += 1
    with open(out_path, "w") as f:
        f.write("id,time,class," + ",".join(f"c{c}" for c in range(channels)) + "\n")
        f.write("\n".join(rows) + "\n")
    return count, length, channels


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "aeon==1.6.0", "-d", folder],
                       check=True, stdout=subprocess.DEVNULL)
        (wheel,) = [f for f in os.listdir(folder) if f.endswith(".whl")]
        with zipfile.ZipFile(os.path.join(folder, wheel)) as z:
            for name, stem in SETS:
                for split in ("TRAIN", "TEST"):
                    text = z.read(f"aeon/datasets/data/{stem}_{split}.ts").decode("utf-8")
                    n, length, channels = convert(text, os.path.join(out, f"{name}_{split}.csv"))
                    print(f"{name}_{split}: {n} series x {length} steps x {channels} channels")


if __name__ == "__main__":
    main()
