#include "core/vision/dim_face_flag.h"

#include <gtest/gtest.h>

#include "core/vision/exposure.h"

using attune::vision::DimFaceFlag;
using attune::vision::ExposureCorrection;

TEST(VisionDimFaceFlag, OnForASmallFaceInADarkFrameOnly) {
  DimFaceFlag flag;
  EXPECT_FALSE(flag.on());
  flag.update(0.0f, 50.0f);  // a small face in ordinary light
  EXPECT_FALSE(flag.on());
  flag.update(1.0f, 110.0f);  // a close face in a dark room
  EXPECT_FALSE(flag.on());
  flag.update(1.0f, 50.0f);  // a small face in a dark room
  EXPECT_TRUE(flag.on());
}

TEST(VisionDimFaceFlag, HysteresisOnWidthAndLight) {
  DimFaceFlag flag;
  flag.update(1.0f, 60.0f);
  ASSERT_TRUE(flag.on());
  flag.update(1.0f, 80.0f);  // between the width lines: no blinking
  EXPECT_TRUE(flag.on());
  flag.update(0.6f, 60.0f);  // between the light lines
  EXPECT_TRUE(flag.on());
  flag.update(1.0f, DimFaceFlag::kOffFromWidth);  // came closer
  EXPECT_FALSE(flag.on());
  flag.update(1.0f, 80.0f);  // between the lines, from outside: stays off
  EXPECT_FALSE(flag.on());
  flag.update(1.0f, 60.0f);
  ASSERT_TRUE(flag.on());
  flag.update(0.4f, 60.0f);  // the light came on
  EXPECT_FALSE(flag.on());
  flag.update(1.0f, 60.0f);
  flag.reset();
  EXPECT_FALSE(flag.on());
}

TEST(VisionDimFaceFlag, TheLiftShareOfAGammaIsTheExposureCorrections) {
  // The app reads the lift share from a frame's gamma (FaceFrameResult::exposure_gamma).
  EXPECT_FLOAT_EQ(ExposureCorrection::lift_share_for_gamma(1.0f), 0.0f);
  EXPECT_FLOAT_EQ(ExposureCorrection::lift_share_for_gamma(ExposureCorrection::kFullLiftGamma), 1.0f);
  EXPECT_FLOAT_EQ(ExposureCorrection::lift_share_for_gamma(ExposureCorrection::kMinGamma), 1.0f);
  EXPECT_NEAR(ExposureCorrection::lift_share_for_gamma(0.85f), 0.5f, 1e-5f);
  // A frame whose mean level needs the full lift (the bench's dim light) turns the note on.
  EXPECT_GE(ExposureCorrection::lift_share_for_gamma(ExposureCorrection::gamma_for_mean(0.17f)), DimFaceFlag::kOnFromLift);
}
