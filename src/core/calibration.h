// Per-person calibration: a few seconds of this person's relaxed, neutral face (and ordinary speech)
// give their average model output per modality, the "baseline". Later outputs are corrected as in
// label-shift (prior) correction: each class's log-probability moves by
//     offset_c = log(reference_c) - log(baseline_c),   capped to |offset_c| <= max_offset,
// and the vector is renormalised. `reference` is what the model outputs on average for neutral faces
// (voices) of other people, so a reading equal to this person's baseline becomes the population's
// neutral reading. The cap bounds the harm of a baseline recorded on a non-neutral face: no class's
// probability changes by more than a factor e^(2 * max_offset) (16 for log 4), whatever the baseline.
//
// What it cannot do: it removes a constant per-person bias; a model that is wrong in different ways at
// different times (light, pose, head turned) is not helped. See README, "Calibration".
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/emotion.h"
#include "core/fusion.h"

namespace attune {

struct CalibrationConfig {
  float max_offset = 1.3862944f;  // log 4: a class's log-probability moves by at most this much
  float floor = 1e-3f;            // baseline and reference probabilities are raised to this before the log
  double duration_s = 10.0;       // how long a recording lasts
  int min_readings_face = 5;      // fewer readings in the window: that modality stays as it was
  int min_readings_voice = 2;
};

// The population's mean model output on neutral inputs (measured; see calibration.cpp).
const EmotionProbs& neutral_reference(Modality m);

struct Baseline {
  EmotionProbs mean{};  // this person's average output while neutral (sums to 1)
  int readings = 0;     // how many readings it averages
};

class Calibration {
 public:
  explicit Calibration(CalibrationConfig config = {});

  // Sets a modality's baseline from its mean output. Invalid vectors or readings < 1: false, unchanged.
  bool set_baseline(Modality m, const EmotionProbs& mean, int readings);
  const std::optional<Baseline>& baseline(Modality m) const { return baselines_[index(m)]; }
  bool calibrated(Modality m) const { return baseline(m).has_value(); }
  bool any() const { return calibrated(Modality::Face) || calibrated(Modality::Voice); }

  // Capped log-probability offsets for a modality: all zero when it is not calibrated.
  EmotionProbs offsets(Modality m) const;
  // The corrected reading; the identity when the modality is not calibrated or the input is invalid.
  EmotionProbs correct(Modality m, const EmotionProbs& probs) const;

  void clear();  // "forget": back to the identity

  // {"version":1,"face":{"mean":[7 numbers],"readings":N},"voice":{...}} (absent modality: not calibrated)
  std::string to_json() const;
  // Replaces the calibration. Malformed input: false, unchanged, and `error` says why.
  bool from_json(std::string_view text, std::string* error = nullptr);

  const CalibrationConfig& config() const { return config_; }

 private:
  static std::size_t index(Modality m) { return static_cast<std::size_t>(m); }

  CalibrationConfig config_;
  std::array<std::optional<Baseline>, 2> baselines_;
  std::array<EmotionProbs, 2> offsets_{};
};

// Averages the readings that arrive during one recording window (time passed in, no clock).
class CalibrationRecording {
 public:
  explicit CalibrationRecording(CalibrationConfig config = {}) : config_(config) {}

  void start(double now_s);
  void cancel() { recording_ = false; }
  bool recording() const { return recording_; }
  // Adds a reading taken while recording; others (and invalid vectors) are ignored.
  void observe(Modality m, const EmotionProbs& probs, double time_s);
  double remaining_s(double now_s) const;
  float progress(double now_s) const;  // 0..1 of the window
  int readings(Modality m) const { return counts_[static_cast<std::size_t>(m)]; }

  // When the window is over: stops, and sets in `into` the baselines of the modalities that got
  // enough readings (the others keep what they had). Returns true when the window was over.
  bool finish_if_due(double now_s, Calibration& into);

 private:
  CalibrationConfig config_;
  bool recording_ = false;
  double started_s_ = 0;
  std::array<std::array<double, kEmotionCount>, 2> sums_{};
  std::array<int, 2> counts_{};
};

}  // namespace attune
