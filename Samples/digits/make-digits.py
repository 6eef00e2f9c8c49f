#!/usr/bin/env python3
"""Synthesise SwiftGAN's bundled spoken-digit datasets with espeak-ng.

Each "speaker" is an espeak-ng English voice (an accent) with a voice variant, a
speaking rate and a pitch. Every speaker says the ten words "zero" ... "nine";
espeak-ng writes 22.05 kHz 16-bit WAV, which is resampled to 16 kHz
(Blackman-windowed sinc, 7.3 kHz cutoff), trimmed so the word's onset is at the
start, cut where the sound stays 50 dB below its peak (at most 16384 samples),
faded out over the last 10 ms, given a small seeded gain change and written as
16-bit mono FLAC, one first-level subfolder per digit (the label):

    Samples/digits/0/ ... 9/           training clips   (TRAIN_SPEAKERS)
    Samples/digits-heldout/0/ ... 9/   held-out clips   (HELDOUT_SPEAKERS)

No held-out speaker shares its (accent, variant) pair with a training speaker;
two held-out speakers use variants that training never uses (male8, female5).
Each folder also gets clips.csv (one row per clip: file, digit, word, speaker,
voice, variant, rate, pitch, gain_db, frames, peak_dbfs).

Needs Python 3 (standard library only), espeak-ng and flac:
    apt-get install espeak-ng flac
The output is deterministic: the same packages give byte-identical files.
"""

import argparse
import csv
import hashlib
import math
import os
import shutil
import subprocess
import sys
import tempfile
import wave
from array import array

WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

# (speaker, espeak-ng voice, variant or "" for the voice's own, words per minute, pitch 0-99).
# Voices: en = British English, en-us, en-us-nyc (New York City), en-gb-scotland, en-gb-x-rp (Received
# Pronunciation), en-gb-x-gbclan (Lancaster), en-gb-x-gbcwmd (West Midlands), en-029 (Caribbean).
TRAIN_SPEAKERS = [
    ("s01", "en-us", "m1", 160, 45),
    ("s02", "en", "m1", 140, 60),
    ("s03", "en-gb-scotland", "m2", 175, 40),
    ("s04", "en-029", "m2", 150, 55),
    ("s05", "en-gb-x-rp", "m3", 190, 50),
    ("s06", "en-us-nyc", "m3", 135, 35),
    ("s07", "en-gb-x-gbclan", "m4", 165, 65),
    ("s08", "en-us", "m4", 205, 40),
    ("s09", "en-gb-x-gbcwmd", "m5", 145, 50),
    ("s10", "en", "m5", 180, 30),
    ("s11", "en-029", "m6", 130, 45),
    ("s12", "en-gb-x-rp", "m6", 170, 70),
    ("s13", "en-us-nyc", "m7", 155, 55),
    ("s14", "en-gb-scotland", "m7", 200, 35),
    ("s15", "en-us", "", 145, 50),
    ("s16", "en-gb-x-gbcwmd", "", 185, 60),
    ("s17", "en", "f1", 165, 55),
    ("s18", "en-us", "f1", 135, 70),
    ("s19", "en-gb-x-gbclan", "f1", 195, 45),
    ("s20", "en-gb-scotland", "f2", 150, 60),
    ("s21", "en-029", "f2", 180, 40),
    ("s22", "en-us-nyc", "f2", 140, 75),
    ("s23", "en-gb-x-rp", "f3", 160, 50),
    ("s24", "en-us", "f3", 210, 65),
    ("s25", "en-gb-x-gbcwmd", "f3", 130, 35),
    ("s26", "en", "f4", 175, 60),
    ("s27", "en-gb-x-gbclan", "f4", 145, 70),
    ("s28", "en-us-nyc", "f4", 190, 45),
]
HELDOUT_SPEAKERS = [
    ("h01", "en-us", "m8", 170, 50),
    ("h02", "en-gb-x-rp", "f5", 150, 60),
    ("h03", "en-029", "m1", 200, 40),
    ("h04", "en-us-nyc", "f1", 145, 55),
    ("h05", "en-gb-x-gbcwmd", "m4", 180, 65),
    ("h06", "en-gb-scotland", "f3", 165, 40),
    ("h07", "en", "m6", 140, 30),
    ("h08", "en-gb-x-gbclan", "f2", 125, 50),
]

