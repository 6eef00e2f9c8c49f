#!/usr/bin/env python3
"""PyTorch CPU peer for `swiftgan bench --suite wavegan --peer PYTHON`.

Times, with a fixed thread count, the same work as the SwiftGAN bench rows of the same names (slice 16384):
  G forward d=D B=64       the generator's forward pass on 64 latents, no gradient
  generate 64 clips d=D    the same forward pass: the peer's generation loop, against which SwiftGAN's row (latents,
                           network, tail gate and WAV files written) is compared
  paper iter d=D B=B       one step of the published recipe: 5 WGAN-GP critic updates (lambda 10), one generator
                           update, Adam 1e-4 (0.5, 0.9), no EMA, no output gate
  wave critic iter d=D B=16  one step of SwiftGAN's default recipe with the waveform critic alone (SwiftGAN's default
                           adds a spectrogram critic, which this peer does not have): one critic update with the
                           non-saturating loss, R1 (gamma 1) on every 4th critic update (timed over 4 steps,
                           reported per step), one generator update, Adam 2e-4 (0.5, 0.99), EMA of the generator,
                           the hard output gate
in fp32 and, with --precision bf16, under torch.autocast("cpu", dtype=torch.bfloat16) (PyTorch's bf16 mode).
Prints one JSON object: {"torch": version, "threads": n, "rows": [{"name", "precision", "seconds"}, ...]}, each
seconds figure the median over --repeats runs after one warm-up run.

The networks are WaveGAN's (Donahue et al. 2019): G dense 100 -> 256d, 5 transposed convolutions (kernel 25,
stride 4, padding 11, output padding 1), ReLU between, tanh last; D 5 convolutions (kernel 25, stride 4, padding 11),
LeakyReLU 0.2, phase shuffle 2 after the first four, dense 256d -> 1.
"""
import argparse
import copy
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

LATENT, SLICE = 100, 16384


class PhaseShuffle(nn.Module):
    """One shift in [-n, n] per call for the whole batch, reflected at the edges (the reference code's form)."""

    def __init__(self, n=2):
        super().__init__()
        self.n = n

    def forward(self, x):
        k = int(torch.randint(-self.n, self.n + 1, ()))
        if k == 0:
            return x
        length = x.shape[2]
        xp = F.pad(x, (max(k, 0), max(-k, 0)), mode="reflect")
        return xp[:, :, max(-k, 0):max(-k, 0) + length]


class Generator(nn.Module):
    def __init__(self, d, gate):
        super().__init__()
        self.d, self.gate = d, gate
        self.fc = nn.Linear(LATENT, 256 * d)
        ch = [16 * d, 8 * d, 4 * d, 2 * d, d, 2 if gate else 1]
        self.convs = nn.ModuleList(
            nn.ConvTranspose1d(ch[i], ch[i + 1], 25, stride=4, padding=11, output_padding=1) for i in range(5))

    def forward(self, z):
        x = F.relu(self.fc(z).view(-1, 16 * self.d, 16))
        for i, conv in enumerate(self.convs):
            x = conv(x)
            if i < 4:
                x = F.relu(x)
        if not self.gate:
            return torch.tanh(x)
        # SwiftGAN's hard output gate: tanh(a) * max(0, (sigmoid(b) - 0.1) / 0.9)
        return torch.tanh(x[:, :1]) * F.relu((torch.sigmoid(x[:, 1:]) - 0.1) / 0.9)


class Critic(nn.Module):
    def __init__(self, d):
        super().__init__()
        ch = [1, d, 2 * d, 4 * d, 8 * d, 16 * d]
        self.convs = nn.ModuleList(nn.Conv1d(ch[i], ch[i + 1], 25, stride=4, padding=11) for i in range(5))
        self.shuffles = nn.ModuleList(PhaseShuffle() for _ in range(4))
        self.fc = nn.Linear(256 * d, 1)

    def forward(self, x):
        for i, conv in enumerate(self.convs):
            x = F.leaky_relu(conv(x), 0.2)
            if i < 4:
                x = self.shuffles[i](x)
        return self.fc(x.flatten(1))


def latents(b):
    return torch.rand(b, LATENT) * 2 - 1


def real_batch(b):
    return (torch.rand(b, 1, SLICE) - 0.5).clamp(-1, 1)


