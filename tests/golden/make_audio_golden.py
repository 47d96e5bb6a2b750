#!/usr/bin/python3
"""Golden vectors for the C++ audio stages (src/core/audio), computed independently with numpy/scipy.

Nothing here calls our C++: the formulas are re-derived from their definitions (see each stage's
header) in float64, and the C++ tests compare against them with float32 tolerances. YIN is computed
with the direct O(W * tau) sum, not through the FFT the C++ uses.

Run from the repository root:  /usr/bin/python3 tests/golden/make_audio_golden.py
Writes small text files (whitespace-separated numbers, one frame per line) under tests/data/audio/.
"""
import os

import numpy as np
import scipy.fft

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "audio")
SR, FRAME, HOP, NFFT, NMELS, FMIN, FMAX, NMFCC = 16000, 400, 160, 512, 40, 60.0, 7600.0, 20


def save(name, a, fmt="%.9g"):
    a = np.atleast_2d(np.asarray(a, dtype=np.float64))
    np.savetxt(os.path.join(OUT, name), a, fmt=fmt)


def test_signal():
    """A deterministic speech-like mix: a 150-260 Hz glide with harmonics, plus a little noise."""
    rng = np.random.default_rng(1234)
    n = 2000
    t = np.arange(n) / SR
    f0 = 150 + 110 * t / t[-1]
    phase = 2 * np.pi * np.cumsum(f0) / SR
    x = sum(0.3 / k * np.sin(k * phase) for k in range(1, 8))
    x += 0.01 * rng.standard_normal(n)
    return x.astype(np.float32).astype(np.float64)  # what the C++ reads back


def hann(n):
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)


def frames_of(x):
    count = 1 + (len(x) - FRAME) // HOP
    return np.stack([x[i * HOP:i * HOP + FRAME] for i in range(count)])


def mel_weights():
    hz_to_mel = lambda f: 2595 * np.log10(1 + f / 700)
    mel_to_hz = lambda m: 700 * (10 ** (m / 2595) - 1)
    edges = mel_to_hz(np.linspace(hz_to_mel(FMIN), hz_to_mel(FMAX), NMELS + 2))
    f = np.arange(NFFT // 2 + 1) * SR / NFFT
    w = np.zeros((NMELS, len(f)))
    for i in range(NMELS):
        lo, mid, hi = edges[i:i + 3]
        up = (f - lo) / (mid - lo)
        down = (hi - f) / (hi - mid)
        w[i] = np.where((f > lo) & (f <= mid), up, np.where((f > mid) & (f < hi), down, 0.0))
    return w


def spectral(power):
    f = np.arange(power.shape[1]) * SR / NFFT
    mag = np.sqrt(power)
    centroid = (mag * f).sum(1) / mag.sum(1)
    cum = np.cumsum(power, axis=1)
    rolloff = f[np.argmax(cum >= 0.85 * power.sum(1, keepdims=True), axis=1)]
    lo, hi = int(np.ceil(100 / (SR / NFFT))), int(np.floor(4000 / (SR / NFFT)))
    band = np.maximum(power[:, lo:hi + 1], 1e-20)
    flatness = np.exp(np.log(band).mean(1)) / band.mean(1)
    norm = mag / mag.sum(1, keepdims=True)
    flux = np.concatenate([[0.0], np.sqrt((np.diff(norm, axis=0) ** 2).sum(1))])
    return np.stack([centroid, rolloff, flatness, flux], axis=1)


def yin_direct(x, w=400, fmin=60.0, fmax=500.0, threshold=0.2):
    min_lag, max_lag = max(2, int(np.floor(SR / fmax))), int(np.ceil(SR / fmin))
    d = np.array([np.sum((x[:w] - x[tau:tau + w]) ** 2) for tau in range(max_lag + 1)])
    cmnd = np.ones(max_lag + 1)
    running = np.cumsum(d[1:])
    cmnd[1:] = d[1:] * np.arange(1, max_lag + 1) / running
    below = np.nonzero(cmnd[min_lag:] < threshold)[0]
    tau = min_lag + below[0]
    while tau + 1 <= max_lag and cmnd[tau + 1] < cmnd[tau]:
        tau += 1
    l, c, r = cmnd[tau - 1:tau + 2]
    lag = tau + 0.5 * (l - r) / (l - 2 * c + r)
    return cmnd, SR / lag


def deltas(feat, width=2):
    n = len(feat)
    denom = 2 * sum(k * k for k in range(1, width + 1))
    out = np.zeros_like(feat)
    for t in range(n):
        for k in range(1, width + 1):
            out[t] += k * (feat[min(n - 1, t + k)] - feat[max(0, t - k)])
    return out / denom


def main():
    os.makedirs(OUT, exist_ok=True)
    x = test_signal()
    save("signal.txt", x)
    fr = frames_of(x)
    save("hann400.txt", hann(FRAME))
    power = np.abs(np.fft.rfft(fr * hann(FRAME), n=NFFT)) ** 2
    save("power.txt", power)
    w = mel_weights()
    save("mel_weights.txt", w)
    log_mel = np.log(np.maximum(power @ w.T, 1e-10))
    save("log_mel.txt", log_mel)
    mfcc = scipy.fft.dct(log_mel, type=2, norm="ortho", axis=1)[:, :NMFCC]
    save("mfcc.txt", mfcc)
    save("mfcc_deltas.txt", deltas(mfcc))
    save("spectral.txt", spectral(power))
    rms = np.sqrt((fr ** 2).mean(1))
    zcr = (np.signbit(fr[:, 1:]) != np.signbit(fr[:, :-1])).mean(1)  # sign bit: 0 counts positive
    save("rms_zcr.txt", np.stack([rms, 20 * np.log10(np.maximum(rms, 1e-5)), zcr], axis=1))
    cmnd, f0 = yin_direct(x[:667])
    save("yin_cmnd.txt", cmnd)
    save("yin_f0.txt", [f0])
    v = np.random.default_rng(7).standard_normal(101)
    save("percentile_input.txt", v)
    save("percentile_expected.txt", [np.percentile(v, p) for p in (0, 10, 37.5, 50, 90, 100)] + [v.mean(), v.std()])
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
