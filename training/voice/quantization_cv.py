#!/usr/bin/python3
"""What storing the weights in fewer bits costs on speakers the model never heard: trains one CV fold's
ensemble (the shipped recipe's members), and scores the held-out actors' clips with float32 weights and
with the weights rounded as tools/int8_weights.py stores them (per output channel, symmetric, 2^(b-1)-1
levels each side; other tensors of 64+ values as float16, the z-normalisation kept float32).

  quantization_cv.py FOLD MEMBER [MEMBER ...] --train-sets ... --eval-sets ... [--bits 8,6,5]
      MEMBER: FAMILY:SEED (e.g. fusion:0 fusion:1 cnn:0); writes training/runs/cv/quantization_foldK.json
"""
import argparse
import copy
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train  # noqa: E402
from voice_data import metrics, parse_name  # noqa: E402


def rounded(model, bits):
    """A copy of `model` with the weights rounded as tools/int8_weights.py stores them. It rounds the exported
    graph, where a BatchNorm after a layer is folded into its weights: a per-output-channel factor, which
    per-channel symmetric rounding does not see (round(c w / s_cw) s_cw = c round(w / s_w) s_w), so rounding
    before the fold gives the same weights; only the folded bias's float16 rounding is not modelled."""
    m = copy.deepcopy(model)
    levels = 2 ** (bits - 1) - 1
    with torch.no_grad():
        for name, module in m.named_modules():
            if isinstance(module, (torch.nn.Conv1d, torch.nn.Conv2d, torch.nn.Linear)):
                w = module.weight
                scale = w.abs().reshape(w.shape[0], -1).max(1).values.clamp(min=1e-12) / levels
                shape = (-1,) + (1,) * (w.dim() - 1)
                w.copy_(torch.round(w / scale.reshape(shape)) * scale.reshape(shape))
                if module.bias is not None and module.bias.numel() >= 64:
                    module.bias.copy_(module.bias.half().float())
    return m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("fold", type=int)
    ap.add_argument("members", nargs="+")
    ap.add_argument("--train-sets", default=",".join(train.TRAIN_SETS))
    ap.add_argument("--eval-sets", default="")
    ap.add_argument("--bits", default="8,6,5")
    a = ap.parse_args()
    torch.set_num_threads(1)
    k = a.fold
    sets = train.load_sets(True, a.train_sets.split(","))
    tests = {"orig": sets["orig"]}
    tests.update(train.load_sets(True, [t for t in a.eval_sets.split(",") if t]))
    models = []
    for spec in a.members:
        family, seed = spec.split(":")
        models.append(train.train_model(family, sets, lambda s: s.fold != k, int(seed)))
    out = {"fold": k, "members": a.members, "results": {}}
    for label, variant in [("float32", models)] + [(f"{b} bits", [rounded(m, int(b)) for m in models]) for b in a.bits.split(",")]:
        ensemble = lambda s, idx: sum(train.predict(m, s, idx) for m in variant) / len(variant)  # noqa: E731
        for t, s in tests.items():
            clips, probs = train.held_out_clip_probs(ensemble, s, k)
            y = np.array([parse_name(c)[0] for c in clips])
            acc = metrics(y, probs.argmax(1))["accuracy"]
            out["results"].setdefault(label, {})[t] = {"accuracy": round(acc, 4), "clips": len(clips)}
            train.log(f"fold {k} {label} {t}: {acc:.4f} ({len(clips)} clips)")
    with open(os.path.join(train.RUNS, "cv", f"quantization_fold{k}.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
