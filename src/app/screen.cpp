// App::draw_screen: the one screen, in the layout that fits the space the app gets (its CSS width in
// text heights, so the person's text size and kiosk scale count, not the kind of device):
//   Wide    (desktop, landscape tablet):  senses | mood | music, three columns side by side
//   Medium  (portrait tablet, landscape phone, mid-size embed):  mood and senses | music
//   Narrow  (phone in portrait from 320 px, small embed):  one column a thumb scrolls: the mood in
//           words and a compact plot, the recommendations with their buttons, then the camera and the
//           details
// The header (title, text size, Start) stays on top in every layout; the columns scroll by themselves.
#include <emscripten.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "app/app.h"
#include "app/models.h"
#include "core/emotion.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/web/page.h"
#include "ui/calibration_panel.h"
#include "ui/emotion_bars.h"
#include "ui/face_overlay.h"
#include "ui/hit_targets.h"
#include "ui/labels.h"
#include "ui/passing_note.h"
#include "ui/privacy_panel.h"
#include "ui/status_panel.h"
#include "ui/strategy_selector.h"
#include "ui/theme.h"
#include "ui/track_list.h"
#include "ui/va_plot.h"

namespace attune::app {

namespace {
constexpr float kWideMinEm = 54.0f;    // ~860 CSS px at the base text size (a 1280 px kiosk at 1.4x: 57)
constexpr float kMediumMinEm = 38.0f;  // ~600 CSS px
constexpr const char* kSubtitle = "music for your mood, computed on this device only";
constexpr double kListChangedNoteMs = 3000;  // how long the note on a turned-away press shows
}  // namespace

App::Layout App::layout_for(float width_em) {
  if (width_em >= kWideMinEm) return Layout::Wide;
  if (width_em >= kMediumMinEm) return Layout::Medium;
  return Layout::Narrow;
}

void App::draw_screen(double now_ms, float display_width, float display_height) {
  const float em = ImGui::GetFontSize();  // sizes below are in multiples of the text height
  // The safe area: nothing under a notch, a rounded corner or the home indicator.
  const auto insets = platform::safe_area_insets();
  const ImVec2 origin(insets.left * pixel_ratio_, insets.top * pixel_ratio_);
  const ImVec2 size(std::max(1.0f, display_width - (insets.left + insets.right) * pixel_ratio_),
                    std::max(1.0f, display_height - (insets.top + insets.bottom) * pixel_ratio_));
  layout_ = layout_for(size.x / em);

  ui::begin_hit_targets();
  ImGui::SetNextWindowPos(origin);
  ImGui::SetNextWindowSize(size);
  ImGui::Begin("Attune", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  draw_header(em);
  draw_launch_problems();

  const float content = ImGui::GetContentRegionAvail().x;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  switch (layout_) {
    case Layout::Wide: {
      const float senses_width = std::clamp(content * 0.30f, 16 * em, 34 * em);
      const float mood_width = std::clamp(content * 0.34f, 16 * em, 36 * em);
      ImGui::BeginChild("senses", ImVec2(senses_width, 0), false);
      draw_senses(ImGui::GetContentRegionAvail().x);
      draw_status_details();
      end_column("senses");
      ImGui::SameLine();
      ImGui::BeginChild("mood", ImVec2(mood_width, 0), false);
      draw_mood_summary(false);  // the senses, with their notes, are in view beside it
      draw_calibration(now_ms);
      // Square, leaving room under it for the fused bars (title, detail and seven rows).
      const ImVec2 room = ImGui::GetContentRegionAvail();
      draw_mood_plot(now_ms, std::max(8 * em, std::min(room.x, room.y - 11 * em)));
      ImGui::Spacing();
      draw_together();
      end_column("mood");
      ImGui::SameLine();
      draw_music_column(em);
      break;
    }
    case Layout::Medium: {
      const float left_width = std::max(16 * em, (content - spacing) * 0.46f);
      ImGui::BeginChild("mood", ImVec2(left_width, 0), false);
      draw_mood_summary(true);
      const float plot_side = std::max(8 * em, std::min(ImGui::GetContentRegionAvail().x, size.y * 0.55f));
      draw_mood_plot(now_ms, plot_side);
      draw_together();
      ImGui::Separator();
      draw_senses(std::min(ImGui::GetContentRegionAvail().x, 22 * em));
      draw_calibration(now_ms);
      draw_status_details();
      end_column("mood");
      ImGui::SameLine();
      draw_music_column(em);
      break;
    }
    case Layout::Narrow: {
      // One column: what the person came for first, the machinery after.
      ImGui::BeginChild("column", ImVec2(0, 0), false);
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s", kSubtitle);
      ImGui::PopTextWrapPos();
      draw_mood_summary(true);
      const float plot_side = std::clamp(std::min(ImGui::GetContentRegionAvail().x, size.y * 0.36f), 8 * em, 22 * em);
      ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (ImGui::GetContentRegionAvail().x - plot_side) * 0.5f);
      draw_mood_plot(now_ms, plot_side);
      ImGui::Separator();
      draw_strategy();
      draw_listen_service();
      draw_tracks();
      draw_playlist();
      draw_senses(std::min(ImGui::GetContentRegionAvail().x, 20 * em));
      draw_together();
      draw_calibration(now_ms);
      draw_status_details();
      draw_catalog_and_privacy();
      end_column("column");
      break;
    }
  }
  ui::record_overflow("Attune");
  ImGui::End();
  draw_list_changed_note(now_ms);
  draw_take_home(display_width, display_height);
}

// Strategy, music service, tracks, playlist, catalog and privacy. The tracks scroll in a list of their
// own when it gets at least ten lines of room above the rest (which then stays in view, as tall as it
// measured in the previous frame, at most 45% of the column: an opened panel scrolls with the column);
// on a short screen (a phone on its side) the whole column scrolls instead.
void App::draw_music_column(float em) {
  ImGui::BeginChild("music", ImVec2(0, 0), false);
  draw_strategy();
  draw_listen_service();
  const float room = ImGui::GetContentRegionAvail().y;
  const float below = std::min(below_tracks_px_ > 0 ? below_tracks_px_ : 9 * em, 0.45f * room);
  if (room - below >= 10 * em) {
    ImGui::BeginChild("tracks", ImVec2(0, -below), false);
    draw_tracks();
    end_column("tracks");
  } else {
    draw_tracks();
  }
  const float top = ImGui::GetCursorPosY();
  draw_playlist();
  draw_catalog_and_privacy();
  below_tracks_px_ = ImGui::GetCursorPosY() - top + ImGui::GetStyle().ItemSpacing.y;
  end_column("music");
}

void App::end_column(const char* name) {
  ui::record_overflow(name);
  ImGui::EndChild();
}

// "Attune  music for your mood...   Text A- 100% A+  [Start]", shortened to what fits: the subtitle
// goes first (the narrow column shows it under the header), then the "Text" word and the percentage.
void App::draw_header(float em) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float spacing = style.ItemSpacing.x;
  const float start_width = std::max(layout_ == Layout::Narrow ? 0.0f : 8 * em,
                                     ImGui::CalcTextSize("Start").x + 2 * style.FramePadding.x + em);
  const float size_button = std::max(2.4f * em, ImGui::GetFrameHeight());
  const float full_size_control = ImGui::CalcTextSize("Text").x + ImGui::CalcTextSize("200%").x + 2 * size_button + 3 * spacing;
  const float compact_size_control = 2 * size_button + spacing;
  const float title = ImGui::CalcTextSize("Attune").x;
  const float subtitle = ImGui::CalcTextSize(kSubtitle).x;
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool room_for_words = title + full_size_control + start_width + 3 * spacing <= avail;
  const bool show_subtitle = layout_ != Layout::Narrow &&
                             title + subtitle + full_size_control + start_width + 4 * spacing <= avail;
  const float right_group = (room_for_words ? full_size_control : compact_size_control) + spacing + start_width;

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Attune");
  if (show_subtitle) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", kSubtitle);
  }
  ImGui::SameLine(std::max(title + spacing, ImGui::GetWindowContentRegionMax().x - right_group));
  draw_text_size_control(size_button, !room_for_words);
  ImGui::SameLine();
  if (ImGui::Button(capturing_ ? "Stop" : "Start", ImVec2(start_width, 0))) {
    if (capturing_) stop_pressed(emscripten_get_now()); else start_capture();
  }
  start_focused_ = ImGui::IsItemFocused();
  ui::record_hit_target("start");
  ImGui::Separator();
}

