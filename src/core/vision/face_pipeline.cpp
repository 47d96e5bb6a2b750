#include "core/vision/face_pipeline.h"

#include <algorithm>

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
      detect_every_(std::max(1, config.detect_every)) {}

const std::vector<float>& FacePipeline::prepare_detector_input(const RgbaView& frame) {
  letterbox_ = detector_input_.prepare(frame);
  return detector_input_.tensor();
}

const FaceFrameResult& FacePipeline::process_detector_outputs(const RgbaView& frame, const YuNetOutputs& outputs) {
  frame_detections_ = decoder_.decode(outputs);
  const float inverse = letterbox_.scale > 0 ? 1.0f / letterbox_.scale : 1.0f;
  for (FaceDetection& d : frame_detections_) {
    d.box = BoxF{d.box.x * inverse, d.box.y * inverse, d.box.width * inverse, d.box.height * inverse};
    for (Point2f& p : d.landmarks) p = {p.x * inverse, p.y * inverse};
  }

  frames_since_detection_ = 0;
  result_ = FaceFrameResult{};
  result_.detector_ran = true;
  result_.detections = static_cast<int>(frame_detections_.size());
  result_.state = tracker_.update(frame_detections_);
  result_.track_id = tracker_.track_id();
  if (result_.state == FaceState::kNoFace) return result_;
  result_.face = tracker_.face();
  // Crop only when the face was seen in this very frame: a held box may no longer hold a face.
  if (result_.state == FaceState::kTracking)
    result_.has_crop = aligner_.align_and_crop(frame, result_.face.landmarks);
  return result_;
}

bool FacePipeline::detection_due() const {
  return tracker_.state() != FaceState::kTracking || frames_since_detection_ + 1 >= detect_every_;
}

const FaceFrameResult& FacePipeline::process_without_detection(const RgbaView& frame) {
  ++frames_since_detection_;
  result_ = FaceFrameResult{};
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
}

}  // namespace attune::vision