INPUT_RATE = 22050           # espeak-ng's output rate
OUTPUT_RATE = 16000
UP, DOWN = 320, 441          # 16000 / 22050 in lowest terms
MAX_FRAMES = 16384           # clip length cap at 16 kHz (WaveGAN slice)
FADE_FRAMES = OUTPUT_RATE // 100          # 10 ms fade at the end
PRE_ROLL_FRAMES = 8                       # 0.5 ms kept before the onset
ONSET_DB = -40.0             # onset: first sample within 40 dB of the clip's peak
TAIL_DB = -50.0              # tail: drop what stays 50 dB below the peak
SILENT_PEAK = 10 ** (-60 / 20)            # a quieter render is an error
MAX_PEAK_DBFS = -3.0         # a louder clip is turned down to this peak
GAIN_RANGE_DB = 3.0          # seeded gain change per clip, uniform in (-3, 0] dB
GAIN_SEED = "swiftgan-digits-1"

# Resampling filter: Blackman-windowed sinc, cutoff 7.3 kHz, 90 taps at 22.05 kHz (about the drums' filter's
# transition width), one set of taps per output phase.
FIR_HALF_TAPS = 45
FIR_CUTOFF_HZ = 7300.0


def fail(message):
    """Print one line to stderr and exit non-zero."""
    print(f"make-digits: {message}", file=sys.stderr)
    sys.exit(1)


def voice_name(voice, variant):
    """espeak-ng's -v argument."""
    return f"{voice}+{variant}" if variant else voice


def synthesise(voice, variant, rate, pitch, word, wav_path):
    """espeak-ng's 22.05 kHz WAV of one word, as floats in [-1, 1)."""
    command = ["espeak-ng", "-v", voice_name(voice, variant), "-s", str(rate), "-p", str(pitch), "-a", "100",
               "-w", wav_path, word]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"espeak-ng failed on {voice_name(voice, variant)} {word}: {result.stderr.strip()}")
    with wave.open(wav_path, "rb") as handle:
        if (handle.getnchannels(), handle.getsampwidth(), handle.getframerate()) != (1, 2, INPUT_RATE):
            fail(f"espeak-ng wrote {handle.getnchannels()} channels, {8 * handle.getsampwidth()} bits, "
                 f"{handle.getframerate()} Hz; expected mono 16-bit {INPUT_RATE} Hz")
        pcm = array("h")
        pcm.frombytes(handle.readframes(handle.getnframes()))
    if sys.byteorder == "big":
        pcm.byteswap()
    return [x / 32768 for x in pcm]


def resampling_kernels():
    """For each output phase p (output sample j with j * DOWN = base * UP + p), the taps applied to input samples
    base - FIR_HALF_TAPS + 1 ... base + FIR_HALF_TAPS, each set scaled to unit DC gain."""
    cutoff = FIR_CUTOFF_HZ / INPUT_RATE
    kernels = []
    for phase in range(UP):
        fraction = phase / UP
        taps = []
        for k in range(-FIR_HALF_TAPS + 1, FIR_HALF_TAPS + 1):
            x = fraction - k                       # distance from the input sample to the output instant
            sinc = 2 * cutoff if x == 0 else math.sin(2 * math.pi * cutoff * x) / (math.pi * x)
            window = (0.42 + 0.5 * math.cos(math.pi * x / FIR_HALF_TAPS)
                      + 0.08 * math.cos(2 * math.pi * x / FIR_HALF_TAPS))
            taps.append(sinc * window)
        total = sum(taps)
        kernels.append([tap / total for tap in taps])
    return kernels


