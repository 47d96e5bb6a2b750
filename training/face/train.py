#!/usr/bin/python3
"""Train the face-expression CNN on FER2013 `train/`; PublicTest (`val/`) is used for validation only,
or, with --holdout-from-train F, not at all (a stratified fraction F of `train/` is the validation set).

    /usr/bin/python3 training/face/train.py --preset cpu --epochs 60 --run build/face-runs/cpu

Resumable: every epoch writes <run>/last.pt; `--resume` continues from it with the stored arguments.
See training/face/README.md for the presets and the exact command behind models/face_emotion.onnx.
"""
import argparse
import contextlib
import json
import math
import os
import sys
import time
from dataclasses import dataclass
from typing import Optional

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import cpu_kernels  # noqa: E402
from augment import augment, mix  # noqa: E402
from data import (CLASSES, find_data_root, holdout_split, load_holdout, load_pipeline_crops,  # noqa: E402
                  load_pipeline_crops_split, load_split)
from model import MEAN, STD, FaceNet, count_macs  # noqa: E402

CL = torch.channels_last
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

PRESETS = {
    # One CPU core, ~2 h: stride-2 stem (19.5 M MACs per crop).
    "cpu": dict(widths=[16, 32, 64, 128], stem_stride=2, epochs=60, batch=128, lr=0.1, mixup=0.0,
                cutmix=0.0, threads=1),
    # A GPU session: stride-1 stem (78 M MACs), longer schedule, mixup/cutmix.
    "gpu": dict(widths=[16, 32, 64, 128], stem_stride=1, epochs=150, batch=128, lr=0.1, mixup=0.2,
                cutmix=1.0, threads=0),
}


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--preset", choices=sorted(PRESETS), default="cpu")
    p.add_argument("--run", default=os.path.join(REPO, "build", "face-runs", "default"),
                   help="folder for checkpoints (ignored by git)")
    p.add_argument("--log", default=os.path.join(REPO, "build", "face-train.log"))
    p.add_argument("--data", default=None, help="folder with train/ and val/ (default build/data/fer2013)")
    p.add_argument("--cache", default=os.path.join(REPO, "build", "cache"))
    p.add_argument("--resume", action="store_true", help="continue <run>/last.pt with its stored arguments")
    p.add_argument("--epochs", type=int, help="epochs of the schedule (with --time-budget: the most epochs)")
    p.add_argument("--time-budget", type=float, default=0,
                   help="minutes of wall time: the one-cycle schedule is re-planned every epoch (see replan) so that "
                        "training ends within the budget on a machine of unknown (or shared) speed")
    p.add_argument("--batch", type=int)
    p.add_argument("--lr", type=float, help="peak learning rate of the one-cycle schedule")
    p.add_argument("--widths", type=int, nargs=4)
    p.add_argument("--stem-stride", type=int, choices=[1, 2])
    p.add_argument("--squeeze-excite", action="store_true", help="squeeze-and-excitation gates in every block")
    p.add_argument("--head", choices=["pool", "flatten"], default="pool",
                   help="the last stage's map averaged (pool) or fed whole (flatten) to the linear layer")
    p.add_argument("--mixup", type=float, help="mixup Beta alpha (0 = off)")
    p.add_argument("--cutmix", type=float, help="cutmix Beta alpha (0 = off)")
    p.add_argument("--threads", type=int, help="torch threads (0 = torch default)")
    p.add_argument("--weight-decay", type=float, default=5e-4)
    p.add_argument("--label-smoothing", type=float, default=0.1)
    p.add_argument("--dropout", type=float, default=0.3)
    p.add_argument("--init", default=None,
                   help="start from this checkpoint's weights (a warm restart: fresh optimizer and schedule)")
    p.add_argument("--teacher", nargs="*", default=[],
                   help="checkpoints (.pt from this script) whose averaged softened outputs are distilled")
    p.add_argument("--teacher-probs", default=None,
                   help="distill from soft targets computed once by teacher_probs.py (its temperature is used); "
                        "with --teacher too, the two sources' targets are averaged with equal weight")
    p.add_argument("--distill-alpha", type=float, default=0.5)
    p.add_argument("--distill-temp", type=float, default=3.0)
    p.add_argument("--limit", type=int, default=0, help="use only the first N shuffled training images (smoke test)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--holdout-from-train", type=float, default=0.0, metavar="FRACTION",
                   help="train on the rest of Training and validate on this stratified fraction of it (the same "
                        "images for every seed: data.holdout_split); PublicTest is then not evaluated at all")
    p.add_argument("--pipeline-crops", type=int, default=0, metavar="VARIANT",
                   help="also train on the app pipeline's crops of the same images (make_pipeline_crops.mjs "
                        "--variant VARIANT), and report validation accuracy on them")
    p.add_argument("--pipeline-share", type=float, default=0.5,
                   help="with --pipeline-crops: the chance that a training image is given as the pipeline's crop")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--amp", action="store_true",
                   help="CUDA only: the training forward pass in bfloat16 autocast (loss and validation in float32)")
    args = p.parse_args(argv)
    for key, value in PRESETS[args.preset].items():
        if getattr(args, key.replace("-", "_"), None) is None:
            setattr(args, key, value)
    return args