// "Text  A-  125%  A+": the person's own size on top of the automatic one, remembered with the settings.
void App::draw_text_size_control(float button_width, bool compact) {
  const float size = music_.text_size();
  if (!compact) {
    ImGui::TextDisabled("Text");
    ImGui::SameLine();
  }
  ImGui::BeginDisabled(size <= Music::kMinTextSize);
  if (ImGui::Button("A-", ImVec2(button_width, 0))) music_.set_text_size(size - Music::kTextSizeStep);
  ImGui::EndDisabled();
  ui::record_hit_target("text_smaller");
  ImGui::SameLine();
  if (!compact) {
    ImGui::Text("%3.0f%%", size * 100);
    ImGui::SameLine();
  }
  ImGui::BeginDisabled(size >= Music::kMaxTextSize);
  if (ImGui::Button("A+", ImVec2(button_width, 0))) music_.set_text_size(size + Music::kTextSizeStep);
  ImGui::EndDisabled();
  ui::record_hit_target("text_larger");
}

// The camera with the face box, and what face and voice say.
void App::draw_senses(float preview_width) {
  std::string placeholder = options_.kiosk ? "Tap anywhere to start.\nNothing leaves this device."
                                           : "Press Start to use your camera and microphone.\nNothing leaves this device.";
  if (capturing_) {
    const auto& camera = media_.camera();
    placeholder = camera.state == platform::DeviceState::Asking     ? "Waiting for your permission to use the camera..."
                  : camera.state == platform::DeviceState::Starting || camera.state == platform::DeviceState::Live
                      ? "Starting the camera..."
                      : "No camera (" + camera.message + ").\nYour voice still sets the mood.";
  }
  const auto placement = preview_.draw(preview_width, placeholder.c_str());
  const auto& reading = face_.reading();
  const std::string face_label = reading ? ui::emotion_label(reading->label) : std::string();
  if (capturing_) ui::draw_face_overlay(placement, face_.face(), face_label);
  ImGui::Spacing();
  ui::draw_emotion_bars("Face", reading ? reading->probs : EmotionProbs{}, reading ? std::optional(reading->label) : std::nullopt,
                        face_unavailable_reason().c_str());
  if (face_dim_small_note_applies()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", FaceStage::kDimSmallFaceNote);
    ImGui::PopTextWrapPos();
  }
  ImGui::Spacing();
  const auto& heard = voice_.reading();
  ui::draw_emotion_bars("Voice", heard ? heard->probs : EmotionProbs{}, heard ? std::optional(argmax(heard->probs)) : std::nullopt,
                        voice_unavailable_reason().c_str());
  if (voice_clipping_note_applies()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ui::error_colour(), "The microphone is too loud (the sound clips): the voice reading may be off.");
    ImGui::PopTextWrapPos();
  } else if (voice_noisy_note_applies()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("It is noisy here: voice readings are less reliable.");
    ImGui::PopTextWrapPos();
  }
  ImGui::Spacing();
}

