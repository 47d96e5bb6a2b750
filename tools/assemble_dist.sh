#!/usr/bin/env bash
# Copies the built app and everything it loads into one static folder. Every URL inside is relative,
# so the folder works served from / or from any sub-path (GitHub Pages serves /<repo>/).
#   tools/assemble_dist.sh BUILD_DIR OUT_DIR
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$1
out=$2
staging=$out.tmp
rm -rf "$staging"
mkdir -p "$staging/web" "$staging/ort" "$staging/models" "$staging/assets"

cp "$root/web/index.html" "$root/web/embed-example.html" "$staging/"
cp "$root/web/embed-example.js" "$root/web/embed-example.css" "$staging/web/"
cp "$root/web/loader.js" "$root/web/app.css" "$root/web/audio_capture_worklet.js" "$root/web/model_contract.js" "$staging/web/"
cp "$build/attune.js" "$build/attune.wasm" "$staging/"
cp "$root/assets/icon.svg" "$staging/assets/"
# UI font from Debian's fonts-dejavu-core (Bitstream Vera license; DejaVu changes public domain), cut down
# to the characters the interface draws (src/ui/glyph_ranges.h; fontTools from python3-fonttools) and
# without hinting, which ImGui's rasteriser does not use: 382 KB gzip for the whole font, 24 KB for these.
mkdir -p "$staging/assets/fonts"
unicodes=$(sed -nE 's/^ *0x([0-9A-Fa-f]{4}), 0x([0-9A-Fa-f]{4}),.*/U+\1-\2/p' "$root/src/ui/glyph_ranges.h" | paste -sd, -)
[[ -n $unicodes ]] || { echo "[dist] error: no glyph ranges read from src/ui/glyph_ranges.h" >&2; exit 1; }
/usr/bin/python3 -m fontTools.subset /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf --unicodes="$unicodes" --no-hinting \
  --output-file="$staging/assets/fonts/DejaVuSans.ttf" 2>/dev/null
cp /usr/share/doc/fonts-dejavu-core/copyright "$staging/assets/fonts/DejaVu.LICENSE"

ort=$root/node_modules/onnxruntime-web/dist
cp "$ort/ort.wasm.min.js" "$ort/ort-wasm-simd-threaded.mjs" "$ort/ort-wasm-simd-threaded.wasm" "$staging/ort/"

cp "$root/third_party/models/face_detector.onnx" "$staging/models/face_detector.onnx"  # int8 weights, made by tools/setup.sh
cp "$root/third_party/models/yunet.LICENSE" "$staging/models/face_detector.LICENSE" 2>/dev/null || true
cp "$root/models/face_detector.json" "$staging/models/"
shopt -s nullglob
for model in "$root"/models/*.onnx; do
  cp "$model" "${model%.onnx}.json" "$staging/models/"
done
if [[ -f $root/catalog/tracks.json ]]; then
  mkdir -p "$staging/catalog"
  cp "$root/catalog/tracks.json" "$staging/catalog/"
fi
# The cards and the catalog without their indentation: the same JSON, 2.6 KB less on a first visit
# (gzip), which is held under 5.0 MB. The repository keeps the readable files. A card's cv_by_family
# (the cross-validation of recipes that were tried or shipped before, 1.5 KB gzip for the voice card)
# stays in the repository's card; the deployed card keeps every figure of the model it ships with.
node -e 'const fs = require("fs");
  for (const f of process.argv.slice(1)) {
    const json = JSON.parse(fs.readFileSync(f, "utf8"));
    if (json.cv_by_family) json.cv_by_family = "other recipes: models/" + json.name + ".json in the repository";
    fs.writeFileSync(f, JSON.stringify(json));
  }' "$staging"/models/*.json "$staging"/catalog/*.json

# Our JavaScript without its whole-line comments (tools/strip_line_comments.mjs): 2.5 KB gzip.
node "$root/tools/strip_line_comments.mjs" "$staging"/web/loader.js "$staging"/web/model_contract.js \
  "$staging"/web/audio_capture_worklet.js

# ---- offline use (web/sw.js): manifest, icons, then the service worker with its precache list ------
# Keep this block last: the list is made of whatever the folder holds at this point.
cp "$root/web/manifest.webmanifest" "$staging/"
cp "$root/assets/icon-192.png" "$root/assets/icon-512.png" "$root/assets/icon-maskable-512.png" "$staging/assets/"
node "$root/tools/precache.mjs" "$staging"
node "$root/tools/strip_line_comments.mjs" "$staging/sw.js"  # not in its own list: stripped after it is written
# ---- end of offline use ------------------------------------------------------------------------------

rm -rf "$out"
mv "$staging" "$out"
echo "[dist] $(du -sh "$out" | cut -f1) in $out"
