"""CTGAN peer of the large-table experiments (docs/experiments-tabular.md): fits CTGAN 0.12 on a CSV table and
writes sampled rows, timing the fit.

    python ctgan_table.py --data train.csv --out synth.csv [--epochs 300] [--batch 500] [--rows 10000]
                          [--discrete a,b] [--drop id] [--threads 2] [--seed 0]

Discrete columns are the text and boolean ones plus --discrete (CTGAN's rule: it models every other column as
continuous). Datetime columns (ISO 8601 text) are given to CTGAN as seconds since 1970 and written back in the
same form, as SwiftGAN reads them. Prints one JSON line: rows, columns, epochs, batch, fit seconds, sample seconds.
"""
import argparse
import json
import time

import numpy as np
import pandas as pd
import torch
from ctgan import CTGAN


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--epochs", type=int, default=300)
    p.add_argument("--batch", type=int, default=500)
    p.add_argument("--rows", type=int, default=10000)
    p.add_argument("--discrete", default="")
    p.add_argument("--drop", default="")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    np.random.seed(a.seed)

    df = pd.read_csv(a.data)
    df = df.drop(columns=[c for c in a.drop.split(",") if c])
    dates = {}
    for c in df.columns:
        if df[c].dtype == object:
            parsed = pd.to_datetime(df[c], errors="coerce", format="ISO8601", utc=True)
            if parsed.notna().sum() == df[c].notna().sum() and parsed.notna().any():
                dates[c] = (df[c].dropna().iloc[0], parsed)
    for c, (_, parsed) in dates.items():
        df[c] = (parsed - pd.Timestamp(0, tz="UTC")).dt.total_seconds()
    discrete = [c for c in df.columns if df[c].dtype in (object, bool)] + [c for c in a.discrete.split(",") if c]
    discrete = list(dict.fromkeys(discrete))

    start = time.time()
    model = CTGAN(epochs=a.epochs, batch_size=a.batch, verbose=False)
    model.set_random_state(a.seed)
    model.fit(df, discrete_columns=discrete)
    fit_seconds = time.time() - start

    start = time.time()
    synth = model.sample(a.rows)
    for c, (example, _) in dates.items():
        stamps = pd.to_datetime(synth[c], unit="s", utc=True)
        if len(example) == 10:
            synth[c] = stamps.dt.strftime("%Y-%m-%d")
        else:
            text = stamps.dt.strftime("%Y-%m-%d" + example[10] + ("%H:%M:%S" if len(example) >= 19 else "%H:%M"))
            synth[c] = text + ("Z" if example.endswith("Z") else "")
    synth.to_csv(a.out, index=False)
    print(json.dumps({"rows": len(df), "columns": len(df.columns), "epochs": a.epochs, "batch": a.batch,
                      "fit_seconds": round(fit_seconds, 1), "sample_seconds": round(time.time() - start, 2)}))


if __name__ == "__main__":
    main()