// Page settings that were not understood, at the top of the screen's first column: the defaults are used.
void App::draw_launch_problems() {
  if (options_.problems.empty()) return;
  ImGui::PushTextWrapPos(0.0f);
  for (const auto& problem : options_.problems) ImGui::TextColored(ui::error_colour(), "%s", problem.c_str());
  ImGui::PopTextWrapPos();
}

// Models and devices: what is ready, what is missing and why.
void App::draw_status_details() {
  ImGui::TextDisabled("Models");
  std::vector<ui::ModelRow> rows;
  for (const auto& model : kAllModels) rows.push_back({model.purpose, runner_.status(model.id)});
  ui::draw_model_status(rows);
  ImGui::TextDisabled("Devices");
  ui::draw_device_status("Camera", media_.camera(), "Voice-only mode: your voice still sets the mood.");
  ui::draw_device_status("Microphone", media_.microphone(), "Face-only mode: your expression still sets the mood.");
  ImGui::PushTextWrapPos(0.0f);
  if (paused_for_hidden_page_) ImGui::TextDisabled("Paused while the tab is in the background.");
  if (!face_.detector().last_error.empty()) ImGui::TextColored(ui::error_colour(), "Face detector: %s", face_.detector().last_error.c_str());
  ImGui::PopTextWrapPos();
}

