// Touch for Dear ImGui 1.86, which knows only a mouse. web/touch.js sends a finger's down, move and up
// (canvas pixels); here they become what a person expects from a touch screen:
//   - a tap is a click where the finger lifted: pointer down in one frame, up in the next, then no
//     hover (so that a fast tap is never lost between frames, and nothing stays highlighted);
//   - a drag scrolls the scrollable window under the finger, with a short glide after the finger lifts,
//     and never clicks what it started on.
// The mouse keeps working as before: the override applies only while touch is the last input used.
#pragma once

#include <deque>

struct ImGuiIO;
struct ImGuiWindow;

namespace attune::ui {

class TouchInput {
 public:
  enum class Phase { Down = 0, Move = 1, Up = 2, Cancel = 3, MouseUsed = 4 };

  void on_event(Phase phase, float x, float y);

  // Once per frame, after the platform backend's NewFrame and before ImGui::NewFrame. `pixel_ratio`:
  // canvas pixels per CSS pixel.
  void apply(ImGuiIO& io, float dt, float pixel_ratio);

  // A finger is down, a tap is being played out, events wait, or a drag still glides.
  bool busy() const { return finger_down_ || tap_ != Tap::None || !events_.empty() || velocity_ != 0.0f; }

  // Whether a finger came down in the last apply() (the moment a person's tap was aimed; its click comes
  // when the finger lifts).
  bool finger_came_down() const { return came_down_; }

  // Whether the last input was a finger (the UI then uses touch-sized targets).
  bool touch_mode() const { return touch_mode_; }
  void set_touch_mode(bool on) { touch_mode_ = on; }

  // Finger movement (canvas pixels) beyond which a touch is a drag, not a tap.
  static constexpr float kSlopCssPx = 10.0f;

 private:
  struct Event {
    Phase phase;
    float x, y;
  };
  enum class Tap { None, Press, Release, Leave };

  void scroll(float dy);

  std::deque<Event> events_;
  bool touch_mode_ = false;
  bool finger_down_ = false;
  bool came_down_ = false;
  bool dragging_ = false;
  float start_x_ = 0, start_y_ = 0, last_x_ = 0, last_y_ = 0;
  Tap tap_ = Tap::None;
  float tap_x_ = 0, tap_y_ = 0;
  ImGuiWindow* scroll_target_ = nullptr;
  float velocity_ = 0;  // canvas pixels per second, for the glide after a drag
};

}  // namespace attune::ui
