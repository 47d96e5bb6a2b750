// The optional "calibrate" step: a button, a countdown while recording the person's neutral face
// (and voice), and what is in use afterwards.
#pragma once

namespace attune::ui {

struct CalibrationView {
  bool capturing = false;   // camera/microphone on (nothing to record otherwise)
  bool recording = false;
  double remaining_s = 0;
  float progress = 0;       // 0..1 of the recording window
  bool face = false;        // a baseline is in use for this modality
  bool voice = false;
  bool face_missed = false;  // the last recording saw too few faces to use
};

// Returns true when the person asked to (re)calibrate. Records the button as hit target "calibrate".
bool draw_calibration_panel(const CalibrationView& view);

}  // namespace attune::ui
