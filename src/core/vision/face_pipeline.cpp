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
      zoom_faces_under_(std::max(0.0f, config.zoom_faces_under)),
      min_face_width_(std::max(0.0f, config.min_face_width)),
      turn_search_tiles_(config.turn_search_tiles),
      correct_exposure_(config.correct_exposure),
      lifted_score_threshold_(config.lifted_score_threshold),
      tracked_score_threshold_(config.tracked_score_threshold),
      dim_crop_new_weight_(config.dim_crop_new_weight),
      register_dim_crops_(config.register_dim_crops) {}

RgbaView FacePipeline::exposed(const RgbaView& frame) {
  return correct_exposure_ ? exposure_.apply(frame) : frame;
}

namespace {

// The turns a search tries, upright first (a fixed array: the search runs every frame without a face).
struct SearchTurns {
  std::array<float, 3> roll{};
  int count = 1;
};

SearchTurns search_turns(float roll_degrees) {
  if (roll_degrees <= 0.0f) return {};
  return {{0.0f, roll_degrees, -roll_degrees}, 3};
}

// A detection that reaches an edge of an enlarged part of the frame may be a face cut by it: it is left
// to the views that see all of it. Edges on the frame's own border do not count (unless turned, where
// every edge of the view is inside the frame somewhere).
bool cut_by_view_edge(const BoxF& box, const LetterboxTransform& view, int frame_width, int frame_height) {
  if (!view.zoomed) return false;
  constexpr float kMargin = 2.0f;  // detector pixels
  const bool turned = view.roll_degrees != 0.0f;
  const BoxF& r = view.region;
  const bool inner_left = turned || r.x > 0.5f, inner_top = turned || r.y > 0.5f;
  const bool inner_right = turned || r.x + r.width < frame_width - 0.5f;
  const bool inner_bottom = turned || r.y + r.height < frame_height - 0.5f;
  return (inner_left && box.x < kMargin) || (inner_top && box.y < kMargin) ||
         (inner_right && box.x + box.width > view.content_width - kMargin) ||
         (inner_bottom && box.y + box.height > view.content_height - kMargin);
}

}  // namespace

int FacePipeline::search_length() const {
  const int turns = search_turns(search_roll_degrees_).count;
  if (zoom_faces_under_ <= 0.0f) return turns;
  return 2 * (turn_search_tiles_ ? turns * kSearchTiles : std::max(turns, kSearchTiles));
}

const std::vector<float>& FacePipeline::prepare_detector_input(const RgbaView& frame) {
  const RgbaView corrected = exposed(frame);
  const RgbaView& source = correct_exposure_ ? exposure_.for_detector() : corrected;
  if (tracker_.has_face()) {
    letterbox_ = detector_input_.prepare(source, next_detection_roll(), tracked_face_region(source));
    return detector_input_.tensor();
  }
  // The search: with zoom, even runs see the whole frame in each turn, odd runs a corner enlarged (each
  // corner upright, then, with turned tiles, each turned one way, then the other).
  const bool zoom = zoom_faces_under_ > 0.0f;
  const int run = search_step_++;
  const SearchTurns turns = search_turns(search_roll_degrees_);
  if (zoom && run % 2 == 1) {
    const int tile_run = run / 2;
    const float roll = turn_search_tiles_ ? turns.roll[(tile_run / kSearchTiles) % turns.count] : 0.0f;
    letterbox_ = detector_input_.prepare(source, roll, search_tile(source, tile_run % kSearchTiles));
  } else {
    letterbox_ = detector_input_.prepare(source, turns.roll[(zoom ? run / 2 : run) % turns.count]);
  }
  return detector_input_.tensor();
}

BoxF FacePipeline::search_tile(const RgbaView& frame, int index) const {
  const float fw = static_cast<float>(frame.width), fh = static_cast<float>(frame.height);
  const float w = fw * kSearchTileFraction, h = fh * kSearchTileFraction;
  return BoxF{index % 2 ? fw - w : 0.0f, index / 2 ? fh - h : 0.0f, w, h};
}

