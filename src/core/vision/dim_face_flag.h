// Whether the face is small in a dark room, where the face reading is measurably worse, so that the app can
// say so (and what helps: more light, or coming closer). From each detected frame's exposure lift
// (exposure.h: 0 for a frame left as it was, 1 for the strongest dim-light treatment) and the face box's width
// in the 320-pixel-wide frame, with hysteresis on both so that a face near a line does not make the note blink.
//
// The lines come from bench/face_pipeline_accuracy.mjs (the shipped face model, the bench's 599 PublicTest
// faces; dim light is a lift of 1 there, normal light 0): dim light costs 8.0 / 6.8 / 3.3 / 3.0 / 0.5 points
// for faces 64 / 80 / 96 / 112 / 144 px wide, whose boxes are about 0.8 of that (51 / 64 / 77 / 90 / 115 px;
// 80 and 112 px measured on 2026-12-07: `node bench/face_pipeline_accuracy.mjs --pipelines after --sizes 80,112`,
// found 98.0 / 95.8% and right 70.1 / 63.3% at 80 px, 98.8 / 97.2% and 67.8 / 64.8% at 112 px, normal / dim).
// On below a 72 px box (a face of ~90 px, where the cost crosses issue #17's 5 points), off from 90 px (3.0).
// The lift lines sit between the bench's two lights; frames lifted part of the way were not measured.
#pragma once

namespace attune::vision {

class DimFaceFlag {
 public:
  static constexpr float kOnFromLift = 0.75f;
  static constexpr float kOffBelowLift = 0.5f;
  static constexpr float kOnBelowWidth = 72.0f;  // face box width, frame pixels
  static constexpr float kOffFromWidth = 90.0f;

  // One frame in which the face was detected: its frame's lift share and its box width.
  void update(float lift_share, float face_width) {
    if (lift_share >= kOnFromLift && face_width < kOnBelowWidth) on_ = true;
    else if (lift_share < kOffBelowLift || face_width >= kOffFromWidth) on_ = false;
  }
  bool on() const { return on_; }
  void reset() { on_ = false; }

 private:
  bool on_ = false;
};

}  // namespace attune::vision
