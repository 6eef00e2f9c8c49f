"""Makes the labelled few-examples-per-class audio sets of docs/augmentation.md from the bundled samples, as folders of
symbolic links with one subfolder per label that `swiftgan audio utility --data` reads:

    python3 tools/augmentation/audio-sets.py OUT [PER_CLASS]

- OUT/drums: Samples/drums by instrument family (kick, snare, tom, hat, cymbal), PER_CLASS hits each;
- OUT/digits: Samples/digits (spoken digits 0-9), PER_CLASS clips each;
- OUT/sustained: Samples/sustained by instrument (clarinet, flute), PER_CLASS notes each.

PER_CLASS (default 12) clips are drawn at random (seed 0) from each label. Run from the repository root.
"""
import os
import random
import sys

FAMILIES = {"kick": ["kick1", "kick2"], "snare": ["snare1", "snare2", "sidestick"],
            "tom": ["lowfloortom", "highfloortom", "lowtom", "lowmidtom", "highmidtom", "hightom"],
            "hat": ["closedhat", "openhat", "pedalhat"],
            "cymbal": ["crash1", "crash2", "ride1", "ride2", "ridebell", "china", "splash"]}


def link(out, label, files, per_class):
    files = sorted(files)
    random.Random(0).shuffle(files)
    folder = os.path.join(out, label)
    os.makedirs(folder, exist_ok=True)
    for f in files[:per_class]:
        os.symlink(os.path.abspath(f), os.path.join(folder, os.path.basename(f)))


def main():
    out, per_class = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 12
    drums = [f for f in os.listdir("Samples/drums") if f.endswith(".flac")]
    for family, instruments in FAMILIES.items():
        link(os.path.join(out, "drums"), family,
             [os.path.join("Samples/drums", f) for f in drums if f.split("-")[2] in instruments], per_class)
    for digit in sorted(os.listdir("Samples/digits")):
        folder = os.path.join("Samples/digits", digit)
        if os.path.isdir(folder):
            link(os.path.join(out, "digits"), digit,
                 [os.path.join(folder, f) for f in os.listdir(folder) if f.endswith((".wav", ".flac"))], per_class)
    notes = [f for f in os.listdir("Samples/sustained") if f.endswith(".flac")]
    for instrument in sorted({f.split("-")[0] for f in notes}):
        link(os.path.join(out, "sustained"), instrument,
             [os.path.join("Samples/sustained", f) for f in notes if f.startswith(instrument + "-")], per_class)


if __name__ == "__main__":
    main()
