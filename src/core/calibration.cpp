#include "core/calibration.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/label_shift.h"

namespace attune {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxJsonBytes = 4096;  // a calibration is ~200 bytes

// Mean outputs of the shipped models on neutral inputs of other people, order angry, disgust, fear,
// happy, sad, surprise, neutral. Measured with tools/neutral_reference.mjs (see README, "Calibration").
// Face: FER2013 PublicTest (validation) faces labelled neutral, through tools/classify.mjs --no-detect.
// Voice: RAVDESS "neutral" clips (emotion 01), each read by the cross-validation's fold models that never
// heard its actor (the voice card's cv_neutral_reference): other people's neutral voices, as a live voice is.
// Measured 2026-12-05: face over 607 faces (the face model fine-tuned a second time, on the app pipeline's
// crops with six teachers' targets, issue #17, weights stored as 7-bit integers); 2026-12-04: voice over 80
// clips (the voice model of issue #17: VAD margin 5 dB, noisy-room copies and other voices, the extractor's
// noise floor; two fusion nets and one with the 2-D front end); 2026-12-05: the voice reference is of the
// readings the app uses, after the voice stage's fixed prior offsets (kVoicePriorOffsets); 2026-12-06: the
// voice model trained also on a second draw of its speed, pitch and tempo copies, whose offsets are all zero
// (training/voice/README.md, "More voices"): its CV's held-out output on the 80 clips as it is.
constexpr EmotionProbs kFaceNeutralReference = {0.0976f, 0.0176f, 0.0930f, 0.1023f, 0.1578f, 0.0421f, 0.4895f};
constexpr EmotionProbs kVoiceNeutralReference = {0.0575f, 0.0307f, 0.0621f, 0.0898f, 0.1980f, 0.0732f, 0.4887f};

// The vector scaled to sum to 1, or nullopt when it is not a valid probability vector.
std::optional<EmotionProbs> normalised(const EmotionProbs& p) {
  double sum = 0;
  for (float x : p) {
    if (!std::isfinite(x) || x < 0) return std::nullopt;
    sum += x;
  }
  if (!(sum > 0)) return std::nullopt;
  EmotionProbs out{};
  for (std::size_t i = 0; i < kEmotionCount; ++i) out[i] = static_cast<float>(p[i] / sum);
  return out;
}

const char* modality_key(Modality m) { return m == Modality::Face ? "face" : "voice"; }

}  // namespace

const EmotionProbs& neutral_reference(Modality m) {
  return m == Modality::Face ? kFaceNeutralReference : kVoiceNeutralReference;
}

Calibration::Calibration(CalibrationConfig config) : config_(config) {}

bool Calibration::set_baseline(Modality m, const EmotionProbs& mean, int readings) {
  const auto p = normalised(mean);
  if (!p || readings < 1) return false;
  baselines_[index(m)] = Baseline{*p, readings};
  const EmotionProbs& reference = neutral_reference(m);
  EmotionProbs& offsets = offsets_[index(m)];
  for (std::size_t c = 0; c < kEmotionCount; ++c) {
    const float o = std::log(std::max(reference[c], config_.floor)) - std::log(std::max((*p)[c], config_.floor));
    offsets[c] = std::clamp(o, -config_.max_offset, config_.max_offset);
  }
  return true;
}

EmotionProbs Calibration::offsets(Modality m) const {
  return calibrated(m) ? offsets_[index(m)] : EmotionProbs{};
}

EmotionProbs Calibration::correct(Modality m, const EmotionProbs& probs) const {
  if (!calibrated(m)) return probs;
  return shift_classes(probs, offsets_[index(m)]);  // an invalid vector comes back unchanged; observe() rejects it
}

void Calibration::clear() {
  baselines_ = {};
  offsets_ = {};
}

std::string Calibration::to_json() const {
  json doc = {{"version", 1}};
  for (Modality m : {Modality::Face, Modality::Voice})
    if (const auto& b = baseline(m)) doc[modality_key(m)] = {{"mean", b->mean}, {"readings", b->readings}};
  return doc.dump();
}

bool Calibration::from_json(std::string_view text, std::string* error) {
  const auto fail = [&](const std::string& why) {
    if (error) *error = "calibration: " + why;
    return false;
  };
  if (text.size() > kMaxJsonBytes) return fail("too long");
  const json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return fail("expected a JSON object");
  const auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() || version->get<long long>() != 1)
    return fail("expected \"version\": 1");
  Calibration loaded(config_);
  for (Modality m : {Modality::Face, Modality::Voice}) {
    const auto it = doc.find(modality_key(m));
    if (it == doc.end()) continue;
    const std::string where = modality_key(m);
    if (!it->is_object()) return fail(where + ": expected an object");
    const auto mean = it->find("mean");
    const auto readings = it->find("readings");
    if (mean == it->end() || !mean->is_array() || mean->size() != kEmotionCount)
      return fail(where + ".mean: expected 7 numbers");
    EmotionProbs p{};
    for (std::size_t c = 0; c < kEmotionCount; ++c) {
      if (!(*mean)[c].is_number()) return fail(where + ".mean: expected 7 numbers");
      p[c] = (*mean)[c].get<float>();
    }
    if (readings == it->end() || !readings->is_number_integer() || readings->get<long long>() < 1 ||
        readings->get<long long>() > 1000000)
      return fail(where + ".readings: expected a positive integer");
    if (!loaded.set_baseline(m, p, static_cast<int>(readings->get<long long>())))
      return fail(where + ".mean: expected non-negative numbers with a positive sum");
  }
  *this = loaded;
  return true;
}

void CalibrationRecording::start(double now_s) {
  recording_ = true;
  started_s_ = now_s;
  sums_ = {};
  counts_ = {};
}

void CalibrationRecording::observe(Modality m, const EmotionProbs& probs, double time_s) {
  if (!recording_ || time_s < started_s_ || time_s > started_s_ + config_.duration_s) return;
  const auto p = normalised(probs);
  if (!p) return;
  const auto i = static_cast<std::size_t>(m);
  for (std::size_t c = 0; c < kEmotionCount; ++c) sums_[i][c] += (*p)[c];
  ++counts_[i];
}

double CalibrationRecording::remaining_s(double now_s) const {
  return recording_ ? std::clamp(started_s_ + config_.duration_s - now_s, 0.0, config_.duration_s) : 0.0;
}

float CalibrationRecording::progress(double now_s) const {
  if (!recording_) return 0.0f;
  return static_cast<float>(1.0 - remaining_s(now_s) / config_.duration_s);
}

bool CalibrationRecording::finish_if_due(double now_s, Calibration& into) {
  if (!recording_ || now_s < started_s_ + config_.duration_s) return false;
  recording_ = false;
  for (Modality m : {Modality::Face, Modality::Voice}) {
    const auto i = static_cast<std::size_t>(m);
    const int needed = m == Modality::Face ? config_.min_readings_face : config_.min_readings_voice;
    if (counts_[i] < needed) continue;
    EmotionProbs mean{};
    for (std::size_t c = 0; c < kEmotionCount; ++c) mean[c] = static_cast<float>(sums_[i][c] / counts_[i]);
    into.set_baseline(m, mean, counts_[i]);
  }
  return true;
}

}  // namespace attune
