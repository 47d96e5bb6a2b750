// A tracked face's crops averaged over frames, for dim light.
//
// A dark frame is brightened before the models see it (exposure.h), and the brightening lifts the
// camera's sensor noise with the face. On a small face that noise is what costs the expression model:
// PublicTest faces at 64 px in the bench's dim frames read 64.8% of the faces found against 70.1% in
// normal light, 70.0% with the same darkness and no noise, 67.4% with half of it (issue #17, 2026-12-05).
// Averaging the model's probabilities over frames undoes little of it (after 2 s of a still face 62.1%
// against 59.9% for one frame, normal light 68%: a noisy face is read wrongly the same way frame after
// frame). Averaging the crops goes at the noise itself: it differs from frame to frame, the face does
// not, and the crops are aligned at the face's landmarks, so they lie on one another. Each new crop gets
// `new_weight` of the average (1: the crop alone), an exponential average whose noise falls to
// sqrt(w / (2 - w)) of one frame's (0.58 at w = 0.5). What it gained, and why the app keeps it off:
// FacePipelineConfig::dim_crop_new_weight.
#pragma once

#include <vector>

namespace attune::vision {

class CropAverager {
 public:
  // Adds this frame's crop with `new_weight` and returns the average. The crop is taken whole for a
  // weight of 1 or more (or 0 or less), as the first crop after a reset and one of another size are.
  // `register_to_average`: the crop is first moved to lie on the average (crop_shift.h).
  const std::vector<float>& add(const std::vector<float>& crop, float new_weight, bool register_to_average = false);
  const std::vector<float>& average() const { return average_; }
  void reset() { average_.clear(); }

 private:
  std::vector<float> average_;
  std::vector<float> shifted_;  // the registered crop's room, kept between frames
};

}  // namespace attune::vision
