#!/usr/bin/python3
"""Cross-validated figures of a probability-averaging ensemble, from the families' held-out (out-of-fold)
predictions in training/runs/cv/FAMILY.oof.npz: each fold's members never saw that fold's actors, so the
average is as speaker-independent as its members.

  ensemble_cv.py FAMILY[:WEIGHT] ...   writes training/runs/cv/ensemble.json
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train import RUNS, summarize  # noqa: E402
from voice_data import N_FOLDS, fold_of_actor, metrics, parse_name  # noqa: E402


def main():
    members = [(a.split(":")[0], float(a.split(":")[1]) if ":" in a else 1.0) for a in sys.argv[1:]]
    total, clips = None, None
    for name, w in members:
        z = np.load(os.path.join(RUNS, "cv", f"{name}.oof.npz"))
        order = np.argsort(z["clips"])
        c, p = z["clips"][order], z["probs"][order]
        if clips is None:
            clips, total = c, w * p
        else:
            assert (clips == c).all()
            total = total + w * p
    probs = total / sum(w for _, w in members)
    folds = []
    for k in range(N_FOLDS):
        m = np.array([fold_of_actor(parse_name(c)[1]) == k for c in clips])
        y = np.array([parse_name(c)[0] for c in clips[m]])
        folds.append(metrics(y, probs[m].argmax(1)))
    out = summarize("ensemble", folds, list(clips), probs, seeds=0)
    out["members"] = [f"{n}:{w}" for n, w in members]
    import json
    with open(os.path.join(RUNS, "cv", "ensemble.json"), "w") as f:
        json.dump(out, f, indent=1)
    print({k: out[k]["mean"] for k in ("accuracy", "uar", "macro_f1")}, {k: out[k]["std"] for k in ("accuracy", "uar", "macro_f1")})


if __name__ == "__main__":
    main()
