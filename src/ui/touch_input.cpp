#include "ui/touch_input.h"

#include <cfloat>
#include <cmath>

#include "imgui.h"
#include "imgui_internal.h"

namespace attune::ui {

namespace {

constexpr float kGlideTimeConstantS = 0.33f;  // how fast a glide slows down (close to iOS's feel)
constexpr float kGlideStopCssPxPerS = 20.0f;

int depth(const ImGuiWindow* w) {
  int d = 0;
  for (; w && w->ParentWindow; w = w->ParentWindow) ++d;
  return d;
}

// The innermost window under (x, y) that can scroll vertically, or its nearest scrollable parent.
ImGuiWindow* scrollable_window_at(float x, float y) {
  ImGuiContext& g = *GImGui;
  ImGuiWindow* best = nullptr;
  for (ImGuiWindow* w : g.Windows) {
    if (!w->WasActive || w->Hidden || (w->Flags & (ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup))) continue;
    if (!w->OuterRectClipped.Contains(ImVec2(x, y))) continue;
    if (!best || depth(w) > depth(best)) best = w;
  }
  while (best && best->ScrollMax.y <= 0.0f) best = best->ParentWindow;
  return best;
}

}  // namespace

void TouchInput::on_event(Phase phase, float x, float y) {
  if (phase == Phase::MouseUsed) {
    touch_mode_ = false;
    return;
  }
  touch_mode_ = true;
  events_.push_back({phase, x, y});
}

void TouchInput::scroll(float dy) {
  if (!scroll_target_ || dy == 0.0f) return;
  ImGui::SetScrollY(scroll_target_, ImClamp(scroll_target_->Scroll.y - dy, 0.0f, scroll_target_->ScrollMax.y));
}

void TouchInput::apply(ImGuiIO& io, float dt, float pixel_ratio) {
  came_down_ = false;
  if (!touch_mode_) return;
  const float slop = kSlopCssPx * pixel_ratio;
  io.MouseDown[0] = false;

  // A tap plays out over three frames: press, release, leave.
  if (tap_ == Tap::Press) {
    io.MousePos = ImVec2(tap_x_, tap_y_);
    io.MouseDown[0] = true;
    tap_ = Tap::Release;
    return;
  }
  if (tap_ == Tap::Release) {
    io.MousePos = ImVec2(tap_x_, tap_y_);
    tap_ = Tap::Leave;
    return;
  }
  tap_ = Tap::None;

  float frame_dy = 0;
  while (!events_.empty() && tap_ == Tap::None) {
    const Event e = events_.front();
    events_.pop_front();
    switch (e.phase) {
      case Phase::Down:
        finger_down_ = true;
        came_down_ = true;
        dragging_ = false;
        start_x_ = last_x_ = e.x;
        start_y_ = last_y_ = e.y;
        velocity_ = 0;
        scroll_target_ = nullptr;
        break;
      case Phase::Move:
        if (!finger_down_) break;
        if (!dragging_ && std::hypot(e.x - start_x_, e.y - start_y_) > slop) {
          dragging_ = true;
          scroll_target_ = scrollable_window_at(start_x_, start_y_);
          frame_dy += e.y - start_y_;  // the slop too, so that content follows the finger exactly
        } else if (dragging_) {
          frame_dy += e.y - last_y_;
        }
        last_x_ = e.x;
        last_y_ = e.y;
        break;
      case Phase::Up:
        if (finger_down_ && !dragging_) {
          tap_ = Tap::Press;
          tap_x_ = e.x;
          tap_y_ = e.y;
        }
        finger_down_ = false;
        dragging_ = false;
        break;
      case Phase::Cancel:
        finger_down_ = false;
        dragging_ = false;
        velocity_ = 0;
        break;
      case Phase::MouseUsed: break;
    }
  }

  if (frame_dy != 0.0f) {
    scroll(frame_dy);
    if (dt > 0) velocity_ = 0.6f * velocity_ + 0.4f * (frame_dy / dt);
  } else if (!finger_down_ && velocity_ != 0.0f && dt > 0) {
    // The glide after the finger lifted from a drag.
    scroll(velocity_ * dt);
    velocity_ *= std::exp(-dt / kGlideTimeConstantS);
    if (std::fabs(velocity_) < kGlideStopCssPxPerS * pixel_ratio) velocity_ = 0;
  } else if (finger_down_ && dt > 0) {
    velocity_ *= 0.5f;  // a finger resting on the screen stops the glide it would start
  }

  // While a finger rests (not yet a drag) its control shows as hovered; otherwise nothing is.
  io.MousePos = finger_down_ && !dragging_ ? ImVec2(last_x_, last_y_) : ImVec2(-FLT_MAX, -FLT_MAX);
  if (tap_ == Tap::Press) {  // start the tap in this frame (a finger that came down in it stays noted)
    const bool came_down = came_down_;
    apply(io, 0.0f, pixel_ratio);
    came_down_ = came_down;
  }
}

}  // namespace attune::ui
