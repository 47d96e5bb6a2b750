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
from train import RUNS, cached_kernels, cached_setting, summarize  # noqa: E402
from voice_data import N_FOLDS, fold_of_actor, metrics, parse_name, probs_key, stored_test_sets  # noqa: E402


def main():
    members = [(a.split(":")[0], float(a.split(":")[1]) if ":" in a else 1.0) for a in sys.argv[1:]]
    loaded = [(np.load(os.path.join(RUNS, "cv", f"{name}.oof.npz")), w) for name, w in members]
    # Test sets: the clean clips ("orig"), and every noisy test set that all members were scored on.
    tests = set.intersection(*(stored_test_sets(z.files) for z, _ in loaded))
    # Members scored on features of different extractor settings do not average into one recipe.
    settings = [cached_setting(z) for z, _ in loaded]
    if len(set(settings)) > 1:
        raise SystemExit(f"members featurized with different extractor settings: {dict(zip((n for n, _ in members), settings))}")
    vad = float(loaded[0][0]["vad_snr_db"]) if "vad_snr_db" in loaded[0][0].files else np.nan
    totals, clips = {}, None
    for z, w in loaded:
        order = np.argsort(z["clips"])
        if clips is None:
            clips = z["clips"][order]
        assert (clips == z["clips"][order]).all()
        for t in tests:
            totals[t] = totals.get(t, 0) + w * z[probs_key(t)][order]
    probs = {t: p / sum(w for _, w in members) for t, p in totals.items()}
    folds = {t: [] for t in sorted(tests, key=lambda t: (t != "orig", t))}  # clean first, then by name
    for k in range(N_FOLDS):
        m = np.array([fold_of_actor(parse_name(c)[1]) == k for c in clips])
        y = np.array([parse_name(c)[0] for c in clips[m]])
        for t in folds:
            folds[t].append(metrics(y, probs[t][m].argmax(1)))
    # Members trained with other CPU kernels still average (each one's figures stand); the file says so.
    kernels = " + ".join(sorted({cached_kernels(z) for z, _ in loaded}))
    out = summarize("ensemble", folds, list(clips), probs, seeds=0, vad_snr_db=vad, setting=settings[0], kernels=kernels)
    out["members"] = [f"{n}:{w}" for n, w in members]
    import json
    with open(os.path.join(RUNS, "cv", "ensemble.json"), "w") as f:
        json.dump(out, f, indent=1)
    print({k: out[k]["mean"] for k in ("accuracy", "uar", "macro_f1")}, {k: out[k]["std"] for k in ("accuracy", "uar", "macro_f1")})
    print("recall", out["pooled_recall"])
    for t, e in out["eval_sets"].items():
        print(t, {k: e[k]["mean"] for k in ("accuracy", "uar")}, "recall", e["pooled_recall"])


if __name__ == "__main__":
    main()
