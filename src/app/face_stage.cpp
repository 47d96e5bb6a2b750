#include "app/face_stage.h"

#include <emscripten.h>

#include <algorithm>
#include <optional>

#include "app/models.h"

namespace attune::app {

namespace {

vision::RgbaView view_of(const std::vector<std::uint8_t>& rgba) {
  return vision::RgbaView{rgba.data(), FaceStage::kFrameWidth, FaceStage::kFrameHeight, 0};
}

// The face model's card promises probabilities (checked at load); a vector that is not one is an error,
// never silently turned into one.
std::optional<EmotionProbs> as_probabilities(const std::optional<EmotionProbs>& p) {
  if (!p || !is_probability_vector(*p)) return std::nullopt;
  return p;
}

}  // namespace

FaceStage::FaceStage(infer::ModelRunner& runner) : runner_(runner), pipeline_(vision::live_face_pipeline_config()) {}

void FaceStage::reset() {
  pipeline_.reset();
  dim_face_.reset();
  forget_expression();
}

void FaceStage::forget_expression() {
  smoother_.reset();
  flip_tta_.reset();
  reading_.reset();
}

void FaceStage::tick(platform::Media& media, double now_ms) {
  const auto detector_status = runner_.status(kFaceDetector.id);
  if (detector_status.busy || runner_.status(kFaceEmotion.id).busy) return;  // frame_ is still in use
  if (!media.grab_frame(frame_, kFrameWidth, kFrameHeight)) return;
  ++frames_grabbed_;
  if (detector_status.state != infer::ModelState::Ready) return;
  if (!pipeline_.detection_due()) {
    if (pipeline_.process_without_detection(view_of(frame_)).has_crop) classify(now_ms);
    return;
  }

  infer::Tensor input;
  input.name = "input";
  input.dims = {1, 3, pipeline_.detector_input_height(), pipeline_.detector_input_width()};
  input.data = pipeline_.prepare_detector_input(view_of(frame_));
  run_started_ms_ = emscripten_get_now();
  const double grabbed_ms = now_ms;
  runner_.run(kFaceDetector.id, {std::move(input)},
              [this, grabbed_ms](infer::RunResult&& result) { on_detector_result(std::move(result), grabbed_ms); });
}

void FaceStage::on_detector_result(infer::RunResult&& result, double grabbed_ms) {
  if (!result.ok) {
    detector_.last_error = result.error;
    return;
  }
  detector_.last_error.clear();
  detector_.last_duration_ms = emscripten_get_now() - run_started_ms_;
  ++detector_.runs_completed;
  detector_.output_shapes.clear();

  vision::YuNetOutputs outputs;
  for (const auto& tensor : result.outputs) {
    detector_.output_shapes.emplace_back(tensor.name, tensor.dims);
    const int index = vision::YuNetDecoder::output_index(tensor.name);
    if (index < 0 || tensor.data.size() != pipeline_.decoder().output_size(index)) {
      detector_.last_error = "unexpected detector output " + tensor.name;
      return;
    }
    outputs.set(tensor.name, tensor.data.data());
  }
  const auto& face = pipeline_.process_detector_outputs(view_of(frame_), outputs);
  if (face.state == vision::FaceState::kNoFace) {
    forget_expression();  // "no face", never a stale label
    dim_face_.reset();
  } else if (face.state == vision::FaceState::kTracking) {
    dim_face_.update(vision::ExposureCorrection::lift_share_for_gamma(face.exposure_gamma), face.face.box.width);
  }
  if (face.has_crop) classify(grabbed_ms);
}

void FaceStage::classify(double grabbed_ms) {
  if (runner_.status(kFaceEmotion.id).state != infer::ModelState::Ready) return;
  const auto& face = pipeline_.result();
  if (face.track_id != smoothed_track_id_) {  // another face: its expression starts afresh
    forget_expression();
    smoothed_track_id_ = face.track_id;
  }
  const float quality = crop_quality(face.face.score, face.face.box.width, face.detector_ran);
  const int track_id = face.track_id;
  infer::Tensor input;
  input.name = "input";
  input.data = flip_tta_.model_input(pipeline_.emotion_input(), track_id);  // the crop, and its mirror when needed
  const int batch = static_cast<int>(input.data.size() / FlipTta::kCropValues);
  input.dims = {batch, 1, FlipTta::kCropSide, FlipTta::kCropSide};
  runner_.run(kFaceEmotion.id, {std::move(input)}, [this, grabbed_ms, quality, track_id](infer::RunResult&& result) {
    const infer::Tensor* output = result.ok ? result.output(kFaceEmotion.output) : nullptr;
    const auto probs = output ? as_probabilities(flip_tta_.combine(output->data, track_id)) : std::nullopt;
    if (!probs) {
      classifier_error_ = !result.ok ? result.error
                          : output   ? "the expression model's output is not seven probabilities per crop, as its card says"
                                     : "the expression model has no output \"probs\"";
      return;
    }
    classifier_error_.clear();
    // The face left or another one came meanwhile.
    if (pipeline_.result().state == vision::FaceState::kNoFace || track_id != smoothed_track_id_) return;
    if (!smoother_.add(*probs, quality, grabbed_ms / 1000.0)) return;
    const auto& combined = *smoother_.current();
    reading_ = FaceReading{combined.probs, combined.label, grabbed_ms};
    ++classifications_;
  });
}

}  // namespace attune::app
