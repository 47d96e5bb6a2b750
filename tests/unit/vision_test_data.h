// Loading helpers for the vision tests' fixtures: binary PGM/PPM images and YuNet raw-output text
// files, made at test time from FER2013 into the build folder by tests/golden/make_vision_fixtures.py
// (ctest runs it first). FER2013 is research-use data, so no FER-derived file is committed; without
// the data the tests that need the fixtures skip (VISION_FIXTURES_OR_SKIP).
#pragma once

#include <array>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/vision/face_detection.h"
#include "core/vision/image.h"
#include "core/vision/yunet_decoder.h"

namespace vision_test {

inline std::string data_path(const std::string& name) { return std::string(ATTUNE_VISION_FIXTURES_DIR) + "/" + name; }

inline bool fixtures_present() { return std::ifstream(data_path("stamp")).good(); }

// First statement of a test that reads the fixtures.
#define VISION_FIXTURES_OR_SKIP()                                                                        \
  if (!vision_test::fixtures_present())                                                                  \
  GTEST_SKIP() << "no vision fixtures in " ATTUNE_VISION_FIXTURES_DIR                                   \
                  " (made from ../shared/data/fer2013 by tests/golden/make_vision_fixtures.py; see the " \
                  "vision_fixtures test's output for why they are missing)"

struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // RGBA
  attune::vision::RgbaView view() const { return {pixels.data(), width, height, 0}; }
};

// Reads a binary PGM (P5, gray replicated into R, G, B) or PPM (P6) with maxval 255 into RGBA.
inline RgbaImage read_pnm(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  RgbaImage image;
  std::string magic;
  int maxval = 0;
  in >> magic >> image.width >> image.height >> maxval;
  in.get();  // the single whitespace after the header
  if (!in || (magic != "P5" && magic != "P6") || maxval != 255) return {};
  const int channels = magic == "P5" ? 1 : 3;
  std::vector<std::uint8_t> raw(static_cast<std::size_t>(image.width) * image.height * channels);
  in.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(raw.size()));
  if (!in) return {};
  image.pixels.resize(static_cast<std::size_t>(image.width) * image.height * 4);
  for (std::size_t i = 0, n = static_cast<std::size_t>(image.width) * image.height; i < n; ++i) {
    for (int c = 0; c < 3; ++c) image.pixels[i * 4 + c] = raw[i * channels + (channels == 1 ? 0 : c)];
    image.pixels[i * 4 + 3] = 255;
  }
  return image;
}

// The 8-bit levels of a PGM (as training reads them).
inline std::vector<std::uint8_t> read_pgm_levels(const std::string& path) {
  const RgbaImage image = read_pnm(path);
  std::vector<std::uint8_t> levels(static_cast<std::size_t>(image.width) * image.height);
  for (std::size_t i = 0; i < levels.size(); ++i) levels[i] = image.pixels[i * 4];
  return levels;
}

// Dense YuNet output buffers rebuilt from a sparse <scene>.outputs.txt (absent anchors are zeros).
struct YuNetRawOutputs {
  std::array<std::vector<float>, 12> buffers;
  int rows = 0;

  attune::vision::YuNetOutputs view() const {
    attune::vision::YuNetOutputs outputs;
    for (int i = 0; i < 12; ++i) outputs.data[i] = buffers[i].data();
    return outputs;
  }
};

inline YuNetRawOutputs read_outputs(const std::string& path, const attune::vision::YuNetDecoder& decoder) {
  YuNetRawOutputs raw;
  for (int i = 0; i < 12; ++i) raw.buffers[i].assign(decoder.output_size(i), 0.0f);
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    int level = 0, index = 0;
    fields >> level >> index;
    float v[16];
    for (float& x : v) fields >> x;
    raw.buffers[level][index] = v[0];
    raw.buffers[3 + level][index] = v[1];
    for (int k = 0; k < 4; ++k) raw.buffers[6 + level][index * 4 + k] = v[2 + k];
    for (int k = 0; k < 10; ++k) raw.buffers[9 + level][index * 10 + k] = v[6 + k];
    ++raw.rows;
  }
  return raw;
}

struct ReferenceDetections {
  std::vector<attune::vision::FaceDetection> faces;  // detector pixels
  float scale = 0.0f;                                // letterbox scale of the scene
};

inline ReferenceDetections read_detections(const std::string& path) {
  ReferenceDetections ref;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    if (line.rfind("scale", 0) == 0) {
      std::string word;
      fields >> word >> ref.scale;
      continue;
    }
    attune::vision::FaceDetection f;
    fields >> f.box.x >> f.box.y >> f.box.width >> f.box.height;
    for (auto& p : f.landmarks) fields >> p.x >> p.y;
    fields >> f.score;
    ref.faces.push_back(f);
  }
  return ref;
}

}  // namespace vision_test
