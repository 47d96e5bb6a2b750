// Follows one face across frames: picks the largest detection, stays on the same face while it is
// detected (overlap with the tracked box), smooths box and landmarks, and declares "no face" after
// bridging at most `max_missed_frames` consecutive processed frames without a detection.
#pragma once

#include <vector>

#include "core/vision/face_detection.h"

namespace attune::vision {

struct FaceTrackerConfig {
  int max_missed_frames = 2;      // frames without any detection that are bridged; one more loses the face
  float min_match_iou = 0.3f;     // a detection overlapping the track this much is the same face
  // Exponential smoothing weight of the new detection (1 = no smoothing). Movements larger than
  // `fast_motion` (centre shift / face width) use weight 1 so that the box never lags a moving head.
  float smoothing = 0.6f;
  float fast_motion = 0.25f;
};

enum class FaceState {
  kNoFace,    // nothing tracked: no crop, no label
  kTracking,  // the face was detected in the last processed frame
  kHolding,   // not detected for 1..max_missed_frames frames: box kept for display, no new crop
};

class FaceTracker {
 public:
  explicit FaceTracker(const FaceTrackerConfig& config = {});

  // One processed frame's detections (frame coordinates, any order). Returns the new state.
  // `other_view`: the detections come from another view of the frame than the tracked face's last one
  // (a differently turned frame, where landmarks lean otherwise, and where the tracked face may be missed
  // while another face is found): a match is taken as it is, without smoothing, and no match is a miss,
  // never a reason to move to another face.
  FaceState update(const std::vector<FaceDetection>& detections, bool other_view = false);
  void reset();

  const FaceTrackerConfig& config() const { return config_; }
  FaceState state() const { return state_; }
  bool has_face() const { return state_ != FaceState::kNoFace; }
  // The smoothed face; meaningful when has_face().
  const FaceDetection& face() const { return face_; }
  int missed_frames() const { return missed_; }
  // Increments whenever a new face (not a continuation) starts being tracked.
  int track_id() const { return track_id_; }

 private:
  FaceTrackerConfig config_;
  FaceState state_ = FaceState::kNoFace;
  FaceDetection face_;
  int missed_ = 0;
  int track_id_ = 0;
};

}  // namespace attune::vision
