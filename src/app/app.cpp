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
#include "ui/calibration_panel.h"
#include "ui/emotion_bars.h"
#include "ui/face_overlay.h"
#include "ui/hit_targets.h"
#include "ui/labels.h"
#include "ui/privacy_panel.h"
#include "ui/status_panel.h"
#include "ui/strategy_selector.h"
#include "ui/theme.h"
#include "ui/track_list.h"
#include "ui/va_plot.h"

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

App::App() : options_(read_launch_options()), face_(runner_), voice_(runner_) {
  g_app = this;
  ui::set_label_language(options_.language);
  if (options_.kiosk) {
    kiosk_scale_ = 1.4f;
    music_.set_persistent(false);
    platform::enable_kiosk_fullscreen();
  }
  media_.set_audio_sink([this](const float* samples, int count, float rate) { voice_.push(samples, count, rate); });
  platform::install_debug_hooks(&on_debug_reading);
  platform::set_page_language(options_.language);
  platform::install_accessible_region(&route_accessible_action);
  reduced_motion_ = platform::prefers_reduced_motion();
  // Models and the catalog download while the visitor reads the start screen.
  for (const auto& model : kAllModels) runner_.load(model.id, model.url);
  music_.start(options_.catalog_url);
  if (options_.strategy) music_.session().set_strategy(*options_.strategy);  // for this visit only
}

float App::ui_scale() const { return kiosk_scale_ * screen_scale_ * music_.text_size(); }

void App::inject_reading(Modality modality, const EmotionProbs& probs) {
  music_.session().observe(modality, probs, emscripten_get_now() / 1000.0);
}

void App::start_capture() {
  capturing_ = true;
  last_face_seen_ms_ = emscripten_get_now();
  media_.start(true, true, FaceStage::kFrameWidth, FaceStage::kFrameHeight);
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
// the next visitor (mood, feedback, camera and microphone off) and the app waits for a tap again.
void App::follow_kiosk(double now_ms) {
  if (!options_.kiosk) return;
  if (!capturing_ && !paused_for_hidden_page_ && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) start_capture();
  if (!capturing_) return;
  // Idle time counts only while the camera is live: waiting for permission is not being away.
  if (face_.face().state != vision::FaceState::kNoFace || media_.camera().state != platform::DeviceState::Live)
    last_face_seen_ms_ = now_ms;
  if (now_ms - last_face_seen_ms_ > options_.idle_reset_s * 1000.0) reset_for_next_visitor();
}

void App::reset_for_next_visitor() {
  stop_capture();
  face_.reset();
  music_.reset_for_next_visitor();
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
  music_.tick(now_ms / 1000.0);

  const float em = ImGui::GetFontSize();  // sizes below are in multiples of the text height
  ui::begin_hit_targets();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(display_width, display_height));
  ImGui::Begin("Attune", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  draw_header(em);

  const float content = ImGui::GetContentRegionAvail().x;
  const float senses_width = std::clamp(content * 0.30f, 16 * em, 34 * em);
  const float mood_width = std::clamp(content * 0.34f, 16 * em, 36 * em);
  draw_senses_column(senses_width, em);
  ImGui::SameLine();
  draw_mood_column(mood_width, now_ms, em);
  ImGui::SameLine();
  draw_music_column(em);
  ImGui::End();

  publish_state(now_ms);
}

void App::draw_header(float em) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Attune");
  ImGui::SameLine();
  ImGui::TextDisabled("music for your mood, computed on this device only");
  ImGui::SameLine(ImGui::GetWindowWidth() - 20.5f * em);
  draw_text_size_control(em);
  ImGui::SameLine(ImGui::GetWindowWidth() - 9.5f * em);
  if (ImGui::Button(capturing_ ? "Stop" : "Start", ImVec2(8 * em, 0))) {
    if (capturing_) stop_capture(); else start_capture();
  }
  ui::record_hit_target("start");
  ImGui::Separator();
}

// "Text  A-  125%  A+": the person's own size on top of the automatic one, remembered with the settings.
void App::draw_text_size_control(float em) {
  const float size = music_.text_size();
  ImGui::TextDisabled("Text");
  ImGui::SameLine();
  ImGui::BeginDisabled(size <= Music::kMinTextSize);
  if (ImGui::Button("A-", ImVec2(2.4f * em, 0))) music_.set_text_size(size - Music::kTextSizeStep);
  ImGui::EndDisabled();
  ui::record_hit_target("text_smaller");
  ImGui::SameLine();
  ImGui::Text("%3.0f%%", size * 100);
  ImGui::SameLine();
  ImGui::BeginDisabled(size >= Music::kMaxTextSize);
  if (ImGui::Button("A+", ImVec2(2.4f * em, 0))) music_.set_text_size(size + Music::kTextSizeStep);
  ImGui::EndDisabled();
  ui::record_hit_target("text_larger");
}

