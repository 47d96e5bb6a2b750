// The App's playlist side: the music service Listen opens, the playlist panel and its exports, and the
// QR code a listener (a kiosk visitor above all) carries home. Every export is made in the page: a file
// offered as a download, the clipboard, or a code on screen; nothing goes over the network.
#include <emscripten.h>

#include <algorithm>
#include <string>

#include "app/app.h"
#include "imgui.h"
#include "platform/web/page.h"
#include "ui/hit_targets.h"
#include "ui/listen_service_selector.h"
#include "ui/qr_view.h"
#include "ui/theme.h"

namespace attune::app {

bool App::iso_path_available() const {
  const auto& session = music_.session();
  return session.strategy() == Strategy::Iso && !session.recommendations().empty();
}

PlaylistDocument App::playlist_document(bool iso_path) const {
  const std::string date = platform::now_iso8601();
  const auto& session = music_.session();
  if (iso_path) return iso_path_document(session.catalog(), session.recommendations(), music_.listen_service(), date);
  return session_document(music_.playlist(), music_.listen_service(), date);
}

void App::run_playlist_action(ui::PlaylistAction action) {
  using ui::PlaylistAction;
  const bool iso = playlist_shows_iso_ && iso_path_available();
  const auto save = [&](const char* extension, const char* mime_type, std::string (*format)(const PlaylistDocument&)) {
    const PlaylistDocument doc = playlist_document(iso);
    const std::string name = std::string(iso ? "attune-iso-path-" : "attune-playlist-") + doc.date.substr(0, 10) + "." + extension;
    platform::download_text(name, mime_type, format(doc));
  };
  switch (action) {
    case PlaylistAction::SaveM3u8: return save("m3u8", "audio/x-mpegurl", &to_m3u8);
    case PlaylistAction::SaveJspf: return save("jspf", "application/json", &to_jspf);
    case PlaylistAction::SaveCsv: return save("csv", "text/csv", &to_csv);
    case PlaylistAction::CopyText: return platform::copy_text(to_text(playlist_document(iso), true));
    case PlaylistAction::ShowQr: return show_take_home(iso, false, emscripten_get_now());
    case PlaylistAction::Keep: return music_.keep_playlist(true);
    case PlaylistAction::StopKeeping: return music_.keep_playlist(false);
    case PlaylistAction::ShowSession: playlist_shows_iso_ = false; return;
    case PlaylistAction::ShowIsoPath: playlist_shows_iso_ = true; return;
  }
}

void App::show_take_home(bool iso_path, bool end_of_visit, double now_ms) {
  take_home_.visible = true;
  take_home_.iso_path = iso_path;
  take_home_.end_of_visit = end_of_visit;
  take_home_.since_ms = now_ms;
  take_home_.text.clear();  // made in draw_take_home
}

void App::draw_listen_service() {
  ListenService service = music_.listen_service();
  if (ui::draw_listen_service_selector(service)) music_.set_listen_service(service);
}

// "Playlist (3)": the session's tracks, or the iso path, with the exports. Downloads and the clipboard
// need the listener's gesture, so those buttons act in App::on_gesture; the frame's click is then ignored.
void App::draw_playlist() {
  const std::size_t count = music_.playlist().entries().size();
  const std::string header = "Playlist (" + std::to_string(count) + ")###playlist";
  const bool open = ImGui::CollapsingHeader(header.c_str());
  if (ImGui::IsItemToggledOpen()) reveal_playlist_frames_ = 2;
  ui::record_hit_target("playlist");
  if (!open) return;
  const bool iso_available = iso_path_available();
  const bool iso = playlist_shows_iso_ && iso_available;
  const PlaylistDocument doc = playlist_document(iso);
  ui::PlaylistPanelView view;
  view.shown = &doc;
  view.iso_path_available = iso_available;
  view.showing_iso_path = iso;
  view.keepable = music_.playlist_keepable();
  view.kept = music_.playlist_kept();
  view.copy = platform::copy_result();
  if (const auto action = ui::draw_playlist_panel(view)) {
    const char* in_gesture = ui::gesture_target(*action);
    if (!in_gesture || !handled_in_gesture(in_gesture)) run_playlist_action(*action);
  }
  if (reveal_playlist_frames_ > 0 && reveal_playlist_frames_--) ImGui::SetScrollHereY(1.0f);
}

// The QR code over the screen, as large as it fits: a phone's camera shows the list as text, no server
// in between. A kiosk shows it when a visitor finishes, until the idle reset clears it for the next one.
void App::draw_take_home(float display_width, float display_height) {
  if (!take_home_.visible) return;
  const std::string text = qr_text(playlist_document(take_home_.iso_path));
  if (text != take_home_.text) {
    take_home_.text = text;
    take_home_.qr = make_qr(text);
  }
  // As wide as the screen allows (up to 40 text heights), as tall as its content: the code is as large as
  // both allow, with room for about four lines of text above it and the button below.
  const float em = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = std::min(display_width * 0.94f, 40 * em), max_height = std::min(display_height * 0.94f, 48 * em);
  const float chrome = 4 * ImGui::GetTextLineHeightWithSpacing() + ImGui::GetFrameHeightWithSpacing() + 2 * style.WindowPadding.y +
                       2 * style.ItemSpacing.y;
  const float side = std::max(8 * em, std::min(width - 2 * style.WindowPadding.x, max_height - chrome));
  ImGui::SetNextWindowPos(ImVec2(display_width * 0.5f, display_height * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, max_height));
  ImGui::SetNextWindowFocus();
  ImGui::Begin("Take it home", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(take_home_.end_of_visit ? "Thank you! Take your playlist home" : "Take your playlist home");
  ImGui::TextDisabled("Point your phone's camera at the code: it shows the list as text. Nothing is sent anywhere.");
  ImGui::PopTextWrapPos();
  if (take_home_.qr.size > 0) {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, width - 2 * style.WindowPadding.x - side) * 0.5f);
    ui::draw_qr_code(take_home_.qr, side);
  } else {
    ImGui::TextDisabled("Open or like a track first: the code holds the tracks you chose.");
  }
  if (ImGui::Button(take_home_.end_of_visit ? "Done" : "Close", ImVec2(-1, 0))) {
    if (take_home_.end_of_visit) reset_for_next_visitor();
    take_home_.visible = false;
  }
  ui::record_hit_target("close_qr");
  ImGui::End();
}

}  // namespace attune::app
