// Decodes the raw outputs of YuNet (libfacedetection.train 2023 export: yunet_n_dynamic.onnx, or a
// fixed-size one such as yunet_n_320_320.onnx) into face detections in detector-input pixels.
//
// The model has 12 outputs: cls_S, obj_S [1, N_S, 1], bbox_S [1, N_S, 4], kps_S [1, N_S, 10] for the
// strides S = 8, 16, 32, with N_S = (W / S) * (H / S) anchors in row-major order. W and H must be
// multiples of 32: the network adds its stride-32 features, upsampled, to the stride-16 ones, so at
// 320x240 (7.5 rows at stride 32) ONNX Runtime refuses to run it; 320x256 gives 40x32, 20x16, 10x8. The decoding rule is
// the one of OpenCV's FaceDetectorYN (4.8+):
//   score = sqrt(clamp(cls, 0, 1) * clamp(obj, 0, 1))
//   centre = ((col, row) + bbox[0..1]) * S,   size = exp(bbox[2..3]) * S
//   landmark k = ((col, row) + kps[2k .. 2k+1]) * S
// followed by non-maximum suppression (nms.h).
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "core/vision/face_detection.h"

namespace attune::vision {

struct YuNetConfig {
  int input_width = 320;   // the model's input size (multiples of 32): a 320x240 camera frame
  int input_height = 256;  // fits at scale 1 with 16 rows of padding
  float score_threshold = 0.6f;
  float nms_threshold = 0.3f;
  int top_k = 5000;        // candidates considered by NMS (0 = all)
};

// Pointers to the 12 output buffers, in the order of YuNetDecoder::output_names().
struct YuNetOutputs {
  std::array<const float*, 12> data{};

  // Sets the buffer of the output called `name` ("cls_8", ...). Returns false for an unknown name.
  bool set(std::string_view name, const float* values);
  bool complete() const;
};

class YuNetDecoder {
 public:
  static constexpr std::array<int, 3> kStrides = {8, 16, 32};

  explicit YuNetDecoder(const YuNetConfig& config = {});

  // "cls_8", "cls_16", "cls_32", "obj_8", ..., "bbox_8", ..., "kps_8", "kps_16", "kps_32".
  static const std::array<std::string_view, 12>& output_names();
  // Index of an output name in output_names(), or -1.
  static int output_index(std::string_view name);
  // Number of values the output at `index` holds for this input size.
  std::size_t output_size(int index) const;

  const YuNetConfig& config() const { return config_; }

  // Detections (NMS applied), best score first, in detector-input pixels. Returns none when
  // outputs are incomplete.
  std::vector<FaceDetection> decode(const YuNetOutputs& outputs) const {
    return decode(outputs, config_.score_threshold);
  }
  // The same with another score threshold (a dim frame's, FacePipelineConfig::lifted_score_threshold).
  std::vector<FaceDetection> decode(const YuNetOutputs& outputs, float score_threshold) const;

 private:
  struct Level {
    int stride;
    int columns;
    int anchors;
  };
  YuNetConfig config_;
  std::array<Level, 3> levels_{};
  mutable std::vector<FaceDetection> candidates_;  // scratch, reused between frames
  mutable std::vector<BoxF> boxes_;
  mutable std::vector<float> scores_;
};

}  // namespace attune::vision
