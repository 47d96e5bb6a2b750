#include "core/audio/file_windows.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

using namespace attune::audio;

TEST(AudioFileWindows, CutsRecordingsLikeTheTrainingData) {
  using V = std::vector<std::size_t>;
  EXPECT_EQ(analysis_window_starts(20000, 48000, 16000), V({0}));           // short: one padded window
  EXPECT_EQ(analysis_window_starts(48000, 48000, 16000), V({0}));           // exactly one window
  EXPECT_EQ(analysis_window_starts(56000, 48000, 16000), V({0, 8000}));     // 3.5 s: tail window
  EXPECT_EQ(analysis_window_starts(52000, 48000, 16000), V({0}));           // 0.25 s left: < hop/2, dropped
  EXPECT_EQ(analysis_window_starts(64000, 48000, 16000), V({0, 16000}));    // 4 s: hop lands on the end
  EXPECT_EQ(analysis_window_starts(73000, 48000, 16000), V({0, 16000, 25000}));
}

TEST(AudioFileWindows, AveragesSpeechWindowsOnlyUnlessThereAreNone) {
  std::vector<std::array<float, 2>> probs = {{1.0f, 0.0f}, {0.0f, 1.0f}, {0.5f, 0.5f}};
  std::array<float, 2> out{};
  ASSERT_TRUE(average_window_probs(probs, {false, true, true}, out));
  EXPECT_FLOAT_EQ(out[0], 0.25f);
  ASSERT_TRUE(average_window_probs(probs, {false, false, false}, out));
  EXPECT_FLOAT_EQ(out[0], 0.5f);
  EXPECT_FALSE(average_window_probs(std::vector<std::array<float, 2>>{}, {}, out));
}
