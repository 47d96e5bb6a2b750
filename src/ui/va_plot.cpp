#include "ui/va_plot.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/emotion.h"
#include "core/plot_layout.h"
#include "imgui.h"
#include "ui/labels.h"
#include "ui/theme.h"

namespace attune::ui {

namespace {

// At most this many catalog dots are drawn; larger catalogs are drawn with a stride.
constexpr std::size_t kMaxDots = 4000;

ImU32 with_alpha(ImVec4 c, float alpha) { return ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, alpha)); }

}  // namespace

void draw_va_plot(const VaPlotView& view, float side) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float em = ImGui::GetFontSize();
  const float margin = 1.6f * em;  // room for the axis words
  const float inner = side - 2 * margin;
  const ImVec2 centre(origin.x + side * 0.5f, origin.y + side * 0.5f);
  auto at = [&](VA p) {
    return ImVec2(centre.x + std::clamp(p.valence, -1.0f, 1.0f) * inner * 0.5f,
                  centre.y - std::clamp(p.arousal, -1.0f, 1.0f) * inner * 0.5f);
  };
  const ImVec4 text = ImGui::GetStyle().Colors[ImGuiCol_Text];
  const ImVec4 accent = ImGui::GetStyle().Colors[ImGuiCol_PlotHistogram];
  const ImVec4 point = ImGui::GetStyle().Colors[ImGuiCol_ButtonActive];

  // Frame, axes and words.
  draw->AddRectFilled(ImVec2(origin.x + margin, origin.y + margin), ImVec2(origin.x + side - margin, origin.y + side - margin),
                      ImGui::GetColorU32(ImGuiCol_FrameBg), 6.0f);
  draw->AddLine(ImVec2(origin.x + margin, centre.y), ImVec2(origin.x + side - margin, centre.y), with_alpha(text, 0.25f));
  draw->AddLine(ImVec2(centre.x, origin.y + margin), ImVec2(centre.x, origin.y + side - margin), with_alpha(text, 0.25f));
  auto word = [&](const char* s, ImVec2 p, float align_x, float align_y, float alpha) {  // returns where it went
    const ImVec2 size = ImGui::CalcTextSize(s);
    const PlotBox box{p.x - size.x * align_x, p.y - size.y * align_y, size.x, size.y};
    draw->AddText(ImVec2(box.x, box.y), with_alpha(text, alpha), s);
    return box;
  };
  word("energetic", ImVec2(centre.x, origin.y + margin * 0.5f), 0.5f, 0.5f, 0.8f);
  word("calm", ImVec2(centre.x, origin.y + side - margin * 0.5f), 0.5f, 0.5f, 0.8f);
  const PlotBox negative = word("negative", ImVec2(origin.x + margin, centre.y - 0.2f * em), 0.0f, 1.0f, 0.8f);
  const PlotBox positive = word("positive", ImVec2(origin.x + side - margin, centre.y - 0.2f * em), 1.0f, 1.0f, 0.8f);

  // The seven labels where the published table puts them, as faint landmarks; words that would overlap
  // (angry, disgust and fear lie close together) are moved apart, and all stay inside the frame. The
  // axis words inside the frame go first, so that the emotion words make way for them.
  const PlotBox frame{origin.x + margin, origin.y + margin, inner, inner};
  std::vector<PlotPoint> word_centres, word_sizes;
  for (const PlotBox& b : {negative, positive}) {
    word_centres.push_back({b.x + b.w / 2, b.y + b.h / 2});
    word_sizes.push_back({b.w, b.h});
  }
  constexpr std::size_t kAxisWords = 2;
  for (std::size_t i = 0; i < kEmotionCount; ++i) {
    const ImVec2 p = at(emotion_va(static_cast<Emotion>(i)));
    const ImVec2 size = ImGui::CalcTextSize(emotion_label(static_cast<Emotion>(i)));
    word_centres.push_back({p.x, p.y});
    word_sizes.push_back({size.x, size.y});
  }
  const std::vector<PlotBox> word_boxes = place_words(word_centres, word_sizes, frame);
  for (std::size_t i = kAxisWords; i < word_boxes.size(); ++i)
    draw->AddText(ImVec2(word_boxes[i].x, word_boxes[i].y), with_alpha(text, 0.35f),
                  emotion_label(static_cast<Emotion>(i - kAxisWords)));

  // Catalog dots.
  if (view.catalog && !view.catalog->tracks.empty()) {
    const auto& tracks = view.catalog->tracks;
    const std::size_t stride = std::max<std::size_t>(1, tracks.size() / kMaxDots);
    const ImU32 dot = with_alpha(text, 0.18f);
    for (std::size_t i = 0; i < tracks.size(); i += stride) draw->AddCircleFilled(at(tracks[i].va), 0.12f * em, dot, 6);
  }

  // Recommended tracks, numbered in list order. Tracks often lie on nearly the same point: a marker that
  // would cover another moves beside it, joined by a thin line to a small dot where its track is.
  if (view.catalog && view.recommendations) {
    std::vector<PlotPoint> anchors;
    for (const auto& r : *view.recommendations) {
      if (r.track >= view.catalog->tracks.size()) continue;
      const ImVec2 p = at(view.catalog->tracks[r.track].va);
      anchors.push_back({p.x, p.y});
    }
    const float radius = 0.42f * em;
    const std::vector<PlotPoint> markers = spread_discs(anchors, radius, frame);
    for (std::size_t i = 0; i < markers.size(); ++i) {
      if (markers[i].x == anchors[i].x && markers[i].y == anchors[i].y) continue;
      draw->AddLine(ImVec2(anchors[i].x, anchors[i].y), ImVec2(markers[i].x, markers[i].y), with_alpha(accent, 0.9f), 0.08f * em);
      draw->AddCircleFilled(ImVec2(anchors[i].x, anchors[i].y), 0.14f * em, with_alpha(accent, 0.95f), 8);
    }
    for (std::size_t i = 0; i < markers.size(); ++i) {
      const ImVec2 p(markers[i].x, markers[i].y);
      draw->AddCircleFilled(p, radius, with_alpha(accent, 0.95f), 16);
      const std::string label = std::to_string(i + 1);
      const ImVec2 size = ImGui::CalcTextSize(label.c_str());
      draw->AddText(ImVec2(p.x - size.x * 0.5f, p.y - size.y * 0.5f), IM_COL32(20, 20, 20, 255), label.c_str());
    }
  }

  // The listener: trail (fading), uncertainty ring, point.
  if (view.trail && !view.reduced_motion && view.trail->size() >= 2) {
    const double span = std::max(1e-6, view.trail->back().time_s - view.trail->front().time_s);
    for (std::size_t i = 1; i < view.trail->size(); ++i) {
      const auto& a = (*view.trail)[i - 1];
      const auto& b = (*view.trail)[i];
      const float age = static_cast<float>((view.trail->back().time_s - b.time_s) / span);
      draw->AddLine(at(a.va), at(b.va), with_alpha(point, 0.7f * (1.0f - age)), 0.18f * em);
    }
  }
  if (view.mood && view.mood->available && view.uncorrected && view.uncorrected->available) {
    const ImVec2 before = at(view.uncorrected->estimate.mean);
    draw->AddLine(before, at(view.mood->estimate.mean), with_alpha(point, 0.35f), 0.1f * em);
    draw->AddCircle(before, 0.4f * em, with_alpha(text, 0.45f), 24, 0.12f * em);
  }
  if (view.mood && view.mood->available) {
    const VAEstimate& e = view.mood->estimate;
    const ImVec2 p = at(e.mean);
    const float ring = std::min(inner * 0.5f, e.spread() * inner * 0.5f);
    // The ring stays inside the plot's frame (it can be wider than the plane near an edge).
    draw->PushClipRect(ImVec2(origin.x + margin, origin.y + margin), ImVec2(origin.x + side - margin, origin.y + side - margin), true);
    if (ring > 0.3f * em) draw->AddCircle(p, ring, with_alpha(point, 0.45f), 48, 0.1f * em);
    draw->PopClipRect();
    draw->AddCircleFilled(p, 0.5f * em, with_alpha(point, 1.0f), 24);
    draw->AddCircle(p, 0.5f * em, IM_COL32(255, 255, 255, 230), 24, 0.12f * em);
  }

  ImGui::Dummy(ImVec2(side, side));
}

}  // namespace attune::ui
