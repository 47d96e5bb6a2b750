#include "app/app.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/models.h"
#include "imgui.h"
#include "platform/web/page.h"
#include "ui/emotion_bars.h"
#include "ui/face_overlay.h"
#include "ui/status_panel.h"
#include "ui/theme.h"

namespace attune::app {

namespace {
constexpr double kPublishIntervalMs = 200;  // window.attuneState refresh: 5 per second is plenty

const char* model_state_name(infer::ModelState state) {
  switch (state) {
    case infer::ModelState::NotLoaded: return "not_loaded";
    case infer::ModelState::Loading: return "loading";
    case infer::ModelState::Ready: return "ready";
    case infer::ModelState::Failed: return "failed";
  }
  return "unknown";
}
}  // namespace

App::App() : face_(runner_) {
  // Models download while the visitor reads the start screen.
  for (const auto& model : kAllModels) runner_.load(model.id, model.url);
}

void App::start_capture() {
  capturing_ = true;
  media_.start(true, true, FaceStage::kFrameWidth, FaceStage::kFrameHeight);
}

void App::stop_capture() {
  capturing_ = false;
  media_.stop();
}

void App::frame(double now_ms, float display_width, float display_height, float pixel_ratio) {
  ++frame_count_;
  pixel_ratio_ = pixel_ratio;
  const float em = ImGui::GetFontSize();  // sizes below are in multiples of the text height
  runner_.poll();

  // A hidden tab gets no camera or microphone: release them and take them back on return.
  const bool hidden = platform::page_hidden();
  if (hidden && capturing_) {
    stop_capture();
    paused_for_hidden_page_ = true;
  } else if (!hidden && paused_for_hidden_page_) {
    paused_for_hidden_page_ = false;
    start_capture();
  }

  if (capturing_) {
    const int before = face_.frames_grabbed();
    face_.tick(media_, now_ms);
    if (face_.frames_grabbed() != before)
      preview_.update(face_.frame().data(), FaceStage::kFrameWidth, FaceStage::kFrameHeight);
  }

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(display_width, display_height));
  ImGui::Begin("Attune", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);

  ImGui::Text("Attune");
  ImGui::SameLine();
  ImGui::TextDisabled("music for your mood, computed on this device only");
  ImGui::SameLine(ImGui::GetWindowWidth() - 9.5f * em);
  if (ImGui::Button(capturing_ ? "Stop" : "Start", ImVec2(8 * em, 0))) {
    if (capturing_) stop_capture(); else start_capture();
  }
  const ImVec2 button_min = ImGui::GetItemRectMin();
  const ImVec2 button_max = ImGui::GetItemRectMax();
  // Published in CSS pixels, the page's coordinates.
  start_button_ = {button_min.x / pixel_ratio_, button_min.y / pixel_ratio_, (button_max.x - button_min.x) / pixel_ratio_,
                   (button_max.y - button_min.y) / pixel_ratio_};
  ImGui::Separator();

  const float preview_width = std::max(12 * em, std::min(40 * em, display_width * 0.5f));
  ImGui::BeginChild("camera", ImVec2(preview_width + em, 0));
  const auto placement = preview_.draw(
      preview_width, capturing_ ? "Waiting for the camera..." : "Press Start to use your camera and microphone.\nNothing leaves this device.");
  const auto& reading = face_.reading();
  const std::string face_label = reading ? std::string(emotion_name(argmax(reading->probs))) : std::string();
  if (capturing_) ui::draw_face_overlay(placement, face_.face(), face_label);
  if (capturing_ && media_.camera().state == platform::DeviceState::Live && face_.detector().runs_completed > 0 &&
      face_.face().state == vision::FaceState::kNoFace)
    ImGui::TextDisabled("No face in view: look at the camera.");
  ImGui::Spacing();
  ui::draw_emotion_bars("Face", reading ? reading->probs : EmotionProbs{}, reading.has_value(),
                        face_label_unavailable_reason().c_str());
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("status");
  ImGui::TextDisabled("Models");
  std::vector<ui::ModelRow> rows;
  for (const auto& model : kAllModels) rows.push_back({model.purpose, runner_.status(model.id)});
  ui::draw_model_status(rows);
  ImGui::Spacing();
  ImGui::TextDisabled("Devices");
  ui::draw_device_status("Camera", media_.camera(), "Voice-only mode: your voice still sets the mood.");
  ui::draw_device_status("Microphone", media_.microphone(), "Face-only mode: your expression still sets the mood.");
  if (paused_for_hidden_page_) ImGui::TextDisabled("Paused while the tab is in the background.");
  const auto& detector = face_.detector();
  if (detector.runs_completed > 0)
    ImGui::TextDisabled("Face detector: %d runs, last %.1f ms", detector.runs_completed, detector.last_duration_ms);
  if (!detector.last_error.empty()) ImGui::TextColored(ui::error_colour(), "Face detector: %s", detector.last_error.c_str());
  ImGui::EndChild();
  ImGui::End();

