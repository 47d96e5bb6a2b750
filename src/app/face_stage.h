// The camera half of the pipeline as it runs in the app: grab a frame (at most one copy per
// processed frame), prepare the detector input, run the detector without blocking, keep the result.
// Frames that arrive while the detector is busy are skipped, so the app never falls behind.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/vision/detector_input.h"
#include "infer/model_runner.h"
#include "platform/web/media.h"

namespace attune::app {

struct DetectorRunInfo {
  int runs_completed = 0;
  std::string last_error;
  std::vector<infer::Tensor> last_outputs;  // shapes and values of the latest run
  double last_duration_ms = 0;
};

class FaceStage {
 public:
  static constexpr int kFrameWidth = 320;
  static constexpr int kFrameHeight = 240;
  static constexpr int kDetectorSize = 320;

  explicit FaceStage(infer::ModelRunner& runner);

  // One frame-loop step.
  void tick(platform::Media& media);

  const std::vector<std::uint8_t>& frame() const { return frame_; }
  bool has_frame() const { return frames_grabbed_ > 0; }
  int frames_grabbed() const { return frames_grabbed_; }
  const DetectorRunInfo& detector() const { return detector_; }

 private:
  infer::ModelRunner& runner_;
  vision::DetectorInput detector_input_{kDetectorSize};
  std::vector<std::uint8_t> frame_;
  int frames_grabbed_ = 0;
  DetectorRunInfo detector_;
  double run_started_ms_ = 0;
};

}  // namespace attune::app
