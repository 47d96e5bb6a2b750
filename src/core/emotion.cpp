#include "core/emotion.h"

#include <algorithm>
#include <cmath>

namespace attune {

namespace {

// Source: Saif M. Mohammad (2018), "Obtaining Reliable Human Ratings of Valence, Arousal, and
// Dominance for 20,000 English Words", Proceedings of ACL 2018, Melbourne. NRC VAD Lexicon v1
// (file NRC-VAD-Lexicon.txt, distributed as NRC-VAD-Lexicon-Aug2018Release). Ratings were obtained
// with best-worst scaling and are published on a 0..1 scale (0 = most negative / calmest,
// 1 = most positive / most excited).
//
// Entries used, one per label, the exact word FER2013 names the class with:
//   word      valence arousal   (dominance, unused)
//   angry      0.122   0.830    (0.604)
//   disgust    0.052   0.775    (0.317)
//   fear       0.073   0.840    (0.293)
//   happy      1.000   0.735    (0.772)
//   sad        0.225   0.333    (0.149)
//   surprise   0.875   0.875    (0.562)
//   neutral    0.469   0.184    (0.357)
// Rescaled to [-1, 1] as x' = 2x - 1 (the midpoint 0.5 becomes 0). The table below holds the
// rescaled values, computed from the ratings above by the constexpr helper so the two cannot drift.
//
// Notes: these are ratings of the words, not of faces or voices. They place "surprise" firmly
// positive and "neutral" clearly calm (low arousal); both follow the lexicon, and both match how
// people describe these words. The prototype's map.csv (film-music ratings) is deliberately not used.
constexpr float centre(float rating01) { return 2.0f * rating01 - 1.0f; }

constexpr std::array<VA, kEmotionCount> kTable = {{
    {centre(0.122f), centre(0.830f)},  // angry
    {centre(0.052f), centre(0.775f)},  // disgust
    {centre(0.073f), centre(0.840f)},  // fear
    {centre(1.000f), centre(0.735f)},  // happy
    {centre(0.225f), centre(0.333f)},  // sad
    {centre(0.875f), centre(0.875f)},  // surprise
    {centre(0.469f), centre(0.184f)},  // neutral
}};

const char* valence_word(float v) {
  if (v < -0.5f) return "negative";
  if (v < -0.15f) return "slightly negative";
  if (v <= 0.15f) return "neutral";
  if (v <= 0.5f) return "slightly positive";
  return "positive";
}

const char* arousal_word(float a) {
  if (a < -0.5f) return "very calm";
  if (a < -0.15f) return "calm";
  if (a <= 0.15f) return "moderate energy";
  if (a <= 0.5f) return "energetic";
  return "very energetic";
}

}  // namespace

float distance(VA a, VA b) {
  const float dv = a.valence - b.valence;
  const float da = a.arousal - b.arousal;
  return std::sqrt(dv * dv + da * da);
}

VA clamp_va(VA p) {
  return {std::clamp(p.valence, -1.0f, 1.0f), std::clamp(p.arousal, -1.0f, 1.0f)};
}

float VAEstimate::spread() const { return std::sqrt(std::max(0.0f, var_valence + var_arousal)); }

VA emotion_va(Emotion e) { return kTable[static_cast<std::size_t>(e)]; }

const std::array<VA, kEmotionCount>& emotion_va_table() { return kTable; }

std::optional<VAEstimate> estimate_va(const EmotionProbs& probs) {
  double sum = 0.0;
  for (float p : probs) {
    if (!std::isfinite(p) || p < 0.0f) return std::nullopt;
    sum += p;
  }
  if (!(sum > 0.0)) return std::nullopt;

  double mv = 0.0, ma = 0.0;
  for (std::size_t i = 0; i < kEmotionCount; ++i) {
    const double w = probs[i] / sum;
    mv += w * kTable[i].valence;
    ma += w * kTable[i].arousal;
  }
  double vv = 0.0, aa = 0.0, va = 0.0;
  for (std::size_t i = 0; i < kEmotionCount; ++i) {
    const double w = probs[i] / sum;
    const double dv = kTable[i].valence - mv;
    const double da = kTable[i].arousal - ma;
    vv += w * dv * dv;
    aa += w * da * da;
    va += w * dv * da;
  }
  VAEstimate e;
  e.mean = {static_cast<float>(mv), static_cast<float>(ma)};
  e.var_valence = static_cast<float>(vv);
  e.var_arousal = static_cast<float>(aa);
  e.cov = static_cast<float>(va);
  return e;
}

std::string describe_va(VA p) {
  return std::string(arousal_word(p.arousal)) + ", " + valence_word(p.valence);
}

}  // namespace attune
