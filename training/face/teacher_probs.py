#!/usr/bin/python3
"""The ensemble teacher's soft targets for every Training image, computed once (offline distillation).

    teacher_probs.py training/face/teachers/*.pt --pipeline-crops 2 --out build/face-teacher/ensemble.npz

For each Training row: the teachers' probabilities at temperature T, averaged over the teachers and over a
horizontal flip, for the plain crop and (with --pipeline-crops) for the pipeline's crop where it found the
face. `train.py --teacher-probs FILE` then distills from these rows. On two CPU cores this is what makes a
large teacher affordable: `--teacher` runs every teacher on every batch (four teachers more than double an
epoch), while these targets cost one pass of each teacher, a few minutes, for the whole run. What is lost:
the targets belong to the unaugmented image, not the shifted, rotated or mixed one the student sees
(train.py mixes them with the same weights as the images).

With --pipeline-targets plain the pipeline's crop of a face is given the targets of its plain crop: the
teachers read the clean face (s31w+s33+p32 read plain crops 4 points better than the pipeline's, the GPU
teachers 5.4) and the student learns to read that from the app's crop. This needs only the pipeline's
found-flags, not its crops, which is what lets it run on a device machine that the crops do not fit on.
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import check_pipeline_rows, find_data_root, holdout_split, load_pipeline_crops, load_pipeline_found, load_split  # noqa: E402
from train import REPO, accuracy_recall, evaluate, load_teachers  # noqa: E402


def tempered_probs(teachers, x_u8, temperature, device):
    """softmax(logits / T), averaged over the teachers and over the image and its mirror: [N, classes]."""
    x = torch.from_numpy(x_u8)
    flip_averaged = [evaluate(t, x, None, device, temperature=temperature)[1] for t in teachers]
    return torch.stack(flip_averaged).mean(0).numpy().astype(np.float32)


def file_sha1(path):
    with open(path, "rb") as f:
        return hashlib.sha1(f.read()).hexdigest()[:12]


def holdout_accuracy(plain, y, fraction):
    """The targets' accuracy on the Training holdout that none of the teachers trained on (rounded)."""
    _, hold = holdout_split(y, fraction)
    return round(accuracy_recall(torch.from_numpy(plain[hold]), y[hold])[0], 4)


def common_holdout(paths):
    """The Training holdout fraction the teachers all left unseen (they must agree)."""
    fractions = {torch.load(p, map_location="cpu")["args"].get("holdout_from_train", 0.0) for p in paths}
    if len(fractions) != 1:
        raise SystemExit(f"the teachers trained with different holdouts {sorted(fractions)}: one ensemble needs one")
    return fractions.pop()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("teachers", nargs="+", help="checkpoints or kept students (training/face/teachers/*.pt)")
    p.add_argument("--out", required=True, help="the .npz to write (build/, not committed)")
    p.add_argument("--temperature", type=float, default=3.0)
    p.add_argument("--pipeline-crops", type=int, default=0, metavar="VARIANT",
                   help="also the targets of the pipeline's crops (make_pipeline_crops.mjs --variant)")
    p.add_argument("--pipeline-targets", choices=["own", "plain"], default="own",
                   help="own: the teachers read the pipeline's crop; plain: it gets its plain crop's targets")
    p.add_argument("--cache", default=os.path.join(REPO, "build", "cache"))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)

    fraction = common_holdout(args.teachers)
    teachers = load_teachers(args.teachers, device)
    x, y = load_split(find_data_root(None, REPO), "train", args.cache)
    plain = tempered_probs(teachers, x, args.temperature, device)
    arrays = {"plain": plain}
    if args.pipeline_crops:
        found = load_pipeline_found(args.cache, "train", args.pipeline_crops)
        check_pipeline_rows(len(found), len(y))
        pipeline = plain.copy()  # a face the pipeline missed is never given as a pipeline crop
        if args.pipeline_targets == "own":
            px, _ = load_pipeline_crops(args.cache, "train", args.pipeline_crops)
            pipeline[found] = tempered_probs(teachers, px[found], args.temperature, device)
        arrays.update(pipeline=pipeline, pipeline_found=found)

    # Teachers named by path: the checkpoints of train.py runs are all called last.pt.
    meta = {"teachers": {t: file_sha1(t) for t in args.teachers}, "temperature": args.temperature,
            "pipeline_crops": args.pipeline_crops, "rows": int(len(y)), "teachers_holdout_from_train": fraction}
    if args.pipeline_crops:
        meta["pipeline_targets"] = args.pipeline_targets
    if fraction:
        meta["holdout_acc_flip_tta"] = holdout_accuracy(plain, y, fraction)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    np.savez(args.out, meta=json.dumps(meta), **arrays)
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