  publish_state(now_ms);
}

std::string App::face_label_unavailable_reason() const {
  const auto model = runner_.status(kFaceEmotion.id);
  if (model.state == infer::ModelState::Failed) return "expression model unavailable";
  if (model.state != infer::ModelState::Ready) return "loading the expression model...";
  if (!capturing_) return "not started";
  switch (media_.camera().state) {
    case platform::DeviceState::Live: break;
    case platform::DeviceState::Asking: return "waiting for camera permission";
    case platform::DeviceState::Off: return "camera off";
    default: return "no camera";
  }
  return face_.face().state == vision::FaceState::kNoFace ? "no face" : "reading...";
}

void App::publish_state(double now_ms) {
  if (now_ms - last_publish_ms_ < kPublishIntervalMs) return;
  last_publish_ms_ = now_ms;
  platform::publish_state(state_json(now_ms));
}

std::string App::state_json(double now_ms) const {
  using nlohmann::json;
  json models = json::object();
  for (const auto& model : kAllModels) {
    const auto s = runner_.status(model.id);
    models[model.id] = {{"state", model_state_name(s.state)}, {"error", s.error},
                        {"bytes_loaded", s.bytes_loaded}, {"bytes_total", s.bytes_total}};
  }
  json outputs = json::array();
  for (const auto& [name, dims] : face_.detector().output_shapes) outputs.push_back({{"name", name}, {"dims", dims}});
  const auto& tracked = face_.face();
  json face = {{"state", tracked.state == vision::FaceState::kNoFace     ? "no_face"
                         : tracked.state == vision::FaceState::kTracking ? "tracking"
                                                                          : "holding"},
               {"detections", tracked.detections},
               {"classifications", face_.classifications()},
               {"error", face_.classifier_error()}};
  if (tracked.state != vision::FaceState::kNoFace) {
    const auto& b = tracked.face.box;
    face["box"] = {b.x, b.y, b.width, b.height};
  }
  if (const auto& reading = face_.reading()) {
    face["label"] = emotion_name(argmax(reading->probs));
    json probs = json::object();
    for (std::size_t i = 0; i < kEmotionCount; ++i) probs[std::string(kEmotionNames[i])] = reading->probs[i];
    face["probs"] = probs;
  } else {
    face["label"] = nullptr;
  }
  auto device = [](const platform::DeviceStatus& d) {
    return json{{"state", platform::device_state_name(d.state)}, {"message", d.message}};
  };
  json microphone = device(media_.microphone());
  microphone["samples"] = media_.audio_samples_received();
  microphone["sample_rate"] = media_.audio_sample_rate();
  const json state = {
      {"time_ms", now_ms},
      {"frame", frame_count_},
      {"capturing", capturing_},
      {"paused_hidden", paused_for_hidden_page_},
      {"camera", device(media_.camera())},
      {"microphone", microphone},
      {"frames_grabbed", face_.frames_grabbed()},
      {"face", face},
      {"models", models},
      {"detector",
       {{"runs", face_.detector().runs_completed}, {"error", face_.detector().last_error},
        {"last_ms", face_.detector().last_duration_ms}, {"outputs", outputs}}},
      {"ui", {{"start_button", {{"x", start_button_.x}, {"y", start_button_.y}, {"w", start_button_.w}, {"h", start_button_.h}}}}},
  };
  return state.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace attune::app
