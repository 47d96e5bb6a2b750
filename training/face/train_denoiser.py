#!/usr/bin/python3
"""Train a crop denoiser (denoiser.py) for dim frames with the face classifier frozen.

The denoiser sees the app pipeline's crops of Training faces in dim frames (make_pipeline_crops.mjs
--variant 3 and its -light.npy) and learns whatever makes the frozen classifier read them best: the loss is
the classifier's own (class-weighted cross-entropy with label smoothing, plus distillation from the face's
plain-crop teacher targets, as train.py), and only the denoiser's weights move.

    # screen: a classifier that never saw the holdout, validated on the holdout's dim crops
    /usr/bin/python3 training/face/train_denoiser.py --classifier training/face/students/g42.pt \
        --teacher-probs build/face-teacher/ensemble-6-v3.npz --holdout-from-train 0.1 --run build/denoise/w8
    # for the app: the shipped classifier, all of Training (validated on PublicTest's dim crops; chooses nothing)
    /usr/bin/python3 training/face/train_denoiser.py --classifier build/face-runs/ft2ship.pt \
        --teacher-probs build/face-teacher/ensemble-6-v3.npz --run build/denoise/ship

Each epoch logs the classifier's accuracy (flip TTA) on the validation dim crops without and with the
denoiser, overall and for small (<= 72 px) and larger faces, and writes <run>/last.pt.
"""
import argparse
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import find_data_root, holdout_split, load_pipeline_crops, load_pipeline_light, load_split  # noqa: E402
from denoiser import CropDenoiser  # noqa: E402
from model import count_macs  # noqa: E402
from train import (REPO, class_weights, evaluate, load_teachers, log_line, normalise,  # noqa: E402
                   read_teacher_probs)

