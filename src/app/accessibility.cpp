// The app's side of the page's accessible region (platform/web/a11y.h): what a screen reader is told
// and which HTML controls exist. Called a few times a second (with window.attuneState), never per
// frame; the platform side sends only what changed.
#include <emscripten.h>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/models.h"
#include "core/emotion.h"
#include "platform/web/a11y.h"
#include "ui/strategy_selector.h"

namespace attune::app {

namespace {
// A status text must stay the same this long before it is read out, so that a mood on the edge
// between two words, or a face that comes and goes, is not announced again and again.
constexpr double kSettleMs = 1000;

// What a finished calibration did, in words (the canvas shows it in the calibration panel).
std::string calibration_outcome(const ui::CalibrationView& view) {
  if (view.face_missed)
    return "Calibration finished, but too few faces were seen: the face keeps its earlier setting. "
           "Try again facing the camera.";
  const char* which = view.face && view.voice ? "face and voice are" : view.face ? "face is" : "voice is";
  return std::string("Calibration done: your ") + which + " now read against your own neutral baseline.";
}
}  // namespace

// The page's buttons, in order. A new one (e.g. calibrate) is one more entry here.
std::vector<AccessibleAction> App::accessible_actions() {
  std::vector<AccessibleAction> actions = {
      {"start", capturing_ ? "Stop" : "Start", [this] { capturing_ ? stop_pressed(emscripten_get_now()) : start_capture(); }},
  };
  if (capturing_)  // like the canvas's Calibrate button, which is disabled until Start
    actions.push_back({"calibrate", "Calibrate: 10 seconds of a relaxed, neutral face", [this] {
                         music_.calibrate(emscripten_get_now() / 1000.0);
                         accessible_note_ = "Calibrating: keep a relaxed, neutral face for 10 seconds.";
                       }});
  actions.push_back({"forget", "Forget everything stored", [this] {
                       music_.forget_everything();
                       accessible_note_ = "Forgot your likes, dislikes, settings, calibration and playlist stored in this browser.";
                     }});
  // After Forget (which removes them with the playlist, so the focus never sits on a vanishing button): the
  // playlist's exports. The page's buttons run them inside the key press or click, as downloads and the
  // clipboard need.
  if (!music_.playlist().empty()) {
    using ui::PlaylistAction;
    const std::string count = std::to_string(music_.playlist().entries().size());
    const auto add_export = [&](PlaylistAction action, std::string label, const char* note) {
      actions.push_back({ui::gesture_target(action), std::move(label), [this, action, note] {
                           playlist_shows_iso_ = false;
                           run_playlist_action(action);
                           accessible_note_ = note;
                         }});
    };
    add_export(PlaylistAction::SaveM3u8, "Save the playlist (" + count + " tracks) as M3U8", "The playlist was saved as an M3U8 file.");
    add_export(PlaylistAction::SaveJspf, "Save the playlist as JSPF", "The playlist was saved as a JSPF file.");
    add_export(PlaylistAction::SaveCsv, "Save the playlist as CSV", "The playlist was saved as a CSV file.");
    add_export(PlaylistAction::CopyText, "Copy the playlist as text", "The playlist was copied as text.");
  }
  return actions;
}

void App::on_accessible_action(const std::string& action, const std::string& value) {
  accessible_note_.clear();
  for (auto& a : accessible_actions())
    if (a.id == action) return a.run();
  if (action == "strategy") {
    for (int i = 0; i < 4; ++i)
      if (strategy_name(static_cast<Strategy>(i)) == value) music_.set_strategy(static_cast<Strategy>(i));
    return;
  }
  if (action == "listen_service") {
    if (const auto service = listen_service_from_id(value)) music_.set_listen_service(*service);
    return;
  }
  // Track actions name the track by its catalog id, among the ones listed now.
  const auto& session = music_.session();
  for (const auto& r : session.recommendations()) {
    const Track& t = session.catalog().tracks[r.track];
    if (t.id != value) continue;
    if (action == "listened") {
      music_.listened(r.track);  // the page's own link opened it
    } else if (action == "like" || action == "dislike") {
      const Vote vote = action == "like" ? Vote::Up : Vote::Down;
      music_.vote(r.track, session.feedback().vote_for(t.id) == vote ? Vote::None : vote);  // again: undo
    }
    return;
  }
}

// Sentences a person would want to hear: the mood in words, and what stands in the way.
std::string App::accessible_status() const {
  std::string text;
  const auto say = [&text](const std::string& sentence) { text += (text.empty() ? "" : " ") + sentence; };
  const auto& mood = music_.session().mood();
  if (mood.available) say("Your mood: " + describe_va(mood.estimate.mean) + " (" + mood.status() + ").");
  else if (paused_for_hidden_page_) say("Paused while the tab is in the background.");
  else if (capturing_) say("Waiting for a face or a voice.");
  else say(options_.kiosk ? "Press Start to begin. Nothing leaves this device."
                          : "Press Start to use your camera and microphone. Nothing leaves this device.");
  if (capturing_) {
    const auto& camera = media_.camera();
    const auto& microphone = media_.microphone();
    if (camera.state == platform::DeviceState::Asking) say("Waiting for camera permission.");
    else if (camera.state == platform::DeviceState::Starting) say("Starting the camera.");
    else if (camera.state != platform::DeviceState::Live)
      say("No camera (" + camera.message + "). Your voice still sets the mood.");
    else if (face_unavailable_reason() == "no face") say("No face in view.");
    else if (face_.dim_small_face()) say(FaceStage::kDimSmallFaceNote);
    if (microphone.state == platform::DeviceState::Asking) say("Waiting for microphone permission.");
    else if (microphone.state == platform::DeviceState::Starting) say("Starting the microphone.");
    else if (microphone.state == platform::DeviceState::Blocked) say("The browser holds the sound back: press any key or tap to let Attune listen.");
    else if (microphone.state != platform::DeviceState::Live)
      say("No microphone (" + microphone.message + "). Your expression still sets the mood.");
    else if (voice_.clipping()) say("The microphone is too loud: the voice reading may be off.");
    else if (voice_.noisy()) say("It is noisy here: voice readings are less reliable.");
  }
  for (const auto& model : kAllModels)
    if (runner_.status(model.id).state == infer::ModelState::Failed) say(std::string("The ") + model.purpose + " is unavailable.");
  if (!music_.catalog_status().error.empty()) say("Could not use that catalog; the current one stays.");
  for (const auto& problem : options_.problems) say(problem);
  if (!music_.storage_available()) say("Preferences cannot be kept in this browser; they last until this page closes.");
  if (!accessible_note_.empty()) say(accessible_note_);
  return text;
}

void App::publish_accessible(double now_ms) {
  using nlohmann::json;
  const int calibrations = music_.session().calibrations();
  if (calibrations > calibrations_announced_) accessible_note_ = calibration_outcome(calibration_view(now_ms));
  calibrations_announced_ = calibrations;
  const std::string status = accessible_status();
  if (status != pending_status_) {
    pending_status_ = status;
    pending_since_ms_ = now_ms;
  }
  if (now_ms - pending_since_ms_ >= kSettleMs) platform::set_accessible_status(pending_status_);

  json actions = json::array();
  for (const auto& a : accessible_actions()) actions.push_back({{"id", a.id}, {"label", a.label}});
  json options = json::array();
  for (int i = 0; i < 4; ++i) {
    const auto s = static_cast<Strategy>(i);
    options.push_back({{"value", std::string(strategy_name(s))}, {"label", ui::strategy_label(s)}});
  }
  json services = json::array();
  for (std::size_t i = 0; i < kListenServiceCount; ++i) {
    const auto s = static_cast<ListenService>(i);
    services.push_back({{"value", std::string(listen_service_id(s))}, {"label", std::string(listen_service_name(s))}});
  }
  const auto& session = music_.session();
  const json controls = {{"actions", actions},
                         {"strategy", {{"value", std::string(strategy_name(session.strategy()))}, {"options", options}}},
                         {"service", {{"value", std::string(listen_service_id(music_.listen_service()))}, {"options", services}}}};
  platform::set_accessible_controls(controls.dump(-1, ' ', false, json::error_handler_t::replace));

  json tracks = json::array();
  for (const auto& r : session.recommendations()) {
    const Track& t = session.catalog().tracks[r.track];
    tracks.push_back({{"id", t.id}, {"artist", t.artist}, {"title", t.title}, {"reason", r.explanation}, {"url", music_.listen_url(r.track)},
                      {"vote", static_cast<int>(session.feedback().vote_for(t.id))}});
  }
  platform::set_accessible_tracks(tracks.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace attune::app
