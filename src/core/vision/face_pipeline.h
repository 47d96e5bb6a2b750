// The face path for one camera frame, for the caller that runs the two ONNX models:
//
//   if (!pipeline.detection_due()) { r = pipeline.process_without_detection(frame); ... }  // optional
//   const auto& input = pipeline.prepare_detector_input(frame);   // run YuNet on it ("input", [1,3,H,W])
//   YuNetOutputs outputs;  outputs.set("cls_8", ptr) ... (all 12, see YuNetDecoder::output_names())
//   const FaceFrameResult& r = pipeline.process_detector_outputs(frame, outputs);
//   if (r.has_crop) run the emotion model on pipeline.emotion_input()   // [1,1,48,48] float
//   r.state == FaceState::kNoFace  ->  show "no face", never a label
//
// `frame` must be the same pixels in both calls (the crop is taken from the full-resolution frame,
// not from the detector's letterboxed copy). A dark frame is brightened first (exposure.h), for the
// detector and the crop alike. For an image that already is a face crop (FER2013-like),
// crop_whole_image() skips the detector.
//
// Detecting on every frame is optional: with `detect_every` N > 1 the detector runs on one frame in N
// while a face is tracked; the frames in between are cropped at the tracked landmarks (those of the
// last detection, at most N - 1 frames old), which saves the detector's cost on those frames.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/vision/crop_averager.h"
#include "core/vision/detector_input.h"
#include "core/vision/exposure.h"
#include "core/vision/face_aligner.h"
#include "core/vision/face_tracker.h"
#include "core/vision/image.h"
#include "core/vision/yunet_decoder.h"

