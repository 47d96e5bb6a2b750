#include "core/session.h"

namespace attune {

MoodSession::MoodSession(SessionConfig config)
    : config_(config), fusion_(config.fusion), uncorrected_fusion_(config.fusion), calibration_(config.calibration),
      recording_(config.calibration) {}

void MoodSession::set_catalog(Catalog catalog) {
  recommender_.set_catalog(std::move(catalog));
  recommendations_.clear();
  dirty_ = true;
}

bool MoodSession::observe(Modality modality, const EmotionProbs& probs, double time_s) {
  recording_.observe(modality, probs, time_s);
  uncorrected_fusion_.observe_probs(modality, probs, time_s);
  return fusion_.observe_probs(modality, calibration_.correct(modality, probs), time_s);
}

void MoodSession::tick(double now_s) {
  if (recording_.finish_if_due(now_s, calibration_)) ++calibrations_;
  mood_ = fusion_.update(now_s);
  mood_uncorrected_ = uncorrected_fusion_.update(now_s);
  while (!trail_.empty() && now_s - trail_.front().time_s > config_.trail_seconds) trail_.pop_front();
  if (!mood_.available) return;  // keep the last list: an empty screen helps nobody
  trail_.push_back({mood_.estimate.mean, now_s});

  const VA mood = mood_.estimate.mean;
  const bool first = recommendations_.empty();
  const bool moved = distance(mood, ranked_for_) >= config_.recommend_move;
  const bool due = now_s - ranked_at_s_ >= config_.recommend_interval_s;
  if (dirty_ || first || (moved && due && !list_held_)) rank(mood, now_s);
}

void MoodSession::rank(VA mood, double now_s) {
  recommendations_ = recommender_.recommend(mood, config_.options, feedback_, history_);
  ranked_for_ = mood;
  ranked_at_s_ = now_s;
  dirty_ = false;
  ++rankings_;
}

void MoodSession::set_strategy(Strategy strategy) {
  if (strategy == config_.options.strategy) return;
  config_.options.strategy = strategy;
  dirty_ = true;
}

void MoodSession::vote(std::size_t track, Vote vote) {
  if (track >= catalog().tracks.size()) return;
  feedback_.record(catalog().tracks[track], vote);
  dirty_ = true;
}

void MoodSession::played(std::size_t track) {
  if (track >= catalog().tracks.size()) return;
  history_.played(catalog().tracks[track].id);
}

void MoodSession::forget_feedback() {
  feedback_.clear();
  history_.clear();
  dirty_ = true;
}

void MoodSession::reset_mood() {
  fusion_.reset();
  uncorrected_fusion_.reset();
  mood_ = mood_uncorrected_ = FusedMood{};
  trail_.clear();
  recommendations_.clear();
  ranked_at_s_ = -1e18;
  dirty_ = true;
}

void MoodSession::forget_calibration() {
  calibration_.clear();
  recording_.cancel();
}

}  // namespace attune
