// The playlist panel: the session's tracks in order (or the iso strategy's path), each with the mood at
// that moment, and what the listener can do with them: save as M3U8, JSPF or CSV, copy as text, show a
// QR code to carry home, keep in this browser.
#pragma once

#include <optional>

#include "core/playlist_export.h"
#include "platform/web/page.h"

namespace attune::ui {

enum class PlaylistAction { SaveM3u8, SaveJspf, SaveCsv, CopyText, ShowQr, Keep, StopKeeping, ShowSession, ShowIsoPath };

// The exports a browser allows only inside the listener's gesture (a download, the clipboard), in the
// panel's order, and their buttons' hit targets: App::on_gesture runs them from the page's event handler.
inline constexpr PlaylistAction kGestureActions[] = {PlaylistAction::SaveM3u8, PlaylistAction::SaveJspf,
                                                     PlaylistAction::SaveCsv, PlaylistAction::CopyText};
inline const char* gesture_target(PlaylistAction action) {  // nullptr for the others
  switch (action) {
    case PlaylistAction::SaveM3u8: return "save_m3u8";
    case PlaylistAction::SaveJspf: return "save_jspf";
    case PlaylistAction::SaveCsv: return "save_csv";
    case PlaylistAction::CopyText: return "copy_text";
    default: return nullptr;
  }
}

struct PlaylistPanelView {
  const PlaylistDocument* shown = nullptr;  // what the list and the buttons act on
  bool iso_path_available = false;          // the Iso strategy is chosen and has a path
  bool showing_iso_path = false;
  bool keepable = true;  // false in kiosk mode
  bool kept = false;
  platform::CopyResult copy = platform::CopyResult::None;
};

// Returns what was clicked this frame. Hit targets: gesture_target() of each export, show_qr,
// keep_playlist, playlist_session, playlist_iso.
std::optional<PlaylistAction> draw_playlist_panel(const PlaylistPanelView& view);

}  // namespace attune::ui
