#!/usr/bin/env python3
"""Render SwiftGAN's bundled drum-hit datasets from the FluidR3_GM soundfont.

Every General-MIDI percussion key that is a one-shot drum hit is played alone on
MIDI channel 10 through several FluidR3 drum kits (bank 128) at a few velocities,
rendered by fluidsynth at 48 kHz, mixed to mono, low-pass filtered and decimated
to 16 kHz, trimmed so the onset is at the start, cut at 16384 samples, faded out
and written as 16-bit mono FLAC:

    Samples/drums/           training clips   (velocities TRAIN_VELOCITIES)
    Samples/drums-heldout/   held-out clips   (velocities HELDOUT_VELOCITIES)

Each folder also gets clips.csv (one row per clip: file, kit, program, key,
instrument, velocity, frames). A hit that sounds the same as the same key and
velocity in a kit rendered before it (the kits share most of their cymbals and
percussion) is dropped as a duplicate; silent renders are dropped. The report on
stdout lists both.

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

# FluidR3_GM bank 128 presets used as kits: (program, name in file names).
KITS = [
    (0, "standard"),
    (8, "room"),
    (16, "power"),
    (24, "electronic"),
    (25, "tr808"),
    (32, "jazz"),
    (40, "brush"),
    (48, "orchestra"),
]

# GM percussion keys that are one-shot hits, with the GM (Standard kit) name.
# Left out: 58 vibraslap (a rattle that peaks 0.2 s after the strike), 71/72
# whistles (sustained tones), 73/74 guiros (scrapes) and 78/79 cuicas (gliding
# friction-drum squeaks).
NOTES = {
    35: "kick2", 36: "kick1", 37: "sidestick", 38: "snare1", 39: "clap",
    40: "snare2", 41: "lowfloortom", 42: "closedhat", 43: "highfloortom",
    44: "pedalhat", 45: "lowtom", 46: "openhat", 47: "lowmidtom",
    48: "highmidtom", 49: "crash1", 50: "hightom", 51: "ride1", 52: "china",
    53: "ridebell", 54: "tambourine", 55: "splash", 56: "cowbell",
    57: "crash2", 59: "ride2", 60: "hibongo", 61: "lowbongo",
    62: "mutehiconga", 63: "openhiconga", 64: "lowconga", 65: "hitimbale",
    66: "lowtimbale", 67: "hiagogo", 68: "lowagogo", 69: "cabasa",
    70: "maracas", 75: "claves", 76: "hiwoodblock", 77: "lowwoodblock",
    80: "mutetriangle", 81: "opentriangle",
}

TRAIN_VELOCITIES = [50, 100, 127]
HELDOUT_VELOCITIES = [75]

RENDER_RATE = 48000          # fluidsynth's rate; 16 kHz renders alias (no anti-alias filter)
DECIMATION = 3               # 48 kHz -> 16 kHz
OUTPUT_RATE = RENDER_RATE // DECIMATION
MAX_FRAMES = 16384           # clip length cap at 16 kHz (WaveGAN slice)
FADE_FRAMES = OUTPUT_RATE // 100          # 10 ms fade at the end
PRE_ROLL_FRAMES = 8                       # 0.5 ms kept before the onset
ONSET_DB = -40.0             # onset: first sample within 40 dB of the clip's peak
TAIL_DB = -50.0              # tail: drop what stays 50 dB below the peak
SILENT_PEAK = 10 ** (-60 / 20)            # a render with a lower peak is silent
DUPLICATE_CORRELATION = 0.99              # same sound as a clip already kept
GAIN = 0.7                   # fluidsynth synth.gain: loudest clip near -3 dBFS (the default 0.2 is very quiet)

# MIDI timing: 960 ticks per quarter at the default 120 bpm = 1920 ticks/s.
TICKS_PER_SECOND = 1920
SLOT_SECONDS = 1.5           # one hit per slot: note on at 0, off at 1.1 s, all sound off at 1.2 s
NOTE_OFF_SECONDS = 1.1
SOUND_OFF_SECONDS = 1.2

# Low-pass FIR for the decimation: Blackman-windowed sinc, cutoff 7.3 kHz at 48 kHz.
FIR_TAPS = 193
FIR_CUTOFF_HZ = 7300.0


def fail(message):
    """Print one line to stderr and exit non-zero."""
    print(f"make-drums: {message}", file=sys.stderr)
    sys.exit(1)


def variable_length(value):
    """A MIDI variable-length quantity."""
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def drum_midi(program, hits):
    """A format-0 Standard MIDI File playing `hits` [(key, velocity)] one per slot on channel 10."""
    slot = round(SLOT_SECONDS * TICKS_PER_SECOND)
    events = [(0, bytes([0xC9, program]))]      # program change, channel 10
    for index, (key, velocity) in enumerate(hits):
        start = index * slot
        events.append((start, bytes([0x99, key, velocity])))
        events.append((start + round(NOTE_OFF_SECONDS * TICKS_PER_SECOND), bytes([0x89, key, 0])))
        events.append((start + round(SOUND_OFF_SECONDS * TICKS_PER_SECOND), bytes([0xB9, 120, 0])))
    events.append((len(hits) * slot, bytes([0xFF, 0x2F, 0x00])))  # end of track
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


def decimate(signal, kernel, start, stop):
    """Low-pass filter and keep input samples start, start + DECIMATION, ... < stop (centred filter: no delay)."""
    half = len(kernel) // 2
    padded = [0.0] * half + signal + [0.0] * half
    reversed_kernel = kernel[::-1]
    return [
        sum(map(float.__mul__, reversed_kernel, padded[i: i + len(kernel)]))
        for i in range(start, stop, DECIMATION)
    ]


def hit_range(signal):
    """Input range [start, stop) at RENDER_RATE around one hit: from just before its onset to its tail or the
    MAX_FRAMES cap, with margin for shape_clip; None when the render is silent."""
    peak = max(map(abs, signal), default=0.0)
    if peak < SILENT_PEAK:
        return None
    margin = 16 * DECIMATION
    onset = first_index_at_least(signal, peak * 10 ** (ONSET_DB / 20))
    start = max(0, onset - PRE_ROLL_FRAMES * DECIMATION - margin)
    tail = len(signal) - first_index_at_least(signal[::-1], peak * 10 ** (TAIL_DB / 20))
    stop = min(len(signal), tail + margin, onset + MAX_FRAMES * DECIMATION + margin)
    return start, stop


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


def to_pcm16(clip):
    """Round to 16-bit PCM; samples beyond full scale are an error (lower GAIN)."""
    peak = max(map(abs, clip))
    if peak > 32767 / 32768:
        fail(f"a clip peaks at {peak:.3f} > full scale: lower GAIN in make-drums.py")
    return array("h", (round(x * 32768) for x in clip))


def correlation(a, b):
    """Normalised correlation at lag 0 (the shorter clip zero-padded)."""
    dot = sum(map(float.__mul__, a, b))
    norm = math.sqrt(sum(x * x for x in a) * sum(x * x for x in b))
    return dot / norm if norm > 0 else 0.0


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


def render_kit(soundfont, program, hits, kernel, scratch):
    """Shaped clips (or None when silent) for each (key, velocity) hit of one kit, in order."""
    midi_path = os.path.join(scratch, f"kit{program}.mid")
    wav_path = os.path.join(scratch, f"kit{program}.wav")
    with open(midi_path, "wb") as handle:
        handle.write(drum_midi(program, hits))
    render(soundfont, midi_path, wav_path)
    samples, channels = read_float_wav(wav_path)
    os.remove(wav_path)
    slot = round(SLOT_SECONDS * RENDER_RATE)
    window = (MAX_FRAMES + 2 * OUTPUT_RATE // 10) * DECIMATION  # 1.024 s + 0.2 s of onset slack
    clips = []
    for index in range(len(hits)):
        mono = slot_mono(samples, channels, index * slot, window)
        span = hit_range(mono)
        clips.append(None if span is None else shape_clip(decimate(mono, kernel, *span)))
    return clips


def write_dataset(folder, rows):
    """clips.csv for one dataset folder."""
    with open(os.path.join(folder, "clips.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "kit", "program", "key", "instrument", "velocity", "frames"])
        writer.writerows(rows)


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
                        help="folder that receives drums/ and drums-heldout/ (default: this script's Samples folder)")
    args = parser.parse_args()

    for tool, package in (("fluidsynth", "fluidsynth"), ("flac", "flac")):
        if shutil.which(tool) is None:
            fail(f"{tool} not found: apt-get install {package}")
    if not os.path.isfile(args.soundfont):
        fail(f"soundfont {args.soundfont} not found: apt-get install fluid-soundfont-gm, or pass --soundfont PATH")

    velocities = TRAIN_VELOCITIES + HELDOUT_VELOCITIES
    hits = [(key, velocity) for key in sorted(NOTES) for velocity in velocities]
    kernel = lowpass_kernel()
    silent, duplicates = [], {kit: 0 for _, kit in KITS}
    with tempfile.TemporaryDirectory(prefix="make-drums-") as scratch:
        staged = {"drums": os.path.join(scratch, "drums"), "drums-heldout": os.path.join(scratch, "drums-heldout")}
        rows = {name: [] for name in staged}
        for folder in staged.values():
            os.makedirs(folder)
        kept = {}  # (key, velocity) -> clips kept so far, for the duplicate check
        for program, kit in KITS:
            print(f"rendering {kit} (bank 128, program {program}) ...", flush=True)
            clips = render_kit(args.soundfont, program, hits, kernel, scratch)
            for (key, velocity), clip in zip(hits, clips):
                label = f"{kit}-{key}-{NOTES[key]}-v{velocity}"
                if clip is None:
                    silent.append(label)
                    continue
                earlier = kept.setdefault((key, velocity), [])
                if any(correlation(clip, other) >= DUPLICATE_CORRELATION for other in earlier):
                    duplicates[kit] += 1
                    continue
                earlier.append(clip)
                pcm = to_pcm16(clip)
                dataset = "drums" if velocity in TRAIN_VELOCITIES else "drums-heldout"
                write_flac(pcm, os.path.join(staged[dataset], label + ".flac"), scratch)
                rows[dataset].append([label + ".flac", kit, program, key, NOTES[key], velocity, len(pcm)])
        for dataset, folder in staged.items():
            write_dataset(folder, rows[dataset])
            replace_folder_contents(folder, os.path.join(args.samples_dir, dataset))

    for dataset, dataset_rows in rows.items():
        frames = sum(row[-1] for row in dataset_rows)
        size = sum(os.path.getsize(os.path.join(args.samples_dir, dataset, row[0])) for row in dataset_rows)
        print(f"{dataset}: {len(dataset_rows)} clips, {frames / OUTPUT_RATE:.1f} s, {size / 1e6:.2f} MB of FLAC")
    print(f"dropped as silent ({len(silent)}): {' '.join(silent) or '-'}")
    counts = ", ".join(f"{kit} {count}" for kit, count in duplicates.items() if count)
    print(f"dropped as the same sound as an earlier kit's ({sum(duplicates.values())}): {counts or '-'}")


if __name__ == "__main__":
    main()
