#!/usr/bin/python3
"""Voice emotion training: speaker-independent cross-validation and the final model.

  train.py cv FAMILY [--seeds N]   5-fold CV grouped by actor (4 held-out actors per fold). Trains on
                                  the training actors' original + augmented windows, evaluates on the
                                  held-out actors' ORIGINAL clips only (file-level: mean of speech windows).
                                  Writes training/runs/cv/FAMILY.json (per-fold and mean+-std metrics)
                                  and FAMILY.oof.npz (held-out clip probabilities, for ensembles).
                                  Resumable: finished folds are kept in training/runs/cv/FAMILY.fold*.npz.
  train.py cv FAMILY --first-seed 1  the same with seed 1, stored as FAMILY_s1 (for seed ensembles)
  train.py final FAMILY [--seeds N] trains on all 20 actors and saves training/runs/final/FAMILY.seed*.pt

Features come from build/voice/{orig,aug1,aug2,aug3}.* written by the C++ `featurize` tool.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models import FAMILIES  # noqa: E402
from voice_data import CLASSES, N_FOLDS, FeatureSet, clip_probs, metrics, parse_name  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FEATURES = os.path.join(ROOT, "build", "voice")
RUNS = os.path.join(ROOT, "training", "runs")
SETS = ["orig", "aug1", "aug2", "aug3"]
EPOCHS = {"logreg": 40, "mlp": 40, "cnn": 24, "fusion": 24}
WEIGHT_DECAY = {"logreg": 1e-2, "mlp": 1e-2, "cnn": 5e-2, "fusion": 5e-2}
LR = 3e-3
BATCH = 128


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def load_sets(need_logmel):
    sets = {s: FeatureSet(os.path.join(FEATURES, s), load_logmel=need_logmel) for s in SETS}
    if need_logmel:
        for s in sets.values():
            s.logmel = np.ascontiguousarray(s.logmel)  # into memory once
    return sets


def spec_mask(x, gen):
    """SpecAugment-style masking on a training batch: one band group (<= 6 mels) and one time span
    (<= 30 frames) set to 0, the value of 'no speech'."""
    b, _, m, t = x.shape
    x = x.clone()
    for i in range(b):
        f = int(torch.randint(0, 7, (1,), generator=gen))
        f0 = int(torch.randint(0, m - f + 1, (1,), generator=gen))
        x[i, :, f0:f0 + f] = 0
        w = int(torch.randint(0, 31, (1,), generator=gen))
        t0 = int(torch.randint(0, t - w + 1, (1,), generator=gen))
        x[i, :, :, t0:t0 + w] = 0
    return x


def train_model(family, sets, train_mask_fn, seed):
    """Trains one model on the windows selected by train_mask_fn(set) across all sets."""
    cls = FAMILIES[family]
    parts = [(s, np.nonzero(train_mask_fn(s))[0]) for s in sets.values()]
    stats = np.concatenate([s.stats[i] for s, i in parts]).astype(np.float32)
    labels = np.concatenate([s.label[i] for s, i in parts])
    logmel = (np.concatenate([s.logmel[i] for s, i in parts])[:, None] if cls.uses_logmel else None)
    mean, std = stats.mean(0), stats.std(0) + 1e-4
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    model = cls(mean, std)
    epochs = EPOCHS[family]
    steps = epochs * ((len(labels) + BATCH - 1) // BATCH)
    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=WEIGHT_DECAY[family])
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, LR, total_steps=steps)
    weight = torch.tensor(len(labels) / (7 * np.bincount(labels, minlength=7)), dtype=torch.float32)
    st = torch.from_numpy(stats)
    lm = torch.from_numpy(logmel) if logmel is not None else None
    y = torch.from_numpy(labels)
    dummy = torch.zeros(1, 1, 1, 1)
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(labels), generator=gen)
        total = 0.0
        for i in range(0, len(labels), BATCH):
            b = perm[i:i + BATCH]
            x = spec_mask(lm[b], gen) if lm is not None else dummy
            loss = F.cross_entropy(model(x, st[b]), y[b], weight=weight, label_smoothing=0.1)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss) * len(b)
        if cls.uses_logmel or epoch == epochs - 1:
            log(f"  {family} seed {seed} epoch {epoch + 1}/{epochs} loss {total / len(labels):.4f}")
    model.eval()
    return model


def predict(model, s, idx):
    with torch.no_grad():
        out = []
        for i in range(0, len(idx), 256):
            j = idx[i:i + 256]
            lm = torch.from_numpy(np.ascontiguousarray(s.logmel[j])[:, None]) if model.uses_logmel else torch.zeros(1)
            out.append(torch.softmax(model(lm, torch.from_numpy(s.stats[j])), 1).numpy())
    return np.concatenate(out)


def cv(family, seeds, first_seed=0):
    """CV of FAMILY; with first_seed > 0 results are stored as FAMILY_sN (an independent repetition that
    ensemble_cv.py can average with the others)."""
    name = family if first_seed == 0 else f"{family}_s{first_seed}"
    os.makedirs(os.path.join(RUNS, "cv"), exist_ok=True)
    sets = load_sets(FAMILIES[family].uses_logmel)
    orig = sets["orig"]
    all_clips, all_probs, folds = [], [], []
    for k in range(N_FOLDS):
        path = os.path.join(RUNS, "cv", f"{name}.fold{k}.npz")
        if os.path.exists(path):
            z = np.load(path)
            clips, probs = list(z["clips"]), z["probs"]
            log(f"{family} fold {k}: cached")
        else:
            t = time.time()
            test_idx = np.nonzero(orig.fold == k)[0]
            assert not set(orig.actor[test_idx]) & set(orig.actor[orig.fold != k])
            probs_w = 0
            for seed in range(first_seed, first_seed + seeds):
                model = train_model(family, sets, lambda s: s.fold != k, seed)
                probs_w = probs_w + predict(model, orig, test_idx) / seeds
            clips, probs = clip_probs([orig.clip[i] for i in test_idx], probs_w, orig.has_speech[test_idx])
            np.savez(path, clips=np.array(clips), probs=probs)
            log(f"{family} fold {k}: {time.time() - t:.0f}s")
        y = np.array([parse_name(c)[0] for c in clips])
        m = metrics(y, probs.argmax(1))
        log(f"{family} fold {k} actors {sorted(set(parse_name(c)[1] for c in clips))}: "
            f"acc {m['accuracy']:.3f} uar {m['uar']:.3f} f1 {m['macro_f1']:.3f}")
        folds.append(m)
        all_clips += clips
        all_probs.append(probs)
    summary = summarize(name, folds, all_clips, np.concatenate(all_probs), seeds)
    log(name, json.dumps({k: summary[k] for k in ("accuracy", "uar", "macro_f1")}))


def summarize(name, folds, clips, probs, seeds):
    y = np.array([parse_name(c)[0] for c in clips])
    pooled = metrics(y, probs.argmax(1))
    out = {"family": name, "seeds": seeds, "folds": N_FOLDS, "protocol": "5-fold grouped by actor (actors 1-20)"}
    for key in ("accuracy", "uar", "macro_f1"):
        v = np.array([f[key] for f in folds])
        out[key] = {"mean": round(float(v.mean()), 4), "std": round(float(v.std()), 4),
                    "min": round(float(v.min()), 4), "max": round(float(v.max()), 4),
                    "per_fold": [round(float(x), 4) for x in v]}
    out["pooled_confusion"] = pooled["confusion"].tolist()
    out["classes"] = CLASSES
    with open(os.path.join(RUNS, "cv", f"{name}.json"), "w") as f:
        json.dump(out, f, indent=1)
    np.savez(os.path.join(RUNS, "cv", f"{name}.oof.npz"), clips=np.array(clips), probs=probs)
    return out


def final(family, seeds, first_seed=0):
    os.makedirs(os.path.join(RUNS, "final"), exist_ok=True)
    sets = load_sets(FAMILIES[family].uses_logmel)
    for seed in range(first_seed, first_seed + seeds):
        path = os.path.join(RUNS, "final", f"{family}.seed{seed}.pt")
        if os.path.exists(path):
            continue
        model = train_model(family, sets, lambda s: np.ones(len(s.label), dtype=bool), seed)
        torch.save(model, path)
        log(f"saved {path}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["cv", "final"])
    ap.add_argument("family", choices=sorted(FAMILIES))
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--first-seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(1)
    (cv if a.mode == "cv" else final)(a.family, a.seeds, a.first_seed)


if __name__ == "__main__":
    main()
