#!/usr/bin/python3
"""Is the voice model as sure as it is right, in quiet and in noise? And does tempering its probabilities by
the measured speech-to-noise level make them honest? (training/fusion/README.md)

Reads the shipped recipe's out-of-fold clip probabilities (training/voice/ensemble_cv.py writes
training/runs/cv/ensemble.oof.npz: each clip read by fold models that never heard its actor) on the clean
clips and the noisy test copies, and each clip's speech-to-noise level as the app measures it (featurize
--speech-to-noise: the mean over the clip's speech windows of core/audio/speech_to_noise.h, all bands).

The tempering is T(s) = 1 + k * clamp((quiet_db - s) / (quiet_db - noisy_db), 0, 1), p -> p^(1/T)
renormalised: nothing changes at quiet_db and above. k is fit by log-loss on four folds' actors and applied to
the fifth (cross-fitted), so every figure printed is on actors the fit never saw.

    /usr/bin/python3 training/fusion/voice_calibration.py [--snr-features build/voice-snr] [--out build/fusion/voice-tempered.npz]
"""
import argparse
import json
import os
import sys

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "training", "voice"))
from voice_data import N_FOLDS, fold_of_actor, parse_name, probs_key, stored_test_sets  # noqa: E402

N_CLASSES = 7
QUIET_DB, NOISY_DB = 25.0, 10.0  # pink 20 dB under speech reads ~24 dB, pink 5 dB ~10 dB (speech_to_noise.h)
K_GRID = np.round(np.arange(0.0, 6.001, 0.05), 2)


def confidence(p):
    """attune::confidence_from_probs: the top probability rescaled from [1/7, 1] to [0, 1]."""
    floor = 1.0 / N_CLASSES
    return np.clip((p.max(1) - floor) / (1 - floor), 0, 1)


def temperature(snr_db, k):
    return 1.0 + k * np.clip((QUIET_DB - snr_db) / (QUIET_DB - NOISY_DB), 0.0, 1.0)


def temper_by(p, t):
    """p -> p^(1/t) renormalised; t one temperature or one per row."""
    logp = np.log(np.maximum(p, 1e-12)) / np.reshape(t, (-1, 1))
    q = np.exp(logp - logp.max(1, keepdims=True))
    return q / q.sum(1, keepdims=True)


def temper(p, snr_db, k):
    return temper_by(p, temperature(snr_db, k))


def log_loss(p, y):
    return float(-np.mean(np.log(np.maximum(p[np.arange(len(y)), y], 1e-12))))


def ece(p, y, bins=10):
    """Expected calibration error of the top probability (equal-width bins)."""
    top, right = p.max(1), p.argmax(1) == y
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (top > lo) & (top <= hi)
        if m.any():
            total += m.sum() * abs(top[m].mean() - right[m].mean())
    return float(total / len(y))


def clip_snr(prefix, clips):
    """Each clip's mean speech-to-noise over its speech windows (over all windows if none has speech)."""
    with open(prefix + ".meta.json") as f:
        names = json.load(f)["stats_names"]
    column = names.index("speech_to_noise_db")
    stats = np.load(prefix + ".stats.npy")[:, column]
    rows = [l.rstrip("\n").split("\t") for l in open(prefix + ".windows.tsv")][1:]
    by_clip = {}
    for (value, row) in zip(stats, rows):
        clip = "/".join(row[5].split("/")[-2:])
        by_clip.setdefault(clip, ([], []))[0 if int(row[2]) else 1].append(value)
    return np.array([np.mean(by_clip[c][0] or by_clip[c][1]) for c in clips])


def load(oof_path, snr_dir):
    """{set: (clips, labels, folds, probs, snr_db)} for every set the OOF file holds."""
    z = np.load(oof_path)
    clips = [str(c) for c in z["clips"]]  # every set's probabilities are in this clip order
    parsed = [parse_name(c) for c in clips]
    y = np.array([label for label, _ in parsed])
    folds = np.array([fold_of_actor(actor) for _, actor in parsed])
    return {t: (clips, y, folds, z[probs_key(t)], clip_snr(os.path.join(snr_dir, t), clips))
            for t in sorted(stored_test_sets(z.files), key=lambda t: (t != "orig", t))}


def fit_k(sets, train_folds):
    """The k of K_GRID with the lowest log-loss over all sets' clips of train_folds."""
    def loss(k):
        return sum(log_loss(temper(p[m], s[m], k), y[m]) * m.sum()
                   for _, y, f, p, s in sets.values() for m in [np.isin(f, train_folds)])
    return min(K_GRID, key=loss)


def cross_fitted(sets):
    """(tempered probabilities per set, k per held-out fold)."""
    ks = [fit_k(sets, [g for g in range(N_FOLDS) if g != k]) for k in range(N_FOLDS)]
    tempered = {}
    for t, (_, _, folds, p, s) in sets.items():
        q = p.copy()
        for k in range(N_FOLDS):
            m = folds == k
            q[m] = temper(p[m], s[m], ks[k])
        tempered[t] = q
    return tempered, ks


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--oof", default=os.path.join(REPO, "training", "runs", "cv", "ensemble.oof.npz"))
    ap.add_argument("--snr-features", default=os.path.join(REPO, "build", "voice-snr"))
    ap.add_argument("--out", default=os.path.join(REPO, "build", "fusion", "voice-tempered.npz"))
    args = ap.parse_args()

    sets = load(args.oof, args.snr_features)
    tempered, ks = cross_fitted(sets)
    print(f"k per held-out fold: {ks}  (fit on all folds: {fit_k(sets, list(range(N_FOLDS)))})")
    print("set       | speech-to-noise dB (10/50/90%) | accuracy | mean top prob | mean confidence | ECE plain -> tempered | log-loss plain -> tempered")
    for t, (_, y, _, p, s) in sets.items():
        q = tempered[t]
        print(f"{t:9} | {np.percentile(s, 10):5.1f} {np.median(s):5.1f} {np.percentile(s, 90):5.1f}"
              f" | {np.mean(p.argmax(1) == y):.4f} | {p.max(1).mean():.3f} -> {q.max(1).mean():.3f}"
              f" | {confidence(p).mean():.3f} -> {confidence(q).mean():.3f}"
              f" | {ece(p, y):.3f} -> {ece(q, y):.3f} | {log_loss(p, y):.4f} -> {log_loss(q, y):.4f}")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    np.savez(args.out, ks=np.array(ks), **{f"plain_{t}": v[3] for t, v in sets.items()},
             **{f"tempered_{t}": q for t, q in tempered.items()}, **{f"labels_{t}": v[1] for t, v in sets.items()},
             **{f"snr_{t}": v[4] for t, v in sets.items()})


if __name__ == "__main__":
    main()
