#!/usr/bin/python3
"""Voice emotion training: speaker-independent cross-validation and the final model.

  train.py cv FAMILY [--seeds N]   5-fold CV grouped by actor (4 held-out actors per fold). Trains on
                                  the training actors' original + augmented windows, evaluates on the
                                  held-out actors' ORIGINAL clips only (file-level: mean of speech windows).
                                  Writes training/runs/cv/FAMILY.json (per-fold and mean+-std metrics)
                                  and FAMILY.oof.npz (held-out clip probabilities, for ensembles).
                                  Resumable: finished folds are kept in training/runs/cv/FAMILY.fold*.npz.
  train.py cv FAMILY --first-seed 1  the same with seed 1, stored as FAMILY_s1 (for seed ensembles)
  train.py final FAMILY [--seeds N] trains on all 20 actors and saves training/runs/final/FAMILY.seed*.pt

  --train-sets orig,aug1,...  the featurized sets trained on (default orig,aug1,aug2,aug3; aug4 and aug5 are
                              the noisy-room copies of augment.py)
  --eval-sets pink20,...      CV only: also score each fold's models on the held-out actors' clips of these
                              test sets (noisy_sets.py), stored beside the clean figures under "eval_sets"
  --tag NAME                  stored as FAMILY_NAME (a recipe variant), e.g. --tag rooms
  --features DIR              where the featurized sets are (default build/voice)
  --mixup A, --consistency W, --embedding-consistency W, --epochs N, --distill W [--distill-teacher T]
                              recipe variants (README "Tried after it", "Noise consistency", "A clean-anchored
                              teacher"); off by default
  --folds 0,1                 cv only: just these folds, no summary (two processes share one run's folds)

Features come from build/voice/<set>.* written by the C++ `featurize` tool.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import cpu_kernels  # noqa: E402
from models import FAMILIES  # noqa: E402
from voice_data import CLASSES, N_FOLDS, FeatureSet, clip_probs, clips_key, feature_setting, metrics, parse_name, probs_key, stored_test_sets  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FEATURES = os.path.join(ROOT, "build", "voice")
RUNS = os.path.join(ROOT, "training", "runs")
TRAIN_SETS = ["orig", "aug1", "aug2", "aug3"]
EPOCHS = {"logreg": 40, "mlp": 40, "cnn": 24, "fusion": 24, "fusionwide": 24, "fusion2d": 24, "fusionatt": 24}
WEIGHT_DECAY = {"logreg": 1e-2, "mlp": 1e-2, "cnn": 5e-2, "fusion": 5e-2, "fusionwide": 5e-2, "fusion2d": 5e-2,
                "fusionatt": 5e-2}
LR = 3e-3
BATCH = 128
MIXUP = 0.0  # --mixup ALPHA: mix pairs of training windows (inputs and targets) with weight ~ Beta(ALPHA, ALPHA)
CONSISTENCY = 0.0  # --consistency WEIGHT: pull a noisy copy's prediction toward its clean window's (see paired_sets)
EMBEDDING_CONSISTENCY = 0.0  # --embedding-consistency WEIGHT: the same for the pooled embedding (cosine), fusion families
EPOCHS_OVERRIDE = 0  # --epochs N: every family trains N epochs (0: the family's EPOCHS)
DISTILL = 0.0  # --distill WEIGHT: KL from a teacher (DISTILL_TEACHER, trained on the same windows and seed) read on clean twins
# --distill-teacher: FAMILY (X's member of that family with the student's seed) or FAMILY:SEED,... (the mean of those
# members, each trained on the same windows: e.g. X's whole ensemble, fusion:0,fusion:1,fusion2d:0)
DISTILL_TEACHER = "fusion"
PAIRS_PER_BATCH = 64  # with --consistency: (clean, noisy twin) pairs added to each batch
RECIPE_OPTION_NAMES = ("mixup", "consistency", "epochs", "embedding_consistency", "distill")
# The same weights on any x86-64 machine with AVX2 (cpu_kernels.py); stored with every CV file, and a cached
# fold trained with other kernels is trained again.
KERNELS = cpu_kernels.pin()


def recipe_options():
    """The training options that differ from the default recipe ({} for it): stored with every CV file, so a
    cached fold of another recipe is never reused, and in the summaries."""
    values = dict(zip(RECIPE_OPTION_NAMES, (MIXUP, CONSISTENCY, EPOCHS_OVERRIDE, EMBEDDING_CONSISTENCY, DISTILL)))
    options = {k: float(v) for k, v in values.items() if v}
    if DISTILL and DISTILL_TEACHER != "fusion":  # the default teacher is not stored, so earlier KD runs' folds still match
        options["distill_teacher"] = DISTILL_TEACHER
    return options


def stored_recipe_options(z):
    """The recipe options a cached CV file was trained with (recipe_options() of that run)."""
    options = {k: float(z[k]) for k in RECIPE_OPTION_NAMES if k in z and float(z[k])}
    if "distill_teacher" in z:
        options["distill_teacher"] = str(z["distill_teacher"])
    return options


def cached_kernels(z):
    """The CPU kernel setting a cached fold or out-of-fold npz was trained with (files from before 2026-12-06:
    'unpinned', whatever the machine's processor chose)."""
    return str(z["cpu_kernels"]) if "cpu_kernels" in z else "unpinned"


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def features_setting(sets):
    """The extractor setting all `sets` were featurized with (voice_data.FeatureSet.setting), and its VAD margin."""
    settings = {s.setting for s in sets.values()}
    assert len(settings) == 1, f"sets featurized with different extractor settings: {settings}"
    first = next(iter(sets.values()))
    return settings.pop(), float(first.meta.get("vad_snr_db", "nan"))


def cached_setting(z):
    """The extractor setting a cached fold or out-of-fold npz was computed from; files from before the
    noise floor record only the VAD margin (or nothing)."""
    if "feature_setting" in z:
        return str(z["feature_setting"])
    return feature_setting(float(z["vad_snr_db"]) if "vad_snr_db" in z else None, "off")


def load_sets(need_logmel, names):
    sets = {s: FeatureSet(os.path.join(FEATURES, s), load_logmel=need_logmel) for s in names}
    if sets:  # no eval sets: nothing to compare
        features_setting(sets)
    if need_logmel:
        for s in sets.values():
            s.logmel = np.ascontiguousarray(s.logmel)  # into memory once
    return sets


def spec_mask(x, gen):
    """SpecAugment-style masking on a training batch: one band group (<= 6 mels) and one time span
    (<= 30 frames) set to 0, the value of 'no speech'."""
    b, _, m, t = x.shape
    x = x.clone()
    for i in range(b):
        f = int(torch.randint(0, 7, (1,), generator=gen))
        f0 = int(torch.randint(0, m - f + 1, (1,), generator=gen))
        x[i, :, f0:f0 + f] = 0
        w = int(torch.randint(0, 31, (1,), generator=gen))
        t0 = int(torch.randint(0, t - w + 1, (1,), generator=gen))
        x[i, :, :, t0:t0 + w] = 0
    return x


def paired_sets(sets):
    """The training sets whose windows are the original windows one to one (same clip, same start: the
    copies that only add noise, other voices or a room, augment.py copies 4, 6 and 7)."""
    orig = sets["orig"]
    key = list(zip(orig.clip, orig.start))
    return [s for name, s in sets.items() if name != "orig" and list(zip(s.clip, s.start)) == key]


def consistency_loss(clean_logits, noisy_logits):
    """KL(clean || noisy) with the clean prediction held fixed: the noisy copy learns to read as its clean
    window does, and the clean reading is not pulled toward the noisy one."""
    target = torch.softmax(clean_logits.detach(), 1)
    return F.kl_div(F.log_softmax(noisy_logits, 1), target, reduction="batchmean")


def embedding_consistency_loss(clean_embedding, noisy_embedding):
    """1 - cosine similarity of a noisy copy's pooled embedding to its clean window's (held fixed): the front
    end learns to describe the two alike, and the head is left free (README "Noise consistency")."""
    return 1 - F.cosine_similarity(noisy_embedding, clean_embedding.detach(), dim=1).mean()


def teacher_members(seed):
    """(family, seed) of each model whose mean probabilities teach a student of this seed (DISTILL_TEACHER)."""
    members = []
    for item in DISTILL_TEACHER.split(","):
        family, _, member_seed = item.partition(":")
        assert family in FAMILIES, f"--distill-teacher: unknown family {family}"
        members.append((family, int(member_seed) if member_seed else seed))
    return members


def predict_mean(models, s, idx):
    return sum(predict(m, s, idx) for m in models) / len(models)


def teacher_targets(teacher, sets, parts):
    """The teacher's probabilities for each training window, in train_model's row order: read from the window's
    clean twin (the original clip's window at the same start) for the copies that only add noise, other voices or
    a room (paired_sets), from the window itself for every other set. The student learns to read a noisy window
    as the teacher reads it clean (README "A clean-anchored teacher")."""
    paired = {id(s) for s in paired_sets(sets)}
    orig_idx = next(idx for s, idx in parts if s is sets["orig"])
    clean = predict_mean(teacher, sets["orig"], orig_idx)  # the original windows' targets, and their twins'
    out = []
    for s, idx in parts:
        if s is sets["orig"] or id(s) in paired:
            assert np.array_equal(idx, orig_idx), "a paired copy's training windows differ from the originals'"
            out.append(clean)
        else:
            out.append(predict_mean(teacher, s, idx))
    return np.concatenate(out).astype(np.float32)


def distillation_loss(student_logits, teacher_probs):
    """KL(teacher || student) per window, averaged over the batch."""
    return F.kl_div(F.log_softmax(student_logits, 1), teacher_probs, reduction="batchmean")


def train_model(family, sets, train_mask_fn, seed, teacher=None):
    """Trains one model on the windows selected by train_mask_fn(set) across all sets; with a teacher (--distill),
    also toward its probabilities (teacher_targets)."""
    cls = FAMILIES[family]
    parts = [(s, np.nonzero(train_mask_fn(s))[0]) for s in sets.values()]
    soft = torch.from_numpy(teacher_targets(teacher, sets, parts)) if teacher is not None else None
    stats = np.concatenate([s.stats[i] for s, i in parts]).astype(np.float32)
    labels = np.concatenate([s.label[i] for s, i in parts])
    logmel = (np.concatenate([s.logmel[i] for s, i in parts])[:, None] if cls.uses_logmel else None)
    mean, std = stats.mean(0), stats.std(0) + 1e-4
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    model = cls(mean, std)
    epochs = EPOCHS_OVERRIDE or EPOCHS[family]
    steps = epochs * ((len(labels) + BATCH - 1) // BATCH)
    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=WEIGHT_DECAY[family])
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, LR, total_steps=steps)
    weight = torch.tensor(len(labels) / (7 * np.bincount(labels, minlength=7)), dtype=torch.float32)
    st = torch.from_numpy(stats)
    lm = torch.from_numpy(logmel) if logmel is not None else None
    y = torch.from_numpy(labels)
    dummy = torch.zeros(1, 1, 1, 1)
    mix_rng = np.random.default_rng(seed)
    paired = CONSISTENCY > 0 or EMBEDDING_CONSISTENCY > 0
    partners = paired_sets(sets) if paired else []
    if paired:
        assert partners and cls.uses_logmel, "--consistency needs a convolutional family and paired copies (aug4, aug6, aug7)"
        assert not EMBEDDING_CONSISTENCY or hasattr(model, "embed"), "--embedding-consistency needs a fusion family"
        pair_pool = np.nonzero(train_mask_fn(sets["orig"]))[0]
        pair_rng = np.random.default_rng(seed + 1000)
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(labels), generator=gen)
        total = 0.0
        for i in range(0, len(labels), BATCH):
            b = perm[i:i + BATCH]
            x = spec_mask(lm[b], gen) if lm is not None else dummy
            s_in = st[b]
            if MIXUP > 0:  # the model's z-normalisation is linear, so mixing raw stats mixes normalised ones
                lam = float(mix_rng.beta(MIXUP, MIXUP))
                j = torch.randperm(len(b), generator=gen)
                x = lam * x + (1 - lam) * x[j] if lm is not None else x
                s_in = lam * s_in + (1 - lam) * s_in[j]
            n, p = len(b), PAIRS_PER_BATCH
            if partners:  # one forward pass (one set of batch-norm statistics) for the batch and the pairs
                idx = pair_rng.choice(pair_pool, p)
                which = pair_rng.integers(0, len(partners), p)
                clean_lm = torch.from_numpy(sets["orig"].logmel[idx][:, None])
                noisy_lm = torch.from_numpy(np.stack([partners[w].logmel[row] for w, row in zip(which, idx)])[:, None])
                clean_st = torch.from_numpy(sets["orig"].stats[idx])
                noisy_st = torch.from_numpy(np.stack([partners[w].stats[row] for w, row in zip(which, idx)]))
                x = torch.cat([x, spec_mask(clean_lm, gen), spec_mask(noisy_lm, gen)])
                s_in = torch.cat([s_in, clean_st, noisy_st])
            if EMBEDDING_CONSISTENCY > 0:
                embedding = model.embed(x, s_in)
                out = model.head(embedding)
            else:
                out = model(x, s_in)
            if MIXUP > 0:
                loss = (lam * F.cross_entropy(out[:n], y[b], weight=weight, label_smoothing=0.1)
                        + (1 - lam) * F.cross_entropy(out[:n], y[b][j], weight=weight, label_smoothing=0.1))
            else:
                loss = F.cross_entropy(out[:n], y[b], weight=weight, label_smoothing=0.1)
            if soft is not None:
                loss = loss + DISTILL * distillation_loss(out[:n], soft[b])
            if CONSISTENCY > 0:
                loss = loss + CONSISTENCY * consistency_loss(out[n:n + p], out[n + p:])
            if EMBEDDING_CONSISTENCY > 0:
                loss = loss + EMBEDDING_CONSISTENCY * embedding_consistency_loss(embedding[n:n + p], embedding[n + p:])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss) * len(b)
        if cls.uses_logmel or epoch == epochs - 1:
            log(f"  {family} seed {seed} epoch {epoch + 1}/{epochs} loss {total / len(labels):.4f}")
    model.eval()
    return model