def one_cycle_lr(peak, progress, warmup=0.15, start_div=20.0, end_div=4000.0):
    """One-cycle: cosine rise from peak/start_div to peak over `warmup`, then cosine decay to peak/end_div."""
    progress = min(max(progress, 0.0), 1.0)
    if progress < warmup:
        low, t = peak / start_div, 1 - progress / warmup
    else:
        low, t = peak / end_div, (progress - warmup) / (1 - warmup)
    return low + (peak - low) * (1 + math.cos(math.pi * t)) / 2


def replan(planned, epoch, max_epochs, seconds_left, durations):
    """Epochs of the schedule so that it ends within `seconds_left`, at the pace of the last 3 epochs.

    Past the middle of the schedule the plan only shrinks: the learning rate then keeps falling even
    when the machine speeds up (a shared machine's speed swings from epoch to epoch).
    """
    pace = sum(durations[-3:]) / len(durations[-3:])
    new_plan = min(max_epochs, epoch + max(1, int(seconds_left / pace)))
    if epoch / planned > 0.5:
        new_plan = min(new_plan, planned)
    return max(epoch + 1, new_plan)


def class_weights(labels):
    """sqrt-inverse-frequency weights, normalised to mean 1 over the samples."""
    counts = np.bincount(labels, minlength=len(CLASSES)).astype(np.float64)
    w = 1.0 / np.sqrt(counts)
    w *= len(labels) / (w[labels].sum())
    return torch.tensor(w, dtype=torch.float32)


def normalise(x01):
    return (x01 - MEAN) / STD


def accuracy_recall(probs, y):
    """Accuracy and per-class recall of the argmax of probs [N,7] against labels y (numpy)."""
    pred = probs.argmax(1).numpy()
    recall = [float(((pred == c) & (y == c)).sum() / max((y == c).sum(), 1)) for c in range(len(CLASSES))]
    return float((pred == y).mean()), recall


@torch.no_grad()
def evaluate(model, x_u8, y, device, batch=256, temperature=1.0):
    """Returns (probs, probs with horizontal-flip TTA) on the given uint8 images, softmax(logits / temperature)."""
    was_training = model.training
    model.eval()
    plain, tta = [], []
    for i in range(0, len(x_u8), batch):
        x = normalise(x_u8[i:i + batch].to(device).float().unsqueeze(1) / 255.0).contiguous(memory_format=CL)
        p = F.softmax(model(x) / temperature, 1)
        pf = F.softmax(model(x.flip(3)) / temperature, 1)
        plain.append(p.cpu())
        tta.append(((p + pf) / 2).cpu())
    model.train(was_training)
    return torch.cat(plain), torch.cat(tta)


def refuse_seen_holdout(what, seen, holdout_from_train):
    """Stops a run whose teacher (weights or targets) trained on part of its holdout: the teacher would carry
    those images into every target, and the student's holdout figure would flatter it."""
    if seen < holdout_from_train:
        raise SystemExit(f"{what} left only {seen:g} of Training unseen, less than this run's holdout "
                         f"{holdout_from_train:g}")