// The region around a tracked face narrower than zoom_faces_under in the whole frame's input that makes
// it about kZoomedFaceWidth pixels wide (at most kMostZoom), the detector's shape, shifted to lie inside
// the frame; none (the whole frame) for a larger face.
std::optional<BoxF> FacePipeline::tracked_face_region(const RgbaView& frame) const {
  if (zoom_faces_under_ <= 0.0f || frame.empty()) return {};
  const float fw = static_cast<float>(frame.width), fh = static_cast<float>(frame.height);
  const float whole_scale = detector_input_.scale_to_fit(fw, fh);
  const BoxF& face = tracker_.face().box;
  if (face.width * whole_scale >= zoom_faces_under_) return {};
  const float scale = std::min(kZoomedFaceWidth / std::max(face.width, 1.0f), kMostZoom);
  if (scale <= whole_scale) return {};
  const float w = std::min(detector_input_.width() / scale, fw), h = std::min(detector_input_.height() / scale, fh);
  return BoxF{std::clamp(face.center_x() - w * 0.5f, 0.0f, fw - w), std::clamp(face.center_y() - h * 0.5f, 0.0f, fh - h), w, h};
}

// YuNet's landmarks lean toward level in its own input: a face turned 30 degrees there reads about 12
// (measured on FER faces). So a face found in a turned frame seems, mapped back, tilted the other way,
// and its crop is turned by the difference; choosing the next turn by that tilt kept an upright face
// in the turned frame for good. Hence: a tracked face is detected upright while upright finds it; a face
// found only in a turn stays there, tried upright again right away and then every kUprightProbeEvery
// detections; a face upright lost is looked for in the turn toward its tilt.
float FacePipeline::next_detection_roll() {
  if (search_roll_degrees_ <= 0.0f) return 0.0f;
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
  const float base_threshold = decoder_.config().score_threshold;
  const float lift = correct_exposure_ ? exposure_.lift_share() : 0.0f;
  const float new_face_threshold = base_threshold + lift * (lifted_score_threshold_ - base_threshold);
  const float tracked_threshold = tracker_.has_face() ? new_face_threshold + lift * (tracked_score_threshold_ - new_face_threshold)
                                                      : new_face_threshold;
  frame_detections_ = decoder_.decode(outputs, std::min(new_face_threshold, tracked_threshold));
  // Left out: a face the view's edge may cut, and one too small to read (its width in frame pixels,
  // whatever the view's scale and turn).
  frame_detections_.erase(std::remove_if(frame_detections_.begin(), frame_detections_.end(),
                                         [&](const FaceDetection& d) {
                                           return d.box.width / letterbox_.scale < min_face_width_ ||
                                                  cut_by_view_edge(d.box, letterbox_, frame.width, frame.height);
                                         }),
                          frame_detections_.end());
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
  // Under the new-face threshold only the tracked face's continuation stays (frame pixels, as the tracker's).
  if (tracked_threshold < new_face_threshold) {
    const float min_iou = tracker_.config().min_match_iou;
    frame_detections_.erase(std::remove_if(frame_detections_.begin(), frame_detections_.end(),
                                           [&](const FaceDetection& d) {
                                             return d.score < new_face_threshold &&
                                                    intersection_over_union(d.box, tracker_.face().box) < min_iou;
                                           }),
                            frame_detections_.end());
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
  if (result_.state == FaceState::kTracking) {
    result_.has_crop = aligner_.align_and_crop(frame, result_.face.landmarks);
    if (result_.has_crop) average_crop();
  }
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
  if (result_.has_crop) average_crop();
  return result_;
}

// A new face starts its own average; in a frame that was not brightened the crop is taken alone.
void FacePipeline::average_crop() {
  if (result_.track_id != averaged_track_) crop_averager_.reset();
  averaged_track_ = result_.track_id;
  const float lift = correct_exposure_ ? exposure_.lift_share() : 0.0f;
  crop_averager_.add(aligner_.tensor(), 1.0f - lift * (1.0f - dim_crop_new_weight_), register_dim_crops_);
}

bool FacePipeline::crop_whole_image(const RgbaView& image) {
  result_ = FaceFrameResult{};
  result_.has_crop = aligner_.crop_whole_image(image);
  crop_averager_.reset();
  if (result_.has_crop) crop_averager_.add(aligner_.tensor(), 1.0f);
  return result_.has_crop;
}

void FacePipeline::reset() {
  tracker_.reset();
  averaged_track_ = -1;  // the next crop starts afresh; the last one stays the emotion input until then
  result_ = FaceFrameResult{};
  frame_detections_.clear();
  frames_since_detection_ = 0;
  search_step_ = 0;
  tracked_roll_ = 0.0f;
  turned_detections_ = 0;
}

}  // namespace attune::vision