def predict(model, s, idx):
    with torch.no_grad():
        out = []
        for i in range(0, len(idx), 256):
            j = idx[i:i + 256]
            lm = torch.from_numpy(np.ascontiguousarray(s.logmel[j])[:, None]) if model.uses_logmel else torch.zeros(1)
            out.append(torch.softmax(model(lm, torch.from_numpy(s.stats[j])), 1).numpy())
    return np.concatenate(out)


def distillation_teacher(sets, train_mask_fn, seed, held_out=None):
    """With --distill: the models of teacher_members(seed), each trained on the same windows (None without it).
    With held_out=(orig set, fold), logs each one's held-out clean accuracy: it must equal that family's and seed's
    own CV fold (the same model, trained again), or the comparison the student is screened by does not hold."""
    if DISTILL <= 0:
        return None
    teacher = []
    for family, member_seed in teacher_members(seed):
        assert FAMILIES[family].uses_logmel <= any(s.logmel is not None for s in sets.values()), \
            f"teacher {family} reads the log-mel, which the student's sets were loaded without"
        teacher.append(train_model(family, sets, train_mask_fn, member_seed))
        if held_out is not None:
            log(f"teacher {family} seed {member_seed} fold {held_out[1]} held-out clean acc "
                f"{held_out_accuracy(teacher[-1:], *held_out):.4f}")
    if held_out is not None and len(teacher) > 1:
        log(f"teacher mean of {len(teacher)} fold {held_out[1]} held-out clean acc {held_out_accuracy(teacher, *held_out):.4f}")
    return teacher


