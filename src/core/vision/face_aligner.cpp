#include "core/vision/face_aligner.h"

#include <algorithm>
#include <cmath>

#include "core/vision/gray.h"

namespace attune::vision {

namespace {

float pixel_luma(const RgbaView& image, int x, int y) {
  const std::uint8_t* p = image.row(y) + x * 4;
  return luma_bt601(p[0], p[1], p[2]);
}

// The luma of the frame pixels a crop can touch, converted once per crop (not 4 times per tap).
struct LumaRegion {
  int left = 0, top = 0, width = 0, height = 0;  // in frame pixels
  int frame_width = 0, frame_height = 0;
  const float* data = nullptr;

  float at(int x, int y) const { return data[static_cast<std::size_t>(y - top) * width + (x - left)]; }

  // Bilinear luma at a continuous frame position (pixel centres at i + 0.5); frame edges repeat.
  float sample(float x, float y) const {
    x = std::clamp(x - 0.5f, 0.0f, frame_width - 1.0f);
    y = std::clamp(y - 0.5f, 0.0f, frame_height - 1.0f);
    const int x0 = static_cast<int>(x);
    const int y0 = static_cast<int>(y);
    const int x1 = std::min(x0 + 1, frame_width - 1);
    const int y1 = std::min(y0 + 1, frame_height - 1);
    const float fx = x - x0;
    const float fy = y - y0;
    const float l00 = at(x0, y0);
    const float top_row = fx > 0.0f ? l00 + (at(x1, y0) - l00) * fx : l00;
    if (fy <= 0.0f) return top_row;
    const float l01 = at(x0, y1);
    const float bottom_row = fx > 0.0f ? l01 + (at(x1, y1) - l01) * fx : l01;
    return top_row + (bottom_row - top_row) * fy;
  }
};

// Converts the part of `frame` under the crop (bounding box of its corners, 2 px margin, clamped to
// the frame; every clamped tap lies inside it) to luma in `scratch`.
LumaRegion luma_region(const RgbaView& frame, const CropTransform& t, int size, std::vector<float>& scratch) {
  float min_x = 1e30f, min_y = 1e30f, max_x = -1e30f, max_y = -1e30f;
  for (int corner = 0; corner < 4; ++corner) {
    const Point2f p = t.map((corner & 1) ? static_cast<float>(size) : 0.0f, (corner & 2) ? static_cast<float>(size) : 0.0f);
    min_x = std::min(min_x, p.x); max_x = std::max(max_x, p.x);
    min_y = std::min(min_y, p.y); max_y = std::max(max_y, p.y);
  }
  auto clamp_to = [](float v, int hi) { return static_cast<int>(std::clamp(v, 0.0f, static_cast<float>(hi))); };
  LumaRegion r;
  r.frame_width = frame.width;
  r.frame_height = frame.height;
  r.left = clamp_to(std::floor(min_x) - 2, frame.width - 1);
  r.top = clamp_to(std::floor(min_y) - 2, frame.height - 1);
  r.width = clamp_to(std::ceil(max_x) + 2, frame.width - 1) - r.left + 1;
  r.height = clamp_to(std::ceil(max_y) + 2, frame.height - 1) - r.top + 1;
  scratch.resize(static_cast<std::size_t>(r.width) * r.height);
  for (int y = 0; y < r.height; ++y)
    for (int x = 0; x < r.width; ++x)
      scratch[static_cast<std::size_t>(y) * r.width + x] = pixel_luma(frame, r.left + x, r.top + y);
  r.data = scratch.data();
  return r;
}

}  // namespace

float CropTransform::scale() const { return std::sqrt(axis_x.x * axis_x.x + axis_x.y * axis_x.y); }

bool framing_transform(const std::array<Point2f, kLandmarkCount>& lm, const FaceFraming& framing,
                       CropTransform* out) {
  const Point2f eye_right = lm[kRightEye];  // image left for an upright face
  const Point2f eye_left = lm[kLeftEye];
  const float vx = eye_left.x - eye_right.x;
  const float vy = eye_left.y - eye_right.y;
  const float eye_distance = std::sqrt(vx * vx + vy * vy);
  if (!(eye_distance > 1e-3f)) return false;
  // u: along the eye line (image right when upright); n: perpendicular, pointing towards the mouth.
  const Point2f u{vx / eye_distance, vy / eye_distance};
  const Point2f n{-u.y, u.x};
  const Point2f eye_mid{(eye_right.x + eye_left.x) * 0.5f, (eye_right.y + eye_left.y) * 0.5f};
  const Point2f mouth_mid{(lm[kRightMouth].x + lm[kLeftMouth].x) * 0.5f,
                          (lm[kRightMouth].y + lm[kLeftMouth].y) * 0.5f};
  const float eye_to_mouth = std::max(0.0f, (mouth_mid.x - eye_mid.x) * n.x + (mouth_mid.y - eye_mid.y) * n.y);
  const float face_size = (eye_distance + eye_to_mouth) * 0.5f;
  const float s = face_size / framing.face_scale;  // source pixels per output pixel
  const Point2f anchor{(eye_mid.x + mouth_mid.x) * 0.5f, (eye_mid.y + mouth_mid.y) * 0.5f};
  out->axis_x = {u.x * s, u.y * s};
  out->axis_y = {n.x * s, n.y * s};
  out->origin = {anchor.x - framing.anchor_x * out->axis_x.x - framing.anchor_y * out->axis_y.x,
                 anchor.y - framing.anchor_x * out->axis_x.y - framing.anchor_y * out->axis_y.y};
  return true;
}

FaceAligner::FaceAligner(const FaceFraming& framing)
    : framing_(framing),
      gray_(static_cast<std::size_t>(framing.size) * framing.size, 0),
      tensor_(gray_.size(), 0.0f) {}

bool FaceAligner::align_and_crop(const RgbaView& frame, const std::array<Point2f, kLandmarkCount>& landmarks) {
  CropTransform t;
  if (!framing_transform(landmarks, framing_, &t)) return false;
  return crop(frame, t);
}

bool FaceAligner::crop_whole_image(const RgbaView& image) {
  if (image.empty()) return false;
  const float side = static_cast<float>(std::min(image.width, image.height));
  const float s = side / framing_.size;
  CropTransform t;
  t.origin = {(image.width - side) * 0.5f, (image.height - side) * 0.5f};
  t.axis_x = {s, 0.0f};
  t.axis_y = {0.0f, s};
  return crop(image, t);
}

bool FaceAligner::crop(const RgbaView& frame, const CropTransform& t) {
  if (frame.empty()) return false;
  transform_ = t;
  const int size = framing_.size;
  const LumaRegion region = luma_region(frame, t, size, luma_);
  // k x k taps per output pixel, about one source pixel apart: a box filter when shrinking.
  const int k = std::clamp(static_cast<int>(std::lround(t.scale())), 1, 8);
  const float step = 1.0f / k;
  const float norm = 1.0f / (k * k);
  for (int j = 0; j < size; ++j) {
    for (int i = 0; i < size; ++i) {
      float sum = 0.0f;
      for (int b = 0; b < k; ++b) {
        const float oy = j + (b + 0.5f) * step;
        for (int a = 0; a < k; ++a) {
          const Point2f p = t.map(i + (a + 0.5f) * step, oy);
          sum += region.sample(p.x, p.y);
        }
      }
      const float level = std::clamp(std::round(sum * norm), 0.0f, 255.0f);
      const std::size_t index = static_cast<std::size_t>(j) * size + i;
      gray_[index] = static_cast<std::uint8_t>(level);
      tensor_[index] = level / 255.0f;
    }
  }
  return true;
}

}  // namespace attune::vision