def load_teachers(paths, device, holdout_from_train=0.0):
    teachers = []
    for path in paths:
        ck = torch.load(path, map_location="cpu")
        refuse_seen_holdout(path, ck.get("args", {}).get("holdout_from_train", 0.0), holdout_from_train)
        t = FaceNet(**ck["model_config"])
        t.load_state_dict(ck["model"])
        teachers.append(t.to(device, memory_format=CL).eval())
    return teachers


def read_teacher_probs(path, y_all, holdout_from_train):
    """A teacher_probs.py file (its arrays and its meta dict), refused unless it has a row for each of
    Training's images (y_all: their labels) and its teachers never saw the holdout."""
    stored = np.load(path)
    meta = json.loads(str(stored["meta"]))
    if meta["rows"] != len(y_all):
        raise SystemExit(f"{path} holds {meta['rows']} rows for {len(y_all)} Training images")
    refuse_seen_holdout(f"the teachers of {path}", meta["teachers_holdout_from_train"], holdout_from_train)
    return stored, meta


def load_teacher_probs(args, y_all):
    """teacher_probs.py's targets for the training rows (y_all: all of Training's labels), as (plain, pipeline)
    arrays in x_train's order. Sets args.distill_temp to the file's temperature (the student must be softened
    the same way)."""
    stored, meta = read_teacher_probs(args.teacher_probs, y_all, args.holdout_from_train)
    if args.pipeline_crops and meta["pipeline_crops"] != args.pipeline_crops:
        raise SystemExit(f"{args.teacher_probs} has targets for pipeline crops variant {meta['pipeline_crops']}, "
                         f"not {args.pipeline_crops}: run teacher_probs.py --pipeline-crops {args.pipeline_crops}")
    args.distill_temp = meta["temperature"]
    plain, pipeline = stored["plain"], stored["pipeline"] if args.pipeline_crops else stored["plain"]
    if args.holdout_from_train:
        train_idx, _ = holdout_split(y_all, args.holdout_from_train)
        plain, pipeline = plain[train_idx], pipeline[train_idx]
    return plain, pipeline


@dataclass
class TrainingSet:
    """Training's tensors on the device, row for row: plain crops (uint8 [N, 48, 48]) and labels; with
    --pipeline-crops the same images as the app's pipeline cut them and where it found the face; with
    --teacher-probs the targets computed once for each image's plain and pipeline crop."""
    x: torch.Tensor
    y: torch.Tensor
    pipeline_x: Optional[torch.Tensor] = None
    pipeline_found: Optional[torch.Tensor] = None
    soft_plain: Optional[torch.Tensor] = None
    soft_pipeline: Optional[torch.Tensor] = None


