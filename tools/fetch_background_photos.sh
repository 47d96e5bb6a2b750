#!/usr/bin/env bash
# Photos without a face, for bench/face_false_detections.mjs: the sample images of Debian's opencv-doc
# package (Apache-2.0 / BSD, OpenCV's samples/data) that show no face, person, animal or drawn face:
# aerial views, streets, rooms, a building, plants, fruit, objects, text, a painting. Downloaded from
# Debian's archive into build/backgrounds/ (not committed); a second run does nothing.
#   bash tools/fetch_background_photos.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build/backgrounds
deb=opencv-doc_4.6.0+dfsg-12_all.deb
sha=4b12681df35878207ac7097dc66184b2ae552e4bf4ddd2af04a0f03ed0b8682a
photos=(aero1.jpg aero3.jpg aloeL.jpg aloeR.jpg apple.jpg blox.jpg board.jpg box.png box_in_scene.png building.jpg
        butterfly.jpg cards.png ela_original.jpg fruits.jpg home.jpg left.jpg leuvenA.jpg leuvenB.jpg
        licenseplate_motion.jpg orange.jpg right.jpg rubberwhale1.png rubberwhale2.png smarties.png squirrel_cls.jpg
        starry_night.jpg stuff.jpg sudoku.png text_defocus.jpg)

missing=0
for p in "${photos[@]}"; do [[ -f $dir/$p ]] || missing=1; done
((missing)) || { echo "[backgrounds] ${#photos[@]} photos in $dir"; exit 0; }

mkdir -p "$dir"
if [[ ! -f $dir/$deb ]] || ! echo "$sha  $dir/$deb" | sha256sum -c --quiet 2>/dev/null; then
  echo "[backgrounds] downloading $deb (96 MB) from Debian's archive"
  (cd "$dir" && apt-get download -q "opencv-doc=4.6.0+dfsg-12") \
    || { echo "[backgrounds] apt-get download failed: the package lists may be stale (sudo apt-get update)" >&2; exit 1; }
fi
echo "$sha  $dir/$deb" | sha256sum -c --quiet || { echo "[backgrounds] $deb: sha256 mismatch" >&2; exit 1; }
dpkg-deb --fsys-tarfile "$dir/$deb" |
  tar -x -C "$dir" --strip-components=7 "${photos[@]/#/./usr/share/doc/opencv-doc/examples/data/}"
rm "$dir/$deb"
echo "[backgrounds] ${#photos[@]} photos in $dir"