def resample(signal, kernels):
    """signal at INPUT_RATE -> OUTPUT_RATE, output sample 0 at input sample 0."""
    padded = [0.0] * FIR_HALF_TAPS + signal + [0.0] * FIR_HALF_TAPS
    frames = len(signal) * UP // DOWN
    out = []
    for j in range(frames):
        base, phase = divmod(j * DOWN, UP)
        start = base + 1                           # padded index of input sample base - FIR_HALF_TAPS + 1
        out.append(sum(map(float.__mul__, kernels[phase], padded[start: start + 2 * FIR_HALF_TAPS])))
    return out


def first_index_at_least(signal, level):
    """Index of the first sample with magnitude >= level (len(signal) when none)."""
    return next((i for i, x in enumerate(signal) if abs(x) >= level), len(signal))


def shape_clip(signal):
    """Trim to onset, cap at MAX_FRAMES, drop the quiet tail, fade the last 10 ms. None when silent."""
    peak = max(map(abs, signal), default=0.0)
    if peak < SILENT_PEAK:
        return None
    onset = first_index_at_least(signal, peak * 10 ** (ONSET_DB / 20))
    start = max(0, onset - PRE_ROLL_FRAMES)
    clip = signal[start: start + MAX_FRAMES]
    tail_level = peak * 10 ** (TAIL_DB / 20)
    end = len(clip) - first_index_at_least(clip[::-1], tail_level)
    clip = clip[: max(end, FADE_FRAMES)]
    fade = min(FADE_FRAMES, len(clip))
    for i in range(fade):
        clip[len(clip) - fade + i] *= (fade - 1 - i) / fade
    return clip


def seeded_gain_db(speaker, digit):
    """A gain in (-GAIN_RANGE_DB, 0] dB from a hash of the seed, speaker and digit (no random module involved)."""
    digest = hashlib.sha256(f"{GAIN_SEED}/{speaker}/{digit}".encode()).digest()
    fraction = int.from_bytes(digest[:8], "big") / 2 ** 64
    return -GAIN_RANGE_DB * fraction


def write_flac(pcm, path, scratch):
    """16-bit mono FLAC at OUTPUT_RATE via a temporary WAV; no padding/seek table (small files)."""
    wav_path = os.path.join(scratch, "clip.wav")
    with wave.open(wav_path, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(OUTPUT_RATE)
        little_endian = array("h", pcm)
        if sys.byteorder == "big":
            little_endian.byteswap()
        handle.writeframes(little_endian.tobytes())
    command = ["flac", "--silent", "--best", "--no-padding", "--no-seektable", "-f", "-o", path, wav_path]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"flac failed on {os.path.basename(path)}: {result.stderr.strip()}")


def replace_folder_contents(staged, folder):
    """Replace the digit subfolders and clips.csv of folder with the staged ones (other files are kept)."""
    os.makedirs(folder, exist_ok=True)
    for digit in range(len(WORDS)):
        shutil.rmtree(os.path.join(folder, str(digit)), ignore_errors=True)
    if os.path.exists(os.path.join(folder, "clips.csv")):
        os.remove(os.path.join(folder, "clips.csv"))
    for name in sorted(os.listdir(staged)):
        shutil.move(os.path.join(staged, name), os.path.join(folder, name))


def check_speakers():
    """Speaker ids are unique and no held-out speaker shares an (accent, variant) pair with a training speaker."""
    ids = [s[0] for s in TRAIN_SPEAKERS + HELDOUT_SPEAKERS]
    if len(set(ids)) != len(ids):
        fail("speaker ids repeat")
    train_pairs = {(voice, variant) for _, voice, variant, _, _ in TRAIN_SPEAKERS}
    for speaker, voice, variant, _, _ in HELDOUT_SPEAKERS:
        if (voice, variant) in train_pairs:
            fail(f"held-out speaker {speaker} uses the training pair {voice_name(voice, variant)}")


