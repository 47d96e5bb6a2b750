// Late fusion of the face and voice estimates into one mood on the valence-arousal plane.
//
// Each modality keeps its own short history. Per modality, the readings of the last
// smoothing_window_s seconds are averaged (weights: confidence x freshness), which smooths jitter.
// The two modality estimates are then mixed, each weighted by the confidence and the freshness (age)
// of its latest reading. Weighting per modality, not per reading, keeps a 10 Hz face stream from
// drowning a voice that speaks once every few seconds.
//
// Time is passed in (seconds, any origin, non-decreasing); nothing here reads a clock.
#pragma once

#include <array>
#include <deque>
#include <string>
#include <vector>

#include "core/emotion.h"

namespace attune {

enum class Modality : int { Face = 0, Voice = 1 };

struct FusionConfig {
  double smoothing_window_s = 4.0;      // readings younger than this are averaged
  double freshness_half_life_s = 2.0;   // a reading's weight halves every this many seconds of age
  double stale_after_s = 6.0;           // a modality whose latest reading is older is left out
  float disagreement_threshold = 0.6f;  // VA distance above which face and voice "disagree"
  std::size_t max_readings = 512;       // per modality, a guard against callers that never stop
};

struct ModalityStatus {
  bool present = false;  // has a reading no older than stale_after_s
  VAEstimate estimate;   // this modality's smoothed estimate (valid when present)
  bool has_probs = false;  // readings came with class probabilities (observe_probs)
  EmotionProbs probs{};    // ...smoothed with the same weights as `estimate`
  float confidence = 0.0f;  // of its latest reading
  double age_s = 0.0;       // of its latest reading
  float weight = 0.0f;      // share in the fused mood, 0..1; the present shares sum to 1
};

struct FusedMood {
  bool available = false;  // false: neither face nor voice has a fresh reading
  VAEstimate estimate;     // fused mean and covariance (includes the spread between modalities)
  bool has_probs = false;  // at least one present modality has class probabilities
  EmotionProbs probs{};    // the present modalities' smoothed probabilities mixed with their weights
  float confidence = 0.0f; // confidence_from_probs(probs)
  ModalityStatus face;
  ModalityStatus voice;
  bool disagree = false;     // both present and further apart than disagreement_threshold
  float disagreement = 0.0f; // VA distance between the two modality means (0 unless both present)

  int modalities_used() const { return int(face.present) + int(voice.present); }
  // One line for the UI: "no face or voice yet", "face only", "voice only",
  // "face and voice agree", "face and voice disagree".
  std::string status() const;
};

// Confidence from a probability vector: 0 for a uniform vector, 1 for a one-hot one
// (the top probability rescaled from [1/7, 1] to [0, 1]). Returns 0 for invalid vectors.
float confidence_from_probs(const EmotionProbs& probs);

class MoodFusion {
 public:
  explicit MoodFusion(FusionConfig config = {});

  // Records one reading. Returns false (and records nothing) for a non-finite estimate or time, or a
  // confidence outside [0, 1]. A reading older than the modality's latest is dropped as well.
  bool observe(Modality m, const VAEstimate& estimate, float confidence, double time_s);
  // Convenience: probabilities -> estimate_va + confidence_from_probs.
  bool observe_probs(Modality m, const EmotionProbs& probs, double time_s);

  // The fused mood as of now_s. Cheap; call it every frame.
  FusedMood update(double now_s);

  void reset();
  const FusionConfig& config() const { return config_; }

 private:
  struct Reading {
    VAEstimate estimate;
    float confidence;
    double time_s;
    bool has_probs = false;
    EmotionProbs probs{};
  };
  bool record(Modality m, const Reading& reading);
  ModalityStatus summarise(const std::deque<Reading>& readings, double now_s) const;
  double freshness(double age_s) const;

  FusionConfig config_;
  std::array<std::deque<Reading>, 2> readings_;
};

}  // namespace attune
