// The app: owns the model runner, the media devices, the face stage and the music side, and draws
// the one screen once per frame. It never waits: every step uses what is ready or leaves it for a
// later frame.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "app/face_stage.h"
#include "app/launch_options.h"
#include "app/music.h"
#include "app/voice_stage.h"
#include "core/frame_timings.h"
#include "core/list_change_guard.h"
#include "core/playlist_export.h"
#include "core/qr_code.h"
#include "imgui.h"
#include "infer/ort_web_runner.h"
#include "platform/web/media.h"
#include "ui/calibration_panel.h"
#include "ui/camera_preview.h"
#include "ui/playlist_panel.h"

namespace attune::app {

// A button of the page's accessible region (web/a11y.js); see App::accessible_actions().
struct AccessibleAction {
  std::string id;     // what the page sends back when it is pressed
  std::string label;  // the button's text
  std::function<void()> run;
};

class App {
 public:
  App();

  // Display sizes are in device pixels; `pixel_ratio` converts to CSS pixels for the page.
  void frame(double now_ms, float display_width, float display_height, float pixel_ratio);

  // A tap or click at (css_x, css_y) in the canvas, or a key press (negative coordinates), that the page
  // is handling right now (web/media.js); `release`: a pointer's release. Does what browsers allow only
  // inside a gesture; returns whether it starts capture (the page then lets sound start).
  bool on_gesture(bool release, float css_x, float css_y);

  // Enlargement on top of the device pixel ratio: kiosk mode, large screens, the person's text size.
  float ui_scale() const;

  // A finger is on the screen, a drag's glide is running or a tap is under way (src/ui/touch_input.h):
  // like a moving mouse, it holds the recommendations where they are (see hold_list_after_input).
  void note_touch_activity(double now_ms) { last_pointer_activity_ms_ = now_ms; }

  // A finger touched down or a mouse button went down: when the press that may follow was aimed (the
  // list's rows act on it only if they had settled by then: core/list_change_guard.h).
  void note_press(double now_ms) { list_guard_.note_press(now_ms); }

  // How long the last frame took, all of it (UI, pipelines, drawing submitted): published as
  // frame_cost_ms so that a build's cost per frame can be compared (bench/soak.mjs).
  void note_frame_cost(double ms) { frame_costs_.add(ms); }

  // A recorded model output fed in by a test (see platform::install_debug_hooks).
  void inject_reading(Modality modality, const EmotionProbs& probs);

  // A control of the page's accessible region was used (see platform::install_accessible_region).
  void on_accessible_action(const std::string& action, const std::string& value);

 private:
  void start_capture();
  void stop_capture();
  void follow_visibility();
  void follow_kiosk(double now_ms);
  void reset_for_next_visitor();
  void feed_session(double now_ms);
  void stop_pressed(double now_ms);
  void hold_list_after_input(double now_ms);

  // The playlist (src/app/playlist_view.cpp): the panel, its exports, and the QR code to take home.
  PlaylistDocument playlist_document(bool iso_path) const;
  bool iso_path_available() const;
  void run_playlist_action(ui::PlaylistAction action);
  void show_take_home(bool iso_path, bool end_of_visit, double now_ms);
  void draw_listen_service();
  void draw_playlist();
  void draw_take_home(float display_width, float display_height);

  // The screen (src/app/screen.cpp): one of three layouts chosen by the width the app gets, each made
  // of the same sections.
  enum class Layout { Wide, Medium, Narrow };
  static Layout layout_for(float width_em);
  void draw_screen(double now_ms, float display_width, float display_height);
  void draw_header(float em);
  void draw_text_size_control(float em, bool compact);
  void draw_senses(float preview_width);
  void draw_status_details();
  void draw_launch_problems();
  void draw_mood_summary(bool with_caveats);
  // Which of the senses' reliability notes apply now (drawn under each sense's bars, and in short in the mood
  // summary of the layouts that put the senses below it).
  bool face_dim_small_note_applies() const;
  bool voice_clipping_note_applies() const;
  bool voice_noisy_note_applies() const;
  void draw_mood_plot(double now_ms, float side);
  void draw_together();
  void draw_calibration(double now_ms);
  void draw_strategy();
  void draw_tracks();
  void draw_list_changed_note(double now_ms);
  const char* list_changed_note(double now_ms) const;  // what it says now, or nullptr
  void draw_catalog_and_privacy();
  void draw_music_column(float em);
  bool handled_in_gesture(const std::string& control);
  void end_column(const char* name);

  ui::CalibrationView calibration_view(double now_ms) const;

  void publish_state(double now_ms);
  void publish_accessible(double now_ms);
  std::vector<AccessibleAction> accessible_actions();
  std::string accessible_status() const;
  std::string state_json(double now_ms) const;
  std::string input_unavailable_reason(const char* model_id, const char* model_noun, const platform::DeviceStatus& device,
                                       const char* device_noun) const;
  std::string face_unavailable_reason() const;
  std::string voice_unavailable_reason() const;

  LaunchOptions options_;
  infer::OrtWebRunner runner_;
  platform::Media media_;
  FaceStage face_;
  VoiceStage voice_;
  Music music_;
  ui::CameraPreview preview_;

  float kiosk_scale_ = 1.0f;
  float screen_scale_ = 1.0f;  // grows on screens wider than a laptop's (see frame())
  float pixel_ratio_ = 1.0f;
  bool capturing_ = false;
  bool start_focused_ = false;  // Start has the keyboard focus (for on_gesture)
  Layout layout_ = Layout::Wide;
  int reveal_privacy_frames_ = 0;  // frames left in which the opened privacy panel is scrolled into view
  int reveal_playlist_frames_ = 0;
  float below_tracks_px_ = 0;  // height of what the music column shows under its track list, last frame
  std::pair<std::string, long> handled_in_gesture_;  // control, frame_count_: done in the page's event handler
  bool playlist_shows_iso_ = false;  // the panel shows the iso strategy's path instead of the session
  // The QR code of a playlist on screen: on request, or when a kiosk visitor finishes (until the idle reset).
  struct TakeHome {
    bool visible = false;
    bool iso_path = false;
    bool end_of_visit = false;
    double since_ms = 0;
    std::string text;  // what the code holds
    QrMatrix qr;
  } take_home_;
  bool paused_for_hidden_page_ = false;
  bool reduced_motion_ = false;
  long frame_count_ = 0;
  FrameTimings frame_costs_;
  double last_publish_ms_ = -1e9;
  double last_face_reading_ms_ = -1;
  double last_pointer_activity_ms_ = -1e9;  // the last frame the mouse or a finger moved, pressed or scrolled
  ListChangeGuard list_guard_;              // a press on a row counts only once the rows had settled
  std::pair<ImVec2, ImVec2> tracks_area_;   // where the rows were drawn (position, size; device pixels)
  float last_mouse_x_ = 0, last_mouse_y_ = 0;
  double last_voice_reading_ms_ = -1;
  int foreign_requests_ = 0;
  double last_presence_ms_ = 0;  // kiosk idle timer: the last face seen or tap
  int kiosk_resets_ = 0;
  std::string pending_status_;       // the accessible status text, until it has settled
  double pending_since_ms_ = 0;
  std::string accessible_note_;      // the outcome of the last action in the accessible region
  int calibrations_announced_ = 0;   // finished calibrations whose outcome the region has told
};

}  // namespace attune::app
