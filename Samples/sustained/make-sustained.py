#!/usr/bin/env python3
"""Render SwiftGAN's bundled sustained-note datasets from the FluidR3_GM soundfont.

Single held notes of two General-MIDI woodwind programs are played one at a time,
rendered by fluidsynth at 48 kHz, mixed to mono, low-pass filtered and decimated
to 16 kHz, trimmed so the onset is at the start, cut at exactly 16384 samples
(the note is still sounding there), faded out over the last 10 ms and written as
16-bit mono FLAC:

    Samples/sustained/           training clips   (training keys x TRAIN_VELOCITIES)
    Samples/sustained-heldout/   held-out clips   (held-out keys x HELDOUT_VELOCITIES)

Every program covers three octaves (37 keys). Counting up from its lowest key,
every fourth key starting with the third (offsets 2, 6, ..., 34) is held out; the
other 28 keys are for training. Held-out notes also use velocities that training
does not. Each folder also gets clips.csv (one row per clip: file, instrument,
program, key, note, velocity, frames, peak_dbfs, end_db).

Needs Python 3 (standard library only), fluidsynth, flac and the soundfont:
    apt-get install fluidsynth fluid-soundfont-gm flac
The output is deterministic: the same packages give byte-identical files.
"""

import argparse
import csv
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import wave
from array import array

DEFAULT_SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"

# FluidR3_GM bank 0 presets: (program, name in file names, lowest key); 37 keys (three octaves) from the lowest.
PROGRAMS = [
    (73, "flute", 60),       # C4-C7, the flute's written range
    (71, "clarinet", 50),    # D3-D6, most of the B-flat clarinet's range
]
KEYS_PER_PROGRAM = 37
HELDOUT_EVERY, HELDOUT_OFFSET = 4, 2       # keys lowest + 2, + 6, ..., + 34 are held out

TRAIN_VELOCITIES = [40, 64, 88, 112]
HELDOUT_VELOCITIES = [52, 76, 100, 124]

NOTE_NAMES = ["c", "cs", "d", "ds", "e", "f", "fs", "g", "gs", "a", "as", "b"]

RENDER_RATE = 48000          # fluidsynth's rate; 16 kHz renders alias (no anti-alias filter)
DECIMATION = 3               # 48 kHz -> 16 kHz
OUTPUT_RATE = RENDER_RATE // DECIMATION
CLIP_FRAMES = 16384          # every clip is exactly one WaveGAN slice at 16 kHz
FADE_FRAMES = OUTPUT_RATE // 100          # 10 ms fade at the end
PRE_ROLL_FRAMES = 8                       # 0.5 ms kept before the onset
ONSET_DB = -40.0             # onset: first sample within 40 dB of the note's peak
MAX_ONSET_SECONDS = 0.15     # a later onset is an error (the slot would not hold the whole clip)
SILENT_PEAK = 10 ** (-60 / 20)            # a render with a lower peak is an error
GAIN = 0.7                   # fluidsynth synth.gain, as for the drums

# MIDI timing: 960 ticks per quarter at the default 120 bpm = 1920 ticks/s.
TICKS_PER_SECOND = 1920
SLOT_SECONDS = 1.6           # one note per slot: note on at 0, off at 1.3 s, all sound off at 1.4 s
NOTE_OFF_SECONDS = 1.3
SOUND_OFF_SECONDS = 1.4
ANALYSIS_SECONDS = 1.25      # the part of a slot the clip is taken from (before the note off)

# Low-pass FIR for the decimation: Blackman-windowed sinc, cutoff 7.3 kHz at 48 kHz (as for the drums).
FIR_TAPS = 193
FIR_CUTOFF_HZ = 7300.0


def fail(message):
    """Print one line to stderr and exit non-zero."""
    print(f"make-sustained: {message}", file=sys.stderr)
    sys.exit(1)


