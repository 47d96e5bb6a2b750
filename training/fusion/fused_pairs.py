#!/usr/bin/python3
"""How often the fused emotion is right when face and voice are both live: each voice clip's out-of-fold
probabilities (plain, and tempered by its speech-to-noise level: voice_calibration.py) mixed as the app's
MoodFusion mixes them (each modality weighted by confidence_from_probs of its reading) with the shipped face
model's probabilities on R PublicTest faces of the same class (face_probs.py). Nobody was both filmed and
recorded here, so the pairs assume that face and voice err independently given the emotion: the figures
compare fusion rules, they are not what a person in front of the app gets.

--face-pipeline FILE takes the faces from bench/face_pipeline_accuracy.mjs --probs instead: the bench's
PublicTest faces as its crops and as the app's pipeline read them at each face size, in normal and dim light.
A face the pipeline did not find gives no reading, so that pair is the voice alone (the app's fusion then has
only the voice); face alone counts it wrong, as the bench does.

    /usr/bin/python3 training/fusion/fused_pairs.py [--pairs 50] [--face-pipeline build/fusion/face-pipeline.json]
"""
import argparse
import json
import os

import numpy as np

from voice_calibration import confidence

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MIN_WEIGHT = 1e-3  # core/fusion.cpp kMinReadingWeight
SET_ORDER = ["orig", "pink20", "pink10", "pink5", "room15", "babble10"]  # clean, then noisier; others after


def fuse(face, voice, found=None):
    """MoodFusion's mix; where found is False the face has no reading and the voice stands alone."""
    wf = np.maximum(confidence(face), MIN_WEIGHT)[:, None]
    if found is not None:
        wf = np.where(found[:, None], wf, 0.0)
    wv = np.maximum(confidence(voice), MIN_WEIGHT)[:, None]
    return (wf * face + wv * voice) / (wf + wv)


def pair_faces(face_labels, voice_labels, pairs, seed):
    """[n_voice, pairs] indices of faces with each voice clip's class, drawn with a fixed seed."""
    rng = np.random.default_rng(seed)
    by_class = {c: np.flatnonzero(face_labels == c) for c in np.unique(voice_labels)}
    return np.stack([rng.choice(by_class[c], pairs) for c in voice_labels])


def pipeline_rows(bench):
    """(size, light, probs [n, 7], found [n]) for each of the bench output's rows of the app's pipeline (a face not
    found: zeros, which fuse() gives no weight)."""
    n_classes = len(bench["classes"])
    for row in bench["rows"]:
        if row["pipeline"] != "after":
            continue
        found = np.array([p is not None for p in row["probs"]])
        probs = np.array([p if p is not None else [0.0] * n_classes for p in row["probs"]], dtype=np.float32)
        yield row["size"], row["light"], probs, found


def pipeline_sources(bench):
    """(name, probs [n, 7], found [n]) for the bench output's crops and each of its rows of the app's pipeline."""
    crop = np.array(bench["crop"], dtype=np.float32)
    yield "crops (no detection)", crop, np.ones(len(crop), dtype=bool)
    for size, light, probs, found in pipeline_rows(bench):
        yield f"{size} px, {light} light", probs, found


def paired_voice(face_labels, voice, t, pairs, seed):
    """For voice set t: the paired faces' indices, the pairs' labels and the voice probabilities, one row per pair."""
    y = voice[f"labels_{t}"]
    idx = pair_faces(face_labels, y, pairs, seed).ravel()
    return idx, np.repeat(y, pairs), np.repeat(voice[f"plain_{t}"], pairs, axis=0)


def print_pipeline_table(path, voice, sets, pairs, seed):
    """Face alone / fused for each face source (rows) and voice set (columns)."""
    with open(path) as f:
        bench = json.load(f)
    labels = np.array(bench["labels"])
    print(f"{pairs} of the bench's {len(labels)} faces per clip, face alone / fused (a face not found: voice alone)")
    print("| faces | " + " | ".join(sets) + " |")
    print("|---|" + "---:|" * len(sets))
    print("| voice alone | " + " | ".join(f"{100 * np.mean(voice[f'plain_{t}'].argmax(1) == voice[f'labels_{t}']):.1f}"
                                        for t in sets) + " |")
    for name, probs, found in pipeline_sources(bench):
        cells = []
        for t in sets:
            idx, yy, pv = paired_voice(labels, voice, t, pairs, seed)
            face_right = np.mean(found[idx] & (probs[idx].argmax(1) == yy))
            fused_right = np.mean(fuse(probs[idx], pv, found[idx]).argmax(1) == yy)
            cells.append(f"{100 * face_right:.1f} / {100 * fused_right:.1f}")
        print(f"| {name} | " + " | ".join(cells) + " |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--face", default=os.path.join(REPO, "build", "fusion", "face-publictest.npz"))
    ap.add_argument("--voice", default=os.path.join(REPO, "build", "fusion", "voice-tempered.npz"))
    ap.add_argument("--pairs", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--face-pipeline", help="bench/face_pipeline_accuracy.mjs --probs output")
    args = ap.parse_args()

    voice = np.load(args.voice)
    sets = sorted((k[len("labels_"):] for k in voice.files if k.startswith("labels_")),
                  key=lambda t: (SET_ORDER.index(t) if t in SET_ORDER else len(SET_ORDER), t))
    if args.face_pipeline:
        print_pipeline_table(args.face_pipeline, voice, sets, args.pairs, args.seed)
        return
    face = np.load(args.face)
    print(f"{args.pairs} faces per clip; accuracy of the label: face alone / voice alone / fused plain / fused tempered"
          " (gain); mean voice weight plain / tempered")
    for t in sets:
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
