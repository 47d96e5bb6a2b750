#include "ui/calibration_panel.h"

#include "imgui.h"
#include "ui/hit_targets.h"
#include "ui/theme.h"

namespace attune::ui {

bool draw_calibration_panel(const CalibrationView& view) {
  ImGui::PushTextWrapPos(0.0f);
  bool clicked = false;
  if (view.recording) {
    ImGui::Text("Keep a relaxed, neutral face%s: %d s", " (and speak normally if the microphone is on)",
                static_cast<int>(view.remaining_s + 0.999));
    ImGui::ProgressBar(view.progress, ImVec2(-1, 0), "");
  } else {
    ImGui::BeginDisabled(!view.capturing);
    clicked = ImGui::Button(view.face || view.voice ? "Calibrate again" : "Calibrate (10 s)");
    ImGui::EndDisabled();
    record_hit_target("calibrate");
    ImGui::SameLine();
    if (view.face || view.voice) {
      ImGui::TextDisabled("Calibrated to you: %s%s%s. The faint dot is the reading before the correction.",
                          view.face ? "face" : "", view.face && view.voice ? " and " : "", view.voice ? "voice" : "");
    } else if (!view.capturing) {
      ImGui::TextDisabled("Optional, after Start: 10 s of your neutral face make the readings fit you.");
    } else {
      ImGui::TextDisabled("Optional: 10 s of your relaxed, neutral face make the readings fit you.");
    }
    if (view.face_missed)
      ImGui::TextColored(error_colour(), "Too few face readings while calibrating; the face part did not change. "
                                         "Face the camera and try again.");
  }
  ImGui::PopTextWrapPos();
  return clicked;
}

}  // namespace attune::ui
