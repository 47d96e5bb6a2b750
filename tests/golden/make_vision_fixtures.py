#!/usr/bin/python3
"""Fixtures for the C++ vision tests (tests/unit/vision_*_test.cpp), made at test time (ctest runs this
first, see CMakeLists.txt) into a build folder: FER2013 is research-use data that the repository must
not redistribute, so no FER-derived image is committed.

    /usr/bin/python3 tests/golden/make_vision_fixtures.py OUT_DIR

Reads three FER2013 PublicTest faces from ../shared/data/fer2013/fer2013-train-val.tar.gz (or
$ATTUNE_SHARED_DATA/fer2013/...). Without the archive, or without python3-opencv / onnx, it says so
and writes nothing; the tests that need the fixtures then skip with that reason.

Scenes: the faces (upscaled, tinted, optionally rotated) pasted on a synthetic background. For each
scene YuNet (third_party/models/yunet_n_dynamic.onnx) runs with cv2.dnn on the scene letterboxed into
the app's detector input (DETECTOR_W x DETECTOR_H), and we save
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

The three faces were picked once by a rule (the first PublicTest images, by name, of happy / surprise /
neutral whose YuNet landmarks lie near the median FER framing of face_framing.h, so that an aligned crop
of the pasted face should look like the original); they are named here so that no scan is needed.
A stamp (this script's and the model's sha256) makes a second run a no-op.
"""
import hashlib
import os
import sys
import tarfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.environ.get("ATTUNE_SHARED_DATA", os.path.join(REPO, "..", "shared", "data"))
ARCHIVE = os.path.join(SHARED, "fer2013", "fer2013-train-val.tar.gz")
FACES = ("fer2013/val/happy/PublicTest_10245799.jpg", "fer2013/val/surprise/PublicTest_10754294.jpg",
         "fer2013/val/neutral/PublicTest_10726845.jpg")
SCENE_W, SCENE_H = 256, 192    # letterbox scale 1.25 into the detector input
DETECTOR_W, DETECTOR_H = 320, 256  # FacePipelineConfig's default (YuNetConfig)


def unavailable(reason):
    print(f"vision fixtures not made: {reason}; the tests that need them are skipped")
    sys.exit(0)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def read_faces(cv2, np):
    """The three JPEGs from the archive, decoded as training decodes them (gray, 8-bit)."""
    faces = {}
    with tarfile.open(ARCHIVE, "r:gz") as tar:
        for member in tar:
            if member.name in FACES:
                data = np.frombuffer(tar.extractfile(member).read(), np.uint8)
                faces[member.name] = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
                if len(faces) == len(FACES):
                    break
    missing = [f for f in FACES if f not in faces]
    if missing:
        raise SystemExit(f"{ARCHIVE} lacks {missing}")
    return [faces[f] for f in FACES]


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    out = sys.argv[1]
    if not os.path.exists(ARCHIVE):
        unavailable(f"{ARCHIVE} is not on this machine")
    try:
        import cv2
        import numpy as np
        import onnx  # noqa: F401  (yunet_reference.load_net)
    except ImportError as error:
        unavailable(f"python3 lacks {error.name}")
    sys.path.insert(0, os.path.join(REPO, "tools"))  # the reference decoder lives with the product's tools
    import yunet_reference as yr

    if not os.path.exists(yr.MODEL):
        unavailable(f"{yr.MODEL} is missing (run tools/setup.sh)")
    stamp_path = os.path.join(out, "stamp")
    stamp = sha256(os.path.abspath(__file__)) + " " + sha256(yr.MODEL) + "\n"
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        return
    os.makedirs(out, exist_ok=True)
    net = yr.load_net(width=DETECTOR_W, height=DETECTOR_H)

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

    def save_scene(name, scene_bgr):
        scene_u8 = np.clip(np.round(scene_bgr), 0, 255).astype(np.uint8)
        cv2.imwrite(os.path.join(out, f"{name}.ppm"), scene_u8)
        tensor, scale = yr.letterbox(scene_u8, DETECTOR_W, DETECTOR_H)
        outputs = yr.run_net(net, tensor)
        save_outputs(os.path.join(out, f"{name}.outputs.txt"), outputs)
        dets = yr.decode(outputs, DETECTOR_W, DETECTOR_H, 0.6, 0.3)
        path = os.path.join(out, f"{name}.detections.txt")
        np.savetxt(path, dets, fmt="%.6f", header="x y w h rex rey lex ley nx ny rmx rmy lmx lmy score (detector pixels)")
        with open(path, "a") as f:
            f.write(f"scale {scale:.9g}\n")
        print(f"{name}: {len(dets)} detections, scores {np.round(dets[:, 14], 3).tolist()}")

    faces = read_faces(cv2, np)
    for n, img in enumerate(faces):
        cv2.imwrite(os.path.join(out, f"fer_{n}.pgm"), img)
    color = np.clip(np.round(tinted(faces[0])), 0, 255).astype(np.uint8)
    cv2.imwrite(os.path.join(out, "fer_color.ppm"), color)
    cv2.imwrite(os.path.join(out, "fer_color_gray.pgm"), cv2.cvtColor(color, cv2.COLOR_BGR2GRAY))

    # One upright face; the same face rotated by 20 degrees plus a smaller second face; no face.
    scene = background(1)
    paste(scene, faces[0], 100, 40, 112)
    save_scene("scene_upright", scene)
    scene = background(2)
    paste(scene, faces[0], 20, 30, 128, angle_deg=20)
    paste(scene, faces[1], 180, 100, 64)
    save_scene("scene_rotated_two", scene)
    save_scene("scene_empty", background(3))
    with open(stamp_path, "w") as f:
        f.write(stamp)
    print(f"vision fixtures in {out}")


if __name__ == "__main__":
    main()
