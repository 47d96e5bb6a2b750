#include "app/music.h"

#include <algorithm>
#include <cmath>

#include "platform/web/page.h"
#include "platform/web/storage.h"

namespace attune::app {

namespace {
constexpr int kCatalogRequest = 1;
constexpr const char* kFeedbackKey = "feedback";
constexpr const char* kSettingsKey = "settings";
constexpr const char* kCalibrationKey = "calibration";
constexpr const char* kPlaylistKey = "playlist";
}  // namespace

Music::Music() = default;

void Music::start(const std::string& catalog_url) {
  catalog_status_.loading = true;
  files_.fetch(kCatalogRequest, catalog_url.empty() ? kBundledCatalogUrl : catalog_url);
  files_.accept_dropped_files();
  if (!persistent_) return;
  storage_ok_ = platform::storage_works();  // refused: the session still keeps everything in memory

  if (auto stored = platform::storage_get(kFeedbackKey)) {
    std::string error;
    if (!session_.feedback().from_json(*stored, &error)) session_.feedback().clear();  // unreadable: start afresh
  }
  if (auto stored = platform::storage_get(kSettingsKey)) {
    const Settings settings = parse_settings(*stored);  // what is unreadable keeps its default
    if (settings.strategy) session_.set_strategy(*settings.strategy);
    if (settings.text_size) text_size_ = *settings.text_size;
    if (settings.listen_service) listen_service_ = *settings.listen_service;
  }
  if (auto stored = platform::storage_get(kCalibrationKey)) {
    std::string error;
    if (!session_.calibration().from_json(*stored, &error)) platform::storage_remove(kCalibrationKey);  // unreadable
  }
  if (auto stored = platform::storage_get(kPlaylistKey)) {
    std::string error;
    keep_playlist_ = playlist_.from_json(*stored, &error);
    if (!keep_playlist_) platform::storage_remove(kPlaylistKey);  // unreadable: nothing to keep
  }
}

void Music::tick(double now_s) {
  platform::TextFile file;
  while (files_.poll(file)) on_file(std::move(file));
  session_.tick(now_s);
  if (session_.calibrations() != saved_calibrations_) save_calibration();
}

void Music::on_file(platform::TextFile&& file) {
  catalog_status_.loading = false;
  auto result = file.ok ? load_catalog(file.text) : CatalogLoadResult{};
  if (!file.ok || !result.ok()) {
    catalog_status_.error = file.source + (file.ok ? ":\n" + result.error_text() : ": " + file.text);
    // A page opened with a catalog that cannot be used (?catalog=...) still gets music: the bundled one.
    if (!catalog_status_.loaded && file.source != kBundledCatalogUrl) {
      catalog_status_.loading = true;
      keep_error_on_load_ = true;
      files_.fetch(kCatalogRequest, kBundledCatalogUrl);
    }
    return;
  }
  catalog_status_.loaded = true;
  if (!keep_error_on_load_) catalog_status_.error.clear();
  keep_error_on_load_ = false;
  catalog_status_.name = result.catalog->name;
  catalog_status_.source = file.source;
  catalog_status_.tracks = result.catalog->tracks.size();
  session_.set_catalog(std::move(*result.catalog));
}

void Music::pick_catalog_file() {
  catalog_status_.loading = true;
  files_.pick(kCatalogRequest);
}

void Music::set_strategy(Strategy strategy) {
  session_.set_strategy(strategy);
  save_settings();
}

void Music::set_text_size(float size) {
  if (!std::isfinite(size)) return;
  text_size_ = std::clamp(size, kMinTextSize, kMaxTextSize);
  save_settings();
}

void Music::set_listen_service(ListenService service) {
  listen_service_ = service;
  save_settings();
}

std::optional<VA> Music::current_mood() const {
  const auto& mood = session_.mood();
  if (!mood.available) return std::nullopt;
  return mood.estimate.mean;
}

void Music::vote(std::size_t track, Vote vote) {
  const auto& tracks = session_.catalog().tracks;
  if (track >= tracks.size()) return;
  session_.vote(track, vote);
  save_feedback();
  if (vote == Vote::Up) playlist_.liked(tracks[track], current_mood());
  else playlist_.unliked(tracks[track].id);
  save_playlist();
}

std::string Music::listen_url(std::size_t track) const {
  const auto& tracks = session_.catalog().tracks;
  return track < tracks.size() ? track_listen_url(tracks[track], listen_service_) : std::string();
}

void Music::listen(std::size_t track) {
  const auto& tracks = session_.catalog().tracks;
  if (track >= tracks.size()) return;
  platform::open_url(listen_url(track));
  listened(track);
}

void Music::listened(std::size_t track) {
  const auto& tracks = session_.catalog().tracks;
  if (track >= tracks.size()) return;
  session_.played(track);
  playlist_.opened(tracks[track], current_mood());
  save_playlist();
}

void Music::keep_playlist(bool keep) {
  if (!persistent_) return;
  keep_playlist_ = keep;
  if (keep) save_playlist();
  else platform::storage_remove(kPlaylistKey);
}

void Music::forget_everything() {
  session_.forget_feedback();
  text_size_ = 1.0f;
  platform::storage_remove(kFeedbackKey);
  platform::storage_remove(kSettingsKey);
  session_.forget_calibration();
  platform::storage_remove(kCalibrationKey);
  listen_service_ = ListenService::YouTube;
  playlist_.clear();
  keep_playlist_ = false;
  platform::storage_remove(kPlaylistKey);
}

std::vector<std::string> Music::stored_items() const {
  std::vector<std::string> items;
  for (const auto& key : platform::storage_keys()) {
    if (key == kFeedbackKey)
      items.push_back("your likes and dislikes (" + std::to_string(session_.feedback().size()) + ")");
    else if (key == kSettingsKey)
      items.push_back("your chosen strategy, text size and music service");
    else if (key == kPlaylistKey)
      items.push_back("your kept playlist (" + std::to_string(playlist_.entries().size()) + " tracks)");
    else if (key == kCalibrationKey)
      items.push_back(calibration_description());
    else
      items.push_back(key);
  }
  return items;
}

void Music::reset_for_next_visitor() {
  session_.reset_mood();
  session_.forget_feedback();
  session_.forget_calibration();
  playlist_.clear();
}

void Music::save_feedback() {
  if (!persistent_) return;
  storage_ok_ = platform::storage_set(kFeedbackKey, session_.feedback().to_json());
}

void Music::save_settings() {
  if (!persistent_) return;
  storage_ok_ = platform::storage_set(kSettingsKey, settings_to_json(session_.strategy(), text_size_, listen_service_));
}

void Music::save_calibration() {
  saved_calibrations_ = session_.calibrations();
  if (!persistent_) return;
  if (!session_.calibration().any()) return platform::storage_remove(kCalibrationKey);  // nothing was recorded
  storage_ok_ = platform::storage_set(kCalibrationKey, session_.calibration().to_json());
}

void Music::save_playlist() {
  if (!persistent_ || !keep_playlist_) return;
  storage_ok_ = platform::storage_set(kPlaylistKey, playlist_.to_json());
}

std::string Music::calibration_description() const {
  const auto& c = session_.calibration();
  std::string which;
  if (c.calibrated(Modality::Face)) which = "face";
  if (c.calibrated(Modality::Voice)) which += which.empty() ? "voice" : " and voice";
  return "your calibration baseline (" + (which.empty() ? std::string("none in use") : which) + ")";
}

}  // namespace attune::app
