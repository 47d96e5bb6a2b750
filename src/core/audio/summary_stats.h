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
// Least-squares slope of y against x (same length); 0 with fewer than 2 points or no spread in x.
float slope(const std::vector<float>& x, const std::vector<float>& y);

}  // namespace attune::audio
