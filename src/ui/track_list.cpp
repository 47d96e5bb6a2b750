#include "ui/track_list.h"

#include "imgui.h"
#include "ui/hit_targets.h"
#include "ui/theme.h"

namespace attune::ui {

std::optional<TrackListAction> draw_track_list(const Catalog& catalog, const std::vector<Recommendation>& list,
                                               const Feedback& feedback, ListenService service) {
  const std::string listen_tip = "Opens it on " + std::string(listen_service_name(service)) + " in a new tab";
  std::optional<TrackListAction> action;
  const float em = ImGui::GetFontSize();
  int row_index = 0;
  for (const auto& r : list) {
    if (r.track >= catalog.tracks.size()) continue;
    const std::string row = std::to_string(row_index++);
    const Track& t = catalog.tracks[r.track];
    ImGui::PushID(static_cast<int>(r.track));
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%2d", row_index);
    ImGui::SameLine(2.0f * em);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(0.0f);
    const std::string by = "by " + t.artist + (t.genre.empty() ? "" : " · " + t.genre);
    const float title_width = ImGui::CalcTextSize(t.title.c_str()).x;
    ImGui::TextUnformatted(t.title.c_str());
    // Title and artist on one line where they fit; on a narrow screen each wraps on its own.
    if (title_width + 0.4f * em + ImGui::CalcTextSize(by.c_str()).x <= ImGui::GetContentRegionAvail().x) ImGui::SameLine(0, 0.4f * em);
    ImGui::TextDisabled("%s", by.c_str());
    ImGui::TextDisabled("%s", r.explanation.c_str());
    ImGui::PopTextWrapPos();
    if (small_button("Listen")) action = TrackListAction{TrackListAction::Kind::Listen, r.track, Vote::None, row_index - 1};
    record_hit_target("listen_" + row);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", listen_tip.c_str());
    ImGui::SameLine();
    const Vote current = feedback.vote_for(t.id);
    auto vote_button = [&](const char* label, Vote vote, const char* tip, const std::string& target) {
      const bool active = current == vote;
      if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
      if (small_button(label))
        action = TrackListAction{TrackListAction::Kind::Vote, r.track, active ? Vote::None : vote, row_index - 1};
      record_hit_target(target);
      if (active) ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    };
    vote_button("Like", Vote::Up, "More like this (click again to undo)", "like_" + row);
    ImGui::SameLine();
    vote_button("Not for me", Vote::Down, "Never suggest this track again (click again to undo)", "dislike_" + row);
    ImGui::EndGroup();
    ImGui::Separator();
    ImGui::PopID();
  }
  return action;
}

}  // namespace attune::ui
