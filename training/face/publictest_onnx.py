#!/usr/bin/python3
"""PublicTest crop accuracy of exported face models, as the shipping rules read it: every ONNX file given is run by
OpenCV's cv2.dnn (export.py's reader) on all 3,589 PublicTest crops, alone and with its mirror image (flip TTA:
the two rows averaged, as attune::FlipTta does). A file whose weights are stored as integers or float16
(tools/int8_weights.py, the shipped 7-bit file) is first folded back to float32 in memory
(tools/float32_weights.py: the values ONNX Runtime computes at load), since cv2.dnn reads only plain weights.
Writes nothing.

    /usr/bin/python3 training/face/publictest_onnx.py models/face_emotion.onnx build/face-ft6/ft6_7bit.onnx
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import find_data_root, load_split  # noqa: E402
from export import metrics, run_cv2_with_mirror  # noqa: E402
from train import REPO  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("models", nargs="+", help="ONNX files with the face model's contract (input [N,1,48,48] -> probs)")
    p.add_argument("--data", default=None)
    p.add_argument("--cache", default=os.path.join(REPO, "build", "cache"))
    args = p.parse_args()

    x, y = load_split(find_data_root(args.data, REPO), "val", args.cache)
    x01 = (x.astype(np.float32) / 255.0)[:, None]
    for path in args.models:
        plain, mirror = run_cv2_with_mirror(path, x01)
        tta = metrics((plain + mirror) / 2, y)
        print(json.dumps({"model": path, "n": int(len(y)), "accuracy": metrics(plain, y)["accuracy"],
                          "accuracy_flip_tta": tta["accuracy"], "per_class_recall_flip_tta": tta["per_class_recall"]}))


if __name__ == "__main__":
    main()
