// Label-shift (prior) correction of a model's class probabilities: each class's probability times
// e^offset_c, renormalised (offsets on the log scale). The per-person calibration uses it with offsets
// from a person's neutral baseline; the voice stage with one fixed vector for everybody.
#pragma once

#include "core/emotion_labels.h"

namespace attune {

// `probs` must be non-negative with a positive, finite sum (it is normalised first); otherwise it is
// returned unchanged and the caller's validation rejects it as before.
EmotionProbs shift_classes(const EmotionProbs& probs, const EmotionProbs& log_offsets);

// The voice ensemble's fixed prior offsets, fitted on its cross-validated (held-out actors) output so that
// the class it under-reads (sad, against neutral and calm) is read more often (lowest class recall 62-66%
// instead of 52-58% on three draws, for at most 0.8 points of accuracy on clean speech; more in noise):
// training/voice/prior_offsets.py, values from training/voice/prior_offsets.json
// (a unit test checks they agree), figures in models/voice_emotion.json ("app_prior_offsets").
inline constexpr EmotionProbs kVoicePriorOffsets = {-0.10f, -0.35f, -0.30f, -0.15f, 0.05f, -0.40f, -0.25f};

}  // namespace attune
