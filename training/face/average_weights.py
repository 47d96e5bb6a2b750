"""Averages the weights of runs fine-tuned from the same start into one checkpoint (a "model soup").

Runs that started from the same weights and trained with the same recipe (other seeds) stay in one basin
of the loss, so the mean of their weights is a model of its own, often better than each, at the cost of
one: no extra inference, unlike an ensemble. Every float tensor is averaged, batch-norm running statistics
included; integer counters are taken from the first checkpoint, as are the recipe and the log fields that
export.py writes into the card (say in its --note that the weights are an average).

    /usr/bin/python3 training/face/average_weights.py build/face-runs/ft2/last.pt build/face-runs/ft3/last.pt \
        --out build/face-runs/soup/last.pt
"""
import argparse
import os

import torch


def average_checkpoints(paths):
    checkpoints = [torch.load(path, map_location="cpu", weights_only=False) for path in paths]
    first = checkpoints[0]
    for path, ck in zip(paths[1:], checkpoints[1:]):
        if ck["model_config"] != first["model_config"]:
            raise SystemExit(f"{path}: model {ck['model_config']}, {paths[0]}: {first['model_config']}")
        if ck["model"].keys() != first["model"].keys():
            raise SystemExit(f"{path} holds other tensors than {paths[0]}")
    averaged = {}
    for name, tensor in first["model"].items():
        if tensor.is_floating_point():
            averaged[name] = torch.stack([ck["model"][name] for ck in checkpoints]).mean(0)
        else:
            averaged[name] = tensor.clone()
    out = {key: value for key, value in first.items() if key not in ("model", "opt")}
    out["model"] = averaged
    out["averaged_from"] = list(paths)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("checkpoints", nargs="+", help="train.py checkpoints (.pt) of one model shape")
    p.add_argument("--out", required=True)
    args = p.parse_args()
    if len(args.checkpoints) < 2:
        raise SystemExit("give two checkpoints or more")
    soup = average_checkpoints(args.checkpoints)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    torch.save(soup, args.out)
    print(f"{args.out}: the mean of {len(args.checkpoints)} checkpoints' weights")


if __name__ == "__main__":
    main()
