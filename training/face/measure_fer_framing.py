#!/usr/bin/python3
"""Measures how FER2013 faces are framed, in the 48x48 crop, by YuNet's 5 landmarks.

Each PublicTest face is upscaled 4x (48 -> 192, bicubic), pasted on a mid-grey 320x320 canvas and run
through YuNet; the landmarks are mapped back to 48x48 coordinates (continuous, pixel centres at i + 0.5).
Prints medians (and spreads) of: eye midpoint, eye distance, eye-line angle, mouth midpoint, and the
eye-to-mouth distance measured perpendicular to the eye line. src/core/vision/face_framing.h takes its
template numbers from this output.

Run from the repository root (needs build/data/fer2013, see training/face/README.md):
    /usr/bin/python3 training/face/measure_fer_framing.py [--count 1500]
"""
import argparse
import os
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import yunet_reference as yr  # noqa: E402

UPSCALE, OFFSET = 4, 64


def measure(img48, net):
    big = cv2.resize(img48, (48 * UPSCALE, 48 * UPSCALE), interpolation=cv2.INTER_CUBIC)
    canvas = np.full((320, 320), 128, np.uint8)
    canvas[OFFSET:OFFSET + big.shape[0], OFFSET:OFFSET + big.shape[1]] = big
    tensor, _ = yr.letterbox(cv2.cvtColor(canvas, cv2.COLOR_GRAY2BGR))
    faces = yr.decode(yr.run_net(net, tensor), score_threshold=0.5)
    if len(faces) == 0:
        return None
    f = faces[np.argmax(faces[:, 2] * faces[:, 3])]
    pts = (f[4:14].reshape(5, 2) - OFFSET) / UPSCALE  # 48x48 continuous coordinates
    box = np.array([(f[0] - OFFSET) / UPSCALE, (f[1] - OFFSET) / UPSCALE, f[2] / UPSCALE, f[3] / UPSCALE])
    return pts, box, f[14]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.path.join(yr.REPO, "build", "data", "fer2013", "val"))
    p.add_argument("--count", type=int, default=1500)
    args = p.parse_args()
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(args.data) for f in fs if f.endswith(".jpg"))
    rng = np.random.default_rng(0)
    files = [files[i] for i in rng.permutation(len(files))[:args.count]]
    net = yr.load_net()
    stats = []
    for path in files:
        r = measure(cv2.imread(path, cv2.IMREAD_GRAYSCALE), net)
        if r is None:
            continue
        pts, box, score = r
        eye_a, eye_b = pts[0], pts[1]  # image-left eye (subject's right) first
        eye_mid = (eye_a + eye_b) / 2
        mouth_mid = (pts[3] + pts[4]) / 2
        eye_vec = eye_b - eye_a
        eye_dist = np.linalg.norm(eye_vec)
        angle = np.degrees(np.arctan2(eye_vec[1], eye_vec[0]))
        normal = np.array([-eye_vec[1], eye_vec[0]]) / eye_dist
        eye_mouth = float(np.dot(mouth_mid - eye_mid, normal))
        stats.append([eye_mid[0], eye_mid[1], eye_dist, angle, mouth_mid[0], mouth_mid[1], eye_mouth,
                      pts[2][0], pts[2][1], box[0], box[1], box[2], box[3], score])
    s = np.array(stats)
    names = ["eye_mid_x", "eye_mid_y", "eye_dist", "eye_angle_deg", "mouth_mid_x", "mouth_mid_y",
             "eye_to_mouth", "nose_x", "nose_y", "box_x", "box_y", "box_w", "box_h", "score"]
    print(f"detected {len(s)} of {len(files)} PublicTest faces (score >= 0.5)")
    for i, n in enumerate(names):
        q = np.percentile(s[:, i], [10, 50, 90])
        print(f"{n:14s} median {q[1]:7.3f}  mean {s[:, i].mean():7.3f}  p10 {q[0]:7.3f}  p90 {q[2]:7.3f}")
    # Alignment-invariant measurements, as the C++ uses them (upright frame, eye midpoint as origin).
    ratio = s[:, 6] / s[:, 2]
    print(f"eye_to_mouth / eye_dist median {np.median(ratio):.3f}")


if __name__ == "__main__":
    main()
