#include "ui/status_panel.h"

#include <cstdio>

#include "imgui.h"
#include "ui/theme.h"

namespace attune::ui {


void draw_model_status(const std::vector<ModelRow>& models) {
  for (const auto& row : models) {
    const auto& s = row.status;
    switch (s.state) {
      case infer::ModelState::NotLoaded:
        ImGui::TextDisabled("%s: waiting", row.purpose.c_str());
        break;
      case infer::ModelState::Loading: {
        char label[64];
        const double mb = s.bytes_loaded / 1e6;
        if (s.bytes_total > 0)
          std::snprintf(label, sizeof label, "%.2f / %.2f MB", mb, s.bytes_total / 1e6);
        else
          std::snprintf(label, sizeof label, "%.2f MB", mb);
        ImGui::Text("%s: downloading", row.purpose.c_str());
        ImGui::ProgressBar(s.bytes_total > 0 ? static_cast<float>(s.bytes_loaded / s.bytes_total) : 0.0f,
                           ImVec2(-1, 0), label);
        break;
      }
      case infer::ModelState::Ready:
        ImGui::TextColored(ok_colour(), "%s: ready", row.purpose.c_str());
        break;
      case infer::ModelState::Failed:
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(error_colour(), "%s could not be loaded: %s. The rest of Attune keeps working without it.",
                           row.purpose.c_str(), s.error.c_str());
        ImGui::PopTextWrapPos();
        break;
    }
  }
}

void draw_device_status(const char* device, const platform::DeviceStatus& status, const char* without_it) {
  using platform::DeviceState;
  ImGui::PushTextWrapPos(0.0f);
  switch (status.state) {
    case DeviceState::Off: ImGui::TextDisabled("%s: off", device); break;
    case DeviceState::Asking: ImGui::Text("%s: waiting for your permission...", device); break;
    case DeviceState::Starting: ImGui::Text("%s: starting...", device); break;
    case DeviceState::Blocked:
      ImGui::TextColored(error_colour(), "%s: allowed, but the browser holds the sound back. Tap anywhere to let Attune listen.", device);
      break;
    case DeviceState::Live: ImGui::TextColored(ok_colour(), "%s: on", device); break;
    case DeviceState::Denied:
    case DeviceState::Unavailable:
    case DeviceState::Ended:
      ImGui::TextColored(error_colour(), "%s: %s (%s). %s", device, platform::device_state_name(status.state),
                         status.message.c_str(), without_it);
      break;
  }
  ImGui::PopTextWrapPos();
}

}  // namespace attune::ui
