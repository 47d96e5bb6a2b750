// App::state_json: the app's state as JSON for window.attuneState (tests, host pages). Kept apart
// from app.cpp because it only describes; it changes nothing.
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/models.h"
#include "core/emotion.h"
#include "platform/web/page.h"
#include "ui/hit_targets.h"
#include "ui/theme.h"

namespace attune::app {

namespace {

using nlohmann::json;

const char* model_state_name(infer::ModelState state) {
  switch (state) {
    case infer::ModelState::NotLoaded: return "not_loaded";
    case infer::ModelState::Loading: return "loading";
    case infer::ModelState::Ready: return "ready";
    case infer::ModelState::Failed: return "failed";
  }
  return "unknown";
}

const char* face_state_name(vision::FaceState state) {
  switch (state) {
    case vision::FaceState::kNoFace: return "no_face";
    case vision::FaceState::kTracking: return "tracking";
    case vision::FaceState::kHolding: return "holding";
  }
  return "unknown";
}

json probs_json(const EmotionProbs& probs) {
  json out = json::object();
  for (std::size_t i = 0; i < kEmotionCount; ++i) out[std::string(kEmotionNames[i])] = probs[i];
  return out;
}

json device_json(const platform::DeviceStatus& d) {
  return json{{"state", platform::device_state_name(d.state)}, {"message", d.message}};
}

json va_json(VA p) { return json{{"valence", p.valence}, {"arousal", p.arousal}}; }

// Calibration status: recording (with progress), which baselines are in use and their offsets.
json calibration_json(const MoodSession& session, double now_s) {
  const auto& recording = session.calibration_recording();
  const auto& c = session.calibration();
  json out = {{"recording", recording.recording()}, {"progress", recording.progress(now_s)},
              {"remaining_s", recording.remaining_s(now_s)}, {"active", c.any()},
              {"finished", session.calibrations()}};
  for (Modality m : {Modality::Face, Modality::Voice}) {
    json one = {{"calibrated", c.calibrated(m)}, {"recorded_readings", recording.readings(m)},
                {"neutral_va", va_json(estimate_va(neutral_reference(m))->mean)}};
    if (const auto& b = c.baseline(m)) {
      one["baseline"] = probs_json(b->mean);
      one["offsets"] = probs_json(c.offsets(m));
    }
    out[m == Modality::Face ? "face" : "voice"] = one;
  }
  return out;
}

}  // namespace

std::string App::state_json(double now_ms) const {
  json models = json::object();
  for (const auto& model : kAllModels) {
    const auto s = runner_.status(model.id);
    models[model.id] = {{"state", model_state_name(s.state)}, {"error", s.error},
                        {"bytes_loaded", s.bytes_loaded}, {"bytes_total", s.bytes_total}};
  }

  json outputs = json::array();
  for (const auto& [name, dims] : face_.detector().output_shapes) outputs.push_back({{"name", name}, {"dims", dims}});
  const auto& tracked = face_.face();
  json face = {{"state", face_state_name(tracked.state)},
               {"detections", tracked.detections},
               {"exposure_gamma", tracked.exposure_gamma},
               {"dim_small_face", face_.dim_small_face()},
               {"classifications", face_.classifications()},
               {"error", face_.classifier_error()},
               {"label", nullptr}};
  if (tracked.state != vision::FaceState::kNoFace) {
    const auto& b = tracked.face.box;
    face["box"] = {b.x, b.y, b.width, b.height};
  }
  // Counted over the page's life: the shown label's changes and the single crops' argmax changes.
  face["label_changes"] = {{"shown", face_.smoother().label_changes()},
                           {"single_crops", face_.smoother().raw_label_changes()}};
  if (const auto& reading = face_.reading()) {
    face["label"] = emotion_name(reading->label);
    face["label_since_ms"] = face_.smoother().label_since_s() * 1000.0;
    face["probs"] = probs_json(reading->probs);
    if (music_.session().calibration().calibrated(Modality::Face))
      face["probs_corrected"] = probs_json(music_.session().calibration().correct(Modality::Face, reading->probs));
  }

  json voice = {{"state", voice_.state() == VoiceState::Waiting    ? "waiting"
                         : voice_.state() == VoiceState::NoSpeech ? "no_speech"
                                                                  : "speech"},
                {"analyses", voice_.analyses()}, {"features_ms", voice_.last_features_ms()},
                {"inference_ms", voice_.last_inference_ms()}, {"error", voice_.error()}, {"clipping", voice_.clipping()},
                {"noisy", voice_.noisy()}, {"speech_to_noise_db", voice_.speech_to_noise_db()},
                {"label", nullptr}};
  if (const auto& reading = voice_.reading()) {
    voice["label"] = emotion_name(argmax(reading->probs));
    voice["probs"] = probs_json(reading->probs);
    if (music_.session().calibration().calibrated(Modality::Voice))
      voice["probs_corrected"] = probs_json(music_.session().calibration().correct(Modality::Voice, reading->probs));
  }

  json microphone = device_json(media_.microphone());
  microphone["samples"] = media_.audio_samples_received();
  microphone["sample_rate"] = media_.audio_sample_rate();

  const auto& session = music_.session();
  const auto& mood = session.mood();
  json mood_json = {{"available", mood.available}, {"status", mood.status()}, {"modalities", mood.modalities_used()},
                    {"disagree", mood.disagree}};
  if (mood.available) {
    mood_json["va"] = va_json(mood.estimate.mean);
    mood_json["spread"] = mood.estimate.spread();
    mood_json["words"] = describe_va(mood.estimate.mean);
    mood_json["face_weight"] = mood.face.weight;
    mood_json["voice_weight"] = mood.voice.weight;
    mood_json["label"] = nullptr;
    if (mood.has_probs) {
      mood_json["label"] = emotion_name(argmax(mood.probs));
      mood_json["probs"] = probs_json(mood.probs);
      mood_json["confidence"] = mood.confidence;
    }
  }
  if (const auto& raw = session.mood_uncorrected(); raw.available) mood_json["va_uncorrected"] = va_json(raw.estimate.mean);
  json recommendations = json::array();
  for (const auto& r : session.recommendations()) {
    const Track& t = session.catalog().tracks[r.track];
    recommendations.push_back({{"id", t.id}, {"artist", t.artist}, {"title", t.title}, {"genre", t.genre},
                               {"va", va_json(t.va)}, {"explanation", r.explanation}, {"url", music_.listen_url(r.track)},
                               {"vote", static_cast<int>(session.feedback().vote_for(t.id))}});
  }
  // The session's playlist as its exports hold it, and the QR code on screen.
  const PlaylistDocument doc = playlist_document(false);
  json playlist_tracks = json::array();
  const auto& entries = music_.playlist().entries();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    playlist_tracks.push_back({{"id", e.track.id}, {"artist", e.track.artist}, {"title", e.track.title},
                               {"link", doc.items[i].link}, {"opened", e.opened}, {"liked", e.liked},
                               {"mood", doc.items[i].mood}});
  }
  const json playlist = {{"title", doc.title}, {"tracks", playlist_tracks}, {"kept", music_.playlist_kept()},
                         {"keepable", music_.playlist_keepable()}, {"showing", playlist_shows_iso_ && iso_path_available() ? "iso" : "session"},
                         {"text", qr_text(doc)}, {"copy", static_cast<int>(platform::copy_result())}};
  const json take_home = {{"visible", take_home_.visible}, {"end_of_visit", take_home_.end_of_visit},
                          {"text", take_home_.text}, {"modules", take_home_.qr.size}};