def variable_length(value):
    """A MIDI variable-length quantity."""
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def note_midi(program, notes):
    """A format-0 Standard MIDI File playing `notes` [(key, velocity)] one per slot on channel 1."""
    slot = round(SLOT_SECONDS * TICKS_PER_SECOND)
    events = [(0, bytes([0xC0, program]))]      # program change, channel 1, bank 0
    for index, (key, velocity) in enumerate(notes):
        start = index * slot
        events.append((start, bytes([0x90, key, velocity])))
        events.append((start + round(NOTE_OFF_SECONDS * TICKS_PER_SECOND), bytes([0x80, key, 0])))
        events.append((start + round(SOUND_OFF_SECONDS * TICKS_PER_SECOND), bytes([0xB0, 120, 0])))
    events.append((len(notes) * slot, bytes([0xFF, 0x2F, 0x00])))  # end of track
    track = bytearray()
    now = 0
    for time, event in events:
        track += variable_length(time - now) + event
        now = time
    header = b"MThd" + struct.pack(">IHHH", 6, 0, 1, TICKS_PER_SECOND // 2)
    return header + b"MTrk" + struct.pack(">I", len(track)) + bytes(track)


def render(soundfont, midi_path, wav_path):
    """Render a MIDI file to a 32-bit float stereo WAV at RENDER_RATE, dry (no reverb, no chorus)."""
    command = [
        "fluidsynth", "-q", "-n", "-i", "-R", "0", "-C", "0", "-g", str(GAIN),
        "-r", str(RENDER_RATE), "-O", "float", "-T", "wav", "-F", wav_path,
        soundfont, midi_path,
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"fluidsynth failed on {os.path.basename(midi_path)}: {result.stderr.strip()}")


def read_float_wav(path):
    """Interleaved samples and channel count of an IEEE-float WAV (the wave module reads PCM only)."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        fail(f"{path} is not a WAV file")
    position, channels, samples = 12, None, None
    while position + 8 <= len(data):
        chunk_id, size = struct.unpack_from("<4sI", data, position)
        body = data[position + 8: position + 8 + size]
        if chunk_id == b"fmt ":
            tag, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", body)
            if tag == 0xFFFE:
                tag = struct.unpack_from("<H", body, 24)[0]  # WAVE_FORMAT_EXTENSIBLE sub-format
            if tag != 3 or bits != 32 or rate != RENDER_RATE:
                fail(f"{path}: expected 32-bit float at {RENDER_RATE} Hz, got tag {tag}, {bits} bits, {rate} Hz")
        elif chunk_id == b"data":
            samples = array("f")
            samples.frombytes(body[: len(body) // 4 * 4])
            if sys.byteorder == "big":
                samples.byteswap()
        position += 8 + size + (size & 1)
    if channels is None or samples is None:
        fail(f"{path} has no fmt or data chunk")
    return samples, channels


def lowpass_kernel():
    """Blackman-windowed sinc low-pass taps with unit DC gain."""
    middle = (FIR_TAPS - 1) / 2
    cutoff = FIR_CUTOFF_HZ / RENDER_RATE
    taps = []
    for n in range(FIR_TAPS):
        x = n - middle
        sinc = 2 * cutoff if x == 0 else math.sin(2 * math.pi * cutoff * x) / (math.pi * x)
        window = (0.42 - 0.5 * math.cos(2 * math.pi * n / (FIR_TAPS - 1))
                  + 0.08 * math.cos(4 * math.pi * n / (FIR_TAPS - 1)))
        taps.append(sinc * window)
    total = sum(taps)
    return [tap / total for tap in taps]


def slot_mono(samples, channels, start, frames):
    """Frames [start, start + frames) mixed to mono, zero past the end of the render."""
    end = min(start + frames, len(samples) // channels)
    block = samples[start * channels: end * channels]
    mixed = [sum(frame) / channels for frame in zip(*(block[c::channels] for c in range(channels)))]
    return mixed + [0.0] * (frames - len(mixed))


def first_index_at_least(signal, level):
    """Index of the first sample with magnitude >= level (len(signal) when none)."""
    return next((i for i, x in enumerate(signal) if abs(x) >= level), len(signal))


def note_clip(signal, kernel):
    """CLIP_FRAMES samples at OUTPUT_RATE from just before the onset, low-passed and decimated, faded out over the
    last 10 ms. The onset is found at RENDER_RATE, so the clip starts PRE_ROLL_FRAMES output samples before it."""
    peak = max(map(abs, signal), default=0.0)
    if peak < SILENT_PEAK:
        return None
    onset = first_index_at_least(signal, peak * 10 ** (ONSET_DB / 20))
    if onset > MAX_ONSET_SECONDS * RENDER_RATE:
        fail(f"onset at {onset / RENDER_RATE:.3f} s is later than {MAX_ONSET_SECONDS} s")
    start = max(0, onset - PRE_ROLL_FRAMES * DECIMATION)
    half = len(kernel) // 2
    if start + CLIP_FRAMES * DECIMATION + half > len(signal):
        fail("the slot is too short for a whole clip")
    padded = [0.0] * half + signal
    reversed_kernel = kernel[::-1]
    clip = [
        sum(map(float.__mul__, reversed_kernel, padded[i: i + len(kernel)]))
        for i in range(start, start + CLIP_FRAMES * DECIMATION, DECIMATION)
    ]
    for i in range(FADE_FRAMES):
        clip[CLIP_FRAMES - FADE_FRAMES + i] *= (FADE_FRAMES - 1 - i) / FADE_FRAMES
    return clip


def level_db(values):
    """RMS level in dB relative to full scale (-inf for silence)."""
    power = sum(x * x for x in values) / max(1, len(values))
    return 10 * math.log10(power) if power > 0 else float("-inf")


def to_pcm16(clip):
    """Round to 16-bit PCM; samples beyond full scale are an error (lower GAIN)."""
    peak = max(map(abs, clip))
    if peak > 32767 / 32768:
        fail(f"a clip peaks at {peak:.3f} > full scale: lower GAIN in make-sustained.py")
    return array("h", (round(x * 32768) for x in clip))


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


def note_name(key):
    """Scientific pitch name with MIDI key 60 = c4."""
    return f"{NOTE_NAMES[key % 12]}{key // 12 - 1}"


def program_notes(lowest):
    """(key, velocity, dataset) for one program: training keys at the training velocities, held-out keys at the
    held-out velocities."""
    notes = []
    for offset in range(KEYS_PER_PROGRAM):
        key = lowest + offset
        heldout = offset % HELDOUT_EVERY == HELDOUT_OFFSET
        for velocity in HELDOUT_VELOCITIES if heldout else TRAIN_VELOCITIES:
            notes.append((key, velocity, "sustained-heldout" if heldout else "sustained"))
    return notes


def replace_folder_contents(staged, folder):
    """Move the staged clips and clips.csv into folder, removing the previous clips."""
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if name.endswith(".flac") or name == "clips.csv":
            os.remove(os.path.join(folder, name))
    for name in sorted(os.listdir(staged)):
        shutil.move(os.path.join(staged, name), os.path.join(folder, name))


def main():
    samples_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--soundfont", default=DEFAULT_SOUNDFONT,
                        help=f"FluidR3_GM.sf2 to render from (default {DEFAULT_SOUNDFONT}, Debian fluid-soundfont-gm)")
    parser.add_argument("--samples-dir", default=samples_dir,
                        help="folder that receives sustained/ and sustained-heldout/ (default: this script's Samples "
                             "folder)")
    args = parser.parse_args()

    for tool, package in (("fluidsynth", "fluidsynth"), ("flac", "flac")):
        if shutil.which(tool) is None:
            fail(f"{tool} not found: apt-get install {package}")
    if not os.path.isfile(args.soundfont):
        fail(f"soundfont {args.soundfont} not found: apt-get install fluid-soundfont-gm, or pass --soundfont PATH")

    kernel = lowpass_kernel()
    datasets = ["sustained", "sustained-heldout"]
    with tempfile.TemporaryDirectory(prefix="make-sustained-") as scratch:
        staged = {name: os.path.join(scratch, name) for name in datasets}
        rows = {name: [] for name in datasets}
        for folder in staged.values():
            os.makedirs(folder)
        for program, instrument, lowest in PROGRAMS:
            notes = program_notes(lowest)
            print(f"rendering {instrument} (program {program}): {len(notes)} notes ...", flush=True)
            midi_path = os.path.join(scratch, f"program{program}.mid")
            wav_path = os.path.join(scratch, f"program{program}.wav")
            with open(midi_path, "wb") as handle:
                handle.write(note_midi(program, [(key, velocity) for key, velocity, _ in notes]))
            render(args.soundfont, midi_path, wav_path)
            samples, channels = read_float_wav(wav_path)
            os.remove(wav_path)
            slot = round(SLOT_SECONDS * RENDER_RATE)
            window = round(ANALYSIS_SECONDS * RENDER_RATE)
            for index, (key, velocity, dataset) in enumerate(notes):
                label = f"{instrument}-{key}-{note_name(key)}-v{velocity}"
                clip = note_clip(slot_mono(samples, channels, index * slot, window), kernel)
                if clip is None:
                    fail(f"{label} is silent")
                pcm = to_pcm16(clip)
                peak_dbfs = 20 * math.log10(max(map(abs, clip)))
                # Level of the 50 ms before the fade relative to the whole clip: a note that dies away is negative.
                tail = clip[CLIP_FRAMES - FADE_FRAMES - OUTPUT_RATE // 20: CLIP_FRAMES - FADE_FRAMES]
                end_db = level_db(tail) - level_db(clip[: CLIP_FRAMES - FADE_FRAMES])
                write_flac(pcm, os.path.join(staged[dataset], label + ".flac"), scratch)
                rows[dataset].append([label + ".flac", instrument, program, key, note_name(key), velocity,
                                      len(pcm), f"{peak_dbfs:.1f}", f"{end_db:.1f}"])
        for dataset, folder in staged.items():
            with open(os.path.join(folder, "clips.csv"), "w", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(["file", "instrument", "program", "key", "note", "velocity", "frames", "peak_dbfs",
                                 "end_db"])
                writer.writerows(rows[dataset])
            replace_folder_contents(folder, os.path.join(args.samples_dir, dataset))

    for dataset, dataset_rows in rows.items():
        frames = sum(row[6] for row in dataset_rows)
        size = sum(os.path.getsize(os.path.join(args.samples_dir, dataset, row[0])) for row in dataset_rows)
        peaks = [float(row[7]) for row in dataset_rows]
        ends = [float(row[8]) for row in dataset_rows]
        print(f"{dataset}: {len(dataset_rows)} clips, {frames / OUTPUT_RATE:.1f} s, {size / 1e6:.2f} MB of FLAC; "
              f"peaks {min(peaks):.1f} to {max(peaks):.1f} dBFS; last 50 ms vs whole clip "
              f"{min(ends):.1f} to {max(ends):.1f} dB")


if __name__ == "__main__":
    main()
