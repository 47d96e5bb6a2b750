// Summary statistics over selected values (mean, standard deviation, percentiles), used to turn
// per-frame features into utterance-level functionals.
#pragma once

#include <vector>

namespace attune::audio {

struct Summary {
  float mean = 0.0f;
  float std = 0.0f;  // population standard deviation
};

Summary summarize(const std::vector<float>& values);
// Percentile with linear interpolation between order statistics (numpy's default); 0 when empty.
float percentile(std::vector<float> values, float p);

}  // namespace attune::audio
