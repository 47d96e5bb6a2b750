#!/usr/bin/python3
"""Test copies of the RAVDESS clips as an ordinary room would deliver them, for measuring (never for
training): every original clip with pink noise at 20, 10 and 5 dB SNR (a fan, the hiss of a television
in the room), one set with a room's reverberation plus pink noise at 15 dB, and one with other voices
at 10 dB (room_noise.babble, 1-4 talkers of the clip's fold group: a television's dialogue, people
talking; a held-out actor's babble comes from held-out actors only).

  noisy_sets.py DATA_DIR OUT_DIR [--draw N]    writes OUT_DIR/{pink20,pink10,pink5,room15,babble10}/Actor_XX/*.wav

The noise is seeded by set and clip name with a prefix that augment.py never uses, so no training copy
holds the same noise as a test clip. train.py cv --eval-sets scores each fold's models on the held-out
actors' clips of these sets, beside the clean ones.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from room_noise import babble, babble_talkers, coloured_noise, list_clips, mix_at_snr, read_wav, reverb, seeded_rng, write_wav  # noqa: E402

# set name -> (reverberation, noise, SNR in dB)
SETS = {"pink20": (False, "pink", 20.0), "pink10": (False, "pink", 10.0), "pink5": (False, "pink", 5.0),
        "room15": (True, "pink", 15.0), "babble10": (False, "babble", 10.0)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--draw", type=int, default=0, help="another draw of the noise (0: the standard sets)")
    a = ap.parse_args()
    clips = list_clips(a.data_dir)
    for name in a.sets.split(","):
        with_room, kind, snr_db = SETS[name]
        for rel in clips:
            dst = os.path.join(a.out_dir, name, rel)
            if os.path.exists(dst):
                continue
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            rng = seeded_rng(f"test:{name}:{rel}", a.draw)
            x = read_wav(os.path.join(a.data_dir, rel))
            if with_room:
                x = reverb(x, rng)
            if kind == "babble":
                noise = babble(len(x), babble_talkers(a.data_dir, clips, rel, rng), rng)
            else:
                noise = coloured_noise(len(x), kind, rng)
            write_wav(dst, mix_at_snr(x, noise, snr_db))
        print(f"{name}: {len(clips)} clips", flush=True)


if __name__ == "__main__":
    sys.exit(main())
