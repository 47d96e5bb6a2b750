#!/usr/bin/python3
"""How often the fused emotion is right when face and voice are both live: each voice clip's out-of-fold
probabilities (plain, and tempered by its speech-to-noise level: voice_calibration.py) mixed as the app's
MoodFusion mixes them (each modality weighted by confidence_from_probs of its reading) with the shipped face
model's probabilities on R PublicTest faces of the same class (face_probs.py). Nobody was both filmed and
recorded here, so the pairs assume that face and voice err independently given the emotion: the figures
compare fusion rules, they are not what a person in front of the app gets.

    /usr/bin/python3 training/fusion/fused_pairs.py [--pairs 50]
"""
import argparse
import os

import numpy as np

from voice_calibration import confidence

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MIN_WEIGHT = 1e-3  # core/fusion.cpp kMinReadingWeight


def fuse(face, voice):
    wf = np.maximum(confidence(face), MIN_WEIGHT)[:, None]
    wv = np.maximum(confidence(voice), MIN_WEIGHT)[:, None]
    return (wf * face + wv * voice) / (wf + wv)


def pair_faces(face_labels, voice_labels, pairs, seed):
    """[n_voice, pairs] indices of faces with each voice clip's class, drawn with a fixed seed."""
    rng = np.random.default_rng(seed)
    by_class = {c: np.flatnonzero(face_labels == c) for c in np.unique(voice_labels)}
    return np.stack([rng.choice(by_class[c], pairs) for c in voice_labels])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--face", default=os.path.join(REPO, "build", "fusion", "face-publictest.npz"))
    ap.add_argument("--voice", default=os.path.join(REPO, "build", "fusion", "voice-tempered.npz"))
    ap.add_argument("--pairs", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    face, voice = np.load(args.face), np.load(args.voice)
    sets = [k[len("labels_"):] for k in voice.files if k.startswith("labels_")]
    print(f"{args.pairs} faces per clip; accuracy of the label: face alone / voice alone / fused plain / fused tempered"
          " (gain); mean voice weight plain / tempered")
    for t in sorted(sets, key=lambda t: (t != "orig", t)):
        y = voice[f"labels_{t}"]
        idx = pair_faces(face["labels"], y, args.pairs, args.seed)
        pf = face["probs"][idx.ravel()]
        yy = np.repeat(y, args.pairs)
        row = {}
        for name in ("plain", "tempered"):
            pv = np.repeat(voice[f"{name}_{t}"], args.pairs, axis=0)
            row[name] = np.mean(fuse(pf, pv).argmax(1) == yy)
            wf, wv = confidence(pf), confidence(pv)
            row[name + "_w"] = np.mean(wv / np.maximum(wf + wv, 1e-9))
        print(f"{t:9} | {np.mean(pf.argmax(1) == yy):.4f} / {np.mean(voice[f'plain_{t}'].argmax(1) == y):.4f}"
              f" / {row['plain']:.4f} / {row['tempered']:.4f} ({100 * (row['tempered'] - row['plain']):+.2f})"
              f" | {row['plain_w']:.3f} / {row['tempered_w']:.3f}")


if __name__ == "__main__":
    main()