bool App::face_dim_small_note_applies() const {
  return capturing_ && face_.dim_small_face() && media_.camera().state == platform::DeviceState::Live;
}

bool App::voice_clipping_note_applies() const { return capturing_ && voice_.clipping(); }

bool App::voice_noisy_note_applies() const {
  return capturing_ && !voice_.clipping() && voice_.noisy() && media_.microphone().state == platform::DeviceState::Live;
}

// with_caveats: the layouts whose senses (and their notes) sit below the mood, off a phone's first screen,
// say here in short which reading is less reliable now.
void App::draw_mood_summary(bool with_caveats) {
  const auto& mood = music_.session().mood();
  ImGui::PushTextWrapPos(0.0f);
  if (mood.available) {
    ImGui::Text("Your mood: %s", describe_va(mood.estimate.mean).c_str());
    ImGui::TextDisabled("%s", mood.status().c_str());
    std::string caveats;
    if (with_caveats && face_dim_small_note_applies()) caveats += "The face is hard to read here (dark, small). ";
    if (with_caveats && voice_clipping_note_applies()) caveats += "The microphone is too loud. ";
    if (with_caveats && voice_noisy_note_applies()) caveats += "The voice is hard to hear here (noisy). ";
    if (!caveats.empty()) {
      caveats.pop_back();
      ImGui::TextDisabled("%s", caveats.c_str());
      ui::record_hit_target("mood-caveats");
    }
  } else {
    ImGui::TextUnformatted("Your mood");
    ImGui::TextDisabled("%s", capturing_ ? "waiting for a face or a voice..." : "press Start to begin");
  }
  ImGui::PopTextWrapPos();
}

void App::draw_mood_plot(double now_ms, float side) {
  const auto& session = music_.session();
  ui::VaPlotView view;
  view.catalog = &session.catalog();
  view.recommendations = &session.recommendations();
  view.trail = &session.trail();
  view.mood = &session.mood();
  if (session.calibration().any()) view.uncorrected = &session.mood_uncorrected();
  view.now_s = now_ms / 1000.0;
  view.reduced_motion = reduced_motion_;
  ui::draw_va_plot(view, side);
}

void App::draw_together() {
  const auto& mood = music_.session().mood();
  char mix[64] = "";
  if (mood.face.present && mood.voice.present)
    std::snprintf(mix, sizeof mix, "mixed: face %.0f%%, voice %.0f%%", mood.face.weight * 100, mood.voice.weight * 100);
  ui::draw_emotion_bars("Together", mood.probs, mood.available && mood.has_probs ? std::optional(argmax(mood.probs)) : std::nullopt,
                        capturing_ ? "waiting for a face or a voice" : "not started", mix);
}

