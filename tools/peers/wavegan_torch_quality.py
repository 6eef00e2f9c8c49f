#!/usr/bin/env python3
"""PyTorch WaveGAN peer of the audio quality table: trains for a wall-clock budget, then writes N clips.

    python wavegan_torch_quality.py --data DIR --minutes 10 --out OUTDIR --count 200 --seed S [--threads 2]
                                    [--conditional]

The networks are WaveGAN's (Donahue et al. 2019; `wavegan_torch_speed.py`): d = 16, slice 16384, bare tanh output,
phase shuffle 2. The recipe is the best 10-minute CPU recipe found for it (the same as SwiftGAN's default training
recipe, so that the comparison is about what each side builds, not about the optimiser settings): batch 16, the
non-saturating loss, R1 (gamma 1) on the waveform every 4th critic update, one critic update per generator update,
Adam 2e-4 (0.5, 0.99), EMA of the generator (StyleGAN2-ADA schedule, half-life 10 k images, ramp-up 0.05); clips
come from the EMA generator.

Data: every .wav/.flac file under DIR (recursively), mixed to mono, resampled to 16 kHz, first 16384 samples
(zero-padded), peak-normalised, as SwiftGAN reads a folder of one-shots. Output: OUTDIR/000000.wav ... (16-bit, the
generator's raw output, no post-processing) and OUTDIR/summary.json (iterations, seconds, settings).

--conditional labels each clip by its first-level subfolder, as `swiftgan audio train --conditional` does, and
conditions both networks as SwiftGAN does: the generator reads [z, embed(label)] (an embedding of the latent's
size), the critic adds a projection term <embed(label), features> (Miyato & Koyama 2018). The clips are split
evenly over the labels, written to OUTDIR/LABEL/000000.wav ...
"""
import argparse
import copy
import glob
import json
import os
import sys
import time
from fractions import Fraction

import numpy as np
import soundfile as sf
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wavegan_torch_speed import LATENT, SLICE, Critic, Generator  # noqa: E402

RATE = 16000


def load_clips(folder, conditional=False):
    """Clips [N, 1, SLICE], label indices [N] and label names (no labels unless conditional)."""
    files = sorted(f for ext in ("wav", "flac") for f in glob.glob(os.path.join(folder, "**", "*." + ext), recursive=True))
    if not files:
        raise SystemExit(f"no .wav/.flac files under {folder}")
    names, labels = [], []
    if conditional:
        names = sorted({os.path.relpath(f, folder).split(os.sep)[0] for f in files if os.sep in os.path.relpath(f, folder)})
        files = [f for f in files if os.sep in os.path.relpath(f, folder)]
        labels = [names.index(os.path.relpath(f, folder).split(os.sep)[0]) for f in files]
        if len(names) < 2:
            raise SystemExit(f"--conditional needs clips in at least two first-level subfolders of {folder}")
    clips = []
    for f in files:
        x, rate = sf.read(f, dtype="float32", always_2d=True)
        x = x.mean(axis=1)
        if rate != RATE:
            from scipy.signal import resample_poly
            r = Fraction(RATE, rate)
            x = resample_poly(x, r.numerator, r.denominator).astype(np.float32)
        x = x[:SLICE] if len(x) >= SLICE else np.pad(x, (0, SLICE - len(x)))
        peak = np.abs(x).max()
        clips.append(x / peak if peak > 0 else x)
    return torch.from_numpy(np.stack(clips)).unsqueeze(1), torch.tensor(labels, dtype=torch.long), names


class ConditionalGenerator(Generator):
    """WaveGAN's generator reading [z, embed(label)]."""

    def __init__(self, d, labels):
        super().__init__(d, gate=False)
        self.embed = torch.nn.Embedding(labels, LATENT)
        self.fc = torch.nn.Linear(2 * LATENT, 256 * d)

    def forward(self, z, labels):
        return super().forward(torch.cat([z, self.embed(labels)], dim=1))


class ConditionalCritic(Critic):
    """WaveGAN's critic plus a projection term <embed(label), flattened features>."""

    def __init__(self, d, labels):
        super().__init__(d)
        self.embed = torch.nn.Embedding(labels, 256 * d)

    def forward(self, x, labels):
        for i, conv in enumerate(self.convs):
            x = F.leaky_relu(conv(x), 0.2)
            if i < 4:
                x = self.shuffles[i](x)
        flat = x.flatten(1)
        return self.fc(flat) + (flat * self.embed(labels)).sum(1, keepdim=True)


