#include "ui/privacy_panel.h"

#include "imgui.h"
#include "ui/theme.h"

namespace attune::ui {

bool draw_privacy_panel(const PrivacyView& view) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted("Processed on this device only: camera frames and microphone audio. "
                         "No image, sound or result is sent anywhere.");
  if (view.foreign_requests == 0)
    ImGui::TextColored(ok_colour(), "Requests to other sites this session: 0");
  else if (view.foreign_requests > 0)
    ImGui::TextColored(error_colour(), "Requests to other sites this session: %d", view.foreign_requests);
  if (view.storage_refused)
    ImGui::TextColored(error_colour(), "Preferences cannot be kept in this browser (its storage is blocked or full): "
                                       "your likes and settings last until this page closes.");
  if (view.stored_items.empty()) {
    ImGui::TextDisabled("Stored in this browser: nothing.");
  } else {
    ImGui::TextDisabled("Stored in this browser:");
    for (const auto& item : view.stored_items) ImGui::BulletText("%s", item.c_str());
  }
  ImGui::PopTextWrapPos();
  return ImGui::Button("Forget everything stored");
}

}  // namespace attune::ui
