#!/usr/bin/python3
"""Is the face surer than it is right in dim light? And would tempering a small dim face's probabilities help the
fused reading? (training/fusion/README.md, "Is a small face in a dim room surer than it is right?")

Reads bench/face_pipeline_accuracy.mjs --probs output (the bench's PublicTest faces as the app's pipeline read
them, per face size and light) and prints, per row, how sure the face is against how often it is right (faces
found only). Then tempers the dim rows: p -> p^(1/T) renormalised, T = 1 + k * small(size), small = 1 at 64 px,
0.5 at 96, 0 from 128 (normal rows untouched). k is fit by log-loss on half of the faces (even rows, then odd
rows) pooled over the dim rows, and applied to the other half (cross-fitted), so every fused figure printed is
on faces the fit never saw. The fused figures pair each voice clip with faces of its class as fused_pairs.py does.

    /usr/bin/python3 training/fusion/face_dim_calibration.py build/fusion/face-pipeline.json \
        [--voice build/fusion/voice-tempered.npz] [--pairs 50] [--seed 0]
"""
import argparse
import json
import os

import numpy as np

from fused_pairs import fuse, paired_voice, pipeline_rows
from voice_calibration import K_GRID, confidence, ece, log_loss, temper_by

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SMALL_FROM, SMALL_TO = 64.0, 128.0  # full tempering at 64 px and under, none from 128 px
FUSED_SETS = ["orig", "pink10", "babble10"]


def small(size):
    return float(np.clip((SMALL_TO - size) / (SMALL_TO - SMALL_FROM), 0.0, 1.0))


def fit_k(dim_rows, labels, faces):
    """The k of least log-loss over the dim rows' found faces among `faces` (a boolean mask of the bench's faces)."""
    def loss(k):
        return sum(log_loss(temper_by(p[m], 1 + k * small(size)), labels[m]) * m.sum()
                   for size, p, found in dim_rows for m in [found & faces])
    return float(min(K_GRID, key=loss))


def print_calibration(rows, labels):
    print("| row | found | right (of found) | mean top probability | mean confidence | ECE | log-loss |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for size, light, p, found in rows:
        q, y = p[found], labels[found]
        print(f"| {size} px, {light} | {100 * found.mean():.1f}% | {100 * np.mean(q.argmax(1) == y):.1f}% | "
              f"{q.max(1).mean():.3f} | {confidence(q).mean():.3f} | {ece(q, y):.3f} | {log_loss(q, y):.3f} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench", help="bench/face_pipeline_accuracy.mjs --probs output")
    ap.add_argument("--voice", default=os.path.join(REPO, "build", "fusion", "voice-tempered.npz"))
    ap.add_argument("--pairs", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    with open(args.bench) as f:
        bench = json.load(f)
    labels = np.array(bench["labels"])
    rows = list(pipeline_rows(bench))
    print_calibration(rows, labels)

    dim_rows = [(size, p, found) for size, light, p, found in rows if light == "dim"]
    halves = [np.arange(len(labels)) % 2 == h for h in (0, 1)]
    ks = [fit_k(dim_rows, labels, halves[1 - h]) for h in (0, 1)]  # k for half h is fit on the other half
    print(f"\nk fit on the odd faces (applied to the even): {ks[0]}; on the even (applied to the odd): {ks[1]}")

    voice = np.load(args.voice)
    print(f"\nFused, {args.pairs} faces per clip (face not found: voice alone), plain -> tempered cross-fitted (gain):")
    print("| row | " + " | ".join(FUSED_SETS) + " |")
    print("|---|" + "---|" * len(FUSED_SETS))
    for size, light, p, found in rows:
        tempered = p.copy()
        if light == "dim":
            for h in (0, 1):
                tempered[halves[h]] = temper_by(p[halves[h]], 1 + ks[h] * small(size))
        cells = []
        for t in FUSED_SETS:
            idx, yy, pv = paired_voice(labels, voice, t, args.pairs, args.seed)
            plain = np.mean(fuse(p[idx], pv, found[idx]).argmax(1) == yy)
            temp = np.mean(fuse(tempered[idx], pv, found[idx]).argmax(1) == yy)
            cells.append(f"{100 * plain:.1f} -> {100 * temp:.1f} ({100 * (temp - plain):+.1f})")
        print(f"| {size} px, {light} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
