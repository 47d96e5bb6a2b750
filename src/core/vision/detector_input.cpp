#include "core/vision/detector_input.h"

#include <algorithm>
#include <cmath>

namespace attune::vision {

LetterboxTransform DetectorInput::prepare(const RgbaView& frame) {
  std::fill(tensor_.begin(), tensor_.end(), 0.0f);
  LetterboxTransform t;
  if (frame.empty()) return t;

  t.scale = std::min(static_cast<float>(width_) / frame.width, static_cast<float>(height_) / frame.height);
  t.content_width = std::min(width_, static_cast<int>(std::lround(frame.width * t.scale)));
  t.content_height = std::min(height_, static_cast<int>(std::lround(frame.height * t.scale)));

  const std::size_t plane = static_cast<std::size_t>(width_) * height_;
  float* blue = tensor_.data();
  float* green = blue + plane;
  float* red = green + plane;
  const float inverse = 1.0f / t.scale;

  for (int y = 0; y < t.content_height; ++y) {
    // Sample at pixel centres; clamp to the frame so the edge pixels are repeated, not blended with 0.
    const float source_y = std::clamp((y + 0.5f) * inverse - 0.5f, 0.0f, frame.height - 1.0f);
    const int y0 = static_cast<int>(source_y);
    const int y1 = std::min(y0 + 1, frame.height - 1);
    const float wy = source_y - y0;
    const std::uint8_t* row0 = frame.row(y0);
    const std::uint8_t* row1 = frame.row(y1);
    for (int x = 0; x < t.content_width; ++x) {
      const float source_x = std::clamp((x + 0.5f) * inverse - 0.5f, 0.0f, frame.width - 1.0f);
      const int x0 = static_cast<int>(source_x);
      const int x1 = std::min(x0 + 1, frame.width - 1);
      const float wx = source_x - x0;
      float rgb[3];
      for (int c = 0; c < 3; ++c) {
        const float top = row0[x0 * 4 + c] * (1 - wx) + row0[x1 * 4 + c] * wx;
        const float bottom = row1[x0 * 4 + c] * (1 - wx) + row1[x1 * 4 + c] * wx;
        rgb[c] = top * (1 - wy) + bottom * wy;
      }
      const std::size_t i = static_cast<std::size_t>(y) * width_ + x;
      red[i] = rgb[0];
      green[i] = rgb[1];
      blue[i] = rgb[2];
    }
  }
  return t;
}

}  // namespace attune::vision