void App::draw_senses_column(float width, float em) {
  ImGui::BeginChild("senses", ImVec2(width, 0), false);
  const float preview_width = ImGui::GetContentRegionAvail().x;
  std::string placeholder = options_.kiosk ? "Tap anywhere to start.\nNothing leaves this device."
                                           : "Press Start to use your camera and microphone.\nNothing leaves this device.";
  if (capturing_) {
    const auto& camera = media_.camera();
    placeholder = camera.state == platform::DeviceState::Live || camera.state == platform::DeviceState::Asking
                      ? "Waiting for the camera..."
                      : "No camera (" + camera.message + ").\nYour voice still sets the mood.";
  }
  const auto placement = preview_.draw(preview_width, placeholder.c_str());
  const auto& reading = face_.reading();
  const std::string face_label = reading ? ui::emotion_label(argmax(reading->probs)) : std::string();
  if (capturing_) ui::draw_face_overlay(placement, face_.face(), face_label);
  ImGui::Spacing();
  ui::draw_emotion_bars("Face", reading ? reading->probs : EmotionProbs{}, reading.has_value(), face_unavailable_reason().c_str());
  ImGui::Spacing();
  const auto& heard = voice_.reading();
  ui::draw_emotion_bars("Voice", heard ? heard->probs : EmotionProbs{}, heard.has_value(), voice_unavailable_reason().c_str());
  if (capturing_ && voice_.clipping()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ui::error_colour(), "The microphone is too loud (the sound clips): the voice reading may be off.");
    ImGui::PopTextWrapPos();
  }
  ImGui::Spacing();
  ImGui::TextDisabled("Models");
  std::vector<ui::ModelRow> rows;
  for (const auto& model : kAllModels) rows.push_back({model.purpose, runner_.status(model.id)});
  ui::draw_model_status(rows);
  ImGui::TextDisabled("Devices");
  ui::draw_device_status("Camera", media_.camera(), "Voice-only mode: your voice still sets the mood.");
  ui::draw_device_status("Microphone", media_.microphone(), "Face-only mode: your expression still sets the mood.");
  if (paused_for_hidden_page_) ImGui::TextDisabled("Paused while the tab is in the background.");
  if (!face_.detector().last_error.empty()) ImGui::TextColored(ui::error_colour(), "Face detector: %s", face_.detector().last_error.c_str());
  (void)em;
  ImGui::EndChild();
}

void App::draw_mood_column(float width, double now_ms, float em) {
  ImGui::BeginChild("mood", ImVec2(width, 0), false);
  const auto& session = music_.session();
  const auto& mood = session.mood();
  if (mood.available) {
    ImGui::Text("Your mood: %s", describe_va(mood.estimate.mean).c_str());
    ImGui::TextDisabled("%s", mood.status().c_str());
  } else {
    ImGui::TextUnformatted("Your mood");
    ImGui::TextDisabled("%s", capturing_ ? "waiting for a face or a voice..." : "press Start to begin");
  }
  ui::VaPlotView view;
  view.catalog = &session.catalog();
  view.recommendations = &session.recommendations();
  view.trail = &session.trail();
  view.mood = &mood;
  if (session.calibration().any()) view.uncorrected = &session.mood_uncorrected();
  view.now_s = now_ms / 1000.0;
  view.reduced_motion = reduced_motion_;
  if (ui::draw_calibration_panel(calibration_view(now_ms))) music_.calibrate(now_ms / 1000.0);
  // Square, leaving room under it for the fused bars (title, detail and seven rows).
  const ImVec2 room = ImGui::GetContentRegionAvail();
  ui::draw_va_plot(view, std::max(8 * em, std::min(room.x, room.y - 11 * em)));
  ImGui::Spacing();
  char mix[64] = "";
  if (mood.face.present && mood.voice.present)
    std::snprintf(mix, sizeof mix, "mixed: face %.0f%%, voice %.0f%%", mood.face.weight * 100,
                  mood.voice.weight * 100);
  ui::draw_emotion_bars("Together", mood.probs, mood.available && mood.has_probs,
                        capturing_ ? "waiting for a face or a voice" : "not started", mix);
  ImGui::EndChild();
}

void App::draw_music_column(float em) {
  ImGui::BeginChild("music", ImVec2(0, 0), false);
  Strategy strategy = music_.session().strategy();
  if (ui::draw_strategy_selector(strategy)) music_.set_strategy(strategy);
  ImGui::Separator();

  const auto& session = music_.session();
  const auto& status = music_.catalog_status();
  if (session.recommendations().empty()) {
    ImGui::TextDisabled("%s", !status.loaded ? (status.loading ? "Loading the music catalog..." : "No music catalog loaded.")
                                             : "Recommendations appear once Attune has read your mood.");
  } else {
    ImGui::BeginChild("tracks", ImVec2(0, -9 * em), false);
    if (const auto action = ui::draw_track_list(session.catalog(), session.recommendations(), session.feedback())) {
      if (action->kind == ui::TrackListAction::Kind::Listen) music_.listen(action->track);
      else music_.vote(action->track, action->vote);
    }
    ImGui::EndChild();
  }

  ImGui::Separator();
  if (status.loaded) ImGui::TextDisabled("Catalog: %s (%zu tracks)", status.name.c_str(), status.tracks);
  ImGui::SameLine();
  if (ImGui::SmallButton("Load your own...")) music_.pick_catalog_file();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A JSON catalog (see catalog/schema.json); you can also drop the file on the page");
  if (!status.error.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ui::error_colour(), "Could not use that catalog; the current one stays.\n%s", status.error.c_str());
    ImGui::PopTextWrapPos();
  }
  const bool privacy_open = ImGui::CollapsingHeader("Privacy");
  ui::record_hit_target("privacy");
  if (privacy_open) {
    if (ui::draw_privacy_panel({foreign_requests_, music_.stored_items()})) music_.forget_everything();
    ui::record_hit_target("forget");
  }
  ImGui::EndChild();
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
