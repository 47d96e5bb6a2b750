#!/usr/bin/python3
"""Does a per-speaker reference of the utterance functionals help a speaker nobody trained on?

A quick probe, not a recipe: a stats-only MLP (171 functionals, one hidden layer), 5-fold CV by actor
on the original clips (build/voice/orig.*, featurize's output), scored per clip on each held-out actor's
56 clips that are not RAVDESS "neutral" (code 01), since those four are what a speaker reference may read.
Each variant subtracts a speaker's reference from all of that speaker's windows (training and held-out
actors alike) and adds back the mean reference of all actors:

  none           no reference (the shipped model's way)
  neutral        the mean of the speaker's four neutral clips: what the app's calibration could record
  pitchneutral   the same, but only the pitch level moves (mean, p10, p90 by the neutral mean pitch)
  all            the mean of ALL the speaker's clips. Not honest: RAVDESS speakers voice every emotion
                 equally often, which a person's session does not; it shows how much of a gain comes from
                 that balance alone

    /usr/bin/python3 training/voice/speaker_reference_probe.py [--seeds 2]
"""
import argparse
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from voice_data import N_FOLDS, RAVDESS_TO_CLASS, FeatureSet, clip_probs, metrics  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
NEUTRAL_CODE = 1
PITCH_LEVEL = ("pitch_st_mean", "pitch_st_p10", "pitch_st_p90")
VARIANTS = ("none", "neutral", "pitchneutral", "all")


def emotion_code(path):
    return int(os.path.basename(path).split("-")[2])


def speaker_references(fs, codes, reference):
    """Per actor: the mean of its speech windows in the clips the reference may read."""
    pick = codes == NEUTRAL_CODE if reference == "neutral" else np.ones(len(codes), bool)
    return {a: fs.stats[(fs.actor == a) & fs.has_speech & pick].mean(0) for a in np.unique(fs.actor)}


def referenced_stats(fs, variant):
    stats = fs.stats.astype(np.float32)
    if variant == "none":
        return stats
    codes = np.array([emotion_code(p) for p in fs.path])
    refs = speaker_references(fs, codes, "all" if variant == "all" else "neutral")
    population = np.mean(list(refs.values()), 0)
    shift = np.stack([refs[a] for a in fs.actor]) - population
    if variant == "pitchneutral":
        names = fs.meta["stats_names"]
        level = shift[:, names.index("pitch_st_mean")].copy()
        shift[:] = 0
        for name in PITCH_LEVEL:
            shift[:, names.index(name)] = level
    return (stats - shift).astype(np.float32)


def train_mlp(x, y, seed, epochs=30):
    mu, sd = x.mean(0), x.std(0) + 1e-4
    torch.manual_seed(seed)
    net = torch.nn.Sequential(torch.nn.Linear(x.shape[1], 256), torch.nn.ReLU(), torch.nn.Dropout(0.3), torch.nn.Linear(256, 7))
    opt = torch.optim.AdamW(net.parameters(), 2e-3, weight_decay=1e-2)
    xt, yt = torch.tensor((x - mu) / sd), torch.tensor(y)
    weight = torch.tensor(len(y) / (7 * np.bincount(y, minlength=7)), dtype=torch.float32)
    for _ in range(epochs):
        order = torch.randperm(len(y))
        for i in range(0, len(y), 128):
            batch = order[i:i + 128]
            opt.zero_grad()
            torch.nn.functional.cross_entropy(net(xt[batch]), yt[batch], weight=weight).backward()
            opt.step()
    net.eval()
    return lambda z: torch.softmax(net(torch.tensor((z - mu) / sd)), 1).detach().numpy()


def cv_accuracy(fs, stats, seed):
    clip_prob = {}
    for fold in range(N_FOLDS):
        train, test = fs.fold != fold, fs.fold == fold
        predict = train_mlp(stats[train], fs.label[train], seed)
        names, probs = clip_probs([c for c, t in zip(fs.clip, test) if t], predict(stats[test]), fs.has_speech[test])
        clip_prob.update(zip(names, probs))
    scored = [n for n in sorted(clip_prob) if emotion_code(n) != NEUTRAL_CODE]
    truth = [RAVDESS_TO_CLASS[emotion_code(n)] for n in scored]
    return metrics(truth, [int(np.argmax(clip_prob[n])) for n in scored])["accuracy"]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--features", default=os.path.join(ROOT, "build", "voice"))
    p.add_argument("--seeds", type=int, default=2)
    args = p.parse_args()
    torch.set_num_threads(1)
    fs = FeatureSet(os.path.join(args.features, "orig"), load_logmel=False)
    for variant in VARIANTS:
        stats = referenced_stats(fs, variant)
        accs = [cv_accuracy(fs, stats, seed) for seed in range(args.seeds)]
        print(f"{variant:13s} accuracy per seed: " + " ".join(f"{100 * a:.1f}" for a in accs)
              + f"  mean {100 * np.mean(accs):.1f}", flush=True)


if __name__ == "__main__":
    main()
