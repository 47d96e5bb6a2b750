#include "core/vision/face_tracker.h"

#include <cmath>

namespace attune::vision {

namespace {

float blend(float old_value, float new_value, float weight) { return old_value + (new_value - old_value) * weight; }

int largest(const std::vector<FaceDetection>& detections) {
  int best = -1;
  for (int i = 0; i < static_cast<int>(detections.size()); ++i)
    if (best < 0 || detections[i].box.area() > detections[best].box.area()) best = i;
  return best;
}

}  // namespace

FaceTracker::FaceTracker(const FaceTrackerConfig& config) : config_(config) {}

void FaceTracker::reset() {
  state_ = FaceState::kNoFace;
  missed_ = 0;
}

FaceState FaceTracker::update(const std::vector<FaceDetection>& detections, bool other_view) {
  int match = -1;
  if (has_face()) {
    float best_iou = config_.min_match_iou;
    for (int i = 0; i < static_cast<int>(detections.size()); ++i) {
      const float iou = intersection_over_union(face_.box, detections[i].box);
      if (iou >= best_iou) {
        best_iou = iou;
        match = i;
      }
    }
  }

  if (match >= 0) {
    const FaceDetection& d = detections[match];
    const float shift = std::hypot(d.box.center_x() - face_.box.center_x(), d.box.center_y() - face_.box.center_y());
    const float w = other_view || shift > config_.fast_motion * face_.box.width ? 1.0f : config_.smoothing;
    face_.box = BoxF{blend(face_.box.x, d.box.x, w), blend(face_.box.y, d.box.y, w),
                     blend(face_.box.width, d.box.width, w), blend(face_.box.height, d.box.height, w)};
    for (int n = 0; n < kLandmarkCount; ++n)
      face_.landmarks[n] = {blend(face_.landmarks[n].x, d.landmarks[n].x, w),
                            blend(face_.landmarks[n].y, d.landmarks[n].y, w)};
    face_.score = d.score;
    missed_ = 0;
    state_ = FaceState::kTracking;
    return state_;
  }

  if (has_face() && (detections.empty() || other_view)) {
    // Bridge short gaps (detector flicker, motion blur); then the face is lost.
    if (missed_ < config_.max_missed_frames) {
      ++missed_;
      state_ = FaceState::kHolding;
    } else {
      reset();
    }
    return state_;
  }

  // Nothing tracked, or the tracked face is gone while others are visible: start on the largest.
  const int pick = largest(detections);
  if (pick < 0) {
    reset();
    return state_;
  }
  face_ = detections[pick];
  missed_ = 0;
  ++track_id_;
  state_ = FaceState::kTracking;
  return state_;
}

}  // namespace attune::vision
