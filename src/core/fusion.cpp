#include "core/fusion.h"

#include <algorithm>
#include <cmath>

namespace attune {

namespace {

// Weighted mixture of Gaussians-like summaries: mean of means, covariance = mean of covariances plus
// the spread of the means around the overall mean.
struct Mixture {
  double w = 0, mv = 0, ma = 0;  // accumulated during the first pass
  void add_mean(const VAEstimate& e, double weight) {
    w += weight;
    mv += weight * e.mean.valence;
    ma += weight * e.mean.arousal;
  }
};

template <typename Items, typename WeightOf>
VAEstimate mix(const Items& items, WeightOf weight_of) {
  Mixture m;
  for (const auto& it : items) m.add_mean(it.estimate, weight_of(it));
  VAEstimate out;
  if (!(m.w > 0)) return out;
  const double mv = m.mv / m.w, ma = m.ma / m.w;
  double vv = 0, aa = 0, va = 0;
  for (const auto& it : items) {
    const double w = weight_of(it) / m.w;
    const double dv = it.estimate.mean.valence - mv, da = it.estimate.mean.arousal - ma;
    vv += w * (it.estimate.var_valence + dv * dv);
    aa += w * (it.estimate.var_arousal + da * da);
    va += w * (it.estimate.cov + dv * da);
  }
  out.mean = {static_cast<float>(mv), static_cast<float>(ma)};
  out.var_valence = static_cast<float>(vv);
  out.var_arousal = static_cast<float>(aa);
  out.cov = static_cast<float>(va);
  return out;
}

bool finite(const VAEstimate& e) {
  return std::isfinite(e.mean.valence) && std::isfinite(e.mean.arousal) && std::isfinite(e.var_valence) &&
         std::isfinite(e.var_arousal) && std::isfinite(e.cov) && e.var_valence >= 0 && e.var_arousal >= 0;
}

// A weighted mean of probability vectors.
struct ProbsAverage {
  std::array<double, kEmotionCount> sum{};
  double w = 0;
  void add(const EmotionProbs& p, double weight) {
    for (std::size_t i = 0; i < kEmotionCount; ++i) sum[i] += weight * p[i];
    w += weight;
  }
  bool result(EmotionProbs& out) const {
    if (!(w > 0)) return false;
    for (std::size_t i = 0; i < kEmotionCount; ++i) out[i] = static_cast<float>(sum[i] / w);
    return true;
  }
};

// Readings with zero confidence still count a little inside their own modality, so a stream of
// uncertain readings is averaged rather than ignored; across modalities confidence is used as is.
constexpr double kMinReadingWeight = 1e-3;

}  // namespace

std::string FusedMood::status() const {
  if (!face.present && !voice.present) return "no face or voice yet";
  if (!voice.present) return "face only";
  if (!face.present) return "voice only";
  return disagree ? "face and voice disagree" : "face and voice agree";
}

float confidence_from_probs(const EmotionProbs& probs) {
  double sum = 0;
  float top = 0;
  for (float p : probs) {
    if (!std::isfinite(p) || p < 0) return 0.0f;
    sum += p;
    top = std::max(top, p);
  }
  if (!(sum > 0)) return 0.0f;
  const double floor = 1.0 / kEmotionCount;
  return static_cast<float>(std::clamp((top / sum - floor) / (1.0 - floor), 0.0, 1.0));
}

MoodFusion::MoodFusion(FusionConfig config) : config_(config) {}

double MoodFusion::freshness(double age_s) const {
  if (config_.freshness_half_life_s <= 0) return 1.0;
  return std::exp2(-std::max(0.0, age_s) / config_.freshness_half_life_s);
}

bool MoodFusion::observe(Modality m, const VAEstimate& estimate, float confidence, double time_s) {
  return record(m, {estimate, confidence, time_s});
}

bool MoodFusion::record(Modality m, const Reading& reading) {
  if (!finite(reading.estimate) || !std::isfinite(reading.time_s) ||
      !(reading.confidence >= 0.0f && reading.confidence <= 1.0f))
    return false;
  const double time_s = reading.time_s;
  auto& q = readings_[static_cast<int>(m)];
  if (!q.empty() && time_s < q.back().time_s) return false;
  q.push_back(reading);
  q.back().estimate.mean = clamp_va(reading.estimate.mean);
  // Keep what the window and the stale limit can still use; the newest reading always stays.
  const double keep = std::max(config_.smoothing_window_s, 0.0);
  while (q.size() > 1 && (time_s - q.front().time_s > keep || q.size() > config_.max_readings)) q.pop_front();
  return true;
}

bool MoodFusion::observe_probs(Modality m, const EmotionProbs& probs, double time_s) {
  const auto est = estimate_va(probs);
  if (!est) return false;
  Reading reading{*est, confidence_from_probs(probs), time_s, true, probs};
  // Normalised here so that the smoothed and fused vectors sum to 1 whatever the model emitted.
  float sum = 0;
  for (float p : probs) sum += p;
  for (float& p : reading.probs) p /= sum;
  return record(m, reading);
}

ModalityStatus MoodFusion::summarise(const std::deque<Reading>& readings, double now_s) const {
  ModalityStatus s;
  if (readings.empty()) return s;
  const Reading& latest = readings.back();
  s.age_s = std::max(0.0, now_s - latest.time_s);
  s.confidence = latest.confidence;
  if (s.age_s > config_.stale_after_s) return s;
  s.present = true;

  struct Weighted {
    VAEstimate estimate;
    double w;
  };
  std::vector<Weighted> window;
  ProbsAverage probs;
  for (const Reading& r : readings) {
    const double age = now_s - r.time_s;
    if (age > config_.smoothing_window_s && &r != &latest) continue;
    const double w = std::max<double>(r.confidence, kMinReadingWeight) * freshness(age);
    window.push_back({r.estimate, w});
    if (r.has_probs) probs.add(r.probs, w);
  }
  s.estimate = mix(window, [](const Weighted& x) { return x.w; });
  s.has_probs = probs.result(s.probs);
  return s;
}

FusedMood MoodFusion::update(double now_s) {
  FusedMood out;
  if (!std::isfinite(now_s)) return out;
  out.face = summarise(readings_[0], now_s);
  out.voice = summarise(readings_[1], now_s);

  struct Part {
    VAEstimate estimate;
    double w;
  };
  std::vector<Part> parts;
  double wf = 0, wv = 0;
  if (out.face.present) wf = std::max<double>(out.face.confidence, kMinReadingWeight) * freshness(out.face.age_s);
  if (out.voice.present) wv = std::max<double>(out.voice.confidence, kMinReadingWeight) * freshness(out.voice.age_s);
  if (out.face.present) parts.push_back({out.face.estimate, wf});
  if (out.voice.present) parts.push_back({out.voice.estimate, wv});
  if (parts.empty()) return out;

  out.available = true;
  out.estimate = mix(parts, [](const Part& p) { return p.w; });
  out.face.weight = static_cast<float>(wf / (wf + wv));
  out.voice.weight = static_cast<float>(wv / (wf + wv));
  ProbsAverage probs;
  if (out.face.present && out.face.has_probs) probs.add(out.face.probs, wf);
  if (out.voice.present && out.voice.has_probs) probs.add(out.voice.probs, wv);
  out.has_probs = probs.result(out.probs);
  if (out.has_probs) out.confidence = confidence_from_probs(out.probs);
  if (out.face.present && out.voice.present) {
    out.disagreement = distance(out.face.estimate.mean, out.voice.estimate.mean);
    out.disagree = out.disagreement > config_.disagreement_threshold;
  }
  return out;
}

void MoodFusion::reset() {
  for (auto& q : readings_) q.clear();
}

}  // namespace attune
