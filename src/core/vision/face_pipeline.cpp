#include "core/vision/face_pipeline.h"

namespace attune::vision {

FacePipeline::FacePipeline(const FacePipelineConfig& config)
    : detector_input_(config.detector.input_width),
      decoder_(YuNetConfig{config.detector.input_width, config.detector.input_width, config.detector.score_threshold,
                           config.detector.nms_threshold, config.detector.top_k}),
      tracker_(config.tracker),
      aligner_(config.framing) {}

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

  result_ = FaceFrameResult{};
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

bool FacePipeline::crop_whole_image(const RgbaView& image) {
  result_ = FaceFrameResult{};
  result_.has_crop = aligner_.crop_whole_image(image);
  return result_.has_crop;
}

void FacePipeline::reset() {
  tracker_.reset();
  result_ = FaceFrameResult{};
  frame_detections_.clear();
}

}  // namespace attune::vision
