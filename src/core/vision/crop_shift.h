// Laying one crop on another before they are averaged (crop_averager.h, FacePipelineConfig::register_dim_crops).
//
// In a dark frame the landmarks that place a tracked face's crop move with the sensor noise, so successive crops
// of a still face lie a fraction of a pixel to a pixel apart, and their average blurs what it should sharpen.
// estimate_crop_shift finds the shift d that best lays `crop` on `reference` (crop(p) ~ reference(p + d)) by
// least squares on the reference's gradients (the average's: less noisy than the new crop's), over the crop's
// centre, refined once; shift_crop moves the crop back by it, bilinearly, edges repeated.
#pragma once

#include <vector>

namespace attune::vision {

struct CropShift {
  float dx = 0.0f, dy = 0.0f;
};

// Square crops of equal size (side = sqrt(size)); the shift is clamped to +-max_shift pixels.
CropShift estimate_crop_shift(const std::vector<float>& crop, const std::vector<float>& reference,
                              float max_shift = 2.0f);

// out(p) = crop(p - shift): the crop moved so that it lies on the reference.
void shift_crop(const std::vector<float>& crop, CropShift shift, std::vector<float>& out);

}  // namespace attune::vision
