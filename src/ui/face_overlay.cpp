#include "ui/face_overlay.h"

#include "imgui.h"

namespace attune::ui {

void draw_face_overlay(const CameraPreview::Placement& where, const vision::FaceFrameResult& face,
                       const std::string& label) {
  if (face.state == vision::FaceState::kNoFace) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  auto at = [&](float x, float y) { return ImVec2(where.origin_x + x * where.scale, where.origin_y + y * where.scale); };
  const auto& box = face.face.box;
  // Held (not re-detected this frame) faces are drawn fainter.
  const ImU32 colour = face.state == vision::FaceState::kTracking ? IM_COL32(120, 200, 255, 230) : IM_COL32(120, 200, 255, 110);
  const float thickness = ImGui::GetFontSize() * 0.15f;
  draw->AddRect(at(box.x, box.y), at(box.x + box.width, box.y + box.height), colour, 4.0f, 0, thickness);
  for (const auto& p : face.face.landmarks) draw->AddCircleFilled(at(p.x, p.y), thickness * 1.2f, colour);
  if (!label.empty()) {
    const ImVec2 text = ImGui::CalcTextSize(label.c_str());
    const ImVec2 corner = at(box.x, box.y);
    const float pad = ImGui::GetFontSize() * 0.25f;
    const ImVec2 top_left(corner.x, corner.y - text.y - 2 * pad);
    draw->AddRectFilled(top_left, ImVec2(top_left.x + text.x + 2 * pad, corner.y), IM_COL32(20, 30, 45, 220), 4.0f);
    draw->AddText(ImVec2(top_left.x + pad, top_left.y + pad), IM_COL32(255, 255, 255, 255), label.c_str());
  }
}

}  // namespace attune::ui
