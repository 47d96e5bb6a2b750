// The seven emotion probabilities of one source (face, voice or fused) as labelled bars.
#pragma once

#include <optional>

#include "core/emotion_labels.h"

namespace attune::ui {

// `title` heads the block with `label` (the source's reading: the top of `probs`, or the face's label
// held against near ties) and the confidence (0 for a uniform vector, 1 for a certain one, as fusion
// weighs it); `detail`, when not empty, is a grey line under it. Without a label, `why_not` is shown
// instead of bars.
void draw_emotion_bars(const char* title, const EmotionProbs& probs, std::optional<Emotion> label, const char* why_not,
                       const char* detail = "");

}  // namespace attune::ui
