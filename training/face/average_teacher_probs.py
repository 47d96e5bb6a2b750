#!/usr/bin/python3
"""Averages the soft targets of several teacher_probs.py files into one, each file (each ensemble) weighted
equally. The files must agree on temperature, rows, pipeline-crop variant, pipeline targets and held-out
fraction.

    average_teacher_probs.py training/face/teachers/gpu-t51-t53.npz build/face-teacher/ensemble-plain-targets.npz \
        --out build/face-teacher/ensemble-6.npz

This is how a GPU machine's teachers (gpu_teachers.sh) join the CPU-trained ones without running the large
nets again on 2 cores.

With --pipeline-crops V the result is for another pipeline-crop variant: allowed only for files made with
--pipeline-targets plain, where a pipeline crop's targets are its plain crop's and only the found-flags
depend on the variant (they are read from make_pipeline_crops.mjs's output for V). No teacher runs again.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import check_pipeline_rows, find_data_root, load_pipeline_found, load_split  # noqa: E402
from teacher_probs import holdout_accuracy  # noqa: E402
from train import REPO  # noqa: E402

MUST_AGREE = ("temperature", "rows", "pipeline_crops", "pipeline_targets", "teachers_holdout_from_train")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", help="teacher_probs.py outputs")
    p.add_argument("--out", required=True)
    p.add_argument("--cache", default=os.path.join(REPO, "build", "cache"))
    p.add_argument("--pipeline-crops", type=int, help="the variant to make the targets for (plain targets only)")
    args = p.parse_args()

    stored = [np.load(f) for f in args.files]
    metas = [json.loads(str(s["meta"])) for s in stored]
    if args.pipeline_crops and any(m.get("pipeline_targets") != "plain" for m in metas):
        raise SystemExit("--pipeline-crops needs files made with --pipeline-targets plain: "
                         "other targets were computed on one variant's crops")
    for key in MUST_AGREE:
        if key == "pipeline_crops" and args.pipeline_crops:
            continue
        values = {json.dumps(m.get(key)) for m in metas}
        if len(values) != 1:
            raise SystemExit(f"the files disagree on {key}: {sorted(values)}")
    # With --pipeline-crops the pipeline targets are the plain ones (below): only the plain ones are averaged.
    averaged = ("plain",) if args.pipeline_crops else ("plain", "pipeline")
    arrays = {name: np.mean([s[name].astype(np.float64) for s in stored], axis=0).astype(np.float32)
              for name in averaged if name in stored[0].files}
    if "pipeline_found" in stored[0].files:
        arrays["pipeline_found"] = stored[0]["pipeline_found"]

    meta = {key: metas[0].get(key) for key in MUST_AGREE}
    if args.pipeline_crops:
        found = load_pipeline_found(args.cache, "train", args.pipeline_crops)
        check_pipeline_rows(len(found), meta["rows"])
        arrays["pipeline"], arrays["pipeline_found"] = arrays["plain"].copy(), found
        meta["pipeline_crops"] = args.pipeline_crops
    meta["teachers"] = {f"{os.path.basename(f)}:{name}": sha for f, m in zip(args.files, metas)
                        for name, sha in m["teachers"].items()}
    meta["averaged_from"] = {os.path.basename(f): m.get("holdout_acc_flip_tta") for f, m in zip(args.files, metas)}
    fraction = meta["teachers_holdout_from_train"]
    if fraction:
        y = load_split(find_data_root(None, REPO), "train", args.cache)[1]
        meta["holdout_acc_flip_tta"] = holdout_accuracy(arrays["plain"], y, fraction)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    np.savez(args.out, meta=json.dumps(meta), **arrays)
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