def training_batch(data, idx, gen, args, teachers_read_plain):
    """The rows idx as the student and the online teachers read them, and their targets.

    Returns (student input, teachers' input, labels, soft labels, stored teacher targets or None); the inputs
    normalised and channels-last. With pipeline crops, a share of the rows is read as the app's pipeline cut
    them (where it found the face). With `teachers_read_plain`, the teachers read each image's plain crop
    instead (they read plain crops 4-5 points better, and the target files give a pipeline crop its plain
    crop's targets) under the student's very draws: the generator's state is saved, the plain batch
    augmented, the state restored and the student's batch augmented from it; the two are mixed as two
    channels of one tensor (one mixup weight, one cutmix box). Otherwise the teachers read the student's
    batch. Teachers reading plain crops leave `gen` where it would be without them: a run draws the same
    numbers with or without online teachers."""
    plain = data.x[idx]
    student, use = plain, None
    if data.pipeline_x is not None:
        use = (torch.rand(len(idx), generator=gen, device=idx.device) < args.pipeline_share) & data.pipeline_found[idx]
        student = torch.where(use[:, None, None], data.pipeline_x[idx], plain)
    to_unit = lambda u8: u8.float().unsqueeze(1) / 255.0  # noqa: E731
    x_plain = None
    if teachers_read_plain:
        gen_state = gen.get_state()
        x_plain = augment(to_unit(plain), gen)
        gen.set_state(gen_state)
    x = augment(to_unit(student), gen)
    if x_plain is not None:
        x = torch.cat([x, x_plain], 1)
    y = data.y[idx]
    y_soft = F.one_hot(y, len(CLASSES)).float()
    y_soft = y_soft * (1 - args.label_smoothing) + args.label_smoothing / len(CLASSES)
    t_prob = None
    if data.soft_plain is not None:  # the targets of the crop given; mixed with the same weights as the images
        t_prob = data.soft_plain[idx]
        if use is not None:
            t_prob = torch.where(use[:, None], data.soft_pipeline[idx], t_prob)
        x, both = mix(x, torch.cat([y_soft, t_prob], 1), gen, args.mixup, args.cutmix)
        y_soft, t_prob = both[:, :len(CLASSES)], both[:, len(CLASSES):]
    else:
        x, y_soft = mix(x, y_soft, gen, args.mixup, args.cutmix)
    xn = normalise(x[:, :1]).contiguous(memory_format=CL)
    xn_teachers = xn if x_plain is None else normalise(x[:, 1:]).contiguous(memory_format=CL)
    return xn, xn_teachers, y, y_soft, t_prob


def log_line(path, text):
    print(text, flush=True)
    with open(path, "a") as f:
        f.write(text + "\n")


