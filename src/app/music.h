// The music side of the app: the catalog (bundled, or one the person brings), the mood session, the
// session's playlist, and what is remembered in this browser (feedback, chosen strategy, music service,
// calibration baseline, and the playlist when the listener keeps it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/playlist.h"
#include "core/session.h"
#include "core/settings.h"
#include "platform/web/text_files.h"

namespace attune::app {

struct CatalogStatus {
  bool loaded = false;
  std::string name;
  std::string source;  // URL or file name
  std::size_t tracks = 0;
  std::string error;   // the last load's errors; the previous catalog stays in use
  bool loading = false;
};

class Music {
 public:
  static constexpr const char* kBundledCatalogUrl = "catalog/tracks.json";

  Music();

  // Starts loading the bundled catalog (or `url` from the embedding page) and restores stored
  // feedback and settings.
  void start(const std::string& catalog_url);

  // Takes arrived files, advances the session. `now_s` is the page clock in seconds.
  void tick(double now_s);

  void pick_catalog_file();  // from a click
  void set_strategy(Strategy strategy);
  // The person's text size, a factor on top of the automatic scale (kMinTextSize..kMaxTextSize), kept with the settings.
  float text_size() const { return text_size_; }
  void set_text_size(float size);
  static constexpr float kMinTextSize = Settings::kMinTextSize, kMaxTextSize = Settings::kMaxTextSize, kTextSizeStep = 0.25f;
  void vote(std::size_t track, Vote vote);
  // Opens the track on the chosen service (only call it inside the listener's gesture) and adds it to the playlist.
  void listen(std::size_t track);
  void listened(std::size_t track);  // opened by the page's own link: not suggested again soon, added to the playlist
  std::string listen_url(std::size_t track) const;  // what listen() opens; "" for no such track

  ListenService listen_service() const { return listen_service_; }
  void set_listen_service(ListenService service);

  // The session's playlist. Kept in this browser only when the listener asks (never in kiosk mode).
  const SessionPlaylist& playlist() const { return playlist_; }
  bool playlist_kept() const { return keep_playlist_; }
  bool playlist_keepable() const { return persistent_; }
  void keep_playlist(bool keep);

  void forget_everything();  // stored feedback, settings, calibration and playlist
  void calibrate(double now_s) { session_.start_calibration(now_s); }  // saved when it finishes

  // Kiosk mode: nothing is read from or written to storage (the next visitor must not inherit it).
  void set_persistent(bool persistent) { persistent_ = persistent; }
  // A new visitor: forgets mood, feedback, calibration and playlist (in memory), keeps catalog and strategy.
  void reset_for_next_visitor();

  MoodSession& session() { return session_; }
  const MoodSession& session() const { return session_; }
  const CatalogStatus& catalog_status() const { return catalog_status_; }
  std::vector<std::string> stored_items() const;  // for the privacy panel
  std::string calibration_description() const;   // "your calibration baseline (face and voice)"
  bool storage_available() const { return storage_ok_; }

 private:
  void on_file(platform::TextFile&& file);
  void save_feedback();
  void save_settings();
  void save_calibration();
  void save_playlist();
  std::optional<VA> current_mood() const;

  MoodSession session_;
  platform::TextFiles files_;
  CatalogStatus catalog_status_;
  bool storage_ok_ = true;
  bool persistent_ = true;
  float text_size_ = 1.0f;
  ListenService listen_service_ = ListenService::YouTube;
  SessionPlaylist playlist_;
  bool keep_playlist_ = false;
  int saved_calibrations_ = 0;  // session_.calibrations() when last saved
  bool keep_error_on_load_ = false;  // loading the bundled catalog instead of one that failed: keep its error
};

}  // namespace attune::app
