#include "ui/camera_preview.h"

#include <GLES3/gl3.h>

#include "imgui.h"

namespace attune::ui {

CameraPreview::~CameraPreview() {
  if (texture_ != 0) glDeleteTextures(1, &texture_);
}

void CameraPreview::update(const std::uint8_t* rgba, int width, int height) {
  if (texture_ == 0) {
    glGenTextures(1, &texture_);
    glBindTexture(GL_TEXTURE_2D, texture_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  }
  glBindTexture(GL_TEXTURE_2D, texture_);
  if (width != width_ || height != height_) {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    width_ = width;
    height_ = height;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  }
}

CameraPreview::Placement CameraPreview::draw(float max_width, const char* placeholder) const {
  const float aspect = height_ > 0 ? static_cast<float>(height_) / width_ : 0.75f;
  const ImVec2 size(max_width, max_width * aspect);
  const ImVec2 top_left = ImGui::GetCursorScreenPos();
  const Placement placement{top_left.x, top_left.y, width_ > 0 ? max_width / width_ : 1.0f};
  if (!has_image()) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(top_left, ImVec2(top_left.x + size.x, top_left.y + size.y),
                        ImGui::GetColorU32(ImGuiCol_FrameBg), 6.0f);
    const ImVec2 text = ImGui::CalcTextSize(placeholder, nullptr, false, size.x - 20);
    ImGui::SetCursorScreenPos(ImVec2(top_left.x + (size.x - text.x) * 0.5f, top_left.y + (size.y - text.y) * 0.5f));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size.x - 20);
    ImGui::TextDisabled("%s", placeholder);
    ImGui::PopTextWrapPos();
    ImGui::SetCursorScreenPos(ImVec2(top_left.x, top_left.y + size.y + ImGui::GetStyle().ItemSpacing.y));
    return placement;
  }
  ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture_)), size);
  return placement;
}

}  // namespace attune::ui