def held_out_accuracy(models, s, k):
    """File-level accuracy of the mean of `models` on the fold-k actors' clips of set `s`."""
    clips, probs = held_out_clip_probs(lambda s, idx: predict_mean(models, s, idx), s, k)
    y = np.array([parse_name(c)[0] for c in clips])
    return metrics(y, probs.argmax(1))["accuracy"]


def held_out_clip_probs(model_probs, s, k):
    """File-level probabilities of the fold-k actors' clips of set `s` from a function of window indices."""
    idx = np.nonzero(s.fold == k)[0]
    return clip_probs([s.clip[i] for i in idx], model_probs(s, idx), s.has_speech[idx])


def cv(family, seeds, first_seed=0, train_sets=TRAIN_SETS, eval_sets=(), tag="", only_folds=None):
    """CV of FAMILY; with first_seed > 0 results are stored as FAMILY_sN (an independent repetition that
    ensemble_cv.py can average with the others). The clean figures are on the held-out actors' original
    clips; each of `eval_sets` (test copies of the same clips) is scored by the same fold models. only_folds
    (--folds): train just those folds and stop before the summary (two processes share a run's folds; a last
    run without it reads them all from the cache and writes the summary)."""
    name = family + (f"_{tag}" if tag else "") + (f"_s{first_seed}" if first_seed else "")
    os.makedirs(os.path.join(RUNS, "cv"), exist_ok=True)
    sets = load_sets(FAMILIES[family].uses_logmel, train_sets)
    tests = {"orig": sets["orig"]}
    tests.update(load_sets(FAMILIES[family].uses_logmel, eval_sets))
    setting, vad = features_setting({**sets, **tests})
    all_clips, all_probs = [], {t: [] for t in tests}
    folds = {t: [] for t in tests}
    for k in range(N_FOLDS):
        path = os.path.join(RUNS, "cv", f"{name}.fold{k}.npz")
        z = dict(np.load(path)) if os.path.exists(path) else {}
        if z and cached_setting(z) != setting:  # other features: the cached probabilities do not apply
            log(f"{family} fold {k}: cached from features '{cached_setting(z)}', features now '{setting}': trained again")
            z = {}
        if z and stored_recipe_options(z) != recipe_options():  # another training recipe
            log(f"{family} fold {k}: cached with options {stored_recipe_options(z)}, now {recipe_options()}: trained again")
            z = {}
        if z and cached_kernels(z) != KERNELS:  # another machine's rounding: not the same models
            log(f"{family} fold {k}: cached with CPU kernels '{cached_kernels(z)}', now '{KERNELS}': trained again")
            z = {}
        if z and set(tests) <= stored_test_sets(z.keys()):
            log(f"{family} fold {k}: cached")
        elif only_folds is not None and k not in only_folds:
            continue  # another process's fold
        else:
            t0 = time.time()
            mask = lambda s: s.fold != k  # noqa: E731
            models = [train_model(family, sets, mask, seed, distillation_teacher(sets, mask, seed, (sets["orig"], k)))
                      for seed in range(first_seed, first_seed + seeds)]
            for t, s in tests.items():
                clips, probs = held_out_clip_probs(lambda s, idx: predict_mean(models, s, idx), s, k)
                z[clips_key(t)] = np.array(clips)
                z[probs_key(t)] = probs
            z["vad_snr_db"] = np.array(vad)
            z["feature_setting"] = np.array(setting)
            z["cpu_kernels"] = np.array(KERNELS)
            z.update({key: np.array(value) for key, value in recipe_options().items()})
            np.savez(path, **z)
            log(f"{family} fold {k}: {time.time() - t0:.0f}s")
        for t in tests:
            clips = list(z[clips_key(t)])
            probs = z[probs_key(t)]
            assert clips == list(z["clips"]), "a test set's clips differ from the original clips"
            y = np.array([parse_name(c)[0] for c in clips])
            m = metrics(y, probs.argmax(1))
            log(f"{family} fold {k} {t} actors {sorted(set(parse_name(c)[1] for c in clips))}: "
                f"acc {m['accuracy']:.3f} uar {m['uar']:.3f} f1 {m['macro_f1']:.3f}")
            folds[t].append(m)
            all_probs[t].append(probs)
        all_clips += list(z["clips"])
    if len(folds["orig"]) < N_FOLDS:
        log(f"{name}: folds {sorted(only_folds)} done; {N_FOLDS - len(folds['orig'])} not yet (run without --folds for the summary)")
        return
    probs = {t: np.concatenate(p) for t, p in all_probs.items()}
    summary = summarize(name, folds, all_clips, probs, seeds, vad, setting, train_sets, KERNELS)
    log(name, json.dumps({k: summary[k]["mean"] for k in ("accuracy", "uar", "macro_f1")}),
        json.dumps({t: summary["eval_sets"][t]["accuracy"]["mean"] for t in summary["eval_sets"]}))


