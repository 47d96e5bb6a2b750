#include "core/audio/noisy_room.h"

#include <gtest/gtest.h>

using attune::audio::NoisyRoomFlag;

TEST(AudioNoisyRoom, OnBelowTheLineOffOnlyWellAboveIt) {
  NoisyRoomFlag flag;
  EXPECT_FALSE(flag.on());
  flag.update(50.0f);  // a quiet room
  EXPECT_FALSE(flag.on());
  flag.update(14.5f);  // a television's worth of noise
  EXPECT_TRUE(flag.on());
  flag.update(16.0f);  // a window a little above the line: no blinking
  EXPECT_TRUE(flag.on());
  flag.update(NoisyRoomFlag::kOffFromDb);
  EXPECT_FALSE(flag.on());
  flag.update(16.0f);  // between the lines, from above: stays off
  EXPECT_FALSE(flag.on());
  flag.update(5.0f);
  flag.reset();
  EXPECT_FALSE(flag.on());
}
