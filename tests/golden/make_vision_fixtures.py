#!/usr/bin/python3
"""Fixtures for the C++ vision tests (tests/unit/vision_*_test.cpp), written to tests/data/vision/.

Scenes: FER2013 PublicTest faces (upscaled, tinted, optionally rotated) pasted on a synthetic
background. For each scene the YuNet model (third_party/models/yunet_n_320_320.onnx) is run with
cv2.dnn on the letterboxed scene, and we save
  <scene>.ppm              the scene (8-bit RGB)
  <scene>.outputs.txt      the raw outputs of every anchor scoring >= 0.02 (sparse; the others are
                           below any threshold and the C++ test fills them with zeros):
                           "level index cls obj bbox[4] kps[10]"
  <scene>.detections.txt   reference detections (yunet_reference.decode: OpenCV FaceDetectorYN's rule,
                           cv2.dnn.NMSBoxes; thresholds 0.6 / 0.3) in detector-input pixels:
                           "x y w h 5x(lx ly) score", then a line "scale <letterbox scale>"
and, for the crop tests,
  fer_<n>.pgm              the 48x48 gray levels training reads (cv2.imread GRAYSCALE of the JPEG)
  fer_color.ppm / fer_color_gray.pgm   a tinted colour version of fer_0 and OpenCV's BGR2GRAY of it

The faces are chosen automatically: the first PublicTest images (sorted names) of a few classes whose
YuNet landmarks lie near the median FER framing (face_framing.h), so that an aligned crop of the
pasted face should look like the original.

Run from the repository root (needs build/data/fer2013, see training/face/README.md):
    /usr/bin/python3 tests/golden/make_vision_fixtures.py
"""
import os
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure_fer_framing as mf  # noqa: E402
import yunet_reference as yr  # noqa: E402

OUT = os.path.join(yr.REPO, "tests", "data", "vision")
VAL = os.path.join(yr.REPO, "build", "data", "fer2013", "val")
SCENE_W, SCENE_H = 256, 192  # letterbox scale 1.25 into the 320x320 detector input


def pick_faces(net, classes=("happy", "surprise", "neutral"), per_class=1):
    picked = []
    for cls in classes:
        count = 0
        for name in sorted(os.listdir(os.path.join(VAL, cls))):
            img = cv2.imread(os.path.join(VAL, cls, name), cv2.IMREAD_GRAYSCALE)
            r = mf.measure(img, net)
            if r is None:
                continue
            pts, _, score = r
            eye_mid = (pts[0] + pts[1]) / 2
            mouth_mid = (pts[3] + pts[4]) / 2
            eye_dist = np.linalg.norm(pts[1] - pts[0])
            angle = np.degrees(np.arctan2(*(pts[1] - pts[0])[::-1]))
            if (score > 0.85 and abs(eye_mid[0] - 24) < 1.5 and abs((eye_mid[1] + mouth_mid[1]) / 2 - 27.4) < 1.5
                    and abs(eye_dist - 17.5) < 1.5 and abs(angle) < 3):
                picked.append((f"{cls}/{name}", img))
                count += 1
                if count == per_class:
                    break
    return picked


def background(seed):
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:SCENE_H, 0:SCENE_W].astype(np.float32)
    bgr = np.stack([60 + 0.4 * xx, 90 + 0.3 * yy, 140 - 0.2 * xx], -1)
    bgr += rng.normal(0, 4, bgr.shape)
    return np.clip(bgr, 0, 255)


def tinted(gray):
    """Warm skin-like tint: B, G, R gains 0.72, 0.86, 1.0 (so luma differs from every channel)."""
    g = gray.astype(np.float32)
    return np.stack([g * 0.72, g * 0.86, np.minimum(g * 1.0 + 10, 255)], -1)


def paste(scene, face_gray, x, y, side, angle_deg=0.0):
    big = cv2.resize(tinted(face_gray), (side, side), interpolation=cv2.INTER_CUBIC)
    if angle_deg:
        m = cv2.getRotationMatrix2D(((side - 1) / 2, (side - 1) / 2), angle_deg, 1.0)
        big = cv2.warpAffine(big, m, (side, side), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    scene[y:y + side, x:x + side] = big


def save_outputs(path, outputs, min_score=0.02):
    with open(path, "w") as f:
        f.write("# level index cls obj bbox0..3 kps0..9 (anchors with sqrt(cls*obj) >= 0.02)\n")
        for level, s in enumerate(yr.STRIDES):
            cls = outputs[f"cls_{s}"].reshape(-1)
            obj = outputs[f"obj_{s}"].reshape(-1)
            bbox = outputs[f"bbox_{s}"].reshape(-1, 4)
            kps = outputs[f"kps_{s}"].reshape(-1, 10)
            score = np.sqrt(np.clip(cls, 0, 1) * np.clip(obj, 0, 1))
            for i in np.nonzero(score >= min_score)[0]:
                values = [cls[i], obj[i], *bbox[i], *kps[i]]
                f.write(f"{level} {i} " + " ".join(f"{v:.9g}" for v in values) + "\n")


def save_scene(name, scene_bgr, net):
    scene_u8 = np.clip(np.round(scene_bgr), 0, 255).astype(np.uint8)
    cv2.imwrite(os.path.join(OUT, f"{name}.ppm"), scene_u8)
    tensor, scale = yr.letterbox(scene_u8)
    outputs = yr.run_net(net, tensor)
    save_outputs(os.path.join(OUT, f"{name}.outputs.txt"), outputs)
    dets = yr.decode(outputs, 320, 320, 0.6, 0.3)
    np.savetxt(os.path.join(OUT, f"{name}.detections.txt"), dets, fmt="%.6f",
               header="x y w h rex rey lex ley nx ny rmx rmy lmx lmy score (detector pixels)")
    with open(os.path.join(OUT, f"{name}.detections.txt"), "a") as f:
        f.write(f"scale {scale:.9g}\n")
    print(f"{name}: {len(dets)} detections, scores {np.round(dets[:, 14], 3).tolist()}")


def main():
    os.makedirs(OUT, exist_ok=True)
    net = yr.load_net()
    faces = pick_faces(net)
    if len(faces) < 3:
        raise SystemExit("could not pick 3 faces")
    for n, (src, img) in enumerate(faces):
        cv2.imwrite(os.path.join(OUT, f"fer_{n}.pgm"), img)
        print(f"fer_{n}.pgm <- {src}")
    color = np.clip(np.round(tinted(faces[0][1])), 0, 255).astype(np.uint8)
    cv2.imwrite(os.path.join(OUT, "fer_color.ppm"), color)
    cv2.imwrite(os.path.join(OUT, "fer_color_gray.pgm"), cv2.cvtColor(color, cv2.COLOR_BGR2GRAY))

    # One upright face; the same face rotated by 20 degrees plus a smaller second face; no face.
    scene = background(1)
    paste(scene, faces[0][1], 100, 40, 112)
    save_scene("scene_upright", scene, net)
    scene = background(2)
    paste(scene, faces[0][1], 20, 30, 128, angle_deg=20)
    paste(scene, faces[1][1], 180, 100, 64)
    save_scene("scene_rotated_two", scene, net)
    save_scene("scene_empty", background(3), net)


if __name__ == "__main__":
    main()