def main():
    args = parse_args()
    os.makedirs(args.run, exist_ok=True)
    last_path = os.path.join(args.run, "last.pt")
    state = None
    if args.resume:
        if not os.path.exists(last_path):
            raise SystemExit(f"--resume: {last_path} does not exist")
        state = torch.load(last_path, map_location="cpu")
        keep = dict(resume=True, run=args.run, log=args.log, data=args.data, cache=args.cache, device=args.device)
        given = lambda flag: any(a == flag or a.startswith(flag + "=") for a in sys.argv[1:])  # noqa: E731
        if given("--threads"):  # more or fewer free cores now
            keep["threads"] = args.threads
        if given("--time-budget"):  # a new session: the rest of the schedule within this many minutes from now
            keep["deadline"] = time.time() + args.time_budget * 60
        # Older checkpoints lack the later options.
        args = argparse.Namespace(**{"holdout_from_train": 0.0, "pipeline_crops": 0, "pipeline_share": 0.5,
                                     "teacher_probs": None, "amp": False, "squeeze_excite": False,
                                     "head": "pool", **state["args"], **keep})
    if args.device == "cpu" and min(args.widths) < 16:
        # torch 1.13's oneDNN AVX-512 convolutions crash (segfault, glibc "double free") on 8-channel layers at
        # 48x48 in channels_last (2026-12-07; 12 channels and 8 at 24x24 train); capped at AVX2 they train.
        # Only such narrow nets are pinned, before torch's first operation (cpu_kernels.py says why not the rest).
        cpu_kernels.pin()
    if args.threads:
        torch.set_num_threads(args.threads)
        torch.set_num_interop_threads(args.threads)
    device = torch.device(args.device)
    if args.amp and device.type != "cuda":
        raise SystemExit("--amp is for a CUDA device (bfloat16 autocast); leave it out on a CPU")
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True  # one input shape throughout: let cuDNN time and pick its kernels
    forward_precision = (lambda: torch.autocast("cuda", dtype=torch.bfloat16)) if args.amp else contextlib.nullcontext

    data_root = find_data_root(args.data, REPO)
    if args.holdout_from_train:  # validate on part of Training; PublicTest is not even loaded
        (x_train, y_train), (x_val, y_val), holdout_id = load_holdout(data_root, args.cache, args.holdout_from_train)
        val_name = "holdout"
    else:
        x_train, y_train = load_split(data_root, "train", args.cache)
        x_val, y_val = load_split(data_root, "val", args.cache)
        val_name = "val"
    if args.pipeline_crops or args.teacher_probs:  # rows of these files are all of Training's, in cache order
        y_all = load_split(data_root, "train", args.cache)[1]
    if args.pipeline_crops:  # the same images as the app's pipeline cut them, row for row
        (px_train, pf_train), (px_val, pf_val) = load_pipeline_crops_split(
            args.cache, y_all, args.holdout_from_train, args.pipeline_crops)
        if not args.holdout_from_train:
            px_val, pf_val = load_pipeline_crops(args.cache, "val", args.pipeline_crops)
    if args.teacher_probs:
        soft_plain, soft_pipeline = load_teacher_probs(args, y_all)
    rng = np.random.default_rng(args.seed)
    if args.limit:
        keep_idx = rng.permutation(len(y_train))[:args.limit]
        x_train, y_train = x_train[keep_idx], y_train[keep_idx]
        if args.pipeline_crops:
            px_train, pf_train = px_train[keep_idx], pf_train[keep_idx]
        if args.teacher_probs:
            soft_plain, soft_pipeline = soft_plain[keep_idx], soft_pipeline[keep_idx]
    weights = class_weights(y_train).to(device)
    on_device = lambda a: torch.from_numpy(a).to(device)  # noqa: E731
    data = TrainingSet(on_device(x_train), on_device(y_train))
    if args.teacher_probs:
        data.soft_plain, data.soft_pipeline = on_device(soft_plain), on_device(soft_pipeline)
    x_val_t = torch.from_numpy(x_val)
    if args.pipeline_crops:
        data.pipeline_x, data.pipeline_found = on_device(px_train), on_device(pf_train)
        px_val_t, y_pval = torch.from_numpy(px_val[pf_val]), y_val[pf_val]  # the faces the pipeline found

    torch.manual_seed(args.seed)
    # channels_last: about 25% faster convolutions on one CPU core (torch 1.13, oneDNN).
    model = FaceNet(args.widths, args.stem_stride, len(CLASSES), args.dropout, args.squeeze_excite,
                    args.head).to(device, memory_format=CL)
    decay = [p for n, p in model.named_parameters() if p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.ndim <= 1]
    opt = torch.optim.SGD([{"params": decay, "weight_decay": args.weight_decay},
                           {"params": no_decay, "weight_decay": 0.0}],
                          lr=args.lr, momentum=0.9, nesterov=True)
    gen = torch.Generator(device=device)
    gen.manual_seed(args.seed)
    start_epoch, planned, durations = 0, args.epochs, []
    if args.time_budget and not args.resume:
        args.deadline = time.time() + args.time_budget * 60
    if args.init and state is None:
        init = torch.load(args.init, map_location="cpu")
        if init["model_config"] != model.config:
            raise SystemExit(f"--init: {args.init} is a {init['model_config']} net, not {model.config}")
        model.load_state_dict(init["model"])
    if state is not None:
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        gen.set_state(state["gen"])
        torch.set_rng_state(state["torch_rng"])
        start_epoch = state["epoch"] + 1
        planned = state["planned_epochs"]
        durations = state.get("epoch_durations") or [state["epoch_seconds"]]  # older checkpoints: one figure
        log_line(args.log, f"resumed {last_path} at epoch {start_epoch} cpu_kernels={cpu_kernels.describe()!r}")
    else:
        log_line(args.log, f"start {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC args="
                 + json.dumps(vars(args)))
        log_line(args.log, f"model params={sum(p.numel() for p in model.parameters())} "
                 f"macs={count_macs(model)} train={len(y_train)} {val_name}={len(y_val)} "
                 f"cpu_kernels={cpu_kernels.describe()!r} "  # not pinned here: cpu_kernels.py says why
                 + (f"holdout_sha1={holdout_id} " if args.holdout_from_train else "") +
                 f"class_weights={[round(v, 3) for v in weights.tolist()]}")
    teachers = load_teachers(args.teacher, device, args.holdout_from_train)

    def validate():
        """Accuracy, flip-TTA accuracy and the log's validation fields, on the validation split."""
        p_plain, p_tta = evaluate(model, x_val_t, y_val, device)
        acc, _ = accuracy_recall(p_plain, y_val)
        acc_tta, recall = accuracy_recall(p_tta, y_val)
        pipeline_note = ""
        if args.pipeline_crops:
            pipeline_acc_tta, _ = accuracy_recall(evaluate(model, px_val_t, y_pval, device)[1], y_pval)
            pipeline_note = f"{val_name}_pipeline_acc_flip_tta={pipeline_acc_tta:.4f} (found {len(y_pval)}) "
        return acc, acc_tta, (f"{val_name}_acc={acc:.4f} {val_name}_acc_flip_tta={acc_tta:.4f} "
                              f"{pipeline_note}recall_tta={[round(r, 3) for r in recall]}")

    if args.init and state is None:  # where fine-tuning starts from, on the same validation data
        seen = init.get("args", {}).get("holdout_from_train", 0.0)
        caveat = (f" (the --init weights trained on Training with holdout {seen:g}: they have seen these images)"
                  if val_name == "holdout" and seen < args.holdout_from_train else "")
        log_line(args.log, f"epoch 0 (--init weights) {validate()[2]}{caveat}")

    n = len(y_train)
    teachers_read_plain = bool(teachers) and bool(args.pipeline_crops)
    epoch = start_epoch
    while epoch < planned:
        t0 = time.time()
        if args.time_budget and durations:
            planned = replan(planned, epoch, args.epochs, args.deadline - t0, durations)
        model.train()
        order = torch.randperm(n, generator=gen, device=device)
        total_loss, total_seen, correct = 0.0, 0, 0
        for i in range(0, n, args.batch):
            idx = order[i:i + args.batch]
            xn, xn_teacher, y, y_soft, t_prob = training_batch(data, idx, gen, args, teachers_read_plain)
            with forward_precision():
                logits = model(xn).float()
            # Class-weighted soft-target cross-entropy (weight of each target class, mixed by target mass).
            sample_w = (y_soft * weights).sum(1)
            ce = -(y_soft * F.log_softmax(logits, 1)).sum(1)
            loss = (sample_w * ce).sum() / sample_w.sum()
            if teachers:  # they read the very batch the student reads: shifted, erased and mixed alike
                with torch.no_grad():
                    online = torch.stack([F.softmax(t(xn_teacher) / args.distill_temp, 1) for t in teachers]).mean(0)
                # With --teacher-probs too, each source counts half (as average_teacher_probs.py weights its files).
                t_prob = online if t_prob is None else (online + t_prob) / 2
            if t_prob is not None:
                kd = F.kl_div(F.log_softmax(logits / args.distill_temp, 1), t_prob, reduction="batchmean")
                loss = (1 - args.distill_alpha) * loss + args.distill_alpha * args.distill_temp ** 2 * kd
            lr = one_cycle_lr(args.lr, (epoch + i / n) / planned)
            for group in opt.param_groups:
                group["lr"] = lr
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total_loss += loss.item() * len(idx)
            total_seen += len(idx)
            correct += (logits.argmax(1) == y).sum().item()
        train_s = time.time() - t0
        acc, acc_tta, validation_note = validate()
        log_line(args.log, f"epoch {epoch + 1}/{planned} loss={total_loss / total_seen:.4f} "
                 f"train_acc={correct / total_seen:.4f} lr={lr:.4f} "
                 f"{validation_note} time={train_s:.0f}s+{time.time() - t0 - train_s:.0f}s")
        ck = {"model": model.state_dict(), "model_config": model.config, "opt": opt.state_dict(),
              "planned_epochs": planned, "epoch_durations": durations + [time.time() - t0], "gen": gen.get_state(), "torch_rng": torch.get_rng_state(),
              "epoch": epoch, "epochs": args.epochs, "args": vars(args),
              f"{val_name}_acc": acc, f"{val_name}_acc_tta": acc_tta}
        # Write-then-rename so that a kill during the save never leaves a broken last.pt.
        torch.save(ck, last_path + ".tmp")
        os.replace(last_path + ".tmp", last_path)
        durations.append(time.time() - t0)
        epoch += 1
    log_line(args.log, f"done {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC")


if __name__ == "__main__":
    main()
