#include "core/vision/crop_averager.h"

#include <gtest/gtest.h>

#include <vector>

using attune::vision::CropAverager;

TEST(VisionCropAverager, TheFirstCropIsTakenWholeThenEachNewOneGetsItsWeight) {
  CropAverager averager;
  EXPECT_TRUE(averager.average().empty());
  EXPECT_EQ(averager.add({0.2f, 0.4f}, 0.5f), (std::vector<float>{0.2f, 0.4f}));
  const auto& mixed = averager.add({0.6f, 0.0f}, 0.5f);
  EXPECT_FLOAT_EQ(mixed[0], 0.4f);
  EXPECT_FLOAT_EQ(mixed[1], 0.2f);
  const auto& quarter = averager.add({0.0f, 1.0f}, 0.25f);
  EXPECT_FLOAT_EQ(quarter[0], 0.3f);
  EXPECT_FLOAT_EQ(quarter[1], 0.4f);
}

TEST(VisionCropAverager, WeightOneAResetOrAnotherSizeStartsAfresh) {
  CropAverager averager;
  averager.add({0.2f, 0.4f}, 0.5f);
  EXPECT_EQ(averager.add({0.9f, 0.1f}, 1.0f), (std::vector<float>{0.9f, 0.1f}));
  EXPECT_EQ(averager.add({0.5f, 0.5f}, 0.0f), (std::vector<float>{0.5f, 0.5f})) << "0: the crop alone, never frozen";
  EXPECT_EQ(averager.add({0.1f, 0.1f, 0.1f}, 0.5f), (std::vector<float>{0.1f, 0.1f, 0.1f}));
  averager.reset();
  EXPECT_EQ(averager.add({0.7f, 0.7f, 0.7f}, 0.5f), (std::vector<float>{0.7f, 0.7f, 0.7f}));
}