void App::draw_calibration(double now_ms) {
  if (ui::draw_calibration_panel(calibration_view(now_ms))) music_.calibrate(now_ms / 1000.0);
}

void App::draw_strategy() {
  Strategy strategy = music_.session().strategy();
  if (ui::draw_strategy_selector(strategy)) music_.set_strategy(strategy);
  ImGui::Separator();
}

void App::draw_tracks() {
  const auto& session = music_.session();
  const auto& status = music_.catalog_status();
  if (session.recommendations().empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", !status.loaded ? (status.loading ? "Loading the music catalog..." : "No music catalog loaded.")
                                             : "Recommendations appear once Attune has read your mood.");
    ImGui::PopTextWrapPos();
    return;
  }
  tracks_area_ = {ImGui::GetWindowPos(), ImGui::GetWindowSize()};  // the scrolling region the rows are in
  const auto action = ui::draw_track_list(session.catalog(), session.recommendations(), session.feedback(), music_.listen_service());
  if (!action) return;
  if (action->kind == ui::TrackListAction::Kind::Listen && handled_in_gesture("listen_" + std::to_string(action->row))) return;
  if (!list_guard_.admit(emscripten_get_now())) return;  // aimed at the rows before they changed: whatever it met, not that
  if (action->kind == ui::TrackListAction::Kind::Listen)
    music_.listen(action->track);
  else
    music_.vote(action->track, action->vote);
}

// A press turned away by the list guard did nothing the person can see: say why for a moment, over the
// bottom of the region the rows are in (a line in the column would move them), fading out over its last
// half second.
const char* App::list_changed_note(double now_ms) const {
  if (now_ms - list_guard_.turned_away_at_ms() >= kListChangedNoteMs) return nullptr;
  return ui::touch_ui() ? "The list changed as you tapped, so nothing was done. Tap again."
                        : "The list changed as you clicked, so nothing was done. Click again.";
}

void App::draw_list_changed_note(double now_ms) {
  const char* text = list_changed_note(now_ms);
  if (!text) return;
  const double left_ms = kListChangedNoteMs - (now_ms - list_guard_.turned_away_at_ms());
  ui::draw_passing_note(text, tracks_area_.first, tracks_area_.second, static_cast<float>(std::min(1.0, left_ms / 500.0)));
}

void App::draw_catalog_and_privacy() {
  const auto& status = music_.catalog_status();
  ImGui::Separator();
  ImGui::PushTextWrapPos(0.0f);
  if (status.loaded) ImGui::TextDisabled("Catalog: %s (%zu tracks)", status.name.c_str(), status.tracks);
  if (ui::small_button("Load your own...") && !handled_in_gesture("load_catalog")) music_.pick_catalog_file();
  ui::record_hit_target("load_catalog");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A JSON catalog (see catalog/schema.json); you can also drop the file on the page");
  if (!status.error.empty())
    ImGui::TextColored(ui::error_colour(), "Could not use that catalog; %s.\n%s",
                       status.source == Music::kBundledCatalogUrl ? "the bundled one is used" : "the current one stays", status.error.c_str());
  ImGui::PopTextWrapPos();
  const bool privacy_open = ImGui::CollapsingHeader("Privacy");
  if (ImGui::IsItemToggledOpen()) reveal_privacy_frames_ = 2;
  ui::record_hit_target("privacy");
  if (privacy_open) {
    if (ui::draw_privacy_panel({foreign_requests_, music_.stored_items(), !music_.storage_available()})) music_.forget_everything();
    ui::record_hit_target("forget");
    // The panel opens at the bottom of its column: scroll it into view. Twice, because in the frame it
    // opens ImGui still limits scrolling to the column's previous (closed) content height.
    if (reveal_privacy_frames_ > 0 && reveal_privacy_frames_--) ImGui::SetScrollHereY(1.0f);
  }
}

}  // namespace attune::app
