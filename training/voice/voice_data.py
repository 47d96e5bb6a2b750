"""Loading the featurizer's output (build/voice/<set>.*) and the RAVDESS labels.

Labels follow the face model's order: angry, disgust, fear, happy, sad, surprise, neutral.
RAVDESS "calm" (code 02) is mapped to neutral: both are low-arousal, near-zero-valence states, and
the face label space has no calm. Neutral therefore has 12 clips per actor, the others 8.
"""
import json
import os

import numpy as np

CLASSES = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]
# RAVDESS emotion code -> class index
RAVDESS_TO_CLASS = {1: 6, 2: 6, 3: 3, 4: 4, 5: 0, 6: 2, 7: 1, 8: 5}
N_FOLDS = 5


# Actors 21-24 are the project's sequestered hold-out: no training or cross-validation step may read
# them, whatever archive or list a featurized set came from.
MAX_TRAINING_ACTOR = 20


def parse_name(path):
    """03-01-EE-II-SS-RR-AA.wav -> (label, actor). Refuses actors above MAX_TRAINING_ACTOR."""
    parts = os.path.basename(path)[:-4].split("-")
    actor = int(parts[6])
    if not 1 <= actor <= MAX_TRAINING_ACTOR:
        raise ValueError(f"{path}: actor {actor} is outside 01-{MAX_TRAINING_ACTOR}; actors 21-24 are the "
                         "project's hold-out and are never trained or cross-validated on")
    return RAVDESS_TO_CLASS[int(parts[2])], actor


def fold_of_actor(actor):
    """5 folds of 4 actors, 2 male (odd) and 2 female (even) each: {1,6,11,16}, {2,7,12,17}, ..."""
    return (actor - 1) % N_FOLDS


class FeatureSet:
    """Windows of one featurized set; `clip` keys windows to clips by 'Actor_XX/name.wav'."""

    def __init__(self, prefix, load_logmel=True):
        self.stats = np.load(prefix + ".stats.npy")
        self.logmel = np.load(prefix + ".logmel.npy", mmap_mode="r") if load_logmel else None
        with open(prefix + ".meta.json") as f:
            self.meta = json.load(f)
        rows = [l.rstrip("\n").split("\t") for l in open(prefix + ".windows.tsv")][1:]
        self.path = [r[5] for r in rows]
        self.clip = ["/".join(p.split("/")[-2:]) for p in self.path]
        self.has_speech = np.array([int(r[2]) for r in rows], dtype=bool)
        self.start = np.array([int(r[1]) for r in rows])
        lab = [parse_name(p) for p in self.path]
        self.label = np.array([l for l, _ in lab])
        self.actor = np.array([a for _, a in lab])
        self.fold = np.array([fold_of_actor(a) for a in self.actor])
        assert len(self.stats) == len(rows)

    @property
    def setting(self):
        """The extractor settings that change features (featurize's --vad-snr-db and --noise-floor), as one
        string: features of different settings never mix in one model or one ensemble. Sets featurized
        before a setting was recorded read as that setting's value then (noise floor: off)."""
        return feature_setting(self.meta.get("vad_snr_db"), self.meta.get("noise_floor", "off"))


def feature_setting(vad_snr_db, noise_floor):
    vad = "unrecorded" if vad_snr_db is None or (isinstance(vad_snr_db, float) and np.isnan(vad_snr_db)) else f"{float(vad_snr_db):g}"
    return f"vad_snr_db={vad} noise_floor={noise_floor}"


def clip_probs(clips, probs, has_speech):
    """File-level prediction: mean of the window probabilities over windows with speech (all windows
    if none has speech). Returns (ordered clip names, [n_clips, 7] probabilities)."""
    order = sorted(set(clips))
    index = {c: i for i, c in enumerate(order)}
    acc = np.zeros((len(order), probs.shape[1]))
    cnt = np.zeros(len(order))
    acc_all = np.zeros_like(acc)
    cnt_all = np.zeros(len(order))
    for c, p, s in zip(clips, probs, has_speech):
        i = index[c]
        acc_all[i] += p
        cnt_all[i] += 1
        if s:
            acc[i] += p
            cnt[i] += 1
    out = np.where(cnt[:, None] > 0, acc / np.maximum(cnt, 1)[:, None], acc_all / cnt_all[:, None])
    return order, out


def metrics(y_true, y_pred, n=7):
    cm = np.zeros((n, n), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[t, p] += 1
    recall = cm.diagonal() / np.maximum(cm.sum(1), 1)
    precision = cm.diagonal() / np.maximum(cm.sum(0), 1)
    f1 = np.where(recall + precision > 0, 2 * recall * precision / np.maximum(recall + precision, 1e-12), 0)
    return {"accuracy": float(cm.diagonal().sum() / cm.sum()), "uar": float(recall.mean()),
            "macro_f1": float(f1.mean()), "confusion": cm}


# Out-of-fold predictions (train.py cv, ensemble_cv.py) are stored per test set: the clean clips ("orig")
# under "clips"/"probs", a noisy copy of them (train.py --eval-sets) under "clips_<set>"/"probs_<set>".
def clips_key(test_set):
    return "clips" if test_set == "orig" else f"clips_{test_set}"


def probs_key(test_set):
    return "probs" if test_set == "orig" else f"probs_{test_set}"


def stored_test_sets(npz_keys):
    """The test sets whose probabilities an npz file holds."""
    return {t for t in ["orig"] + [k[len("probs_"):] for k in npz_keys if k.startswith("probs_")]
            if probs_key(t) in npz_keys}