SMALL_FACE_PX = 72


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--classifier", required=True, help="train.py checkpoint (or a kept .pt) held frozen")
    p.add_argument("--teacher-probs", required=True, help="teacher_probs.py targets with plain targets (its 'plain')")
    p.add_argument("--holdout-from-train", type=float, default=0.0, metavar="FRACTION")
    p.add_argument("--variant", type=int, default=3, help="pipeline crops variant (needs its -light.npy)")
    p.add_argument("--width", type=int, default=8)
    p.add_argument("--mids", type=int, default=2)
    p.add_argument("--no-pointwise", action="store_true")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--distill-alpha", type=float, default=0.5)
    p.add_argument("--label-smoothing", type=float, default=0.1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--data", default=None)
    p.add_argument("--cache", default=os.path.join(REPO, "build", "cache"))
    p.add_argument("--run", required=True)
    p.add_argument("--log", default=None, help="default <run>/train.log")
    return p.parse_args()


def dim_rows(cache, split, variant):
    """(crops uint8 [N,48,48], row indices, face sizes) of a split's pipeline crops from dim frames whose face
    the pipeline found."""
    crops, found = load_pipeline_crops(cache, split, variant)
    light = load_pipeline_light(cache, split, variant)
    if len(light) != len(crops):
        raise SystemExit(f"-light.npy of {split} v{variant} has {len(light)} rows for {len(crops)} crops")
    rows = np.flatnonzero(found & (light[:, 0] == 1))
    return crops, rows, light[:, 1].astype(np.int64)


def by_size(right, sizes):
    """Share of `right` (bool per crop) overall and for small (<= SMALL_FACE_PX) and larger faces."""
    small = sizes <= SMALL_FACE_PX
    return dict(all=float(right.mean()), small=float(right[small].mean()), large=float(right[~small].mean()))


def frozen_tta_right(classifier, x, y):
    """Whether the frozen classifier's flip-TTA reading of each crop (levels 0..255) is right."""
    return evaluate(classifier, x, y, "cpu")[1].argmax(1).numpy() == y


@torch.no_grad()
def denoised_accuracy(classifier, denoiser, x_u8, y, sizes):
    """The frozen classifier's flip-TTA accuracy on the crops denoised, overall and by face size."""
    denoiser.eval()
    levels = torch.cat([255.0 * denoiser(torch.from_numpy(x_u8[i:i + 512]).float().unsqueeze(1) / 255.0)
                        for i in range(0, len(y), 512)]).squeeze(1)
    denoiser.train()
    return by_size(frozen_tta_right(classifier, levels, y), sizes)


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.run, exist_ok=True)
    log = args.log or os.path.join(args.run, "train.log")
    data_root = find_data_root(args.data, REPO)

    y_all = load_split(data_root, "train", args.cache)[1]
    crops, rows, sizes = dim_rows(args.cache, "train", args.variant)
    stored, meta = read_teacher_probs(args.teacher_probs, y_all, args.holdout_from_train)
    temperature, soft = meta["temperature"], stored["plain"]

    classifier = load_teachers([args.classifier], "cpu", args.holdout_from_train)[0]
    for prm in classifier.parameters():
        prm.requires_grad_(False)
    if args.holdout_from_train:
        train_idx, hold_idx = holdout_split(y_all, args.holdout_from_train)
        train_rows = np.intersect1d(rows, train_idx)
        val_rows = np.intersect1d(rows, hold_idx)
        val_x, val_y, val_sizes, val_name = crops[val_rows], y_all[val_rows], sizes[val_rows], "holdout"
    else:  # all of Training; the log's figures on PublicTest's dim crops choose nothing
        train_rows = rows
        val_crops, val_idx, val_all_sizes = dim_rows(args.cache, "val", args.variant)
        y_val = load_split(data_root, "val", args.cache)[1]
        val_x, val_y, val_sizes, val_name = val_crops[val_idx], y_val[val_idx], val_all_sizes[val_idx], "publictest"

    x_t = torch.from_numpy(crops[train_rows])
    y_t = torch.from_numpy(y_all[train_rows]).long()
    soft_t = torch.from_numpy(soft[train_rows]).float()
    weights = class_weights(y_all[train_rows])

    denoiser = CropDenoiser(args.width, args.mids, not args.no_pointwise)
    macs = count_macs(denoiser)
    opt = torch.optim.Adam(denoiser.parameters(), lr=args.lr)
    steps = args.epochs * ((len(y_t) + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps, pct_start=0.1)
    gen = torch.Generator().manual_seed(args.seed)
    log_line(log, f"train_denoiser {vars(args)} train_rows={len(y_t)} {val_name}_rows={len(val_y)} "
             f"denoiser={denoiser.config} params={sum(p.numel() for p in denoiser.parameters())} macs={macs}")

    # The classifier is frozen: its reading of the crops as they are is measured once.
    raw = by_size(frozen_tta_right(classifier, torch.from_numpy(val_x), val_y), val_sizes)

    def validate():
        acc = {"raw": raw, "denoised": denoised_accuracy(classifier, denoiser, val_x, val_y, val_sizes)}
        return " ".join(f"{name}=" + "/".join(f"{v:.4f}" for v in parts.values()) for name, parts in acc.items())

    log_line(log, f"epoch 0 {val_name} acc_flip_tta (all/small/large): {validate()}")
    for epoch in range(args.epochs):
        t0, total, seen_n = time.time(), 0.0, 0
        order = torch.randperm(len(y_t), generator=gen)
        for i in range(0, len(y_t), args.batch):
            idx = order[i:i + args.batch]
            x01 = x_t[idx].float().unsqueeze(1) / 255.0
            flip = torch.rand(len(idx), generator=gen) < 0.5
            x01 = torch.where(flip[:, None, None, None], x01.flip(3), x01)
            logits = classifier(normalise(denoiser(x01)))
            y = y_t[idx]
            y_soft = F.one_hot(y, 7).float() * (1 - args.label_smoothing) + args.label_smoothing / 7
            sample_w = weights[y]
            ce = (sample_w * -(y_soft * F.log_softmax(logits, 1)).sum(1)).sum() / sample_w.sum()
            kd = F.kl_div(F.log_softmax(logits / temperature, 1), soft_t[idx], reduction="batchmean")
            loss = (1 - args.distill_alpha) * ce + args.distill_alpha * temperature ** 2 * kd
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
            seen_n += len(idx)
        torch.save({"denoiser": denoiser.state_dict(), "config": denoiser.config, "args": vars(args), "epoch": epoch + 1,
                    "macs": macs}, os.path.join(args.run, "last.pt.tmp"))
        os.replace(os.path.join(args.run, "last.pt.tmp"), os.path.join(args.run, "last.pt"))
        log_line(log, f"epoch {epoch + 1}/{args.epochs} loss={total / seen_n:.4f} {time.time() - t0:.0f}s "
                 f"{val_name} acc_flip_tta (all/small/large): {validate()}")


if __name__ == "__main__":
    main()
