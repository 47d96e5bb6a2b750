#include "core/vision/face_pipeline.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace attune::vision {

FacePipelineConfig live_face_pipeline_config() {
  FacePipelineConfig config;
  config.detector.input_width = 256;
  config.detector.input_height = 192;
  config.detect_every = 2;
  return config;
}

FacePipeline::FacePipeline(const FacePipelineConfig& config)
    : detector_input_(config.detector.input_width, config.detector.input_height),
      decoder_(config.detector),
      tracker_(config.tracker),
      aligner_(config.framing),
      detect_every_(std::max(1, config.detect_every)),
      search_roll_degrees_(std::max(0.0f, config.search_roll_degrees)),
      correct_exposure_(config.correct_exposure) {}

RgbaView FacePipeline::exposed(const RgbaView& frame) {
  return correct_exposure_ ? exposure_.apply(frame) : frame;
}

const std::vector<float>& FacePipeline::prepare_detector_input(const RgbaView& frame) {
  const RgbaView corrected = exposed(frame);
  letterbox_ = detector_input_.prepare(correct_exposure_ ? exposure_.for_detector() : corrected, next_detection_roll());
  return detector_input_.tensor();
}

// YuNet's landmarks lean toward level in its own input: a face turned 30 degrees there reads about 12
// (measured on FER faces). So a face found in a turned frame seems, mapped back, tilted the other way,
// and its crop is turned by the difference; choosing the next turn by that tilt kept an upright face
// in the turned frame for good. Hence: a tracked face is detected upright while upright finds it; a face
// found only in a turn stays there, tried upright again right away and then every kUprightProbeEvery
// detections; a face upright lost is looked for in the turn toward its tilt.
float FacePipeline::next_detection_roll() {
  if (search_roll_degrees_ <= 0.0f) return 0.0f;
  const std::array<float, 3> turns{0.0f, search_roll_degrees_, -search_roll_degrees_};
  if (tracker_.state() == FaceState::kNoFace) return turns[search_step_++ % turns.size()];
  const float last_try = letterbox_.roll_degrees;
  const bool found = tracker_.state() == FaceState::kTracking;  // by the last detector run
  if (found) {
    if (last_try == 0.0f) return 0.0f;
    return turned_detections_ % kUprightProbeEvery == 1 ? 0.0f : last_try;
  }
  if (last_try != 0.0f) return 0.0f;                        // lost in the turn: upright
  if (tracked_roll_ != 0.0f) return tracked_roll_;          // an upright probe missed: back to the turn
  // Lost upright: the turn that brings the face's eye line toward level.
  const auto& lm = tracker_.face().landmarks;
  const float tilt = std::atan2(lm[kLeftEye].y - lm[kRightEye].y, lm[kLeftEye].x - lm[kRightEye].x);
  return tilt > 0.0f ? -search_roll_degrees_ : search_roll_degrees_;
}

const FaceFrameResult& FacePipeline::process_detector_outputs(const RgbaView& camera_frame, const YuNetOutputs& outputs) {
  // The frame as the models see it: prepare_detector_input() corrected this same frame already.
  const RgbaView frame = correct_exposure_ ? exposure_.last() : camera_frame;
  frame_detections_ = decoder_.decode(outputs);
  for (FaceDetection& d : frame_detections_) {
    // Back to frame pixels; a box found in a turned frame becomes the upright box around its corners.
    const std::array<Point2f, 4> corners{letterbox_.to_frame({d.box.x, d.box.y}),
                                         letterbox_.to_frame({d.box.x + d.box.width, d.box.y}),
                                         letterbox_.to_frame({d.box.x, d.box.y + d.box.height}),
                                         letterbox_.to_frame({d.box.x + d.box.width, d.box.y + d.box.height})};
    const auto [left, right] = std::minmax({corners[0].x, corners[1].x, corners[2].x, corners[3].x});
    const auto [top, bottom] = std::minmax({corners[0].y, corners[1].y, corners[2].y, corners[3].y});
    d.box = BoxF{left, top, right - left, bottom - top};
    for (Point2f& p : d.landmarks) p = letterbox_.to_frame(p);
  }

  frames_since_detection_ = 0;
  result_ = FaceFrameResult{};
  result_.detector_ran = true;
  result_.detections = static_cast<int>(frame_detections_.size());
  result_.exposure_gamma = correct_exposure_ ? exposure_.gamma() : 1.0f;
  const int track_before = tracker_.track_id();
  result_.state = tracker_.update(frame_detections_, letterbox_.roll_degrees != tracked_roll_);
  result_.track_id = tracker_.track_id();
  if (result_.state == FaceState::kTracking) {  // found in this run: remember in which turn
    if (result_.track_id != track_before) turned_detections_ = 0;
    tracked_roll_ = letterbox_.roll_degrees;
    turned_detections_ = tracked_roll_ != 0.0f ? turned_detections_ + 1 : 0;
  }
  if (result_.state == FaceState::kNoFace) {
    tracked_roll_ = 0.0f;
    turned_detections_ = 0;
    return result_;
  }
  result_.face = tracker_.face();
  // Crop only when the face was seen in this very frame: a held box may no longer hold a face.
  if (result_.state == FaceState::kTracking)
    result_.has_crop = aligner_.align_and_crop(frame, result_.face.landmarks);
  return result_;
}

bool FacePipeline::detection_due() const {
  return tracker_.state() != FaceState::kTracking || frames_since_detection_ + 1 >= detect_every_;
}

const FaceFrameResult& FacePipeline::process_without_detection(const RgbaView& camera_frame) {
  ++frames_since_detection_;
  result_ = FaceFrameResult{};
  const RgbaView frame = exposed(camera_frame);
  result_.exposure_gamma = correct_exposure_ ? exposure_.gamma() : 1.0f;
  result_.state = tracker_.state();
  result_.track_id = tracker_.track_id();
  if (result_.state != FaceState::kTracking) return result_;  // callers should have run the detector
  result_.face = tracker_.face();
  result_.has_crop = aligner_.align_and_crop(frame, result_.face.landmarks);
  return result_;
}

bool FacePipeline::crop_whole_image(const RgbaView& image) {
  result_ = FaceFrameResult{};
  result_.has_crop = aligner_.crop_whole_image(image);
  return result_.has_crop;
}

void FacePipeline::reset() {
  tracker_.reset();
  result_ = FaceFrameResult{};
  frame_detections_.clear();
  frames_since_detection_ = 0;
  search_step_ = 0;
  tracked_roll_ = 0.0f;
  turned_detections_ = 0;
}

}  // namespace attune::vision
