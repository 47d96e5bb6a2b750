#include "app/face_stage.h"

#include "app/models.h"

#include <emscripten.h>

namespace attune::app {

FaceStage::FaceStage(infer::ModelRunner& runner) : runner_(runner) {}

void FaceStage::tick(platform::Media& media) {
  const auto detector_status = runner_.status(kFaceDetector.id);
  // Grab only when the result can be used: the detector is free (or absent, for the preview).
  if (detector_status.busy) return;
  if (!media.grab_frame(frame_, kFrameWidth, kFrameHeight)) return;
  ++frames_grabbed_;
  if (detector_status.state != infer::ModelState::Ready) return;

  detector_input_.prepare(vision::RgbaView{frame_.data(), kFrameWidth, kFrameHeight, 0});
  infer::Tensor input;
  input.name = "input";
  input.dims = {1, 3, kDetectorSize, kDetectorSize};
  input.data = detector_input_.tensor();
  run_started_ms_ = emscripten_get_now();
  runner_.run(kFaceDetector.id, {std::move(input)}, [this](infer::RunResult&& result) {
    if (!result.ok) {
      detector_.last_error = result.error;
      return;
    }
    detector_.last_error.clear();
    detector_.last_duration_ms = emscripten_get_now() - run_started_ms_;
    detector_.last_outputs = std::move(result.outputs);
    ++detector_.runs_completed;
  });
}

}  // namespace attune::app
