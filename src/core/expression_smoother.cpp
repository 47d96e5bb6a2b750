#include "core/expression_smoother.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace attune {

namespace {

constexpr float kCropSidePx = 48.0f;         // the model's input: a smaller face is upsampled into it
constexpr float kTrackedCropQuality = 0.8f;  // landmarks up to a frame old: a slightly worse cut

}  // namespace

float crop_quality(float detection_score, float face_width_px, bool detected_in_this_frame) {
  const float score = std::clamp(detection_score, 0.05f, 1.0f);
  const float size = std::clamp(face_width_px / kCropSidePx, 0.25f, 1.0f);
  return score * size * (detected_in_this_frame ? 1.0f : kTrackedCropQuality);
}

ExpressionSmoother::ExpressionSmoother(ExpressionSmoothingConfig config) : config_(config) {}

void ExpressionSmoother::reset() {
  crops_.clear();
  current_.reset();
  outvoted_since_s_.reset();
}

bool ExpressionSmoother::add(const EmotionProbs& probs, float quality, double time_s) {
  if (!is_probability_vector(probs) || !(quality > 0.0f && quality <= 1.0f) || !std::isfinite(time_s)) return false;
  if (!crops_.empty() && time_s < crops_.back().time_s) return false;

  if (!crops_.empty() && argmax(probs) != argmax(crops_.back().probs)) ++raw_label_changes_;
  crops_.push_back({probs, quality, time_s});
  while (crops_.size() > config_.max_crops || time_s - crops_.front().time_s > config_.window_s) crops_.pop_front();

  SmoothedExpression next;
  double total = 0;
  std::array<double, kEmotionCount> sum{};
  for (const auto& crop : crops_) {
    const double weight = crop.quality * std::exp2(-(time_s - crop.time_s) / config_.half_life_s);
    total += weight;
    for (std::size_t i = 0; i < kEmotionCount; ++i) sum[i] += weight * crop.probs[i];
  }
  for (std::size_t i = 0; i < kEmotionCount; ++i) next.probs[i] = static_cast<float>(sum[i] / total);
  next.crops = crops_.size();

  const Emotion top = argmax(next.probs);
  if (!current_) {
    next.label = top;
    label_since_s_ = time_s;
  } else {
    const Emotion shown = current_->label;
    const float top_p = next.probs[static_cast<int>(top)], shown_p = next.probs[static_cast<int>(shown)];
    // A face whose best reading is weak (a flat distribution, top 0.3) can never lead by the margin;
    // it still outvotes a shown label that has become switch_ratio times less likely, so that the
    // last face's expression does not stay up for good.
    const bool outvoted = top != shown && (top_p - shown_p > config_.switch_margin || shown_p * config_.switch_ratio < top_p);
    if (!outvoted) {
      outvoted_since_s_.reset();
    } else if (!outvoted_since_s_) {
      outvoted_since_s_ = time_s;
    }
    const bool switching = outvoted_since_s_ && time_s - *outvoted_since_s_ >= config_.confirm_s;
    next.label = switching ? top : shown;
    if (switching) outvoted_since_s_.reset();
    if (next.label != shown) {
      ++label_changes_;
      label_since_s_ = time_s;
    }
  }
  current_ = next;
  return true;
}

}  // namespace attune
