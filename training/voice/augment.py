#!/usr/bin/python3
"""Write augmented copies of the RAVDESS training clips (16 kHz mono PCM16 WAV).

Augmentation is applied to waveforms, before the C++ featurizer, so the model sees augmented audio
through exactly the features it will be served. Copies are made for every clip; the training script
uses the copies of the training folds' actors only (a held-out actor's copies are never read).

Copy k of a clip (seeded by clip name, k and --draw, so reruns give identical files):
  copy 1: speed change (tempo and pitch together) 0.88-1.12 with sox `speed`, gain -8..+8 dB
  copy 2: pitch shift +-100..350 cents with sox `pitch` (tempo kept), white or pink noise at
          SNR 12..35 dB relative to the clip's speech level, gain -8..+8 dB
  copy 3: tempo change 0.85-1.15 with sox `tempo` (pitch kept), noise as in copy 2
  copy 4: a random room (sox `reverb`, room_noise.reverb) and pink or brown noise at SNR 0..20 dB
          (active speech level, room_noise.mix_at_snr), gain -8..+8 dB
  copy 5: speed change 0.92-1.08 and white, pink or brown noise at SNR 0..20 dB, gain -8..+8 dB
  copy 6: other voices (room_noise.babble: 1-4 talkers of the clip's fold group, a television or people
          talking) at SNR 0..20 dB, a third of them in a random room, gain -8..+8 dB
  copy 7: pink noise alone at SNR 0..20 dB, gain -8..+8 dB
  copy 8: pitch shift as in copy 2, then pink noise at SNR 0..20 dB, gain -8..+8 dB
  copy 9: speed change as in copy 1, then other voices as in copy 6 (no room), gain -8..+8 dB
Copies 4-7 are the noisy rooms people use the app in (issue #17); noisy_sets.py makes the test sets
with other noise draws. Copies 8-9 join another voice (pitch, speed) to a room's noise (an experiment:
training/voice/README.md, "Other voices in noise").

usage: augment.py DATA_DIR OUT_DIR [--copies 3] [--only 6,7] [--draw N]
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy.io import wavfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from room_noise import babble, babble_talkers, coloured_noise, list_clips, mix_at_snr, reverb, seeded_rng  # noqa: E402


def sox(src, dst, effect):
    subprocess.run(["sox", "-R", src, "-r", "16000", "-c", "1", "-b", "16", dst] + effect, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def add_noise(x, rng):
    speech_power = np.mean(x[np.abs(x) > 0.02 * np.max(np.abs(x))] ** 2) if np.any(x) else 1e-6
    snr_db = rng.uniform(12, 35)
    noise = rng.standard_normal(len(x))
    if rng.random() < 0.5:  # pink-ish: integrate white noise through a one-pole low-pass
        from scipy.signal import lfilter
        noise = lfilter([1.0], [1.0, -0.95], noise)
    noise *= np.sqrt(speech_power / 10 ** (snr_db / 10) / np.mean(noise ** 2))
    return x + noise


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated copy numbers to write (default: 1..--copies)")
    ap.add_argument("--draw", type=int, default=0, help="another draw of every copy's random choices (0: standard)")
    a = ap.parse_args()
    copies = [int(k) for k in a.only.split(",")] if a.only else list(range(1, a.copies + 1))
    clips = list_clips(a.data_dir)
    with tempfile.TemporaryDirectory() as tmp:
        for i, rel in enumerate(clips):
            src = os.path.join(a.data_dir, rel)
            for k in copies:
                dst = os.path.join(a.out_dir, f"aug{k}", rel)
                if os.path.exists(dst):
                    continue
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                rng = seeded_rng(f"{rel}:{k}", a.draw)
                tmp_wav = os.path.join(tmp, "x.wav")
                if k in (1, 5, 9):
                    sox(src, tmp_wav, ["speed", f"{rng.uniform(0.92, 1.08) if k == 5 else rng.uniform(0.88, 1.12):.4f}"])
                elif k in (2, 8):
                    cents = rng.uniform(100, 350) * rng.choice([-1, 1])
                    sox(src, tmp_wav, ["pitch", f"{cents:.0f}"])
                elif k == 3:
                    sox(src, tmp_wav, ["tempo", "-s", f"{rng.uniform(0.85, 1.15):.4f}"])
                else:
                    sox(src, tmp_wav, [])
                rate, x = wavfile.read(tmp_wav)
                x = x.astype(np.float64) / 32768.0
                if k in (2, 3):
                    x = add_noise(x, rng)
                elif k in (6, 9):
                    talkers = babble_talkers(a.data_dir, clips, rel, rng)
                    if k == 6 and rng.random() < 1 / 3:
                        x = reverb(x, rng)
                    x = mix_at_snr(x, babble(len(x), talkers, rng), rng.uniform(0, 20))
                elif k >= 4:
                    if k == 4:
                        x = reverb(x, rng)
                    colour = {4: ["pink", "brown"], 5: ["white", "pink", "brown"], 7: ["pink"], 8: ["pink"]}[k]
                    x = mix_at_snr(x, coloured_noise(len(x), rng.choice(colour), rng), rng.uniform(0, 20))
                x *= 10 ** (rng.uniform(-8, 8) / 20)
                peak = np.max(np.abs(x))
                if peak > 0.99:  # never clip: scale down instead
                    x *= 0.99 / peak
                wavfile.write(dst + ".tmp.wav", 16000, np.round(x * 32767).astype(np.int16))
                os.replace(dst + ".tmp.wav", dst)
            if i % 100 == 0:
                print(f"{i}/{len(clips)}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    sys.exit(main())
