#include "ui/emotion_bars.h"

#include <cstdio>
#include <string>

#include "imgui.h"
#include "ui/labels.h"

namespace attune::ui {

void draw_emotion_bars(const char* title, const EmotionProbs& probs, bool available, const char* why_not) {
  ImGui::PushID(title);
  if (!available) {
    ImGui::Text("%s", title);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", why_not);
    ImGui::PopID();
    return;
  }
  const Emotion top = argmax(probs);
  ImGui::Text("%s: %s (%.0f%%)", title, emotion_label(top), probs[static_cast<int>(top)] * 100);
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
