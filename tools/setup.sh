#!/usr/bin/env bash
# Makes a Debian bookworm machine ready to build and test Attune. Idempotent: every step checks
# first and does nothing when its result is already there, so a second run takes a few seconds.
#
#   1. Debian packages (emscripten, chromium, firefox-esr, webkit2gtk-driver, xvfb, GoogleTest, ...)
#   2. Dear ImGui 1.86, KissFFT 131.1.0 and Nayuki's QR Code generator 1.8.0 from Debian *source* packages
#      into third_party/ (ignored), their upstream tarballs checked against pinned sha256 sums
#   3. nlohmann/json and stb_image headers into folders of their own (emscripten must not see /usr/include)
#   4. npm packages from package-lock.json (onnxruntime-web, playwright-core, puppeteer-core, selenium-webdriver)
#   5. the pinned YuNet face detector (dynamic-shape export), from ../shared/data when present, else from
#      upstream; sha256 checked
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
third_party=$root/third_party
shared_data=${ATTUNE_SHARED_DATA:-$root/../shared/data}
mkdir -p "$third_party"

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }
as_root() { if [[ $(id -u) == 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi; }

# ---- 1. Debian packages -------------------------------------------------------------------------
debian_packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates curl xz-utils dpkg-dev
  emscripten nlohmann-json3-dev libgtest-dev googletest
  clang libclang-rt-14-dev
  chromium fonts-dejavu-core python3-fonttools libstb-dev  # fonttools: the UI font cut to the characters it draws
  firefox-esr webkit2gtk-driver xvfb pulseaudio  # the app in Firefox and WebKitGTK (Safari's engine), virtual screen and sound card
  python3 python3-numpy python3-opencv python3-onnx  # opencv, onnx: the vision test fixtures (tests/golden/make_vision_fixtures.py)
  zbar-tools  # zbarimg: the browser tests read the kiosk's QR code off a screenshot
)
if ! command -v apt-get >/dev/null; then
  die "this script needs a Debian/Ubuntu system (apt-get). Elsewhere install: emscripten 3.1.x, cmake,
  GoogleTest, nlohmann-json, node 18+, chromium; put Dear ImGui v1.86 and KissFFT 131.1.0 (upstream
  release tags) under third_party/imgui and third_party/kissfft, then run this script again."
fi
missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
# Node may come from elsewhere (e.g. NodeSource's nodejs, which bundles npm): only ask Debian when absent.
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# ---- 2. ImGui, KissFFT and the QR Code generator from Debian source packages ----------------------------------------------
# A private apt configuration (own sources list and lists folder under third_party/apt) so that the
# system's apt setup is not touched. We use the upstream .orig tarball only (no Debian patches).
apt_dir=$third_party/apt
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o APT::Sandbox::User=root)

# name | Debian source version | orig tarball | sha256 of the orig tarball | folder under third_party
source_packages=(
  "imgui|1.86+ds-1|imgui_1.86+ds.orig.tar.xz|0dace0e8e57d298eb6e93af12dc19420cb96330832f6495c733b90aeeef11f64|imgui"
  "kissfft|131.1.0-4.1~deb12u1|kissfft_131.1.0.orig.tar.gz|76c1aac87ddb7258f34b08a13f0eebf9e53afa299857568346aa5c82bcafaf1a|kissfft"
  "qr-code-generator|1.8.0-1.1|qr-code-generator_1.8.0.orig.tar.gz|2ec0a4d33d6f521c942eeaf473d42d5fe139abcfa57d2beffe10c5cf7d34ae60|qrcodegen"
)
apt_updated=0
for entry in "${source_packages[@]}"; do
  IFS='|' read -r name version tarball sha folder <<<"$entry"
  stamp=$third_party/$folder/.attune-source
  if [[ -f $stamp && $(cat "$stamp") == "$sha" ]]; then continue; fi
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/downloads"
  if [[ ! -f $apt_dir/downloads/$tarball ]] || ! echo "$sha  $apt_dir/downloads/$tarball" | sha256sum -c --quiet 2>/dev/null; then
    if ((apt_updated == 0)); then
      echo "deb-src http://deb.debian.org/debian bookworm main" >"$apt_dir/sources.list"
      say "reading Debian source package lists (private apt config in $apt_dir)"
      apt-get "${apt_opts[@]}" update -q >/dev/null || die "apt-get update for deb-src failed"
      apt_updated=1
    fi
    say "fetching Debian source package $name=$version"
    # Only the upstream tarball is used: a Debian part the mirror lacks (seen: qr-code-generator's
    # .debian.tar.xz answered 404) makes apt-get fail after the tarball arrived, so success is judged by
    # the tarball and its checksum below.
    (cd "$apt_dir/downloads" && apt-get "${apt_opts[@]}" source --download-only -q "$name=$version" >"$apt_dir/$name.log" 2>&1) || true
    [[ -f $apt_dir/downloads/$tarball ]] || die "apt-get source $name=$version did not bring $tarball: $(tail -3 "$apt_dir/$name.log")"
  fi
  echo "$sha  $apt_dir/downloads/$tarball" | sha256sum -c --quiet || die "$tarball: sha256 mismatch"
  rm -rf "${third_party:?}/$folder"
  mkdir -p "$third_party/$folder"
  tar -xf "$apt_dir/downloads/$tarball" -C "$third_party/$folder" --strip-components=1
  echo "$sha" >"$stamp"
  say "unpacked $tarball into third_party/$folder"
