#include "core/vision/face_tracker.h"

#include <gtest/gtest.h>

#include <vector>

using attune::vision::FaceDetection;
using attune::vision::FaceState;
using attune::vision::FaceTracker;
using attune::vision::FaceTrackerConfig;

namespace {
FaceDetection face_at(float x, float y, float side) {
  FaceDetection f;
  f.box = {x, y, side, side};
  for (int n = 0; n < 5; ++n) f.landmarks[n] = {x + side * 0.2f * (n + 1), y + side * 0.5f};
  f.score = 0.9f;
  return f;
}
}  // namespace

TEST(VisionFaceTracker, StartsWithNoFaceAndPicksTheLargest) {
  FaceTracker tracker;
  EXPECT_EQ(tracker.state(), FaceState::kNoFace);
  EXPECT_EQ(tracker.update({}), FaceState::kNoFace);
  EXPECT_EQ(tracker.update({face_at(0, 0, 40), face_at(100, 100, 80), face_at(200, 0, 60)}), FaceState::kTracking);
  EXPECT_FLOAT_EQ(tracker.face().box.x, 100.0f);
  EXPECT_FLOAT_EQ(tracker.face().box.width, 80.0f);
}

TEST(VisionFaceTracker, StaysOnTheTrackedFaceWhenALargerOneAppears) {
  FaceTracker tracker;
  tracker.update({face_at(100, 100, 80)});
  const int id = tracker.track_id();
  tracker.update({face_at(300, 0, 150), face_at(102, 100, 80)});
  EXPECT_EQ(tracker.track_id(), id);
  EXPECT_NEAR(tracker.face().box.x, 101.2f, 1e-4);  // smoothed: 100 + 0.6 * 2
}

TEST(VisionFaceTracker, SmoothsSmallMovesAndFollowsLargeOnesAtOnce) {
  FaceTrackerConfig config;
  config.smoothing = 0.5f;
  config.fast_motion = 0.25f;
  FaceTracker tracker(config);
  tracker.update({face_at(100, 100, 80)});
  tracker.update({face_at(110, 100, 80)});  // shift 10 < 0.25 * 80: blended
  EXPECT_NEAR(tracker.face().box.x, 105.0f, 1e-4);
  EXPECT_NEAR(tracker.face().landmarks[0].x, 105.0f + 16.0f, 1e-4);
  tracker.update({face_at(135, 100, 80)});  // shift 30 > 20, still overlapping (IoU 0.49): jump
  EXPECT_NEAR(tracker.face().box.x, 135.0f, 1e-4);
}

TEST(VisionFaceTracker, AnotherViewsDetectionIsTakenAsItIsAndNeverSwitchesFaces) {
  FaceTracker tracker;
  tracker.update({face_at(100, 100, 80)});
  const int id = tracker.track_id();
  tracker.update({face_at(104, 98, 84)}, /*other_view=*/true);  // a small move seen another way: not blended
  EXPECT_EQ(tracker.track_id(), id) << "the same face";
  EXPECT_FLOAT_EQ(tracker.face().box.x, 104.0f);
  EXPECT_FLOAT_EQ(tracker.face().box.width, 84.0f);
  EXPECT_FLOAT_EQ(tracker.face().landmarks[0].x, 104.0f + 84.0f * 0.2f);
  // That view finds only another face: a miss of the tracked one, not a move to the other.
  EXPECT_EQ(tracker.update({face_at(300, 0, 120)}, /*other_view=*/true), FaceState::kHolding);
  EXPECT_EQ(tracker.track_id(), id);
  EXPECT_FLOAT_EQ(tracker.face().box.x, 104.0f);
  // The usual view finds it again.
  EXPECT_EQ(tracker.update({face_at(300, 0, 120), face_at(104, 98, 84)}), FaceState::kTracking);
  EXPECT_EQ(tracker.track_id(), id);
}

TEST(VisionFaceTracker, BridgesMissedFramesThenLosesTheFace) {
  FaceTrackerConfig config;
  config.max_missed_frames = 2;
  FaceTracker tracker(config);
  tracker.update({face_at(100, 100, 80)});
  EXPECT_EQ(tracker.update({}), FaceState::kHolding);
  EXPECT_EQ(tracker.missed_frames(), 1);
  EXPECT_FLOAT_EQ(tracker.face().box.x, 100.0f);  // held box
  EXPECT_EQ(tracker.update({}), FaceState::kHolding);
  EXPECT_EQ(tracker.update({}), FaceState::kNoFace);
  EXPECT_FALSE(tracker.has_face());
  // A detection after a hold continues the same track.
  FaceTracker again(config);
  again.update({face_at(100, 100, 80)});
  const int id = again.track_id();
  again.update({});
  EXPECT_EQ(again.update({face_at(101, 100, 80)}), FaceState::kTracking);
  EXPECT_EQ(again.track_id(), id);
  EXPECT_EQ(again.missed_frames(), 0);
}

TEST(VisionFaceTracker, SwitchesToAnotherFaceWhenTheTrackedOneIsGone) {
  FaceTracker tracker;
  tracker.update({face_at(100, 100, 80)});
  const int id = tracker.track_id();
  EXPECT_EQ(tracker.update({face_at(300, 10, 50)}), FaceState::kTracking);
  EXPECT_NE(tracker.track_id(), id);
  EXPECT_FLOAT_EQ(tracker.face().box.x, 300.0f);  // new track: no smoothing with the old face
}
