// Time-domain frame features: RMS energy (and dBFS), zero-crossing rate, and frame-wise shimmer.
#pragma once

#include <cstddef>
#include <vector>

namespace attune::audio {

float rms(const float* frame, std::size_t count);
// 20 log10(max(rms, floor)); floor 1e-5 = -100 dBFS.
float rms_db(const float* frame, std::size_t count, float floor = 1e-5f);
// Fraction of adjacent sample pairs whose signs differ (a zero counts as positive).
float zero_crossing_rate(const float* frame, std::size_t count);

// Local shimmer approximated frame-wise: mean |A_i - A_{i-1}| over consecutive frames that are
// both voiced, divided by the mean amplitude of those frames (A = frame RMS). 0 when < 2 pairs.
float frame_shimmer(const std::vector<float>& amplitudes, const std::vector<bool>& voiced);

}  // namespace attune::audio
