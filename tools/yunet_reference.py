"""Reference YuNet (2023, outputs cls/obj/bbox/kps per stride) decoding with numpy + cv2.dnn.

Written from the decoding rule of OpenCV's FaceDetectorYN (objdetect/src/face_detect.cpp, 4.8+), which
python3-opencv 4.6 cannot run on this model: score = sqrt(clip(cls) * clip(obj)); box centre
(col + dx, row + dy) * stride, size exp(dw, dh) * stride; landmarks (col + lx, row + ly) * stride.
NMS is OpenCV's own cv2.dnn.NMSBoxes on float boxes, so the C++ NMS is checked against OpenCV's.
"""
import os

import cv2
import numpy as np

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
MODEL = os.path.join(REPO, "third_party", "models", "yunet_n_dynamic.onnx")
STRIDES = (8, 16, 32)
OUTPUT_NAMES = [f"{kind}_{s}" for kind in ("cls", "obj", "bbox", "kps") for s in STRIDES]


def load_net(path=MODEL, width=320, height=320):
    """cv2.dnn (4.6) cannot import the dynamic-shape export as it is: its input is fixed to
    [1, 3, height, width] in memory first (the graph is otherwise unchanged)."""
    import onnx
    model = onnx.load(path)
    dims = model.graph.input[0].type.tensor_type.shape.dim
    for dim, value in zip(dims, (1, 3, height, width)):
        dim.dim_value = value
    return cv2.dnn.readNetFromONNX(np.frombuffer(model.SerializeToString(), np.uint8))


def run_net(net, tensor):
    """tensor float32 [1,3,H,W] BGR 0-255 -> dict of the 12 raw outputs."""
    net.setInput(tensor)
    return dict(zip(OUTPUT_NAMES, net.forward(OUTPUT_NAMES)))


def decode(outputs, width=320, height=320, score_threshold=0.6, nms_threshold=0.3, top_k=5000):
    """Returns float32 [K,15]: x, y, w, h, 5 landmarks (x, y), score; sorted as NMS keeps them."""
    rows = []
    for s in STRIDES:
        cols, nrows = width // s, height // s
        cls = np.clip(outputs[f"cls_{s}"].reshape(-1), 0, 1)
        obj = np.clip(outputs[f"obj_{s}"].reshape(-1), 0, 1)
        bbox = outputs[f"bbox_{s}"].reshape(-1, 4)
        kps = outputs[f"kps_{s}"].reshape(-1, 10)
        score = np.sqrt(cls * obj)
        idx = np.arange(cols * nrows)
        c, r = (idx % cols).astype(np.float32), (idx // cols).astype(np.float32)
        keep = score >= score_threshold
        for i in np.nonzero(keep)[0]:
            cx, cy = (c[i] + bbox[i, 0]) * s, (r[i] + bbox[i, 1]) * s
            w, h = np.exp(bbox[i, 2]) * s, np.exp(bbox[i, 3]) * s
            lm = []
            for n in range(5):
                lm += [(kps[i, 2 * n] + c[i]) * s, (kps[i, 2 * n + 1] + r[i]) * s]
            rows.append([cx - w / 2, cy - h / 2, w, h] + lm + [score[i]])
    if not rows:
        return np.zeros((0, 15), np.float32)
    faces = np.asarray(rows, np.float32)
    boxes = [tuple(map(float, f[:4])) for f in faces]
    keep = cv2.dnn.NMSBoxes(boxes, [float(f[14]) for f in faces], score_threshold, nms_threshold,
                            top_k=top_k)
    keep = np.asarray(keep, dtype=np.int64).reshape(-1)
    return faces[keep]


def letterbox(image_bgr, width=320, height=320):
    """The same letterbox as src/core/vision/detector_input.cpp (top-left, zero padding) -> tensor, scale.

    cv2.resize INTER_LINEAR samples at pixel centres like the C++; the C++ tests use the raw outputs, so
    only the detections' positions (not the bits) depend on this.
    """
    h, w = image_bgr.shape[:2]
    scale = min(width / w, height / h)
    cw, ch = min(width, round(w * scale)), min(height, round(h * scale))
    canvas = np.zeros((height, width, 3), np.float32)
    canvas[:ch, :cw] = cv2.resize(image_bgr, (cw, ch), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    return canvas.transpose(2, 0, 1)[None].copy(), scale
