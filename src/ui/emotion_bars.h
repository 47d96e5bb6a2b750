// The seven emotion probabilities of one source (face, voice or fused) as labelled bars.
#pragma once

#include "core/emotion_labels.h"

namespace attune::ui {

// `title` heads the block with the top label and the confidence (0 for a uniform vector, 1 for a
// certain one, as fusion weighs it); `detail`, when not empty, is a grey line under it. When
// `available` is false, `why_not` is shown instead of bars.
void draw_emotion_bars(const char* title, const EmotionProbs& probs, bool available, const char* why_not,
                       const char* detail = "");

}  // namespace attune::ui
