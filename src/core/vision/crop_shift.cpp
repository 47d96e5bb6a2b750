#include "core/vision/crop_shift.h"

#include <algorithm>
#include <cmath>

namespace attune::vision {

namespace {

constexpr int kMargin = 4;  // pixels of each edge left out of the fit: a shifted crop repeats its edges there

int side_of(const std::vector<float>& crop) { return static_cast<int>(std::lround(std::sqrt(crop.size()))); }

// One least-squares step: the d that minimises sum (crop - reference - d . grad(reference))^2 over the centre.
CropShift gradient_step(const std::vector<float>& crop, const std::vector<float>& reference, int side) {
  double gxx = 0, gxy = 0, gyy = 0, bx = 0, by = 0;
  for (int y = kMargin; y < side - kMargin; ++y) {
    for (int x = kMargin; x < side - kMargin; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * side + x;
      const double gx = 0.5 * (reference[i + 1] - reference[i - 1]);
      const double gy = 0.5 * (reference[i + side] - reference[i - side]);
      const double diff = crop[i] - reference[i];
      gxx += gx * gx; gxy += gx * gy; gyy += gy * gy;
      bx += gx * diff; by += gy * diff;
    }
  }
  const double det = gxx * gyy - gxy * gxy;
  if (!(det > 1e-12 * (gxx + gyy) * (gxx + gyy))) return {};  // a flat (or one-directional) reference: no shift to find
  return {static_cast<float>((gyy * bx - gxy * by) / det), static_cast<float>((gxx * by - gxy * bx) / det)};
}

}  // namespace

void shift_crop(const std::vector<float>& crop, CropShift shift, std::vector<float>& out) {
  const int side = side_of(crop);
  out.resize(crop.size());
  for (int y = 0; y < side; ++y) {
    const float sy = std::clamp(y - shift.dy, 0.0f, side - 1.0f);
    const int y0 = static_cast<int>(sy), y1 = std::min(y0 + 1, side - 1);
    const float fy = sy - y0;
    for (int x = 0; x < side; ++x) {
      const float sx = std::clamp(x - shift.dx, 0.0f, side - 1.0f);
      const int x0 = static_cast<int>(sx), x1 = std::min(x0 + 1, side - 1);
      const float fx = sx - x0;
      const auto at = [&](int xx, int yy) { return crop[static_cast<std::size_t>(yy) * side + xx]; };
      const float top = at(x0, y0) + (at(x1, y0) - at(x0, y0)) * fx;
      const float bottom = at(x0, y1) + (at(x1, y1) - at(x0, y1)) * fx;
      out[static_cast<std::size_t>(y) * side + x] = top + (bottom - top) * fy;
    }
  }
}

CropShift estimate_crop_shift(const std::vector<float>& crop, const std::vector<float>& reference, float max_shift) {
  const int side = side_of(crop);
  if (crop.size() != reference.size() || side * side != static_cast<int>(crop.size()) || side <= 2 * kMargin + 2)
    return {};
  CropShift d = gradient_step(crop, reference, side);
  d.dx = std::clamp(d.dx, -max_shift, max_shift);
  d.dy = std::clamp(d.dy, -max_shift, max_shift);
  // Refined once: what is left after moving the crop by the first estimate (the linear step is exact only
  // for small shifts).
  std::vector<float> moved;
  shift_crop(crop, d, moved);
  const CropShift rest = gradient_step(moved, reference, side);
  d.dx = std::clamp(d.dx + rest.dx, -max_shift, max_shift);
  d.dy = std::clamp(d.dy + rest.dy, -max_shift, max_shift);
  return d;
}

}  // namespace attune::vision
