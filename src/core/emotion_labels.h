// The seven emotion labels every Attune model speaks, in FER2013's numeric order.
// Models output probabilities in exactly this order; model cards list it too.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string_view>

namespace attune {

enum class Emotion : int { Angry = 0, Disgust, Fear, Happy, Sad, Surprise, Neutral };

inline constexpr std::size_t kEmotionCount = 7;

// Lower-case names, as printed by the command-line tools and shown in the UI state.
inline constexpr std::array<std::string_view, kEmotionCount> kEmotionNames = {
    "angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"};

using EmotionProbs = std::array<float, kEmotionCount>;

inline constexpr std::string_view emotion_name(Emotion e) { return kEmotionNames[static_cast<int>(e)]; }

inline std::optional<Emotion> emotion_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kEmotionCount; ++i)
    if (kEmotionNames[i] == name) return static_cast<Emotion>(i);
  return std::nullopt;
}

// Index of the most probable label.
inline Emotion argmax(const EmotionProbs& p) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < kEmotionCount; ++i)
    if (p[i] > p[best]) best = i;
  return static_cast<Emotion>(best);
}

// Whether p is a probability vector: every value in [0, 1] (a hair over 1 allowed for rounding) and
// the sum 1 within 1e-3. NaN fails.
inline bool is_probability_vector(const EmotionProbs& p) {
  float sum = 0;
  for (float v : p) {
    if (!(v >= 0.0f && v <= 1.0001f)) return false;
    sum += v;
  }
  return std::fabs(sum - 1.0f) <= 1e-3f;
}

}  // namespace attune