def main():
    samples_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples-dir", default=samples_dir,
                        help="folder that receives digits/ and digits-heldout/ (default: this script's Samples folder)")
    args = parser.parse_args()

    for tool, package in (("espeak-ng", "espeak-ng"), ("flac", "flac")):
        if shutil.which(tool) is None:
            fail(f"{tool} not found: apt-get install {package}")
    check_speakers()

    kernels = resampling_kernels()
    datasets = {"digits": TRAIN_SPEAKERS, "digits-heldout": HELDOUT_SPEAKERS}
    capped, limited = [], []
    with tempfile.TemporaryDirectory(prefix="make-digits-") as scratch:
        rows = {name: [] for name in datasets}
        for dataset, speakers in datasets.items():
            staged = os.path.join(scratch, dataset)
            for digit in range(len(WORDS)):
                os.makedirs(os.path.join(staged, str(digit)))
            print(f"synthesising {dataset}: {len(speakers)} speakers x {len(WORDS)} digits ...", flush=True)
            for speaker, voice, variant, rate, pitch in speakers:
                for digit, word in enumerate(WORDS):
                    signal = synthesise(voice, variant, rate, pitch, word, os.path.join(scratch, "speech.wav"))
                    clip = shape_clip(resample(signal, kernels))
                    label = f"{speaker}-{voice_name(voice, variant).replace('+', '-')}-r{rate}-p{pitch}"
                    if clip is None:
                        fail(f"{label} {word} is silent")
                    if len(clip) == MAX_FRAMES:
                        capped.append(f"{label}/{word}")
                    gain_db = seeded_gain_db(speaker, digit)
                    peak = max(map(abs, clip)) * 10 ** (gain_db / 20)
                    if peak > 10 ** (MAX_PEAK_DBFS / 20):
                        gain_db += MAX_PEAK_DBFS - 20 * math.log10(peak)
                        limited.append(f"{label}/{word}")
                    gain = 10 ** (gain_db / 20)
                    pcm = array("h", (round(x * gain * 32768) for x in clip))
                    peak_dbfs = 20 * math.log10(max(map(abs, pcm)) / 32768)
                    file = f"{digit}/{label}.flac"
                    write_flac(pcm, os.path.join(staged, file), scratch)
                    rows[dataset].append([file, digit, word, speaker, voice, variant or "-", rate, pitch,
                                          f"{gain_db:.2f}", len(pcm), f"{peak_dbfs:.1f}"])
            rows[dataset].sort(key=lambda row: row[0])
            with open(os.path.join(staged, "clips.csv"), "w", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(["file", "digit", "word", "speaker", "voice", "variant", "rate", "pitch", "gain_db",
                                 "frames", "peak_dbfs"])
                writer.writerows(rows[dataset])
            replace_folder_contents(staged, os.path.join(args.samples_dir, dataset))

    for dataset, dataset_rows in rows.items():
        frames = [row[9] for row in dataset_rows]
        size = sum(os.path.getsize(os.path.join(args.samples_dir, dataset, row[0])) for row in dataset_rows)
        peaks = [float(row[10]) for row in dataset_rows]
        print(f"{dataset}: {len(dataset_rows)} clips, {sum(frames) / OUTPUT_RATE:.1f} s, {size / 1e6:.2f} MB of FLAC; "
              f"frames {min(frames)}-{max(frames)}, mean {sum(frames) / len(frames):.0f}; "
              f"peaks {min(peaks):.1f} to {max(peaks):.1f} dBFS")
    print(f"cut at {MAX_FRAMES} samples ({len(capped)}): {' '.join(capped) or '-'}")
    print(f"turned down to {MAX_PEAK_DBFS:g} dBFS ({len(limited)}): {' '.join(limited) or '-'}")


if __name__ == "__main__":
    main()
