// Fixed-capacity ring buffer of mono float samples. The audio callback pushes blocks of any
// size; the analysis copies out the most recent N samples (oldest first). When full, the oldest
// samples are overwritten: live analysis only ever wants the latest window.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace attune::audio {

class BlockRingBuffer {
 public:
  explicit BlockRingBuffer(std::size_t capacity);

  void push(const float* samples, std::size_t count);
  void clear();

  std::size_t capacity() const { return data_.size(); }
  std::size_t size() const { return size_; }
  // Samples pushed since construction or clear(), including overwritten ones.
  std::uint64_t total_pushed() const { return total_; }

  // Copies the latest `count` samples, oldest first, into `out`. Returns false (and copies
  // nothing) when fewer than `count` samples are held.
  bool latest(std::size_t count, float* out) const;

 private:
  std::vector<float> data_;
  std::size_t write_ = 0;  // next index to write
  std::size_t size_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace attune::audio
