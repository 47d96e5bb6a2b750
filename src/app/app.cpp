#include "app/app.h"

#include <emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/models.h"
#include "core/emotion.h"
#include "imgui.h"
#include "platform/web/a11y.h"
#include "platform/web/page.h"
#include "ui/hit_targets.h"
#include "ui/labels.h"
#include "ui/theme.h"

namespace attune::app {

namespace {
constexpr double kPublishIntervalMs = 200;  // window.attuneState refresh: 5 per second is plenty
App* g_app = nullptr;                       // for the debug hook

void on_debug_reading(int modality, const float* probs) {
  if (!g_app || (modality != 0 && modality != 1)) return;
  EmotionProbs p{};
  std::copy(probs, probs + kEmotionCount, p.begin());
  g_app->inject_reading(modality == 0 ? Modality::Face : Modality::Voice, p);
}

void route_accessible_action(const std::string& action, const std::string& value) {
  if (g_app) g_app->on_accessible_action(action, value);
}
}  // namespace

// From web/media.js, inside a tap, click or key handler (`phase` 1: a pointer's release, 2: its press, 0:
// another event): returns 1 when the page should let sound start. A press is noted at once: a quick click's
// press and release both come before the next frame, and the release may act on a row here.
extern "C" EMSCRIPTEN_KEEPALIVE int attune_gesture(int phase, float css_x, float css_y) {
  if (!g_app) return 0;
  if (phase == 2 && css_x >= 0) g_app->note_press(emscripten_get_now());
  return g_app->on_gesture(phase == 1, css_x, css_y) ? 1 : 0;
}

App::App() : options_(read_launch_options()), face_(runner_), voice_(runner_) {
  g_app = this;
  ui::set_label_language(options_.language);
  if (options_.kiosk) {
    kiosk_scale_ = 1.4f;
    music_.set_persistent(false);
    platform::enable_kiosk_fullscreen();
  }
  platform::Media::install_gesture_listeners();
  // Sound reaches the voice stage only while capturing (a block already on its way when Stop was
  // pressed is dropped).
  media_.set_audio_sink([this](const float* samples, int count, float rate) {
    if (capturing_) voice_.push(samples, count, rate);
  });
  platform::install_debug_hooks(&on_debug_reading);
  platform::set_page_language(options_.language);
  platform::install_accessible_region(&route_accessible_action);
  reduced_motion_ = platform::prefers_reduced_motion();
  // Models and the catalog download while the visitor reads the start screen.
  for (const auto& model : kAllModels) runner_.load(model.id, model.url, model.expects);
  music_.start(options_.catalog_url);
  if (options_.strategy) music_.session().set_strategy(*options_.strategy);  // for this visit only
}

float App::ui_scale() const { return kiosk_scale_ * screen_scale_ * music_.text_size(); }

void App::inject_reading(Modality modality, const EmotionProbs& probs) {
  music_.session().observe(modality, probs, emscripten_get_now() / 1000.0);
}

void App::start_capture() {
  capturing_ = true;
  last_presence_ms_ = emscripten_get_now();
  media_.start(true, true, FaceStage::kFrameWidth, FaceStage::kFrameHeight);
}

// Stop: in a kiosk it ends the visit, and the visitor's playlist is offered as a QR code to take home.
void App::stop_pressed(double now_ms) {
  stop_capture();
  if (options_.kiosk && !music_.playlist().empty()) show_take_home(false, true, now_ms);
}

void App::stop_capture() {
  capturing_ = false;
  media_.stop();
  voice_.reset();
}

// A hidden tab gets no camera or microphone: release them and take them back on return.
void App::follow_visibility() {
  const bool hidden = platform::page_hidden();
  if (hidden && capturing_) {
    stop_capture();
    paused_for_hidden_page_ = true;
  } else if (!hidden && paused_for_hidden_page_) {
    paused_for_hidden_page_ = false;
    start_capture();
  }
}

// Kiosk: the first tap anywhere starts; after idle_reset_s without a face the session is cleared for
// the next visitor (mood, feedback, playlist, camera and microphone off) and the app waits for a tap again.
// A visitor who presses Stop with tracks in the playlist gets its QR code, shown until the same idle time
// has passed or they press Done.
void App::follow_kiosk(double now_ms) {
  if (!options_.kiosk) return;
  const bool tapped = ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  if (take_home_.visible && take_home_.end_of_visit) {
    // The visitor finished: the code stays for them to scan until the idle time has passed.
    if (tapped) take_home_.since_ms = now_ms;
    if (now_ms - take_home_.since_ms > options_.idle_reset_s * 1000.0) reset_for_next_visitor();
    return;
  }
  // A tap while a code is on screen is for the code's window, not a new start.
  if (!capturing_ && !paused_for_hidden_page_ && !take_home_.visible && tapped) start_capture();
  if (!capturing_) return;
  // Idle time counts only while the camera is live (waiting for permission is not being away), and a tap
  // says someone is there even when the camera finds no face (looking down at the list, poor light).
  if (face_.face().state != vision::FaceState::kNoFace || media_.camera().state != platform::DeviceState::Live || tapped)
    last_presence_ms_ = now_ms;
  if (now_ms - last_presence_ms_ > options_.idle_reset_s * 1000.0) reset_for_next_visitor();
}

void App::reset_for_next_visitor() {
  stop_capture();
  face_.reset();
  music_.reset_for_next_visitor();
  take_home_ = {};
  playlist_shows_iso_ = false;
  last_face_reading_ms_ = last_voice_reading_ms_ = -1;
  ++kiosk_resets_;
}

// New model readings go into the mood session, each once.
void App::feed_session(double now_ms) {
  // A device that stopped (unplugged, denied, off) leaves no stale reading on screen or in the mood.
  if (media_.camera().state != platform::DeviceState::Live && (face_.reading() || face_.face().state != vision::FaceState::kNoFace))
    face_.reset();
  if (media_.microphone().state != platform::DeviceState::Live && voice_.state() != VoiceState::Waiting) voice_.reset();
  if (capturing_) {
    const int before = face_.frames_grabbed();
    face_.tick(media_, now_ms);
    if (face_.frames_grabbed() != before)
      preview_.update(face_.frame().data(), FaceStage::kFrameWidth, FaceStage::kFrameHeight);
  }
  if (capturing_) voice_.tick(now_ms);
  if (const auto& reading = voice_.reading(); reading && reading->time_ms > last_voice_reading_ms_) {
    last_voice_reading_ms_ = reading->time_ms;
    music_.session().observe(Modality::Voice, reading->probs, reading->time_ms / 1000.0);
  }
  if (const auto& reading = face_.reading(); reading && reading->time_ms > last_face_reading_ms_) {
    last_face_reading_ms_ = reading->time_ms;
    music_.session().observe(Modality::Face, reading->probs, reading->time_ms / 1000.0);
  }
}

void App::frame(double now_ms, float display_width, float display_height, float pixel_ratio) {
  ++frame_count_;
  pixel_ratio_ = pixel_ratio;
  // Large screens (a TV, a 4K monitor at 100%) get larger type: a quarter step per 400 CSS px beyond
  // 1600, up to double. Quantised so that resizing a window does not rebuild the font every frame.
  const float css_width = display_width / std::max(pixel_ratio, 0.1f);
  screen_scale_ = std::clamp(1.0f + std::floor(std::max(0.0f, css_width - 1600.0f) / 400.0f) * 0.25f, 1.0f, 2.0f);
  runner_.poll();
  follow_visibility();
  follow_kiosk(now_ms);
  feed_session(now_ms);
  hold_list_after_input(now_ms);
  music_.tick(now_ms / 1000.0);
  list_guard_.observe(music_.session().recommendations(), now_ms);

  draw_screen(now_ms, display_width, display_height);

  publish_state(now_ms);
}

// The track a person aims at must be the track their press meets: no re-rank while the mouse or a finger
// is in use, and for a moment after (a person reads a row, then moves to its button or lifts the finger
// off a scroll, then taps). The re-rank held back comes at the first tick after the pause. A mouse reading
// a row hovers and moves, which keeps the hold alive; a finger lifts off after a scroll and the person
// reads the rows with nothing on the screen, so on a touch screen the hold lasts longer. A tap aimed from a
// still hand a moment before a re-rank would meet another row: list_guard_ turns such a press away.
void App::hold_list_after_input(double now_ms) {
  static constexpr double kListHoldMs = 2000;
  static constexpr double kListHoldTouchMs = 6000;
  const ImGuiIO& io = ImGui::GetIO();
  const bool moved = io.MousePos.x != last_mouse_x_ || io.MousePos.y != last_mouse_y_;
  last_mouse_x_ = io.MousePos.x;
  last_mouse_y_ = io.MousePos.y;
  if (moved || io.MouseWheel != 0.0f || io.MouseDown[ImGuiMouseButton_Left] || io.MouseDown[ImGuiMouseButton_Right])
    last_pointer_activity_ms_ = now_ms;
  const double hold_ms = ui::touch_ui() ? kListHoldTouchMs : kListHoldMs;
  music_.session().hold_list(now_ms - last_pointer_activity_ms_ < hold_ms);
}

// A tap, click or key press is being handled by the page (web/media.js, inside the event handler). What
// browsers allow only there happens now, not in the ImGui frame that notices the click later (too late for
// Safari and Firefox): the sound of a Start (the page wakes its AudioContext when this returns true), a
// Listen link's new tab (a pop-up outside a gesture is blocked), the catalog file picker, a playlist's
// download and the clipboard. Kiosk mode starts on any tap (unless a QR code is on screen); elsewhere the
// point must be on Start (a key: Start has the keyboard focus). Links, the picker and the exports act on
// the release (`release`), as ImGui's buttons do; the frame's own click is then ignored.
bool App::on_gesture(bool release, float css_x, float css_y) {
  const auto& targets = ui::hit_targets();
  const auto hit = [&](const std::string& name) {
    const auto t = targets.find(name);
    if (t == targets.end() || !t->second.visible || css_x < 0 || css_y < 0) return false;
    const float x = css_x * pixel_ratio_, y = css_y * pixel_ratio_;
    const auto& r = t->second;
    return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
  };
  if (release) {
    const auto& list = music_.session().recommendations();
    for (std::size_t row = 0; row < list.size(); ++row) {
      if (!hit("listen_" + std::to_string(row))) continue;
      if (list_guard_.admit(emscripten_get_now())) music_.listen(list[row].track);
      handled_in_gesture_ = {"listen_" + std::to_string(row), frame_count_};  // the frame's click too
      return false;
    }
    if (hit("load_catalog")) {
      music_.pick_catalog_file();
      handled_in_gesture_ = {"load_catalog", frame_count_};
      return false;
    }
    // Downloads and the clipboard, which Safari and Firefox allow only inside the gesture.
    for (const ui::PlaylistAction action : ui::kGestureActions) {
      const char* target = ui::gesture_target(action);
      if (!hit(target)) continue;
      run_playlist_action(action);
      handled_in_gesture_ = {target, frame_count_};
      return false;
    }
  }
  if (capturing_) return false;
  if (options_.kiosk) return !take_home_.visible;
  if (css_x < 0 || css_y < 0) return start_focused_;
  return hit("start");
}

// Whether the control's click in this frame was already carried out in the page's event handler.
bool App::handled_in_gesture(const std::string& control) {
  // The ImGui click follows its gesture within a few frames. Counted in frames, not milliseconds: a page
  // whose frames pause or crawl (the Listen link's new tab in front of it, a loaded machine) still
  // recognises the click when its frames resume, instead of acting on it a second time outside the gesture.
  constexpr long kWindowFrames = 30;
  const bool handled = handled_in_gesture_.first == control && frame_count_ - handled_in_gesture_.second <= kWindowFrames;
  if (handled) handled_in_gesture_ = {};
  return handled;
}

ui::CalibrationView App::calibration_view(double now_ms) const {
  const auto& session = music_.session();
  const auto& recording = session.calibration_recording();
  const auto& calibration = session.calibration();
  ui::CalibrationView view;
  view.capturing = capturing_;
  view.recording = recording.recording();
  view.remaining_s = recording.remaining_s(now_ms / 1000.0);
  view.progress = recording.progress(now_ms / 1000.0);
  view.face = calibration.calibrated(Modality::Face);
  view.voice = calibration.calibrated(Modality::Voice);
  view.face_missed = session.calibrations() > 0 && !view.recording &&
                     recording.readings(Modality::Face) < calibration.config().min_readings_face;
  return view;
}

// Why a modality has no reading yet as far as its model and its device go; empty when both are ready.
std::string App::input_unavailable_reason(const char* model_id, const char* model_noun, const platform::DeviceStatus& device,
                                          const char* device_noun) const {
  const auto model = runner_.status(model_id);
  if (model.state == infer::ModelState::Failed) return std::string(model_noun) + " unavailable";
  if (model.state != infer::ModelState::Ready) return std::string("waiting for the ") + model_noun;
  if (!capturing_) return "not started";
  switch (device.state) {
    case platform::DeviceState::Live: return "";
    case platform::DeviceState::Asking: return std::string("waiting for ") + device_noun + " permission";
    case platform::DeviceState::Starting: return std::string("starting the ") + device_noun;
    case platform::DeviceState::Blocked: return "tap anywhere to let Attune listen";
    case platform::DeviceState::Off: return std::string(device_noun) + " off";
    default: return std::string("no ") + device_noun;
  }
}

std::string App::face_unavailable_reason() const {
  const std::string why = input_unavailable_reason(kFaceEmotion.id, "expression model", media_.camera(), "camera");
  if (!why.empty()) return why;
  return face_.face().state == vision::FaceState::kNoFace ? "no face" : "reading...";
}

std::string App::voice_unavailable_reason() const {
  const std::string why = input_unavailable_reason(kVoiceEmotion.id, "voice model", media_.microphone(), "microphone");
  if (!why.empty()) return why;
  switch (voice_.state()) {
    case VoiceState::Waiting: return "listening...";
    case VoiceState::NoSpeech: return "no speech";
    case VoiceState::Speech: return "reading...";
  }
  return "";
}

void App::publish_state(double now_ms) {
  if (now_ms - last_publish_ms_ < kPublishIntervalMs) return;
  last_publish_ms_ = now_ms;
  foreign_requests_ = platform::foreign_request_count();
  reduced_motion_ = platform::prefers_reduced_motion();  // follows a change of the system setting
  publish_accessible(now_ms);
  platform::publish_state(state_json(now_ms));
}

}  // namespace attune::app
