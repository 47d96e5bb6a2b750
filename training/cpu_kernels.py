"""Which CPU kernels torch trains with, and a setting that trains the same weights on any x86-64 machine.

torch picks its kernels by what the processor offers: oneDNN's convolutions run AVX-512 code where the CPU has
it and AVX2 code where not, and ATen's vectorised operations choose likewise. The two round differently, and
over an epoch the difference grows into another model. Measured 2026-12-06 (torch 1.13, Debian; an AMD EPYC
with AVX-512): the voice `fusion` model after 2 epochs on the original clips differed by up to 0.04 in a
weight between oneDNN's AVX-512 and AVX2 code, while two runs with the same kernels were bit-identical. So a
cross-validation repeated on a machine with another processor gave other figures from the same features
(training/voice/README.md, "Repeating a run on another machine").

`pin()` caps both at AVX2, which every x86-64 processor of the last ten years has, unless the environment
already names a setting; call it before torch computes anything (torch reads both variables at its first
operation that needs them, not at import). On the machine above it made the voice models' training batches
1.1-1.4x slower and the face model's 1.45x, so the voice training pins (short runs whose figures are compared
across machines) and the face training records its kernels without pinning (hour-long runs; its kept teachers
carry their weights, not a recipe to repeat).
"""
import os

PINNED = {"DNNL_MAX_CPU_ISA": "AVX2", "ATEN_CPU_CAPABILITY": "avx2"}


def processor_has_avx512():
    try:
        with open("/proc/cpuinfo") as f:
            return " avx512f" in f.read()
    except OSError:
        return False


def describe():
    """The kernel setting in force, as stored with a run: the variables the environment names, or 'unpinned'
    and whether the processor offers AVX-512 (then torch's convolutions use it)."""
    named = [f"{k}={os.environ[k]}" for k in PINNED if k in os.environ]
    if named:
        return ",".join(named)
    return "unpinned (processor with AVX-512)" if processor_has_avx512() else "unpinned (processor without AVX-512)"


def pin():
    """Caps torch's CPU kernels at AVX2 unless the environment already sets them; returns describe()."""
    for key, value in PINNED.items():
        os.environ.setdefault(key, value)
    return describe()
