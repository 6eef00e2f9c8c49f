"""Remake the SwiftGAN benchmark tables from scikit-learn's bundled copies of two UCI datasets.

    pip install scikit-learn pandas
    python3 Samples/tables/make_tables.py

Writes breast_cancer.csv and wine.csv (all rows) and a stratified 75/25 split of each
(<name>_train.csv, <name>_test.csv; scikit-learn's train_test_split with random_state=0).
"""
from pathlib import Path

from sklearn.datasets import load_breast_cancer, load_wine
from sklearn.model_selection import train_test_split

HERE = Path(__file__).resolve().parent


def write(name, bunch, target_name):
    frame = bunch.frame.copy()
    for column in frame.columns:  # whole-number measurements (e.g. wine magnesium) are written as integers
        if column != "target" and (frame[column] % 1 == 0).all():
            frame[column] = frame[column].astype(int)
    labels = frame.pop("target").map(lambda k: bunch.target_names[k])
    frame[target_name] = labels
    frame.to_csv(HERE / f"{name}.csv", index=False)
    train, test = train_test_split(frame, test_size=0.25, stratify=labels, random_state=0)
    train.to_csv(HERE / f"{name}_train.csv", index=False)
    test.to_csv(HERE / f"{name}_test.csv", index=False)
    print(f"{name}: {len(frame)} rows x {frame.shape[1]} columns; train {len(train)}, test {len(test)}")


write("breast_cancer", load_breast_cancer(as_frame=True), "diagnosis")
write("wine", load_wine(as_frame=True), "class")
