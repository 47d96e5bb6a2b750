#include "core/vision/crop_averager.h"
#include "core/vision/crop_shift.h"

#include <gtest/gtest.h>

#include <cmath>
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

namespace {

// A smooth 48x48 test face: two blobs and a ramp, moved by (dx, dy) pixels (value at p is pattern(p - d)).
std::vector<float> pattern_crop(float dx, float dy) {
  std::vector<float> crop(48 * 48);
  for (int y = 0; y < 48; ++y)
    for (int x = 0; x < 48; ++x) {
      const float u = x - dx, v = y - dy;
      const float a = std::exp(-((u - 17) * (u - 17) + (v - 20) * (v - 20)) / 30.0f);
      const float b = std::exp(-((u - 31) * (u - 31) + (v - 28) * (v - 28)) / 45.0f);
      crop[static_cast<std::size_t>(y) * 48 + x] = 0.2f + 0.5f * a + 0.4f * b + 0.004f * u;
    }
  return crop;
}

// Sum of absolute differences over the crop's centre (the edges of a shifted crop repeat).
double centre_difference(const std::vector<float>& a, const std::vector<float>& b) {
  double sum = 0;
  for (int y = 6; y < 42; ++y)
    for (int x = 6; x < 42; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * 48 + x;
      sum += std::abs(a[i] - b[i]);
    }
  return sum;
}

}  // namespace

TEST(VisionCropShift, FindsASubpixelShiftAndUndoesIt) {
  const auto reference = pattern_crop(0.0f, 0.0f);
  const auto moved = pattern_crop(0.8f, -0.6f);  // the pattern moved by (0.8, -0.6): it lies on the reference at p - (0.8, -0.6)
  const auto shift = attune::vision::estimate_crop_shift(moved, reference);
  EXPECT_NEAR(shift.dx, -0.8f, 0.1f);
  EXPECT_NEAR(shift.dy, 0.6f, 0.1f);
  std::vector<float> back;
  attune::vision::shift_crop(moved, shift, back);
  EXPECT_LT(centre_difference(back, reference), centre_difference(moved, reference) / 5)
      << "the crop laid back on the reference";
}

TEST(VisionCropShift, AFlatOrMismatchedReferenceGivesNoShift) {
  const std::vector<float> flat(48 * 48, 0.5f);
  const auto none = attune::vision::estimate_crop_shift(pattern_crop(1, 1), flat);
  EXPECT_EQ(none.dx, 0.0f);
  EXPECT_EQ(none.dy, 0.0f);
  const auto other_size = attune::vision::estimate_crop_shift(pattern_crop(1, 1), std::vector<float>(40 * 40, 0.5f));
  EXPECT_EQ(other_size.dx, 0.0f);
}

TEST(VisionCropAverager, ARegisteredCropIsLaidOnTheAverageBeforeBlending) {
  CropAverager plain, registered;
  plain.add(pattern_crop(0, 0), 0.5f);
  registered.add(pattern_crop(0, 0), 0.5f, true);
  const auto& blurred = plain.add(pattern_crop(1.0f, 0.5f), 0.5f);
  const auto& sharp = registered.add(pattern_crop(1.0f, 0.5f), 0.5f, true);
  const auto reference = pattern_crop(0, 0);
  EXPECT_LT(centre_difference(sharp, reference), centre_difference(blurred, reference) / 3);
}
