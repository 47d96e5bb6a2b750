#include "ui/playlist_panel.h"

#include <iterator>
#include <string>

#include "imgui.h"
#include "ui/hit_targets.h"
#include "ui/theme.h"

namespace attune::ui {

namespace {

// A button that wraps to the next line when it does not fit beside the previous one.
bool flowing_button(const char* label, const char* target, bool first) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::CalcTextSize(label).x + 2 * style.FramePadding.x;
  if (!first && ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
    ImGui::SameLine();
  const bool pressed = small_button(label);
  record_hit_target(target);
  return pressed;
}

}  // namespace

std::optional<PlaylistAction> draw_playlist_panel(const PlaylistPanelView& view) {
  std::optional<PlaylistAction> action;
  const PlaylistDocument& doc = *view.shown;
  ImGui::PushTextWrapPos(0.0f);
  if (view.iso_path_available) {
    if (ImGui::RadioButton("This session", !view.showing_iso_path)) action = PlaylistAction::ShowSession;
    record_hit_target("playlist_session");
    ImGui::SameLine();
    if (ImGui::RadioButton("The iso path", view.showing_iso_path)) action = PlaylistAction::ShowIsoPath;
    record_hit_target("playlist_iso");
  }
  if (doc.items.empty()) {
    ImGui::TextDisabled("Tracks you open or like gather here, each with your mood at that moment.");
    ImGui::PopTextWrapPos();
    return action;
  }
  for (std::size_t i = 0; i < doc.items.size(); ++i) {
    const auto& item = doc.items[i];
    ImGui::Text("%zu. %s \u2013 %s", i + 1, item.artist.c_str(), item.title.c_str());
    const std::string detail = item.note + (item.mood.empty() ? "" : ", " + item.mood);
    ImGui::Indent();
    ImGui::TextDisabled("%s", detail.c_str());
    ImGui::Unindent();
  }
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  // Every export is made here in the page; nothing goes over the network.
  static constexpr const char* kLabels[] = {"Save M3U8", "Save JSPF", "Save CSV", "Copy as text"};
  static constexpr const char* kTips[] = {"A playlist file for music players (links to each track)",
                                          "The XSPF playlist format as JSON", "A table for spreadsheets", nullptr};
  for (std::size_t i = 0; i < std::size(kGestureActions); ++i) {
    if (flowing_button(kLabels[i], gesture_target(kGestureActions[i]), i == 0)) action = kGestureActions[i];
    if (kTips[i] && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kTips[i]);
  }
  if (flowing_button("QR code", "show_qr", false)) action = PlaylistAction::ShowQr;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Scan it with a phone to take the list with you");
  if (view.copy == platform::CopyResult::Copied) ImGui::TextColored(ok_colour(), "Copied to the clipboard.");
  if (view.copy == platform::CopyResult::Refused) ImGui::TextColored(error_colour(), "This browser did not allow copying.");
  if (view.keepable && !view.showing_iso_path) {
    bool kept = view.kept;
    if (ImGui::Checkbox("Keep this playlist in this browser", &kept)) action = kept ? PlaylistAction::Keep : PlaylistAction::StopKeeping;
    record_hit_target("keep_playlist");
  }
  return action;
}

}  // namespace attune::ui
