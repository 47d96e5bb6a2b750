#include "core/vision/yunet_decoder.h"

#include <algorithm>
#include <cmath>

#include "core/vision/nms.h"

namespace attune::vision {

namespace {
constexpr std::array<std::string_view, 12> kOutputNames = {
    "cls_8", "cls_16", "cls_32", "obj_8", "obj_16", "obj_32",
    "bbox_8", "bbox_16", "bbox_32", "kps_8", "kps_16", "kps_32"};
constexpr int kValuesPerAnchor[4] = {1, 1, 4, 10};  // cls, obj, bbox, kps

float clamp01(float v) { return std::min(std::max(v, 0.0f), 1.0f); }
}  // namespace

bool YuNetOutputs::set(std::string_view name, const float* values) {
  const int index = YuNetDecoder::output_index(name);
  if (index < 0) return false;
  data[index] = values;
  return true;
}

bool YuNetOutputs::complete() const {
  return std::all_of(data.begin(), data.end(), [](const float* p) { return p != nullptr; });
}

YuNetDecoder::YuNetDecoder(const YuNetConfig& config) : config_(config) {
  // The "priors" of this anchor-free model are just the grid cells of each stride.
  for (std::size_t i = 0; i < kStrides.size(); ++i) {
    const int stride = kStrides[i];
    const int columns = config_.input_width / stride;
    const int rows = config_.input_height / stride;
    levels_[i] = Level{stride, columns, columns * rows};
  }
}

const std::array<std::string_view, 12>& YuNetDecoder::output_names() { return kOutputNames; }

int YuNetDecoder::output_index(std::string_view name) {
  for (std::size_t i = 0; i < kOutputNames.size(); ++i)
    if (kOutputNames[i] == name) return static_cast<int>(i);
  return -1;
}

std::size_t YuNetDecoder::output_size(int index) const {
  if (index < 0 || index >= 12) return 0;
  return static_cast<std::size_t>(levels_[index % 3].anchors) * kValuesPerAnchor[index / 3];
}

std::vector<FaceDetection> YuNetDecoder::decode(const YuNetOutputs& outputs, float score_threshold) const {
  candidates_.clear();
  if (!outputs.complete()) return {};
  for (std::size_t level = 0; level < levels_.size(); ++level) {
    const Level& l = levels_[level];
    const float* cls = outputs.data[level];
    const float* obj = outputs.data[3 + level];
    const float* bbox = outputs.data[6 + level];
    const float* kps = outputs.data[9 + level];
    const float s = static_cast<float>(l.stride);
    for (int i = 0; i < l.anchors; ++i) {
      const float score = std::sqrt(clamp01(cls[i]) * clamp01(obj[i]));
      if (score < score_threshold) continue;
      const float col = static_cast<float>(i % l.columns);
      const float row = static_cast<float>(i / l.columns);
      const float* b = bbox + static_cast<std::size_t>(i) * 4;
      const float* k = kps + static_cast<std::size_t>(i) * 10;
      FaceDetection face;
      const float cx = (col + b[0]) * s;
      const float cy = (row + b[1]) * s;
      face.box.width = std::exp(b[2]) * s;
      face.box.height = std::exp(b[3]) * s;
      face.box.x = cx - face.box.width * 0.5f;
      face.box.y = cy - face.box.height * 0.5f;
      for (int n = 0; n < kLandmarkCount; ++n)
        face.landmarks[n] = Point2f{(k[2 * n] + col) * s, (k[2 * n + 1] + row) * s};
      face.score = score;
      candidates_.push_back(face);
    }
  }

  boxes_.clear();
  scores_.clear();
  for (const FaceDetection& f : candidates_) {
    boxes_.push_back(f.box);
    scores_.push_back(f.score);
  }
  std::vector<FaceDetection> kept;
  for (int index : non_maximum_suppression(boxes_, scores_, score_threshold, config_.nms_threshold,
                                           config_.top_k))
    kept.push_back(candidates_[index]);
  return kept;
}

}  // namespace attune::vision
