#include "ui/emotion_bars.h"

#include <cstdio>
#include <string>

#include "core/fusion.h"
#include "imgui.h"
#include "ui/labels.h"

namespace attune::ui {

void draw_emotion_bars(const char* title, const EmotionProbs& probs, std::optional<Emotion> label, const char* why_not,
                       const char* detail) {
  ImGui::PushID(title);
  if (!label) {
    ImGui::Text("%s", title);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", why_not);
    ImGui::PopID();
    return;
  }
  ImGui::Text("%s: %s", title, emotion_label(*label));
  ImGui::SameLine();
  ImGui::TextDisabled("confidence %.0f%%", confidence_from_probs(probs) * 100);
  if (detail[0] != '\0') ImGui::TextDisabled("%s", detail);
  const float em = ImGui::GetFontSize();
  for (std::size_t i = 0; i < kEmotionCount; ++i) {
    ImGui::TextUnformatted(emotion_label(static_cast<Emotion>(i)));
    ImGui::SameLine(6 * em);
    char overlay[16];
    std::snprintf(overlay, sizeof overlay, "%.0f%%", probs[i] * 100);
    ImGui::ProgressBar(probs[i], ImVec2(-1, 0.8f * em), overlay);
  }
  ImGui::PopID();
}

}  // namespace attune::ui
