// The camera half of the pipeline as it runs in the app: grab a frame (at most one copy per
// processed frame), detect and track the face (YuNet through the model runner, decoding in
// src/core/vision), crop it upright to 48x48 and classify its expression. Nothing waits: a frame is
// grabbed only when the detector is free, so slow machines process fewer frames instead of lagging.
// The reading is the face's last few crops combined (core/expression_smoother.h), not one crop.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/emotion_labels.h"
#include "core/expression_smoother.h"
#include "core/flip_tta.h"
#include "core/vision/dim_face_flag.h"
#include "core/vision/face_pipeline.h"
#include "infer/model_runner.h"
#include "platform/web/media.h"

namespace attune::app {

struct DetectorRunInfo {
  int runs_completed = 0;
  std::string last_error;
  std::vector<std::pair<std::string, std::vector<std::int32_t>>> output_shapes;  // latest run
  double last_duration_ms = 0;
};

// The latest expression reading: the face's recent crops combined; `probs` sum to 1.
struct FaceReading {
  EmotionProbs probs{};
  Emotion label = Emotion::Neutral;  // what to show: argmax of probs, held against near ties
  double time_ms = 0;  // when the newest crop was grabbed
};

class FaceStage {
 public:
  static constexpr int kFrameWidth = 320;
  static constexpr int kFrameHeight = 240;

  explicit FaceStage(infer::ModelRunner& runner);

  // One frame-loop step; `now_ms` is the page clock.
  void tick(platform::Media& media, double now_ms);
  void reset();

  const std::vector<std::uint8_t>& frame() const { return frame_; }
  int frames_grabbed() const { return frames_grabbed_; }
  const DetectorRunInfo& detector() const { return detector_; }
  const vision::FaceFrameResult& face() const { return pipeline_.result(); }
  const std::optional<FaceReading>& reading() const { return reading_; }
  int classifications() const { return classifications_; }
  const ExpressionSmoother& smoother() const { return smoother_; }
  const std::string& classifier_error() const { return classifier_error_; }
  // A small face in a dark room: the reading is less reliable there (core/vision/dim_face_flag.h).
  bool dim_small_face() const { return dim_face_.on(); }
  static constexpr const char* kDimSmallFaceNote =
      "It is dark and the face is small in the picture: face readings are less reliable. More light or coming closer helps.";

 private:
  void on_detector_result(infer::RunResult&& result, double grabbed_ms);
  void classify(double grabbed_ms);
  void forget_expression();

  infer::ModelRunner& runner_;
  vision::FacePipeline pipeline_;
  std::vector<std::uint8_t> frame_;
  int frames_grabbed_ = 0;
  DetectorRunInfo detector_;
  double run_started_ms_ = 0;
  ExpressionSmoother smoother_;
  FlipTta flip_tta_;  // whether a crop's mirror image goes through the model too
  int smoothed_track_id_ = 0;  // the face whose crops smoother_ holds
  std::optional<FaceReading> reading_;
  int classifications_ = 0;
  std::string classifier_error_;
  vision::DimFaceFlag dim_face_;
};

}  // namespace attune::app