class PaperStep:
    """WGAN-GP, 5 critic updates per generator update (the published recipe)."""

    def __init__(self, d, b):
        self.G, self.D, self.b = Generator(d, gate=False), Critic(d), b
        self.optG = torch.optim.Adam(self.G.parameters(), lr=1e-4, betas=(0.5, 0.9))
        self.optD = torch.optim.Adam(self.D.parameters(), lr=1e-4, betas=(0.5, 0.9))
        self.real = real_batch(b)

    def __call__(self):
        G, D, b = self.G, self.D, self.b
        for _ in range(5):
            with torch.no_grad():
                fake = G(latents(b))
            alpha = torch.rand(b, 1, 1)
            mixed = (alpha * self.real + (1 - alpha) * fake).requires_grad_(True)
            grad, = torch.autograd.grad(D(mixed).sum(), mixed, create_graph=True)
            gp = ((grad.flatten(1).norm(2, dim=1) - 1) ** 2).mean()
            loss = D(fake).mean() - D(self.real).mean() + 10 * gp
            self.optD.zero_grad(set_to_none=True)
            loss.backward()
            self.optD.step()
        for p in D.parameters():
            p.requires_grad_(False)
        loss = -D(G(latents(b))).mean()
        self.optG.zero_grad(set_to_none=True)
        loss.backward()
        self.optG.step()
        for p in D.parameters():
            p.requires_grad_(True)


class DefaultStep:
    """SwiftGAN's default recipe; one call runs 4 steps so that one R1 update (every 4th) is included."""

    steps = 4

    def __init__(self, d, b):
        self.G, self.D, self.b = Generator(d, gate=True), Critic(d), b
        self.G_ema = copy.deepcopy(self.G)
        for p in self.G_ema.parameters():
            p.requires_grad_(False)
        self.optG = torch.optim.Adam(self.G.parameters(), lr=2e-4, betas=(0.5, 0.99))
        self.optD = torch.optim.Adam(self.D.parameters(), lr=2e-4, betas=(0.5, 0.99))
        self.real = real_batch(b)
        self.count = 0

    def step(self):
        G, D, b = self.G, self.D, self.b
        with torch.no_grad():
            fake = G(latents(b))
        r1 = self.count % 4 == 0
        real = self.real.detach().requires_grad_(r1)
        d_real = D(real)
        loss = F.softplus(D(fake)).mean() + F.softplus(-d_real).mean()
        if r1:
            grad, = torch.autograd.grad(d_real.sum(), real, create_graph=True)
            loss = loss + 0.5 * 1.0 * 4 * grad.pow(2).flatten(1).sum(1).mean()
        self.optD.zero_grad(set_to_none=True)
        loss.backward()
        self.optD.step()
        self.count += 1
        for p in D.parameters():
            p.requires_grad_(False)
        loss = F.softplus(-D(G(latents(b)))).mean()
        self.optG.zero_grad(set_to_none=True)
        loss.backward()
        self.optG.step()
        for p in D.parameters():
            p.requires_grad_(True)
        with torch.no_grad():
            for pe, p in zip(self.G_ema.parameters(), G.parameters()):
                pe.lerp_(p, 1 - 0.999)

    def __call__(self):
        for _ in range(self.steps):
            self.step()


def median_seconds(fn, repeats, per=1):
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) / per)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="16,32,64", help="model sizes d")
    ap.add_argument("--batches", default="16,64", help="batch sizes of the paper recipe's rows")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--precision", default="fp32", help="fp32, bf16 or fp32,bf16")
    ap.add_argument("--filter", default="", help="only rows whose name contains this text")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    sizes = [int(s) for s in a.sizes.split(",") if s]
    batches = [int(s) for s in a.batches.split(",") if s]
    rows = []

    def run(name, make, precision):
        if a.filter not in name:
            return
        ctx = torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16")
        with ctx:
            fn, per = make()
            seconds = median_seconds(fn, max(1, a.repeats), per)
        rows.append({"name": name, "precision": precision, "seconds": seconds})

    for precision in a.precision.split(","):
        for d in sizes:
            def forward(d=d):
                G, z = Generator(d, gate=False).eval(), latents(64)

                def fn():
                    with torch.no_grad():
                        G(z)
                return fn, 1
            run(f"G forward d={d} B=64", forward, precision)
            run(f"generate 64 clips d={d}", forward, precision)
        for d in sizes:
            for b in batches:
                run(f"paper iter d={d} B={b}", lambda d=d, b=b: (PaperStep(d, b), 1), precision)
            run(f"wave critic iter d={d} B=16", lambda d=d: (DefaultStep(d, 16), DefaultStep.steps), precision)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "rows": rows}))


if __name__ == "__main__":
    main()