def fold_figures(folds):
    out = {}
    for key in ("accuracy", "uar", "macro_f1"):
        v = np.array([f[key] for f in folds])
        out[key] = {"mean": round(float(v.mean()), 4), "std": round(float(v.std()), 4),
                    "min": round(float(v.min()), 4), "max": round(float(v.max()), 4),
                    "per_fold": [round(float(x), 4) for x in v]}
    return out


def pooled_recall(confusion):
    cm = np.asarray(confusion)
    return {c: round(float(cm[i, i] / max(cm[i].sum(), 1)), 4) for i, c in enumerate(CLASSES)}


def summarize(name, folds, clips, probs, seeds, vad_snr_db, setting, train_sets=None, kernels="unpinned"):
    """folds, probs: per test set ("orig" is the clean one). Writes NAME.json and NAME.oof.npz."""
    y = np.array([parse_name(c)[0] for c in clips])
    out = {"family": name, "seeds": seeds, "folds": N_FOLDS, "protocol": "5-fold grouped by actor (actors 1-20)",
           "vad_snr_db": None if np.isnan(vad_snr_db) else vad_snr_db, "feature_setting": setting,
           "cpu_kernels": kernels}
    out.update(recipe_options())
    if train_sets:
        out["train_sets"] = list(train_sets)
    out.update(fold_figures(folds["orig"]))
    pooled = metrics(y, probs["orig"].argmax(1))
    out["pooled_confusion"] = pooled["confusion"].tolist()
    out["pooled_recall"] = pooled_recall(pooled["confusion"])
    out["classes"] = CLASSES
    out["eval_sets"] = {}
    for t in folds:
        if t == "orig":
            continue
        entry = fold_figures(folds[t])
        cm = metrics(y, probs[t].argmax(1))["confusion"]
        entry["pooled_recall"] = pooled_recall(cm)
        entry["pooled_confusion"] = cm.tolist()
        out["eval_sets"][t] = entry
    with open(os.path.join(RUNS, "cv", f"{name}.json"), "w") as f:
        json.dump(out, f, indent=1)
    np.savez(os.path.join(RUNS, "cv", f"{name}.oof.npz"), clips=np.array(clips), vad_snr_db=np.array(vad_snr_db),
             feature_setting=np.array(setting), cpu_kernels=np.array(kernels),
             **{probs_key(t): p for t, p in probs.items()})
    return out


