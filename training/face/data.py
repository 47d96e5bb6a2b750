"""FER2013 loading: decode every JPEG once into a uint8 array cached as .npy, then serve tensors.

The class order is FER2013's original numeric order (0 angry ... 6 neutral), which is also the model's
output order. The folder names sort differently, so the mapping is explicit here.
"""
import hashlib
import os

import numpy as np

CLASSES = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]


def _gray_jpeg_reader():
    """A function path -> uint8 [48,48] of the stored luma. OpenCV here; Pillow on the device machine, whose
    Python has torchvision (and so Pillow) but no cv2. Both decode with libjpeg-turbo's default IDCT: on all
    32,298 images of the archive they return the same levels (checked 2026-12-04)."""
    try:
        import cv2  # only needed when the cache is cold
        # IMREAD_GRAYSCALE on these single-channel JPEGs returns the stored luma unchanged.
        return lambda path: cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    except ImportError:
        from PIL import Image
        return lambda path: np.asarray(Image.open(path).convert("L"))


def _decode_split(split_dir):
    read_gray = _gray_jpeg_reader()
    images, labels = [], []
    for label, name in enumerate(CLASSES):
        folder = os.path.join(split_dir, name)
        for file in sorted(os.listdir(folder)):
            img = read_gray(os.path.join(folder, file))
            if img is None or img.shape != (48, 48):
                raise RuntimeError(f"unexpected image {folder}/{file}")
            images.append(img)
            labels.append(label)
    return np.stack(images).astype(np.uint8), np.asarray(labels, dtype=np.int64)


def load_split(data_root, split, cache_dir):
    """Returns (images uint8 [N,48,48], labels int64 [N]) for split 'train' or 'val'."""
    os.makedirs(cache_dir, exist_ok=True)
    x_path = os.path.join(cache_dir, f"fer2013-{split}-x.npy")
    y_path = os.path.join(cache_dir, f"fer2013-{split}-y.npy")
    if os.path.exists(x_path) and os.path.exists(y_path):
        return np.load(x_path), np.load(y_path)
    x, y = _decode_split(os.path.join(data_root, split))
    np.save(x_path, x)
    np.save(y_path, y)
    return x, y


HOLDOUT_SEED = 2013  # fixed, independent of --seed: every run that asks for a holdout gets the same one


def holdout_split(labels, fraction, seed=HOLDOUT_SEED):
    """Stratified split of a split's indices into (train part, holdout part), both sorted.

    For each class c, its indices (in cache order: class by class, file names sorted) are permuted by
    np.random.default_rng([seed, c]) and the first round(fraction * count) go to the holdout. Hence the
    split depends on nothing else (not --seed, not --limit), and a smaller fraction's holdout is a subset
    of a larger one's.
    """
    hold = []
    for c in range(len(CLASSES)):
        idx = np.flatnonzero(labels == c)
        hold.append(np.random.default_rng([seed, c]).permutation(idx)[:int(round(fraction * len(idx)))])
    hold = np.sort(np.concatenate(hold))
    return np.setdiff1d(np.arange(len(labels)), hold), hold


def load_holdout(data_root, cache_dir, fraction):
    """((x, y) train part, (x, y) holdout part, fingerprint of the holdout indices) of FER2013 Training."""
    x, y = load_split(data_root, "train", cache_dir)
    train_idx, hold_idx = holdout_split(y, fraction)
    return (x[train_idx], y[train_idx]), (x[hold_idx], y[hold_idx]), index_fingerprint(hold_idx)


def load_pipeline_crops(cache_dir, split, variant):
    """The app pipeline's crops of a split (training/face/make_pipeline_crops.mjs --split S --variant V), row
    for row in load_split's order: (x uint8 [N,48,48], found bool [N]); a row whose face the pipeline did
    not find holds the plain crop."""
    return np.load(_pipeline_file(cache_dir, split, variant, "x")), load_pipeline_found(cache_dir, split, variant)


def load_pipeline_found(cache_dir, split, variant):
    """Only the found-flags of load_pipeline_crops (bool [N]): whether the pipeline found each row's face."""
    return np.load(_pipeline_file(cache_dir, split, variant, "found")).astype(bool)


def load_pipeline_light(cache_dir, split, variant):
    """make_pipeline_crops.mjs's -light.npy of a split (uint8 [N, 3]: dim frame 0/1, face size px, noise sd x 10)."""
    return np.load(_pipeline_file(cache_dir, split, variant, "light"))


def _pipeline_file(cache_dir, split, variant, part):
    """The path of one array of make_pipeline_crops.mjs's output ('x', 'found' or 'light'), which must exist."""
    path = os.path.join(cache_dir, f"pipeline-{split}-v{variant}-{part}.npy")
    if not os.path.exists(path):
        raise SystemExit(f"{path} is missing: run node training/face/make_pipeline_crops.mjs "
                         f"--split {split} --variant {variant}")
    return path


def check_pipeline_rows(rows, images):
    """The pipeline's crops hold one row per Training image, in load_split's order; another count means they
    were made from another copy of the data."""
    if rows != images:
        raise SystemExit(f"the pipeline crops hold {rows} rows for {images} Training images: make them again")


def load_pipeline_crops_split(cache_dir, labels, fraction, variant):
    """Training's pipeline crops (load_pipeline_crops) split as holdout_split splits `labels` (all of
    Training's, cache order): ((x, found) train part, (x, found) holdout part)."""
    px, found = load_pipeline_crops(cache_dir, "train", variant)
    check_pipeline_rows(len(px), len(labels))
    train_idx, hold_idx = holdout_split(labels, fraction)
    return (px[train_idx], found[train_idx]), (px[hold_idx], found[hold_idx])


def index_fingerprint(indices):
    """Short hash of an index set, logged so that two runs can be checked to share a holdout."""
    return hashlib.sha1(np.asarray(indices, dtype=np.int64).tobytes()).hexdigest()[:12]


def find_data_root(explicit, repo_root):
    """The folder holding train/ and val/: --data, else build/data/fer2013 (extracted archive)."""
    candidates = [explicit] if explicit else [os.path.join(repo_root, "build", "data", "fer2013")]
    for c in candidates:
        if c and os.path.isdir(os.path.join(c, "train")):
            return c
    raise SystemExit(
        "FER2013 not found. Extract it first:\n"
        "  mkdir -p build/data && tar xzf ../shared/data/fer2013/fer2013-train-val.tar.gz -C build/data")