namespace attune::vision {

struct FacePipelineConfig {
  YuNetConfig detector;       // input size (the frame is letterboxed into it), thresholds
  FaceTrackerConfig tracker;
  FaceFraming framing;
  int detect_every = 1;       // run the detector on one frame in this many while a face is tracked
  // While no face is tracked, detector runs take turns with the frame upright, turned by +this and by
  // -this many degrees (0: upright only): YuNet misses most heads tilted by 30 degrees or more, as a
  // phone held beside a head on a pillow sees them. A tracked face is detected in the turn that
  // brings it nearest to upright.
  float search_roll_degrees = 30.0f;
  bool correct_exposure = true;  // brighten dark frames first (exposure.h)
  // YuNet's score threshold in a brightened frame, blended in from detector.score_threshold as the lift
  // grows (ExposureCorrection::lift_share). Kept at YuNet's own 0.6: a lower one finds more small faces in
  // dim light but more false ones too, and a false face held in an empty dark room also holds off the
  // kiosk's idle reset. Measured 2026-12-05 (bench/face_pipeline_accuracy.mjs and
  // bench/face_false_detections.mjs, --lifted-thresholds): dim 64 px faces found 92.5 / 94.2 / 94.8%
  // (accuracy 59.9 / 61.9 / 62.1%) at 0.6 / 0.55 / 0.5, 96 and 144 px within half a point, normal light
  // unchanged; false faces on photos without one, dim: 2 / 3 / 6 frames of 145, 18 / 44 / 59 runs of 3,480.
  float lifted_score_threshold = 0.6f;
  // In a brightened frame, the score a detection needs when it continues the tracked face (overlaps its
  // box as the tracker's min_match_iou asks), blended in from the threshold above as the lift grows; a
  // new face still needs that one, so an empty dark room gets no new faces. Noise makes YuNet's score on
  // a small face flicker around its threshold, and a lost face restarts its crop average. Kept at 0.6
  // (off): measured 2026-12-05 on a still face in the bench's dim light at 64 px, 14 frames, the label
  // shown after them (bench/face_pipeline_accuracy.mjs --still-frames 14): on a 299-face screen (--offset
  // 2 --step 12) 58.5% right as the app, 58.2% at 0.5 or 0.45, 60.9 / 60.5% with the crop average at 0.5,
  // 60.2% with the average alone; on the bench's 599 faces 0.5 with the average at 0.5 read 62.6% against
  // the app's 62.1%, under the 2 points asked for before the run. On the 29 face-free photos in dim light
  // (bench/face_false_detections.mjs --tracked-thresholds 0.5) 0.5 finds no new false face but holds the
  // two the app finds longer: 29 detector runs of 3,480 end on one, against 18.
  float tracked_score_threshold = 0.6f;
  // In a brightened frame, the tracked face's crop averaged with its crops before it (crop_averager.h):
  // each new crop's weight in the average, blended from 1 (no averaging) as the lift grows. Kept at 1
  // (off): measured 2026-12-05 on a still face in the bench's dim light at 64 px (300 PublicTest faces,
  // 10 frames at 7 a second, the label the face stage shows after them; bench/face_pipeline_accuracy.mjs
  // --still-frames 10 --dim-crop-weights 0.5,0.33): 64.0% right at 1, 65.7% at 0.5, 65.3% at 0.33, under
  // the 2 points asked for before the run; on the steadiness clip in dim light (bench/steadiness_replay.mjs
  // --light dim) 0.5 also follows a change of expression later (median / worst 800 / 1300 ms against
  // 600 / 1000 ms).
  float dim_crop_new_weight = 1.0f;
  // With the crop average on: each new crop first laid on the average (crop_shift.h), so that crops the
  // noisy landmarks placed a pixel apart do not blur it. Kept off with the average: measured 2026-12-07 on a
  // still face in the bench's dim light at 64 px (299 faces not screened before, --offset 8 --step 12,
  // --still-frames 14, --registered-crop-weights): the label shown after 2 s was right for 59.9% as the app,
  // 59.9 / 59.9% with the plain average at 0.5 / 0.33, 59.9 / 60.2% with registration; the smoothed
  // probabilities' largest, 58.9% as the app, 59.2 / 59.2% plain, 60.5 / 60.9% registered. The rule written
  // before the run asked 2 points on the shown label.
  bool register_dim_crops = false;
  // Small faces. In the upright frame YuNet finds a FER face 51 px wide in its input 4 times in 5, one
  // 102 px wide 19 times in 20 (PublicTest faces as in bench/face_pipeline_accuracy.mjs). So, unless
  // this is 0: while no face is tracked, every other search run looks at one corner of the frame,
  // enlarged (a tile of kSearchTileFraction of its width and height, the four corners in turn); and a
  // tracked face narrower than this many pixels in the whole frame's detector input is detected in a
  // region around it enlarged to make it about kZoomedFaceWidth pixels wide. The detector input keeps
  // its size, so a run costs the same.
  float zoom_faces_under = 80.0f;
  // The enlarged corners searched turned as well: four corners upright, then four at +search_roll,
  // then four at -search_roll, so one search is 24 runs rather than 8. A small face that is also tilted
  // was otherwise looked for only in the whole frame, where it is too small: faces found at 64 / 96 /
  // 144 px 95.3 / 97.8 / 98.2% -> 97.0 / 98.7 / 98.8% (bench/face_pipeline_accuracy.mjs), with no more
  // false faces on photos without one (bench/face_false_detections.mjs). A run costs the same; a face
  // that is hard to find takes up to 24 frames rather than 8.
  bool turn_search_tiles = true;
  // A face box narrower than this (frame pixels) is left out, "no face": its eyes are about 6 px apart
  // and its crop enlarged 3 times. The zoom finds faces that small; FER faces placed at 24 px (boxes
  // of 18-24 px) were still read right 70% of the times found in normal light, 64% in dim light
  // (bench/face_pipeline_accuracy.mjs --sizes 24,32), but a camera's face that small is a person far
  // away, whom a label would be a guess about.
  float min_face_width = 16.0f;
};

// The setting the app runs (src/app/face_stage.cpp) and the offline tools share (tools/classify.mjs
// through the wasm core module), so that both read a frame alike:
// - YuNet at 256x192: the 320x240 camera frame scaled by 0.8, no padding. The detector is most of a
//   frame's cost; against 320x256 (scale 1) it makes a frame with detection 1.4x cheaper
//   (bench/face_bench.mjs) with the same expression accuracy on PublicTest faces of 64-144 px on a
//   320x240 frame, within the run-to-run spread of the landmarks (bench/face_pipeline_accuracy.mjs
//   --inputs 320x256,256x192, formerly face_detector_size.mjs).
// - The detector on every other frame while a face is tracked.
FacePipelineConfig live_face_pipeline_config();

struct FaceFrameResult {
  FaceState state = FaceState::kNoFace;
  FaceDetection face;        // tracked (smoothed) face in frame pixels; valid unless kNoFace
  bool has_crop = false;     // emotion_input() holds this frame's face: run the emotion model
  bool detector_ran = false; // false on a frame cropped at the tracked landmarks (detect_every > 1)
  int detections = 0;        // faces the detector found in this frame (after NMS)
  int track_id = 0;          // changes when a different face starts being tracked
  float exposure_gamma = 1;  // the lift a dark frame got before the models saw it (1: none; exposure.h)
};

class FacePipeline {
 public:
  explicit FacePipeline(const FacePipelineConfig& config = {});

