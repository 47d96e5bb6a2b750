#!/usr/bin/python3
"""Writes the non-speech WAV set used to count the VAD's false "speech" verdicts (issue #3).

  vad_noise_set.py OUT_DIR

107 files of 4 s, 16 kHz mono 16-bit, seeded: digital silence, +-1 LSB dither, and at -90..-20 dBFS in
5 dB steps: white, pink and brown noise, 50 Hz hum (5 harmonics), white and pink noise bursts
(0.3 s on, 0.2 s off: level moves like syllables) and clicks (5 ms decaying noise every 120 ms).
Count the windows with speech through the project's featurizer:

  ls OUT_DIR/*.wav > build/vad_noise.lst
  build/native/featurize --out build/vad_noise --list build/vad_noise.lst
  awk -F'\\t' 'NR>1 && $3==1' build/vad_noise.windows.tsv | wc -l      # windows heard as speech
"""
import os
import sys
import wave

import numpy as np

SR, N = 16000, 16000 * 4


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(0)

    def save(name, x):
        pcm = np.clip(np.round(x * 32767), -32768, 32767).astype(np.int16)
        with wave.open(os.path.join(out, name + ".wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(SR)
            w.writeframes(pcm.tobytes())

    def colored(alpha):  # power spectrum ~ 1/f^alpha
        spectrum = np.fft.rfft(rng.standard_normal(N))
        f = np.arange(len(spectrum))
        f[0] = 1
        return np.fft.irfft(spectrum / f ** (alpha / 2), N)

    def at(x, db):
        return x / np.sqrt(np.mean(x ** 2)) * 10 ** (db / 20)

    save("silence", np.zeros(N))
    save("dither", rng.integers(-1, 2, N) / 32767)
    t = np.arange(N) / SR
    bursts = (np.fmod(t, 0.5) < 0.3).astype(float)
    for db in range(-90, -15, 5):
        save(f"white_{db}", at(rng.standard_normal(N), db))
        save(f"pink_{db}", at(colored(1), db))
        save(f"brown_{db}", at(colored(2), db))
        save(f"hum_{db}", at(sum(np.sin(2 * np.pi * 50 * k * t) / k for k in range(1, 6)), db))
        save(f"whitebursts_{db}", at(rng.standard_normal(N), db) * bursts)
        save(f"pinkbursts_{db}", at(colored(1), db) * bursts)
        clicks = np.zeros(N)
        for s in range(0, N, int(0.12 * SR)):
            clicks[s:s + 80] = rng.standard_normal(80) * np.exp(-np.arange(80) / 15)
        save(f"clicks_{db}", at(clicks, db))


if __name__ == "__main__":
    main()
