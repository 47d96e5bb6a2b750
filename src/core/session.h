// One listening session: readings from the face and voice models in, the fused mood, its recent
// trail and the current recommendations out. No I/O and no clocks (time is passed in), so the whole
// behaviour is unit-tested natively; the app only feeds it and draws what it holds.
//
// Recommendations are recomputed when the mood has moved far enough, when the strategy, catalog or
// feedback changes, and otherwise at most every `recommend_interval_s`: a list that reshuffles with
// every frame cannot be read, let alone clicked.
#pragma once

#include <cstddef>
#include <deque>
#include <vector>

#include "core/calibration.h"
#include "core/catalog.h"
#include "core/feedback.h"
#include "core/fusion.h"
#include "core/recommend.h"

namespace attune {

struct SessionConfig {
  FusionConfig fusion;
  CalibrationConfig calibration;
  RecommendOptions options;
  double recommend_interval_s = 3.0;  // re-rank at most this often while the mood drifts
  float recommend_move = 0.12f;       // ...and only once the mood moved this far (VA units)
  double trail_seconds = 10.0;        // how much of the mood's path the plot shows
};

struct TrailPoint {
  VA va;
  double time_s = 0;
};

class MoodSession {
 public:
  explicit MoodSession(SessionConfig config = {});

  void set_catalog(Catalog catalog);
  const Catalog& catalog() const { return recommender_.catalog(); }

  // A model's output at time_s; invalid vectors are ignored (returns false). The fused mood uses it
  // corrected by the calibration; mood_uncorrected() uses it as it came.
  bool observe(Modality modality, const EmotionProbs& probs, double time_s);

  // Advances to now_s: fuses, extends the trail, re-ranks when due. Call once per frame.
  void tick(double now_s);

  // While held (the app holds it while a finger or the mouse is in use, and shortly after), a moving mood
  // does not re-rank the list: the track a person aimed at must be the one their press and release meet.
  // What the listener does (a vote, a strategy) still re-ranks; the held-back re-rank comes at the first
  // free tick.
  void hold_list(bool held) { list_held_ = held; }

  void set_strategy(Strategy strategy);
  Strategy strategy() const { return config_.options.strategy; }

  // Thumbs up/down on a track of the current catalog (by index). Re-ranks at the next tick.
  void vote(std::size_t track, Vote vote);
  void played(std::size_t track);  // the listener opened it: do not suggest it again soon

  Feedback& feedback() { return feedback_; }
  const Feedback& feedback() const { return feedback_; }
  void forget_feedback();  // also clears the history
  void invalidate() { dirty_ = true; }  // re-rank at the next tick (e.g. feedback loaded from storage)

  // Forgets the mood (readings, trail, recommendations); keeps catalog, strategy, feedback and calibration.
  void reset_mood();

  // Calibration: records this person's neutral readings for config.duration_s from now_s; tick()
  // finishes it and from then on corrects the readings.
  void start_calibration(double now_s) { recording_.start(now_s); }
  const CalibrationRecording& calibration_recording() const { return recording_; }
  Calibration& calibration() { return calibration_; }
  const Calibration& calibration() const { return calibration_; }
  void forget_calibration();  // back to the identity; stops a recording
  int calibrations() const { return calibrations_; }  // recordings finished (to know when to save)
  // The mood from the same readings without the calibration's correction (== mood() when none).
  const FusedMood& mood_uncorrected() const { return mood_uncorrected_; }

  const FusedMood& mood() const { return mood_; }
  const std::deque<TrailPoint>& trail() const { return trail_; }
  const std::vector<Recommendation>& recommendations() const { return recommendations_; }
  // The mood point the current recommendations were ranked for.
  VA ranked_for() const { return ranked_for_; }
  int rankings() const { return rankings_; }  // how many times the list was recomputed

 private:
  void rank(VA mood, double now_s);

  SessionConfig config_;
  MoodFusion fusion_;
  MoodFusion uncorrected_fusion_;
  Calibration calibration_;
  CalibrationRecording recording_;
  int calibrations_ = 0;
  FusedMood mood_uncorrected_;
  Recommender recommender_;
  Feedback feedback_;
  History history_;
  FusedMood mood_;
  std::deque<TrailPoint> trail_;
  std::vector<Recommendation> recommendations_;
  VA ranked_for_;
  double ranked_at_s_ = -1e18;
  bool dirty_ = true;
  bool list_held_ = false;
  int rankings_ = 0;
};

}  // namespace attune
