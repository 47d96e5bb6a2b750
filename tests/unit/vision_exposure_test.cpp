#include "core/vision/exposure.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

using attune::vision::ExposureCorrection;
using attune::vision::RgbaView;

namespace {

std::vector<std::uint8_t> frame_of_level(int w, int h, int level) {
  std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h * 4);
  for (std::size_t i = 0; i < px.size(); i += 4) {
    const int v = level + static_cast<int>(i / 4 % 7) - 3;  // a little texture around the level
    px[i] = px[i + 1] = px[i + 2] = static_cast<std::uint8_t>(v);
    px[i + 3] = 200;
  }
  return px;
}

double mean_gray(const RgbaView& v) {
  double sum = 0;
  for (int y = 0; y < v.height; ++y)
    for (int x = 0; x < v.width; ++x) sum += v.row(y)[x * 4 + 1];
  return sum / (v.width * v.height);
}

}  // namespace

TEST(Exposure, ABrightEnoughFrameIsLeftExactlyAsItIs) {
  auto px = frame_of_level(64, 48, 140);
  const RgbaView frame{px.data(), 64, 48, 0};
  ExposureCorrection exposure;
  const RgbaView out = exposure.apply(frame);
  EXPECT_EQ(out.pixels, frame.pixels) << "no copy";
  EXPECT_FLOAT_EQ(exposure.gamma(), 1.0f);
}

TEST(Exposure, ADarkFrameIsLiftedToTheTargetMeanAndKeepsAlpha) {
  auto px = frame_of_level(64, 48, 30);
  const RgbaView frame{px.data(), 64, 48, 0};
  ExposureCorrection exposure;
  const RgbaView out = exposure.apply(frame);
  ASSERT_NE(out.pixels, frame.pixels);
  EXPECT_LT(exposure.gamma(), 1.0f);
  // The curve maps the mean level to the target; the brightened mean lands near it (the curve is not linear).
  EXPECT_NEAR(mean_gray(out) / 255.0, ExposureCorrection::kTargetMean, 0.04);
  EXPECT_EQ(out.row(5)[7 * 4 + 3], 200);
  EXPECT_EQ(px[0], 27) << "the camera's pixels are not touched";
}

TEST(Exposure, TheLiftChangesContinuouslyWithTheMean) {
  EXPECT_FLOAT_EQ(ExposureCorrection::gamma_for_mean(0.9f), 1.0f);
  EXPECT_FLOAT_EQ(ExposureCorrection::gamma_for_mean(ExposureCorrection::kTargetMean), 1.0f);
  EXPECT_NEAR(ExposureCorrection::gamma_for_mean(ExposureCorrection::kTargetMean - 1e-4f), 1.0f, 1e-3f);
  EXPECT_GT(ExposureCorrection::gamma_for_mean(0.3f), ExposureCorrection::gamma_for_mean(0.2f));
  EXPECT_FLOAT_EQ(ExposureCorrection::gamma_for_mean(0.0f), ExposureCorrection::kMinGamma);
  EXPECT_FLOAT_EQ(ExposureCorrection::gamma_for_mean(0.001f), ExposureCorrection::kMinGamma) << "noise is not lifted without bound";
}

// The detector's copy of a dark frame has its (lifted) noise smoothed; a bright frame's is the frame.
TEST(Exposure, TheDetectorGetsADarkFrameWithItsNoiseSmoothed) {
  auto bright = frame_of_level(64, 48, 140);
  ExposureCorrection exposure;
  const RgbaView frame{bright.data(), 64, 48, 0};
  exposure.apply(frame);
  EXPECT_EQ(exposure.for_detector().pixels, frame.pixels);

  auto dark = frame_of_level(64, 48, 20);  // the +-3 texture stands for noise
  const RgbaView corrected = exposure.apply(RgbaView{dark.data(), 64, 48, 0});
  const RgbaView smoothed = exposure.for_detector();
  ASSERT_NE(smoothed.pixels, corrected.pixels);
  auto spread = [](const RgbaView& v) {
    int lo = 255, hi = 0;
    for (int x = 1; x < v.width - 1; ++x) {
      lo = std::min<int>(lo, v.row(10)[x * 4]);
      hi = std::max<int>(hi, v.row(10)[x * 4]);
    }
    return hi - lo;
  };
  EXPECT_LT(spread(smoothed), spread(corrected));
  EXPECT_NEAR(mean_gray(smoothed), mean_gray(corrected), 1.5) << "smoothing keeps the level";
}

// The share of the dim-light treatment (the detector's smoothing and lower threshold): none for a frame
// left as it is, all of it from gamma kFullLiftGamma down, in between for a frame a little dark.
TEST(Exposure, TheLiftShareGrowsFromNoneToAllAsTheFrameDarkens) {
  ExposureCorrection exposure;
  auto bright = frame_of_level(64, 48, 140), dim = frame_of_level(64, 48, 100), dark = frame_of_level(64, 48, 30);
  exposure.apply(RgbaView{bright.data(), 64, 48, 0});
  EXPECT_FLOAT_EQ(exposure.lift_share(), 0.0f);
  exposure.apply(RgbaView{dim.data(), 64, 48, 0});
  EXPECT_GT(exposure.gamma(), ExposureCorrection::kFullLiftGamma);
  EXPECT_GT(exposure.lift_share(), 0.0f);
  EXPECT_LT(exposure.lift_share(), 1.0f);
  exposure.apply(RgbaView{dark.data(), 64, 48, 0});
  EXPECT_LE(exposure.gamma(), ExposureCorrection::kFullLiftGamma);
  EXPECT_FLOAT_EQ(exposure.lift_share(), 1.0f);
}
