// The face path for one camera frame, for the caller that runs the two ONNX models:
//
//   const auto& input = pipeline.prepare_detector_input(frame);   // run YuNet on it ("input", [1,3,S,S])
//   YuNetOutputs outputs;  outputs.set("cls_8", ptr) ... (all 12, see YuNetDecoder::output_names())
//   const FaceFrameResult& r = pipeline.process_detector_outputs(frame, outputs);
//   if (r.has_crop) run the emotion model on pipeline.emotion_input()   // [1,1,48,48] float
//   r.state == FaceState::kNoFace  ->  show "no face", never a label
//
// `frame` must be the same pixels in both calls (the crop is taken from the full-resolution frame,
// not from the detector's letterboxed copy). For an image that already is a face crop (FER2013-like),
// crop_whole_image() skips the detector.
#pragma once

#include <cstdint>
#include <vector>

#include "core/vision/detector_input.h"
#include "core/vision/face_aligner.h"
#include "core/vision/face_tracker.h"
#include "core/vision/image.h"
#include "core/vision/yunet_decoder.h"

namespace attune::vision {

struct FacePipelineConfig {
  YuNetConfig detector;       // input size (square sizes only: the letterbox is S x S), thresholds
  FaceTrackerConfig tracker;
  FaceFraming framing;
};

struct FaceFrameResult {
  FaceState state = FaceState::kNoFace;
  FaceDetection face;        // tracked (smoothed) face in frame pixels; valid unless kNoFace
  bool has_crop = false;     // emotion_input() holds this frame's face: run the emotion model
  int detections = 0;        // faces the detector found in this frame (after NMS)
  int track_id = 0;          // changes when a different face starts being tracked
};

class FacePipeline {
 public:
  explicit FacePipeline(const FacePipelineConfig& config = {});

  // Step 1: YuNet's input tensor for this frame: float32 [1, 3, S, S], BGR, 0-255, letterboxed.
  const std::vector<float>& prepare_detector_input(const RgbaView& frame);
  int detector_input_size() const { return detector_input_.size(); }

  // Step 2: decode, track, align and crop. Call after prepare_detector_input() with the same frame.
  const FaceFrameResult& process_detector_outputs(const RgbaView& frame, const YuNetOutputs& outputs);

  // No-detect path: `image` is a face crop already; its centred square becomes the 48x48 input.
  bool crop_whole_image(const RgbaView& image);

  // The emotion model's input after a successful crop: gray / 255 as float32 [1, 1, 48, 48].
  const std::vector<float>& emotion_input() const { return aligner_.tensor(); }
  // The same crop as 8-bit gray levels (48 x 48, row-major), e.g. for a preview.
  const std::vector<std::uint8_t>& crop_gray() const { return aligner_.gray(); }

  const FaceFrameResult& result() const { return result_; }
  // All detections of the last processed frame, in frame pixels, best score first.
  const std::vector<FaceDetection>& detections() const { return frame_detections_; }
  const YuNetDecoder& decoder() const { return decoder_; }
  void reset();

 private:
  DetectorInput detector_input_;
  LetterboxTransform letterbox_;
  YuNetDecoder decoder_;
  FaceTracker tracker_;
  FaceAligner aligner_;
  FaceFrameResult result_;
  std::vector<FaceDetection> frame_detections_;
};

}  // namespace attune::vision
