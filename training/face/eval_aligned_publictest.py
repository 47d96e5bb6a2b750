#!/usr/bin/python3
"""How much does re-framing by our alignment change the face model's accuracy?

For PublicTest faces: YuNet landmarks (4x upscaled face on a grey canvas, as measure_fer_framing.py),
then the face is re-cropped from its own 48x48 image with the framing of src/core/vision (eye line
upright, eye/mouth midpoint at (24.0, 27.4), (eye distance + eye-to-mouth) / 2 = 17.5 px; a numpy port
of framing_transform for this evaluation only) and classified by the exported ONNX (cv2.dnn), each crop
alone (no mirror pass; models exported before 2026-12-02 held it in the graph).
Prints accuracy on the original crops and on the re-framed crops of the same images.

    /usr/bin/python3 training/face/eval_aligned_publictest.py --model models/face_emotion.onnx --count 1000
"""
import argparse
import os
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import measure_fer_framing as mf  # noqa: E402
import yunet_reference as yr  # noqa: E402

from data import CLASSES  # noqa: E402  (the one Python list; tests/wasm/repository.test.mjs checks it)
ANCHOR_X, ANCHOR_Y, FACE_SCALE = 24.0, 27.4, 17.5


def reframe(img48, pts):
    eye_r, eye_l = pts[0], pts[1]
    v = eye_l - eye_r
    d = np.linalg.norm(v)
    u = v / d
    n = np.array([-u[1], u[0]])
    eye_mid = (eye_r + eye_l) / 2
    mouth_mid = (pts[3] + pts[4]) / 2
    eye_to_mouth = max(0.0, float(np.dot(mouth_mid - eye_mid, n)))
    s = (d + eye_to_mouth) / 2 / FACE_SCALE
    anchor = (eye_mid + mouth_mid) / 2
    ax, ay = u * s, n * s
    origin = anchor - ANCHOR_X * ax - ANCHOR_Y * ay
    # output (ox, oy) continuous -> source origin + ox*ax + oy*ay; cv2 uses pixel-centre-less indices.
    m = np.array([[ax[0], ay[0], origin[0] + 0.5 * (ax[0] + ay[0]) - 0.5],
                  [ax[1], ay[1], origin[1] + 0.5 * (ax[1] + ay[1]) - 0.5]], np.float64)
    return cv2.warpAffine(img48, m, (48, 48), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_REPLICATE)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default=os.path.join(yr.REPO, "models", "face_emotion.onnx"))
    p.add_argument("--data", default=os.path.join(yr.REPO, "build", "data", "fer2013", "val"))
    p.add_argument("--count", type=int, default=1000)
    args = p.parse_args()
    items = sorted((os.path.join(args.data, c, f), k) for k, c in enumerate(CLASSES)
                   for f in os.listdir(os.path.join(args.data, c)))
    rng = np.random.default_rng(0)
    items = [items[i] for i in rng.permutation(len(items))[:args.count]]
    det = yr.load_net()
    clf = cv2.dnn.readNetFromONNX(args.model)
    originals, reframed, labels, missed = [], [], [], 0
    for path, label in items:
        img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
        r = mf.measure(img, det)
        if r is None:
            missed += 1
            continue
        originals.append(img)
        reframed.append(reframe(img, r[0]))
        labels.append(label)
    labels = np.array(labels)

    def accuracy(images):
        x = (np.stack(images).astype(np.float32) / 255.0)[:, None]
        probs = []
        for i in range(0, len(x), 256):
            clf.setInput(x[i:i + 256])
            probs.append(clf.forward("probs").reshape(len(x[i:i + 256]), -1))
        return float((np.concatenate(probs).argmax(1) == labels).mean())

    print(f"{len(labels)} faces detected ({missed} not): accuracy original {accuracy(originals):.4f}, "
          f"re-framed {accuracy(reframed):.4f}")


if __name__ == "__main__":
    main()