  const auto& catalog = music_.catalog_status();
  json targets = json::object();  // CSS pixels, the page's coordinates
  for (const auto& [name, r] : ui::hit_targets())
    targets[name] = {{"x", r.x / pixel_ratio_}, {"y", r.y / pixel_ratio_}, {"w", r.w / pixel_ratio_}, {"h", r.h / pixel_ratio_},
                     {"visible", r.visible}};
  json overflow = json::object();  // CSS pixels of content cut off at a window's right edge
  for (const auto& [window, px] : ui::overflows()) overflow[window] = px / pixel_ratio_;

  const char* note = list_changed_note(now_ms);  // on a press the list guard turned away
  const json state = {
      {"time_ms", now_ms},
      {"frame", frame_count_},
      {"frame_cost_ms", {{"median", frame_costs_.median()}, {"p90", frame_costs_.p90()}, {"frames", frame_costs_.count()}}},
      {"capturing", capturing_},
      {"paused_hidden", paused_for_hidden_page_},
      {"camera", device_json(media_.camera())},
      {"microphone", microphone},
      {"frames_grabbed", face_.frames_grabbed()},
      {"models", models},
      {"detector",
       {{"runs", face_.detector().runs_completed}, {"error", face_.detector().last_error},
        {"last_ms", face_.detector().last_duration_ms}, {"outputs", outputs}}},
      {"face", face},
      {"voice", voice},
      {"mood", mood_json},
      {"calibration", calibration_json(session, now_ms / 1000.0)},
      {"strategy", std::string(strategy_name(session.strategy()))},
      {"recommendations", recommendations},
      {"listen_service", std::string(listen_service_id(music_.listen_service()))},
      {"playlist", playlist},
      {"take_home", take_home},
      {"rankings", session.rankings()},
      {"list_guard", {{"changed_ms", list_guard_.changed_at_ms()}, {"press_ms", list_guard_.press_ms()}, {"ignored", list_guard_.ignored()},
                      {"turned_away_ms", list_guard_.turned_away_at_ms()}, {"note", note ? json(note) : json()}}},
      {"feedback_count", session.feedback().size()},
      {"catalog", {{"loaded", catalog.loaded}, {"name", catalog.name}, {"tracks", catalog.tracks},
                   {"source", catalog.source}, {"error", catalog.error}}},
      {"kiosk", {{"enabled", options_.kiosk}, {"idle_reset_s", options_.idle_reset_s}, {"resets", kiosk_resets_},
                 {"wake_lock", options_.kiosk ? platform::kiosk_wake_lock() : 0}}},
      {"language", options_.language},
      {"launch_problems", options_.problems},
      {"text_size", music_.text_size()},
      {"ui_scale", ui_scale()},
      {"reduced_motion", reduced_motion_},
      {"privacy", {{"foreign_requests", foreign_requests_}, {"storage_available", music_.storage_available()}}},
      {"ui", targets},
      {"layout", {{"mode", layout_ == Layout::Wide ? "wide" : layout_ == Layout::Medium ? "medium" : "narrow"},
                  {"touch", ui::touch_ui()}, {"overflow", overflow}}},
  };
  return state.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace attune::app
