// Where the seven emotion labels sit on the valence-arousal plane, and how a probability vector over
// them becomes a point with an uncertainty.
//
// Coordinates are centred: valence -1 (negative) .. +1 (positive), arousal -1 (calm) .. +1 (excited).
// The table comes from human ratings of the label words themselves (NRC VAD Lexicon, see emotion.cpp).
#pragma once

#include <array>
#include <optional>
#include <string>

#include "core/emotion_labels.h"

namespace attune {

struct VA {
  float valence = 0.0f;
  float arousal = 0.0f;
};

float distance(VA a, VA b);  // Euclidean, on centred coordinates
VA clamp_va(VA p);           // both coordinates into [-1, 1]

// A point with the spread of the distribution it summarises: the probability-weighted covariance of
// the label coordinates around the mean. A confident "happy" has a tiny spread; a model torn between
// "happy" and "sad" gets a mean near the middle and a large valence variance, so callers can tell
// "neutral" apart from "unsure".
struct VAEstimate {
  VA mean;
  float var_valence = 0.0f;
  float var_arousal = 0.0f;
  float cov = 0.0f;  // valence-arousal covariance

  // Root of the total variance (trace of the covariance), in VA units: 0 = certain.
  float spread() const;
};

// The published coordinates of one label, centred (see emotion.cpp for the source and rescaling).
VA emotion_va(Emotion e);
const std::array<VA, kEmotionCount>& emotion_va_table();

// Probabilities (any non-negative weights; they are normalised) -> mean and covariance.
// Returns nullopt when the vector holds a NaN, an infinity, a negative value or sums to zero.
std::optional<VAEstimate> estimate_va(const EmotionProbs& probs);

// Short words for a point, e.g. "calm, slightly positive". Used in the UI and in explanations.
std::string describe_va(VA p);

}  // namespace attune