  // Step 1: YuNet's input tensor for this frame: float32 [1, 3, H, W], BGR, 0-255, letterboxed.
  const std::vector<float>& prepare_detector_input(const RgbaView& frame);
  int detector_input_width() const { return detector_input_.width(); }
  int detector_input_height() const { return detector_input_.height(); }
  // The turn (degrees) of the frame in the last detector input: 0, or +-search_roll_degrees.
  float detection_roll() const { return letterbox_.roll_degrees; }

  // The region of the frame in the last detector input (frame pixels) and whether it was a part of it.
  const BoxF& detection_region() const { return letterbox_.region; }
  bool detection_zoomed() const { return letterbox_.zoomed; }

  // How many detector runs one search for a face takes (upright, each turn, each enlarged corner): an
  // offline tool that has one image gives it this many runs before saying "no face", as the app gives
  // a still face that many frames.
  int search_length() const;

  // Whether this frame needs the detector: always unless a face was detected within the last
  // detect_every - 1 frames.
  bool detection_due() const;
  // Instead of steps 1-2 when !detection_due(): crops this frame at the tracked face's landmarks.
  const FaceFrameResult& process_without_detection(const RgbaView& frame);

  // Step 2: decode, track, align and crop. Call after prepare_detector_input() with the same frame.
  const FaceFrameResult& process_detector_outputs(const RgbaView& frame, const YuNetOutputs& outputs);

  // No-detect path: `image` is a face crop already; its centred square becomes the 48x48 input.
  bool crop_whole_image(const RgbaView& image);

  // The emotion model's input after a successful crop: gray / 255 as float32 [1, 1, 48, 48] (in a
  // brightened frame, averaged with the same face's crops before it: dim_crop_new_weight).
  const std::vector<float>& emotion_input() const { return crop_averager_.average(); }
  // This frame's crop alone as 8-bit gray levels (48 x 48, row-major), e.g. for a preview.
  const std::vector<std::uint8_t>& crop_gray() const { return aligner_.gray(); }

  const FaceFrameResult& result() const { return result_; }
  // All detections of the last processed frame, in frame pixels, best score first.
  const std::vector<FaceDetection>& detections() const { return frame_detections_; }
  const YuNetDecoder& decoder() const { return decoder_; }
  void reset();

 private:
  ExposureCorrection exposure_;
  DetectorInput detector_input_;
  LetterboxTransform letterbox_;
  YuNetDecoder decoder_;
  FaceTracker tracker_;
  FaceAligner aligner_;
  CropAverager crop_averager_;
  int averaged_track_ = -1;  // the face whose crops crop_averager_ holds (-1: none)
  FaceFrameResult result_;
  std::vector<FaceDetection> frame_detections_;
  float next_detection_roll();  // for a tracked face
  BoxF search_tile(const RgbaView& frame, int index) const;
  std::optional<BoxF> tracked_face_region(const RgbaView& frame) const;
  RgbaView exposed(const RgbaView& frame);  // the frame as the models see it
  void average_crop();                       // after a crop: the emotion input (dim_crop_new_weight)

  int detect_every_;
  int frames_since_detection_ = 0;
  float search_roll_degrees_;
  float zoom_faces_under_;
  float min_face_width_;
  bool turn_search_tiles_;
  int search_step_ = 0;  // which run of the search (turn or enlarged corner) comes next
  static constexpr int kSearchTiles = 4;
  static constexpr float kSearchTileFraction = 0.65f;
  static constexpr float kZoomedFaceWidth = 100.0f;
  static constexpr float kMostZoom = 2.5f;  // detector pixels per frame pixel, at most
  // The tracked face: the turn it was last found in, and how many detector runs in a row found it turned.
  float tracked_roll_ = 0.0f;
  int turned_detections_ = 0;
  static constexpr int kUprightProbeEvery = 4;
  bool correct_exposure_;
  float lifted_score_threshold_;
  float tracked_score_threshold_;
  float dim_crop_new_weight_;
  bool register_dim_crops_;
};

}  // namespace attune::vision
