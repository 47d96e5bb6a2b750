"""Noise and rooms for speech: coloured noise mixed in at a signal-to-noise ratio measured against the
speech itself, and sox's reverb. Shared by augment.py (training copies) and noisy_sets.py (the held-out
test sets), so that a training copy and a test clip at "10 dB" mean the same thing.

SNR is relative to the active speech level: the mean power of the 20 ms frames within 35 dB of the
clip's loudest frame (RAVDESS clips open and close with about a second of silence, which a plain mean
over the file would count as speech and so make every SNR about 3 dB harsher than stated).
"""
import hashlib
import os
import subprocess
import tempfile

import numpy as np
from scipy.io import wavfile

from voice_data import fold_of_actor, parse_name

RATE = 16000


def seeded_rng(key, draw=0):
    """A generator seeded by `key` (a copy's or test set's name and the clip's), so reruns write identical
    files. Draw 0 is the project's standard draw; another draw gives other random choices, to tell a change
    of recipe from the luck of one draw."""
    tail = f":draw{draw}" if draw else ""
    return np.random.default_rng(int(hashlib.sha1(f"{key}{tail}".encode()).hexdigest()[:8], 16))


def frame_powers(x, n):
    """Mean power of each whole n-sample frame of x (of x itself when it is shorter than a frame)."""
    frames = x[: len(x) // n * n].reshape(-1, n) if len(x) >= n else x[None, :]
    return np.mean(frames ** 2, axis=1)


def active_frames(power, range_db=35.0):
    """Which frames are active speech: within range_db of the loudest."""
    return power >= power.max() * 10 ** (-range_db / 10)


def active_speech_power(x, rate=RATE, frame_s=0.02, range_db=35.0):
    power = frame_powers(x, int(rate * frame_s))
    if not np.any(power > 0):
        return 1e-10
    return float(np.mean(power[active_frames(power, range_db)]))


def coloured_noise(length, colour, rng):
    """Gaussian noise with a 1/f^k power spectrum: white k=0, pink k=1, brown k=2. Unit power."""
    k = {"white": 0.0, "pink": 1.0, "brown": 2.0}[colour]
    spectrum = np.fft.rfft(rng.standard_normal(length))
    f = np.arange(len(spectrum), dtype=np.float64)
    f[0] = 1.0  # no infinite gain at DC
    noise = np.fft.irfft(spectrum / f ** (k / 2), n=length)
    noise -= noise.mean()
    return noise / np.sqrt(np.mean(noise ** 2) + 1e-20)


def trim_to_speech(x, rate=RATE, frame_s=0.02, range_db=35.0):
    """x from its first to its last active 20 ms frame (as active_speech_power counts them)."""
    n = int(rate * frame_s)
    if len(x) < 2 * n:
        return x
    active = np.nonzero(active_frames(frame_powers(x, n), range_db))[0]
    return x[active[0] * n:(active[-1] + 1) * n]


def babble(length, talkers, rng):
    """Other voices in the room (a television, people talking): each talker's clip trimmed to its speech,
    at the same active level as the others, looped from a random offset to `length`, all summed. Unit power,
    so that mix_at_snr sets the voices' level against the speaker's."""
    out = np.zeros(length)
    for t in talkers:
        t = trim_to_speech(t)
        t = t / np.sqrt(active_speech_power(t))
        looped = np.tile(t, length // len(t) + 2)
        start = int(rng.integers(len(t)))
        out += looped[start:start + length]
    out -= out.mean()
    return out / np.sqrt(np.mean(out ** 2) + 1e-20)


def babble_talkers(data_dir, clips, clip, rng):
    """The waveforms of 1-4 clips (of `clips`, under data_dir) of other actors in `clip`'s fold group
    (voice_data.fold_of_actor): a held-out actor's babble then comes from held-out actors only, and a training
    copy's from training actors only, in every fold of the CV, so no voice is heard in training that the fold
    holds out."""
    count = int(rng.integers(1, 5))
    actor = parse_name(clip)[1]
    group = [c for c in clips if parse_name(c)[1] != actor and fold_of_actor(parse_name(c)[1]) == fold_of_actor(actor)]
    if len(group) < count:
        raise ValueError(f"{clip}: {len(group)} clips of other actors in its fold group, {count} talkers asked for")
    return [read_wav(os.path.join(data_dir, group[i])) for i in rng.choice(len(group), size=count, replace=False)]


def mix_at_snr(x, noise, snr_db):
    """x + noise scaled so that active speech power / noise power = snr_db."""
    scale = np.sqrt(active_speech_power(x) / 10 ** (snr_db / 10))
    return x + noise[: len(x)] * scale


def reverb(x, rng, rate=RATE):
    """A random room through sox `reverb` (reverberance 20-90%, HF damping 20-80%, room scale 30-100%,
    pre-delay 0-30 ms); the dry signal is kept in the mix, as a microphone in a room hears both."""
    args = [f"{rng.uniform(20, 90):.0f}", f"{rng.uniform(20, 80):.0f}", f"{rng.uniform(30, 100):.0f}", "100",
            f"{rng.uniform(0, 30):.0f}"]
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.wav"), os.path.join(tmp, "out.wav")
        write_wav(src, x)
        subprocess.run(["sox", "-R", src, "-c", "1", dst, "reverb"] + args, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return read_wav(dst)


def list_clips(data_dir):
    """Every clip under data_dir as 'Actor_XX/name.wav', sorted (the key augment.py and noisy_sets.py seed by)."""
    return sorted(os.path.join(d, f) for d in sorted(os.listdir(data_dir)) if d.startswith("Actor_")
                  for f in os.listdir(os.path.join(data_dir, d)) if f.endswith(".wav"))


def read_wav(path):
    rate, x = wavfile.read(path)
    assert rate == RATE, f"{path}: {rate} Hz, expected {RATE}"
    return x.astype(np.float64) / 32768.0


def write_wav(path, x):
    """PCM16 at 16 kHz; never clips (a mix louder than full scale is scaled down)."""
    peak = np.max(np.abs(x)) if len(x) else 0.0
    if peak > 0.99:
        x = x * (0.99 / peak)
    tmp = path + ".tmp.wav"
    wavfile.write(tmp, RATE, np.round(x * 32767).astype(np.int16))
    os.replace(tmp, path)
