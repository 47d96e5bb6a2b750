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

// Bilinear luma at a continuous position (pixel centres at i + 0.5); edges repeat.
float sample_luma(const RgbaView& image, float x, float y) {
  x = std::clamp(x - 0.5f, 0.0f, image.width - 1.0f);
  y = std::clamp(y - 0.5f, 0.0f, image.height - 1.0f);
  const int x0 = static_cast<int>(x);
  const int y0 = static_cast<int>(y);
  const int x1 = std::min(x0 + 1, image.width - 1);
  const int y1 = std::min(y0 + 1, image.height - 1);
  const float fx = x - x0;
  const float fy = y - y0;
  const float l00 = pixel_luma(image, x0, y0);
  const float top = fx > 0.0f ? l00 + (pixel_luma(image, x1, y0) - l00) * fx : l00;
  if (fy <= 0.0f) return top;
  const float l01 = pixel_luma(image, x0, y1);
  const float bottom = fx > 0.0f ? l01 + (pixel_luma(image, x1, y1) - l01) * fx : l01;
  return top + (bottom - top) * fy;
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
  const int k = std::clamp(static_cast<int>(std::ceil(t.scale() - 1e-3f)), 1, 8);
  const float step = 1.0f / k;
  const float norm = 1.0f / (k * k);
  for (int j = 0; j < size; ++j) {
    for (int i = 0; i < size; ++i) {
      float sum = 0.0f;
      for (int b = 0; b < k; ++b) {
        const float oy = j + (b + 0.5f) * step;
        for (int a = 0; a < k; ++a) {
          const Point2f p = t.map(i + (a + 0.5f) * step, oy);
          sum += sample_luma(frame, p.x, p.y);
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