done

# ---- 3. nlohmann/json into a folder of its own ------------------------------------------------------
json_dir=$third_party/json/include/nlohmann
if [[ ! -f $json_dir/json.hpp ]]; then
  [[ -f /usr/include/nlohmann/json.hpp ]] || die "nlohmann-json3-dev is not installed"
  mkdir -p "$json_dir"
  cp -r /usr/include/nlohmann/. "$json_dir/"
fi

# stb_image (image decoding for the Node classifier), also in a folder of its own.
if [[ ! -f $third_party/stb/stb_image.h ]]; then
  [[ -f /usr/include/stb/stb_image.h ]] || die "libstb-dev is not installed"
  mkdir -p "$third_party/stb"
  cp /usr/include/stb/stb_image.h "$third_party/stb/"
fi

# ---- 4. npm packages (pinned by package-lock.json) ---------------------------------------------------
lock_sum=$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)
if [[ ! -f $root/node_modules/.attune-lock || $(cat "$root/node_modules/.attune-lock") != "$lock_sum" ]]; then
  say "installing npm packages (npm ci)"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" >"$root/node_modules/.attune-lock"
fi

# ---- 5. pinned face detector ---------------------------------------------------------------------------
# YuNet (libfacedetection.train, Apache-2.0), the dynamic-shape export: the app runs it at 256x192, the
# camera's 320x240 frame scaled by 0.8 (src/core/vision/detector_input.h). models/face_detector.json is
# its card and pin. What the app loads (and the tests and benchmarks run) is face_detector.onnx made from
# it here: the same graph with its weights stored as int8 (tools/int8_weights.py; the card says what that
# costs), a quarter of the download.
detector=$third_party/models/yunet_n_dynamic.onnx
detector_sha=104ee26c71d5c270ce79a6b3dced91c91013260d29a6bf18f9296c5b8c4c2b12
detector_url=https://github.com/ShiqiYu/libfacedetection.train/raw/0047ac24/onnx/yunet_n_dynamic.onnx
if [[ ! -f $detector ]] || ! echo "$detector_sha  $detector" | sha256sum -c --quiet 2>/dev/null; then
  mkdir -p "$(dirname "$detector")"
  if [[ -f $shared_data/facedet/yunet/yunet_n_dynamic.onnx ]]; then
    cp "$shared_data/facedet/yunet/yunet_n_dynamic.onnx" "$detector"
    cp "$shared_data/facedet/yunet/LICENSE" "$(dirname "$detector")/yunet.LICENSE"
  else
    say "downloading the YuNet face detector from $detector_url"
    curl -fsSL --retry 2 -o "$detector.part" "$detector_url" || die "could not download $detector_url"
    mv "$detector.part" "$detector"
  fi
  echo "$detector_sha  $detector" | sha256sum -c --quiet || { rm -f "$detector"; die "face detector: sha256 mismatch"; }
fi
shipped_detector=$third_party/models/face_detector.onnx
if [[ ! -f $shipped_detector || $detector -nt $shipped_detector || $root/tools/int8_weights.py -nt $shipped_detector \
      || $root/tools/fp16_weights.py -nt $shipped_detector ]]; then
  say "storing the face detector's weights as int8 (tools/int8_weights.py)"
  /usr/bin/python3 "$root/tools/int8_weights.py" "$detector" "$shipped_detector.part" >/dev/null || die "could not convert the face detector"
  mv "$shipped_detector.part" "$shipped_detector"
fi

say "ready"
