#include "core/label_shift.h"

#include <cmath>

namespace attune {

EmotionProbs shift_classes(const EmotionProbs& probs, const EmotionProbs& log_offsets) {
  double sum = 0;
  for (float x : probs) {
    if (!std::isfinite(x) || x < 0) return probs;
    sum += x;
  }
  if (!(sum > 0) || !std::isfinite(sum)) return probs;
  EmotionProbs out{};
  double shifted = 0;
  for (std::size_t c = 0; c < kEmotionCount; ++c) {
    const float p = static_cast<float>(probs[c] / sum);
    shifted += out[c] = static_cast<float>(p * std::exp(log_offsets[c]));
  }
  for (float& x : out) x = static_cast<float>(x / shifted);
  return out;
}

}  // namespace attune
