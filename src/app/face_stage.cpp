#include "app/face_stage.h"

#include <emscripten.h>

#include <cmath>

#include "app/models.h"

namespace attune::app {

namespace {

vision::RgbaView view_of(const std::vector<std::uint8_t>& rgba) {
  return vision::RgbaView{rgba.data(), FaceStage::kFrameWidth, FaceStage::kFrameHeight, 0};
}

// The face model's card says whether it outputs logits or probabilities; normalising here accepts both.
EmotionProbs to_probabilities(const std::vector<float>& values) {
  EmotionProbs p{};
  bool already_probabilities = true;
  float sum = 0;
  for (std::size_t i = 0; i < kEmotionCount; ++i) {
    if (values[i] < 0 || values[i] > 1) already_probabilities = false;
    sum += values[i];
  }
  if (already_probabilities && std::fabs(sum - 1.0f) < 1e-3f) {
    for (std::size_t i = 0; i < kEmotionCount; ++i) p[i] = values[i];
    return p;
  }
  float max_value = values[0];
  for (std::size_t i = 1; i < kEmotionCount; ++i) max_value = std::max(max_value, values[i]);
  float total = 0;
  for (std::size_t i = 0; i < kEmotionCount; ++i) total += p[i] = std::exp(values[i] - max_value);
  for (auto& v : p) v /= total;
  return p;
}

}  // namespace

FaceStage::FaceStage(infer::ModelRunner& runner) : runner_(runner), pipeline_(vision::live_face_pipeline_config()) {}

void FaceStage::reset() {
  pipeline_.reset();
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
  if (face.state == vision::FaceState::kNoFace) reading_.reset();  // "no face", never a stale label
  if (face.has_crop) classify(grabbed_ms);
}

void FaceStage::classify(double grabbed_ms) {
  if (runner_.status(kFaceEmotion.id).state != infer::ModelState::Ready) return;
  infer::Tensor input;
  input.name = "input";
  input.dims = {1, 1, 48, 48};
  input.data = pipeline_.emotion_input();
  runner_.run(kFaceEmotion.id, {std::move(input)}, [this, grabbed_ms](infer::RunResult&& result) {
    if (!result.ok || result.outputs.empty() || result.outputs[0].data.size() != kEmotionCount) {
      classifier_error_ = result.ok ? "unexpected face model output" : result.error;
      return;
    }
    classifier_error_.clear();
    if (pipeline_.result().state == vision::FaceState::kNoFace) return;  // the face left meanwhile
    reading_ = FaceReading{to_probabilities(result.outputs[0].data), grabbed_ms};
    ++classifications_;
  });
}

}  // namespace attune::app
