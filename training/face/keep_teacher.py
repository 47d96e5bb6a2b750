#!/usr/bin/python3
"""Keeps a trained student where the next session finds it: its weights as float16 (about 1.4 MB) with
its model config, its training arguments and the last lines of its log, in a file that is committed
(build/ does not survive from one session to the next; see README "The ensemble route").

    keep_teacher.py build/face-runs/s31/last.pt training/face/teachers/s31.pt --log build/face-train-s31.log

The kept file loads wherever a checkpoint does (train.py --teacher and --init, evaluate.py): load_state_dict
turns float16 back into float32. The optimizer's state is dropped, so a kept student is continued by a
warm restart (--init), not by --resume. Before writing, both versions are scored on the student's own
validation split (the Training holdout it never trained on); the file is refused if rounding changes more
than 0.2% of the readings.
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import find_data_root, load_holdout  # noqa: E402
from train import REPO, accuracy_recall, evaluate, load_teachers  # noqa: E402

MAX_CHANGED_READINGS = 0.002
LOG_LINES_KEPT = 3


def half_weights(state_dict):
    """float16 copies of the floating tensors (BatchNorm's counters stay integers)."""
    return {k: v.half() if v.is_floating_point() else v for k, v in state_dict.items()}


def kept_checkpoint(ck, log_tail=()):
    """What a kept file holds of a train.py checkpoint: float16 weights, the model config, the training
    arguments and epochs, and the log's last lines (no optimizer state)."""
    return {"model": half_weights(ck["model"]), "model_config": ck["model_config"], "args": ck["args"],
            "epoch": ck["epoch"], "planned_epochs": ck["planned_epochs"], "log_tail": list(log_tail)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("checkpoint", help="a train.py checkpoint (<run>/last.pt)")
    p.add_argument("out", help="where to keep it, e.g. training/face/teachers/s31.pt")
    p.add_argument("--log", help="the run's log: its last lines are kept with the weights")
    p.add_argument("--cache", default=os.path.join(REPO, "build", "cache"))
    args = p.parse_args()
    torch.set_num_threads(1)

    ck = torch.load(args.checkpoint, map_location="cpu")
    fraction = ck["args"].get("holdout_from_train", 0.0)
    if not fraction:
        raise SystemExit(f"{args.checkpoint} trained on all of Training: a teacher must leave the holdout unseen, "
                         "so that the ensemble can be chosen on it")
    kept = kept_checkpoint(ck, open(args.log).read().splitlines()[-LOG_LINES_KEPT:] if args.log else ())

    _, (x, y), holdout_id = load_holdout(find_data_root(None, REPO), args.cache, fraction)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    torch.save(kept, args.out + ".tmp")
    full, half = load_teachers([args.checkpoint, args.out + ".tmp"], torch.device("cpu"))
    x = torch.from_numpy(x)
    p_full, p_half = (evaluate(net, x, y, torch.device("cpu"))[1] for net in (full, half))
    changed = float((p_full.argmax(1) != p_half.argmax(1)).float().mean())
    acc_full, acc_half = accuracy_recall(p_full, y)[0], accuracy_recall(p_half, y)[0]
    print(f"holdout {fraction:g} of Training (sha1 {holdout_id}, n={len(y)}), flip TTA: float32 {acc_full:.4f}, "
          f"float16 {acc_half:.4f}; readings changed by rounding: {100 * changed:.2f}%")
    if changed > MAX_CHANGED_READINGS:
        os.remove(args.out + ".tmp")
        raise SystemExit(f"float16 changes {100 * changed:.2f}% of the readings (most {100 * MAX_CHANGED_READINGS:.1f}%): not kept")
    kept["holdout"] = {"fraction": fraction, "sha1": holdout_id, "n": int(len(y)), "acc_flip_tta": round(acc_half, 4)}
    torch.save(kept, args.out + ".tmp")
    os.replace(args.out + ".tmp", args.out)
    print(f"kept {args.out} ({os.path.getsize(args.out) / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
