#!/bin/bash
# Large teachers for the face student, trained side by side on a lent GPU machine in one call
# (training/face/README.md, "Large teachers on a GPU"). It unpacks FER2013, trains the teachers for MINUTES
# each on Training less its 10% holdout, writes their soft targets for every Training row (teacher_probs.py,
# pipeline crops given their plain crop's targets), and leaves under OUT: teachers-gpu.npz, logs.tar (the
# training logs and the decoded images' sha1) and the teachers' float16 weights, split in parts of 15 MB
# (the device tool brings back files of at most 16 MiB).
#
#   bash training/face/gpu_teachers.sh ARCHIVE FOUND_FLAGS OUT [MINUTES]
#     ARCHIVE      fer2013-train-val.tar.gz (../shared/data/fer2013/)
#     FOUND_FLAGS  build/cache/pipeline-train-v2-found.npy (make_pipeline_crops.mjs --split train --variant 2)
#
# Environment: PYTHON (default python3), AMP (default --amp: bfloat16 autocast, CUDA only), EXTRA (more
# train.py flags, last wins: a CPU smoke test is AMP= EXTRA="--limit 256 --epochs 1 --widths 16 16 16 16"; widths under 16 train on AVX2 kernels, see train.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
archive=$1 found=$2 out=$3 minutes=${4:-6}
py=${PYTHON:-python3}
amp=${AMP---amp}
export PYTHONUNBUFFERED=1
export TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1  # torch >= 2.6 loads checkpoints weights-only; ours hold their args
mkdir -p build/data build/cache build/gpu-teachers "$out"

tar xzf "$archive" -C build/data
cp "$found" build/cache/pipeline-train-v2-found.npy
$py -c "import sys; sys.path.insert(0, 'training/face'); from data import load_split
for split in ('train', 'val'): load_split('build/data/fer2013', split, 'build/cache')"
sha1sum build/cache/fer2013-train-x.npy build/cache/fer2013-val-x.npy > build/gpu-teachers/decoded.sha1
nvidia-smi --query-gpu=name,memory.used --format=csv > build/gpu-teachers/gpu.txt 2>&1 || true

# name and widths (stride-1 stem); the seed is the number in the name
teachers=("t51 64 128 256 512" "t52 64 128 256 512" "t53 48 96 192 384")
pids=()
for spec in "${teachers[@]}"; do
    read -r name widths <<< "$spec"
    # shellcheck disable=SC2086  # widths, amp and EXTRA are word lists
    $py training/face/train.py --preset gpu $amp --widths $widths --stem-stride 1 --holdout-from-train 0.1 \
        --seed "${name#t}" --epochs 150 --time-budget "$minutes" ${EXTRA:-} \
        --run "build/face-runs/$name" --log "$out/$name.log" > "build/gpu-teachers/$name.out" 2>&1 &
    pids+=($!)
done
status=0  # a failed run is reported by the exit status; the others' targets are still written
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
for spec in "${teachers[@]}"; do
    read -r name _ <<< "$spec"
    tail -n 3 "build/gpu-teachers/$name.out"
done

runs=(build/face-runs/t5*/last.pt)
$py training/face/teacher_probs.py "${runs[@]}" --pipeline-crops 2 --pipeline-targets plain --threads 8 \
    --out "$out/teachers-gpu.npz" | tee build/gpu-teachers/teacher_probs.out

mv "$out"/t5*.log build/gpu-teachers/
tar cf "$out/logs.tar" -C build gpu-teachers
for ck in "${runs[@]}"; do
    name=$(basename "$(dirname "$ck")")
    # keep_teacher.py's file without its CPU check (minutes a large net here): that runs where it is kept
    $py -c "import sys, torch; sys.path.insert(0, 'training/face'); from keep_teacher import kept_checkpoint
torch.save(kept_checkpoint(torch.load(sys.argv[1], map_location='cpu')), sys.argv[2])" "$ck" "build/$name-f16.pt"
    split -b 15M -d "build/$name-f16.pt" "$out/$name-f16.pt.part"
done
ls -l "$out"
exit $status
