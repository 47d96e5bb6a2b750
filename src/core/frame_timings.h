// The last N durations of a repeated piece of work (the app's frame: UI, pipelines and drawing
// submitted), summarised as median and 90th percentile for window.attuneState and the benchmarks.
#pragma once

#include <cstddef>
#include <vector>

namespace attune {

class FrameTimings {
 public:
  explicit FrameTimings(std::size_t capacity = 120) : capacity_(capacity > 0 ? capacity : 1) {}

  void add(double ms);
  std::size_t count() const { return values_.size(); }
  // Over the last `capacity` durations; 0 before the first.
  double median() const { return quantile(0.5); }
  double p90() const { return quantile(0.9); }

 private:
  double quantile(double q) const;  // nearest rank

  std::size_t capacity_;
  std::size_t next_ = 0;  // where the next duration goes once the ring is full
  std::vector<float> values_;  // float: milliseconds need no more
};

}  // namespace attune
