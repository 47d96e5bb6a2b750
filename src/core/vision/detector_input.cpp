#include "core/vision/detector_input.h"

#include <algorithm>
#include <cmath>

namespace attune::vision {

namespace {

constexpr float kPi = 3.14159265358979f;

// The frame's colour at (x, y) in pixel-centre coordinates (0..width-1), bilinear: RGB into `rgb`.
void sample_bilinear(const RgbaView& frame, float x, float y, float rgb[3]) {
  const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  const int x1 = std::min(x0 + 1, frame.width - 1), y1 = std::min(y0 + 1, frame.height - 1);
  const float wx = x - x0, wy = y - y0;
  const std::uint8_t* row0 = frame.row(y0);
  const std::uint8_t* row1 = frame.row(y1);
  for (int c = 0; c < 3; ++c) {
    const float top = row0[x0 * 4 + c] * (1 - wx) + row0[x1 * 4 + c] * wx;
    const float bottom = row1[x0 * 4 + c] * (1 - wx) + row1[x1 * 4 + c] * wx;
    rgb[c] = top * (1 - wy) + bottom * wy;
  }
}

}  // namespace

LetterboxTransform DetectorInput::prepare(const RgbaView& frame, float roll_degrees, std::optional<BoxF> region) {
  std::fill(tensor_.begin(), tensor_.end(), 0.0f);
  LetterboxTransform t;
  if (frame.empty()) return t;

  t.zoomed = region && region->width >= 1.0f && region->height >= 1.0f;
  t.region = t.zoomed ? *region : BoxF{0.0f, 0.0f, static_cast<float>(frame.width), static_cast<float>(frame.height)};
  t.scale = scale_to_fit(t.region.width, t.region.height);
  t.content_width = std::min(width_, static_cast<int>(std::lround(t.region.width * t.scale)));
  t.content_height = std::min(height_, static_cast<int>(std::lround(t.region.height * t.scale)));
  const bool turned = roll_degrees != 0.0f;
  if (turned) {
    t.roll_degrees = roll_degrees;
    t.cos_roll = std::cos(roll_degrees * kPi / 180.0f);
    t.sin_roll = std::sin(roll_degrees * kPi / 180.0f);
    t.center = {t.region.center_x(), t.region.center_y()};
  }

  const std::size_t plane = static_cast<std::size_t>(width_) * height_;
  float* blue = tensor_.data();
  float* green = blue + plane;
  float* red = green + plane;
  const float inverse = 1.0f / t.scale;
  const float last_x = frame.width - 1.0f, last_y = frame.height - 1.0f;

  for (int y = 0; y < t.content_height; ++y) {
    for (int x = 0; x < t.content_width; ++x) {
      // Sample at pixel centres. Unturned, clamp to the frame so the edge pixels are repeated, not
      // blended with 0; turned, what the turn brings in from outside the frame stays 0.
      float source_x, source_y;
      if (!turned) {
        source_x = std::clamp((x + 0.5f) * inverse + t.region.x - 0.5f, 0.0f, last_x);
        source_y = std::clamp((y + 0.5f) * inverse + t.region.y - 0.5f, 0.0f, last_y);
      } else {
        const Point2f p = t.to_frame({x + 0.5f, y + 0.5f});
        source_x = p.x - 0.5f;
        source_y = p.y - 0.5f;
        if (!(source_x >= 0.0f && source_y >= 0.0f && source_x <= last_x && source_y <= last_y)) continue;
      }
      float rgb[3];
      sample_bilinear(frame, source_x, source_y, rgb);
      const std::size_t i = static_cast<std::size_t>(y) * width_ + x;
      red[i] = rgb[0];
      green[i] = rgb[1];
      blue[i] = rgb[2];
    }
  }
  return t;
}

}  // namespace attune::vision
