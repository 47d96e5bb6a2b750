#include "core/audio/ring_buffer.h"

#include <algorithm>

namespace attune::audio {

BlockRingBuffer::BlockRingBuffer(std::size_t capacity) : data_(capacity == 0 ? 1 : capacity, 0.0f) {}

void BlockRingBuffer::push(const float* samples, std::size_t count) {
  total_ += count;
  const std::size_t cap = data_.size();
  if (count >= cap) {  // only the tail of a huge block survives
    std::copy(samples + (count - cap), samples + count, data_.begin());
    write_ = 0;
    size_ = cap;
    return;
  }
  const std::size_t first = std::min(count, cap - write_);
  std::copy(samples, samples + first, data_.begin() + static_cast<std::ptrdiff_t>(write_));
  std::copy(samples + first, samples + count, data_.begin());
  write_ = (write_ + count) % cap;
  size_ = std::min(cap, size_ + count);
}

void BlockRingBuffer::clear() {
  write_ = 0;
  size_ = 0;
  total_ = 0;
}

bool BlockRingBuffer::latest(std::size_t count, float* out) const {
  if (count > size_) return false;
  const std::size_t cap = data_.size();
  const std::size_t start = (write_ + cap - count) % cap;
  const std::size_t first = std::min(count, cap - start);
  std::copy(data_.begin() + static_cast<std::ptrdiff_t>(start),
            data_.begin() + static_cast<std::ptrdiff_t>(start + first), out);
  std::copy(data_.begin(), data_.begin() + static_cast<std::ptrdiff_t>(count - first), out + first);
  return true;
}

}  // namespace attune::audio