def final(family, seeds, first_seed=0, train_sets=TRAIN_SETS, eval_sets=(), tag=""):
    os.makedirs(os.path.join(RUNS, "final"), exist_ok=True)
    sets = load_sets(FAMILIES[family].uses_logmel, train_sets)
    name = family + (f"_{tag}" if tag else "")
    for seed in range(first_seed, first_seed + seeds):
        path = os.path.join(RUNS, "final", f"{name}.seed{seed}.pt")
        if os.path.exists(path):
            continue
        everything = lambda s: np.ones(len(s.label), dtype=bool)  # noqa: E731
        model = train_model(family, sets, everything, seed, distillation_teacher(sets, everything, seed))
        torch.save(model, path)
        log(f"saved {path}")


def main():
    global FEATURES, MIXUP, CONSISTENCY, EPOCHS_OVERRIDE, EMBEDDING_CONSISTENCY, DISTILL, DISTILL_TEACHER
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["cv", "final"])
    ap.add_argument("family", choices=sorted(FAMILIES))
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--train-sets", default=",".join(TRAIN_SETS))
    ap.add_argument("--eval-sets", default="")
    ap.add_argument("--tag", default="")
    ap.add_argument("--features", default=FEATURES)
    ap.add_argument("--mixup", type=float, default=0.0, help="Beta(a, a) mixup of training windows (0: off)")
    ap.add_argument("--consistency", type=float, default=0.0,
                    help="weight of KL(clean || noisy) between original windows and their aug4/6/7 copies (0: off)")
    ap.add_argument("--embedding-consistency", type=float, default=0.0,
                    help="weight of 1 - cos(clean, noisy) between the pooled embeddings of those pairs (0: off)")
    ap.add_argument("--epochs", type=int, default=0, help="epochs for every family (0: the family's default)")
    ap.add_argument("--distill", type=float, default=0.0,
                    help="weight of KL(teacher || student), the teacher a --distill-teacher member trained on the same "
                         "windows and read on clean twins (0: off)")
    ap.add_argument("--distill-teacher", default=DISTILL_TEACHER,
                    help="with --distill: FAMILY (that family's member with the student's seed) or FAMILY:SEED,... "
                         "(the mean of those members) (default %(default)s)")
    ap.add_argument("--folds", default="", help="cv only: train just these folds (e.g. 0,1), no summary")
    a = ap.parse_args()
    FEATURES = a.features
    MIXUP = a.mixup
    CONSISTENCY = a.consistency
    EPOCHS_OVERRIDE = a.epochs
    EMBEDDING_CONSISTENCY = a.embedding_consistency
    DISTILL = a.distill
    DISTILL_TEACHER = a.distill_teacher
    teacher_members(0)  # an unknown family fails here, not after the first fold's training
    assert not (DISTILL and MIXUP), "--distill with --mixup would need the teacher's targets mixed too"
    torch.set_num_threads(1)
    train_sets = a.train_sets.split(",")
    assert train_sets[0] == "orig", "the original clips come first (the CV's clean test set is read from them)"
    eval_sets = [t for t in a.eval_sets.split(",") if t]
    if a.mode == "cv":
        cv(a.family, a.seeds, a.first_seed, train_sets, eval_sets, a.tag,
           {int(k) for k in a.folds.split(",")} if a.folds else None)
    else:
        assert not a.folds, "--folds is for cv"
        final(a.family, a.seeds, a.first_seed, train_sets, eval_sets, a.tag)


if __name__ == "__main__":
    main()
