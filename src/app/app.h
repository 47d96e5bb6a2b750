// The app: owns the model runner, the media devices and the pipeline stages, and draws the UI once
// per frame. It never waits: every step either uses what is ready or leaves it for a later frame.
#pragma once

#include <string>

#include "app/face_stage.h"
#include "infer/ort_web_runner.h"
#include "platform/web/media.h"
#include "ui/camera_preview.h"

namespace attune::app {

class App {
 public:
  App();

  // One iteration of the frame loop, between ImGui::NewFrame() and ImGui::Render().
  // Display sizes are in device pixels; `pixel_ratio` converts to CSS pixels for the page.
  void frame(double now_ms, float display_width, float display_height, float pixel_ratio);

  // Enlargement on top of the device pixel ratio (kiosk mode and large screens).
  float ui_scale() const { return ui_scale_; }

 private:
  void start_capture();
  void stop_capture();
  void publish_state(double now_ms);
  std::string face_label_unavailable_reason() const;
  std::string state_json(double now_ms) const;

  infer::OrtWebRunner runner_;
  platform::Media media_;
  FaceStage face_;
  ui::CameraPreview preview_;

  float ui_scale_ = 1.0f;
  float pixel_ratio_ = 1.0f;
  bool capturing_ = false;
  bool paused_for_hidden_page_ = false;
  long frame_count_ = 0;
  double last_publish_ms_ = -1e9;
  struct Rect { float x = 0, y = 0, w = 0, h = 0; } start_button_;
};

}  // namespace attune::app
