#!/usr/bin/python3
"""Per-class prior offsets for the voice ensemble: prediction = argmax(log p + b), probabilities
softmax(log p + b), the same label-shift correction as the app's per-person calibration but one fixed
vector for everybody. They move the border between classes the ensemble confuses (sad against neutral
and calm above all) toward the class it under-reads.

  prior_offsets.py fit OOF.npz [--out FILE.json --what NAME]
                                                   offsets fitted on all clips of an ensemble's out-of-fold
                                                   predictions (ensemble_cv.py's ensemble.oof.npz), and
                                                   the procedure's own nested-CV figures (offsets chosen
                                                   on four folds' actors, scored on the fifth's)
  prior_offsets.py apply FILE.json OOF.npz [--out FILE.json --what NAME]
                                                   fitted offsets scored on another run's out-of-fold
                                                   predictions (another draw of the copies): every test set;
                                                   --out adds the figures to the offsets file under "checks"

The objective is accuracy plus the lowest class recall on the clean clips; the search goes over each class
in turn (3 rounds, -0.6..0.6 in 25 steps), offsets of other classes held.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from voice_data import CLASSES, N_FOLDS, fold_of_actor, parse_name  # noqa: E402

GRID = np.linspace(-0.6, 0.6, 25)
ROUNDS = 3


def shift(probs, offsets):
    """softmax(log p + b) for every row: what the app's voice stage does to a reading (core/label_shift.h)."""
    shifted = np.maximum(probs, 1e-9) * np.exp(np.asarray(offsets))
    return shifted / shifted.sum(1, keepdims=True)


def predict(probs, offsets):
    return (np.log(np.maximum(probs, 1e-9)) + offsets).argmax(1)


def recalls(pred, y):
    return np.array([(pred[y == k] == k).mean() for k in range(len(CLASSES))])


def objective(probs, y, offsets):
    pred = predict(probs, offsets)
    return (pred == y).mean() + recalls(pred, y).min()


def fit(probs, y):
    offsets = np.zeros(len(CLASSES))
    for _ in range(ROUNDS):
        for k in range(len(CLASSES)):
            scores = []
            for g in GRID:
                trial = offsets.copy()
                trial[k] = g
                scores.append(objective(probs, y, trial))
            offsets[k] = GRID[int(np.argmax(scores))]  # the first best: the smallest offset among ties
    return offsets


def load_oof(path):
    z = np.load(path)
    labels, actors = zip(*(parse_name(str(c)) for c in z["clips"]))
    sets = {"orig" if k == "probs" else k[len("probs_"):]: z[k] for k in sorted(z.files) if k.startswith("probs")}
    sets = dict(sorted(sets.items(), key=lambda item: (item[0] != "orig", item[0])))  # clean first
    return sets, np.array(labels), np.array([fold_of_actor(a) for a in actors])


def figures(pred, y, folds):
    """Mean per-fold accuracy (as the CV reports it) and pooled recall per class."""
    accuracy = np.mean([(pred[folds == k] == y[folds == k]).mean() for k in range(N_FOLDS)])
    return {"accuracy": round(float(accuracy), 4),
            "pooled_recall": {c: round(float(r), 4) for c, r in zip(CLASSES, recalls(pred, y))}}


def report(name, plain, offset):
    low = lambda f: min(f["pooled_recall"].values())  # noqa: E731
    print(f"{name:9s} plain {100 * plain['accuracy']:.2f} (lowest recall {100 * low(plain):.1f})"
          f"  with offsets {100 * offset['accuracy']:.2f} (lowest recall {100 * low(offset):.1f})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["fit", "apply"])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--out")
    ap.add_argument("--what", help="what the OOF file is (fit: fitted_on; apply: the check's name in the --out file)")
    a = ap.parse_args()
    if a.command == "fit":
        sets, y, folds = load_oof(a.paths[0])
        offsets = fit(sets["orig"], y)
        nested = {}
        for name, probs in sets.items():
            pred = np.zeros(len(y), int)
            for k in range(N_FOLDS):
                inner = folds != k
                pred[~inner] = predict(probs[~inner], fit(sets["orig"][inner], y[inner]))
            nested[name] = {"plain": figures(probs.argmax(1), y, folds), "offsets": figures(pred, y, folds)}
            report(name, nested[name]["plain"], nested[name]["offsets"])
        print("offsets", dict(zip(CLASSES, offsets.round(3).tolist())))
        if a.out:
            with open(a.out, "w") as f:
                json.dump({"classes": CLASSES, "offsets": offsets.round(4).tolist(), "fitted_on": a.what or a.paths[0],
                           "nested_cv": nested}, f, indent=1)
    else:
        fitted = json.load(open(a.paths[0]))
        offsets = np.array(fitted["offsets"])
        sets, y, folds = load_oof(a.paths[1])
        checked = {}
        for name, probs in sets.items():
            checked[name] = {"plain": figures(probs.argmax(1), y, folds), "offsets": figures(predict(probs, offsets), y, folds)}
            report(name, checked[name]["plain"], checked[name]["offsets"])
        if a.out:  # kept beside the fit: --out the offsets file itself, with --what saying which run this is
            fitted.setdefault("checks", {})[a.what or a.paths[1]] = checked
            with open(a.out, "w") as f:
                json.dump(fitted, f, indent=1)


if __name__ == "__main__":
    main()
