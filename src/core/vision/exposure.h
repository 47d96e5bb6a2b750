// Brightens a dark camera frame before the face models see it. In a room lit by a screen in the evening
// a webcam gives dark, noisy frames: YuNet misses more faces and the expression model, trained on
// well-lit photos, reads the rest worse (bench/face_pipeline_accuracy.mjs, dim light). A gamma curve
// that maps the frame's mean level to kTargetMean restores much of both; frames at or above that mean
// are left exactly as they are, and the curve changes continuously with the mean, so a frame that
// darkens slowly never makes the readings jump.
#pragma once

#include <cstdint>
#include <vector>

#include "core/vision/image.h"

namespace attune::vision {

class ExposureCorrection {
 public:
  static constexpr float kTargetMean = 0.45f;  // of full scale
  static constexpr float kMinGamma = 0.4f;     // the strongest lift: a nearly black frame is mostly noise

  // The frame to give the face pipeline: `frame` itself when it is bright enough, otherwise a
  // brightened copy held by this object (valid until the next call).
  RgbaView apply(const RgbaView& frame);
  // The gamma the last apply() used (1: the frame was left as it was).
  float gamma() const { return gamma_; }
  // What the last apply() returned (valid while its frame and this object are).
  const RgbaView& last() const { return last_; }
  // For the detector only: the last apply()'s frame with its noise smoothed (a 3x3 box filter, blended
  // in as the lift grows: none at gamma 1, all of it from gamma 0.7 down). Lifting a dark frame lifts
  // its sensor noise too, and YuNet misses more faces in it; the crop keeps the sharp frame.
  RgbaView for_detector();
  // How much of the strongest dim-light treatment the last apply()'s frame gets: 0 at gamma 1, rising
  // to 1 at gamma kFullLiftGamma and below (the smoothing above, the detector's lower threshold).
  float lift_share() const { return lift_share_for_gamma(gamma_); }
  static constexpr float kFullLiftGamma = 0.7f;
  // The same for a frame that got `gamma` (e.g. FaceFrameResult::exposure_gamma).
  static float lift_share_for_gamma(float gamma);

  // The gamma for a frame whose mean level (0..1) is `mean`: 1 at kTargetMean and above.
  static float gamma_for_mean(float mean);

 private:
  float gamma_ = 1.0f;
  RgbaView last_;  // what the last apply() returned
  std::vector<std::uint8_t> pixels_;
  std::vector<std::uint8_t> smoothed_;
};

}  // namespace attune::vision
