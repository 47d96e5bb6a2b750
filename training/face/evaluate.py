#!/usr/bin/python3
"""Accuracy (plain and with flip TTA) of train.py checkpoints and of their probability-averaged ensemble.

    # pick students: on the holdout carved from Training (PublicTest untouched)
    /usr/bin/python3 training/face/evaluate.py build/face-runs/s*/last.pt --split holdout --holdout-from-train 0.1
    # the same faces as the app's pipeline cut them (make_pipeline_crops.mjs; the faces it found)
    /usr/bin/python3 training/face/evaluate.py build/face-runs/s*/last.pt --split holdout --holdout-from-train 0.1 \
        --pipeline-crops 2
    # the final measurement
    /usr/bin/python3 training/face/evaluate.py build/face-runs/student/last.pt --split publictest

The holdout is data.holdout_split's (seed 2013, stratified), the one train.py --holdout-from-train leaves out.
A checkpoint that trained on some of these images (trained without a holdout, or with a smaller one) is refused.
"""
import argparse
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import CLASSES, find_data_root, load_holdout, load_pipeline_crops, load_pipeline_crops_split, load_split  # noqa: E402
from model import count_macs  # noqa: E402
from train import REPO, accuracy_recall, evaluate, load_teachers  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("checkpoints", nargs="+")
    p.add_argument("--split", choices=["holdout", "publictest"], required=True)
    p.add_argument("--holdout-from-train", type=float, default=0.0, metavar="FRACTION",
                   help="with --split holdout: the fraction the checkpoints were trained with")
    p.add_argument("--data", default=None)
    p.add_argument("--cache", default=os.path.join(REPO, "build", "cache"))
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--pipeline-crops", type=int, default=0, metavar="VARIANT",
                   help="read the split's faces as the app's pipeline cut them (those it found) instead of the plain crops")
    args = p.parse_args()
    torch.set_num_threads(args.threads)

    data_root = find_data_root(args.data, REPO)
    if args.split == "holdout":
        if not 0 < args.holdout_from_train < 1:
            raise SystemExit("--split holdout needs --holdout-from-train FRACTION (0 < FRACTION < 1)")
        _, (x, y), holdout_id = load_holdout(data_root, args.cache, args.holdout_from_train)
        if args.pipeline_crops:  # the holdout's rows of them, in the same order as y
            y_all = load_split(data_root, "train", args.cache)[1]
            _, (px, found) = load_pipeline_crops_split(args.cache, y_all, args.holdout_from_train, args.pipeline_crops)
            x, y = px[found], y[found]
        print(f"holdout {args.holdout_from_train:g} of Training: n={len(y)} sha1={holdout_id}"
              + (f" (pipeline crops v{args.pipeline_crops}, the faces found)" if args.pipeline_crops else ""))
        for path in args.checkpoints:
            trained = torch.load(path, map_location="cpu")["args"].get("holdout_from_train", 0.0)
            if trained < args.holdout_from_train:  # holdout(F) is a subset of holdout(F') for F <= F'
                raise SystemExit(f"{path} was trained with --holdout-from-train {trained:g}: "
                                 "it has seen some of these images")
    else:
        x, y = load_split(data_root, "val", args.cache)
        if args.pipeline_crops:
            px, found = load_pipeline_crops(args.cache, "val", args.pipeline_crops)
            x, y = px[found], y[found]
        print(f"PublicTest: n={len(y)}" + (f" (pipeline crops v{args.pipeline_crops}, the faces found)" if args.pipeline_crops else ""))
    x = torch.from_numpy(x)

    def report(name, p_plain, p_tta):
        acc_tta, recall = accuracy_recall(p_tta, y)
        print(f"{name}: acc={accuracy_recall(p_plain, y)[0]:.4f} acc_flip_tta={acc_tta:.4f} "
              f"recall_tta={dict(zip(CLASSES, np.round(recall, 3).tolist()))}")

    nets = load_teachers(args.checkpoints, torch.device("cpu"))
    sum_plain, sum_tta = 0, 0
    for path, net in zip(args.checkpoints, nets):
        p_plain, p_tta = evaluate(net, x, y, torch.device("cpu"))
        sum_plain, sum_tta = sum_plain + p_plain, sum_tta + p_tta
        report(f"{path} ({count_macs(net) / 1e6:.1f} M MACs)", p_plain, p_tta)
    if len(nets) > 1:
        report(f"ensemble of {len(nets)} (probabilities averaged)", sum_plain / len(nets), sum_tta / len(nets))


if __name__ == "__main__":
    main()
