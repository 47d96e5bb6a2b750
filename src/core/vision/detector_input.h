// Turns a camera frame into the face detector's input tensor.
// YuNet takes float32 [1, 3, S, S], BGR channel planes, raw 0-255 values (no normalisation).
// The frame is scaled to fit S x S keeping its aspect ratio, placed at the top-left corner, and the
// rest is zero; LetterboxTransform maps detector coordinates back to frame pixels.
#pragma once

#include <vector>

#include "core/vision/image.h"

namespace attune::vision {

struct LetterboxTransform {
  float scale = 1.0f;  // detector pixels per frame pixel
  int content_width = 0;   // the frame's extent inside the tensor, in detector pixels
  int content_height = 0;

  float to_frame_x(float detector_x) const { return detector_x / scale; }
  float to_frame_y(float detector_y) const { return detector_y / scale; }
};

class DetectorInput {
 public:
  explicit DetectorInput(int size) : size_(size), tensor_(static_cast<std::size_t>(3) * size * size) {}

  // Fills tensor() from the frame (bilinear when scaling). Returns the mapping back to the frame.
  LetterboxTransform prepare(const RgbaView& frame);

  int size() const { return size_; }
  const std::vector<float>& tensor() const { return tensor_; }

 private:
  int size_;
  std::vector<float> tensor_;
};

}  // namespace attune::vision
