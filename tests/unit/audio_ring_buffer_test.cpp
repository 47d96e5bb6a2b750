#include "core/audio/ring_buffer.h"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

using attune::audio::BlockRingBuffer;

TEST(AudioRingBuffer, ReturnsLatestSamplesOldestFirstAcrossWrapAround) {
  BlockRingBuffer ring(10);
  std::vector<float> block(4);
  for (int b = 0; b < 5; ++b) {  // pushes 0..19 in blocks of 4, wrapping twice
    std::iota(block.begin(), block.end(), static_cast<float>(b * 4));
    ring.push(block.data(), block.size());
  }
  EXPECT_EQ(ring.size(), 10u);
  EXPECT_EQ(ring.total_pushed(), 20u);
  std::vector<float> out(7);
  ASSERT_TRUE(ring.latest(7, out.data()));
  for (int i = 0; i < 7; ++i) EXPECT_FLOAT_EQ(out[i], 13.0f + i);
}

TEST(AudioRingBuffer, RefusesToReadMoreThanItHolds) {
  BlockRingBuffer ring(8);
  const float x[3] = {1, 2, 3};
  ring.push(x, 3);
  std::vector<float> out(4, -1.0f);
  EXPECT_FALSE(ring.latest(4, out.data()));
  EXPECT_FLOAT_EQ(out[0], -1.0f);
  ASSERT_TRUE(ring.latest(3, out.data()));
  EXPECT_FLOAT_EQ(out[2], 3.0f);
}

TEST(AudioRingBuffer, BlockLargerThanCapacityKeepsItsTail) {
  BlockRingBuffer ring(5);
  std::vector<float> big(12);
  std::iota(big.begin(), big.end(), 0.0f);
  ring.push(big.data(), big.size());
  std::vector<float> out(5);
  ASSERT_TRUE(ring.latest(5, out.data()));
  EXPECT_FLOAT_EQ(out[0], 7.0f);
  EXPECT_FLOAT_EQ(out[4], 11.0f);
  ring.clear();
  EXPECT_EQ(ring.size(), 0u);
}