class Batches:
    """Endless shuffled batches, reshuffled each epoch (the last partial batch of an epoch is dropped)."""

    def __init__(self, data, labels, batch, gen):
        self.data, self.labels, self.batch, self.gen = data, labels, batch, gen
        self.order, self.pos = None, len(data)

    def next(self):
        if self.pos + self.batch > len(self.data):
            self.order, self.pos = torch.randperm(len(self.data), generator=self.gen), 0
        idx = self.order[self.pos:self.pos + self.batch]
        self.pos += self.batch
        return self.data[idx], (self.labels[idx] if len(self.labels) else None)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--minutes", type=float, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--conditional", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    os.makedirs(a.out, exist_ok=True)
    batch, d, gamma, every, ema_kimg, rampup = 16, 16, 1.0, 4, 10.0, 0.05
    data, labels, names = load_clips(a.data, a.conditional)
    if len(data) < batch:
        raise SystemExit(f"{len(data)} clips: fewer than a batch ({batch})")
    batches = Batches(data, labels, batch, torch.Generator().manual_seed(a.seed))
    if a.conditional:
        G0, D0 = ConditionalGenerator(d, len(names)), ConditionalCritic(d, len(names))
        G = lambda z, y: G0(z, y)  # noqa: E731
        D = lambda x, y: D0(x, y)  # noqa: E731
    else:
        G0, D0 = Generator(d, gate=False), Critic(d)
        G = lambda z, y: G0(z)  # noqa: E731
        D = lambda x, y: D0(x)  # noqa: E731
    G_ema = copy.deepcopy(G0).eval()
    for p in G_ema.parameters():
        p.requires_grad_(False)
    opt_g = torch.optim.Adam(G0.parameters(), lr=2e-4, betas=(0.5, 0.99))
    opt_d = torch.optim.Adam(D0.parameters(), lr=2e-4, betas=(0.5, 0.99))
    z = lambda: torch.rand(batch, LATENT) * 2 - 1  # noqa: E731

    steps, start, times = 0, time.perf_counter(), []
    while True:
        t = time.perf_counter()
        if t - start + (np.median(times[-20:]) if times else 0) > a.minutes * 60:
            break
        # Critic: non-saturating loss, lazy R1 on real clips.
        real, y = batches.next()  # fakes take the real batch's labels, as in SwiftGAN's trainer
        with torch.no_grad():
            fake = G(z(), y)
        r1_due = steps % every == 0
        if r1_due:
            real = real.clone().requires_grad_(True)
        real_logits, fake_logits = D(real, y), D(fake, y)
        loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
        if r1_due:
            grad, = torch.autograd.grad(real_logits.sum(), real, create_graph=True)
            loss_d = loss_d + 0.5 * gamma * every * grad.pow(2).flatten(1).sum(1).mean()
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        # Generator.
        for p in D0.parameters():
            p.requires_grad_(False)
        loss_g = F.softplus(-D(G(z(), y), y)).mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        for p in D0.parameters():
            p.requires_grad_(True)
        steps += 1
        beta = 0.5 ** (batch / max(min(ema_kimg * 1000, steps * batch * rampup), 1e-8))
        with torch.no_grad():
            for pe, p in zip(G_ema.parameters(), G0.parameters()):
                pe.lerp_(p, 1 - beta)
        times.append(time.perf_counter() - t)
        if not (np.isfinite(loss_d.item()) and np.isfinite(loss_g.item())):
            raise SystemExit(f"non-finite loss at step {steps}")
    seconds = time.perf_counter() - start

    torch.manual_seed(a.seed + 12345)
    groups = [(os.path.join(a.out, name), a.count // len(names), i) for i, name in enumerate(names)] \
        if a.conditional else [(a.out, a.count, None)]
    with torch.no_grad():
        for folder, count, label in groups:
            os.makedirs(folder, exist_ok=True)
            for s in range(0, count, 50):
                n = min(50, count - s)
                z = torch.rand(n, LATENT) * 2 - 1
                x = G_ema(z) if label is None else G_ema(z, torch.full((n,), label, dtype=torch.long))
                x = x.squeeze(1).clamp(-1, 1).numpy()
                for i in range(n):
                    sf.write(os.path.join(folder, f"{s + i:06d}.wav"), x[i], RATE, subtype="PCM_16")
    summary = {"script": "wavegan_torch_quality.py", "args": vars(a), "clips": len(data), "labels": names, "steps": steps,
               "seconds": seconds, "torch": torch.__version__}
    with open(os.path.join(a.out, "summary.json"), "w") as fh:
        json.dump(summary, fh, indent=1)
    print(json.dumps({"steps": steps, "seconds": round(seconds, 1)}))


if __name__ == "__main__":
    main()
