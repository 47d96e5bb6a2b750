// The seven emotion probabilities of one source (face, voice or fused) as labelled bars.
#pragma once

#include "core/emotion_labels.h"

namespace attune::ui {

// `title` heads the block; when `available` is false, `why_not` is shown instead of bars.
void draw_emotion_bars(const char* title, const EmotionProbs& probs, bool available, const char* why_not);

}  // namespace attune::ui
