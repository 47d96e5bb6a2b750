#!/usr/bin/python3
"""The shipped face model's probabilities on FER2013 PublicTest crops (faces it never trained on), for the
fusion's measurements (training/fusion/README.md). The 7-bit file is folded to float32 weights
(tools/float32_weights.py) and run by OpenCV's cv2.dnn; each crop is read alone and, where its top two
probabilities are within the app's margin, averaged with its mirror image (src/core/flip_tta.h).

    /usr/bin/python3 training/fusion/face_probs.py [--out build/fusion/face-publictest.npz]
"""
import argparse
import os
import sys

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "training", "face"))
from data import CLASSES, find_data_root, load_split  # noqa: E402
from export import UNCERTAIN_MARGIN, run_cv2_with_mirror  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default=os.path.join(REPO, "models", "face_emotion.onnx"))
    p.add_argument("--out", default=os.path.join(REPO, "build", "fusion", "face-publictest.npz"))
    p.add_argument("--data", default=None)
    p.add_argument("--cache", default=os.path.join(REPO, "build", "cache"))
    args = p.parse_args()

    x, y = load_split(find_data_root(args.data, REPO), "val", args.cache)  # "val" is PublicTest
    x01 = (x.astype(np.float32) / 255.0)[:, None]
    plain, mirror = run_cv2_with_mirror(args.model, x01)
    top2 = np.sort(plain, 1)[:, -2:]
    uncertain = top2[:, 1] - top2[:, 0] < UNCERTAIN_MARGIN
    probs = np.where(uncertain[:, None], (plain + mirror) / 2, plain)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    np.savez(args.out, probs=probs.astype(np.float32), labels=y, classes=np.array(CLASSES))
    print(f"{len(y)} PublicTest faces, accuracy {np.mean(probs.argmax(1) == y):.4f} "
          f"(mirror averaged on {uncertain.mean():.1%}) -> {args.out}")


if __name__ == "__main__":
    main()
