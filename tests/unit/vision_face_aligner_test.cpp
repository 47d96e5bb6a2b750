#include "core/vision/face_aligner.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <vector>

#include "core/vision/gray.h"
#include "vision_test_data.h"

using attune::vision::CropTransform;
using attune::vision::FaceAligner;
using attune::vision::FaceFraming;
using attune::vision::Point2f;
using attune::vision::RgbaView;

namespace {

std::array<Point2f, 5> upright_landmarks(float cx, float eye_y, float eye_distance, float eye_to_mouth) {
  const float h = eye_distance / 2;
  return {Point2f{cx - h, eye_y}, Point2f{cx + h, eye_y}, Point2f{cx, eye_y + eye_to_mouth * 0.6f},
          Point2f{cx - h * 0.8f, eye_y + eye_to_mouth}, Point2f{cx + h * 0.8f, eye_y + eye_to_mouth}};
}

std::array<Point2f, 5> rotated(const std::array<Point2f, 5>& lm, Point2f c, float degrees) {
  const float a = degrees * 3.14159265f / 180.0f;
  std::array<Point2f, 5> out;
  for (int i = 0; i < 5; ++i) {
    const float dx = lm[i].x - c.x, dy = lm[i].y - c.y;
    out[i] = {c.x + dx * std::cos(a) - dy * std::sin(a), c.y + dx * std::sin(a) + dy * std::cos(a)};
  }
  return out;
}

}  // namespace

// Train/serve parity: a FER2013 image (already a 48x48 face crop) gives exactly the levels training
// reads (cv2.imread GRAYSCALE), and the tensor is exactly level / 255 as in training/face/train.py.
TEST(VisionFaceAligner, NoDetectCropOfAFerImageEqualsWhatTrainingSaw) {
  VISION_FIXTURES_OR_SKIP();
  FaceAligner aligner;
  for (const char* name : {"fer_0.pgm", "fer_1.pgm", "fer_2.pgm"}) {
    const auto image = vision_test::read_pnm(vision_test::data_path(name));
    ASSERT_EQ(image.width, 48) << name;
    const auto levels = vision_test::read_pgm_levels(vision_test::data_path(name));
    ASSERT_TRUE(aligner.crop_whole_image(image.view()));
    ASSERT_EQ(aligner.gray(), levels) << name;
    for (std::size_t i = 0; i < levels.size(); ++i)
      ASSERT_EQ(aligner.tensor()[i], static_cast<float>(levels[i]) / 255.0f);
  }
}

TEST(VisionFaceAligner, ColourCropMatchesOpenCvGrayWithinOneLevel) {
  VISION_FIXTURES_OR_SKIP();
  const auto color = vision_test::read_pnm(vision_test::data_path("fer_color.ppm"));
  const auto expected = vision_test::read_pgm_levels(vision_test::data_path("fer_color_gray.pgm"));
  FaceAligner aligner;
  ASSERT_TRUE(aligner.crop_whole_image(color.view()));
  int differing = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    ASSERT_LE(std::abs(aligner.gray()[i] - expected[i]), 1) << i;
    differing += aligner.gray()[i] != expected[i];
  }
  EXPECT_LT(differing, 48 * 48 / 10);
  EXPECT_NEAR(attune::vision::luma_bt601(255, 0, 0), 76.245f, 1e-3);
}

TEST(VisionFaceAligner, DownscalingAveragesBlocksAndNonSquareImagesAreCentreCropped) {
  // A synthetic 48x48 pattern (no face needed), 2x nearest-neighbour upscaled with 7 junk rows above
  // and below: the box filter must restore it exactly.
  std::vector<std::uint8_t> levels(48 * 48);
  for (int y = 0; y < 48; ++y)
    for (int x = 0; x < 48; ++x) levels[y * 48 + x] = static_cast<std::uint8_t>((x * 37 + y * 11 + x * y) % 256);
  const int w = 96, h = 96 + 14;
  std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h * 4, 0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint8_t* p = &px[(static_cast<std::size_t>(y) * w + x) * 4];
      const int fy = y - 7;
      const std::uint8_t v = (fy < 0 || fy >= 96) ? static_cast<std::uint8_t>(255 * (x % 2))
                                                  : levels[(fy / 2) * 48 + x / 2];
      p[0] = p[1] = p[2] = v;
      p[3] = 255;
    }
  FaceAligner aligner;
  ASSERT_TRUE(aligner.crop_whole_image(RgbaView{px.data(), w, h, 0}));
  EXPECT_EQ(aligner.gray(), levels);
}

TEST(VisionFaceAligner, FramingPutsTheFaceWhereFerHasIt) {
  const FaceFraming framing;
  // An upright face with eye distance = eye-to-mouth = 35 px: 2 source pixels per output pixel.
  const auto lm = upright_landmarks(200, 100, 35, 35);
  CropTransform t;
  ASSERT_TRUE(attune::vision::framing_transform(lm, framing, &t));
  EXPECT_NEAR(t.scale(), 2.0f, 1e-5);
  // The eye/mouth midpoint lands on the anchor; eyes 8.75 output px either side and above it.
  const Point2f anchor = t.map(framing.anchor_x, framing.anchor_y);
  EXPECT_NEAR(anchor.x, 200.0f, 1e-3);
  EXPECT_NEAR(anchor.y, 117.5f, 1e-3);
  const Point2f right_eye = t.map(framing.anchor_x - 8.75f, framing.anchor_y - 8.75f);
  EXPECT_NEAR(right_eye.x, lm[0].x, 1e-3);
  EXPECT_NEAR(right_eye.y, lm[0].y, 1e-3);

  // Rotated by 30 degrees: the output x axis follows the eye line.
  const auto tilted = rotated(lm, {200, 117.5f}, 30.0f);
  ASSERT_TRUE(attune::vision::framing_transform(tilted, framing, &t));
  EXPECT_NEAR(std::atan2(t.axis_x.y, t.axis_x.x) * 180 / 3.14159265f, 30.0f, 1e-3);
  const Point2f eye = t.map(framing.anchor_x + 8.75f, framing.anchor_y - 8.75f);
  EXPECT_NEAR(eye.x, tilted[1].x, 1e-3);
  EXPECT_NEAR(eye.y, tilted[1].y, 1e-3);

  std::array<Point2f, 5> degenerate{};
  EXPECT_FALSE(attune::vision::framing_transform(degenerate, framing, &t));
}

TEST(VisionFaceAligner, CropsReachingOutsideTheFrameRepeatTheEdges) {
  // Left half black, right half (100, 150, 200); luma of that colour = 0.299*100 + 0.587*150 + 0.114*200.
  const int w = 64, h = 40;
  std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h * 4, 255);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint8_t* p = &px[(static_cast<std::size_t>(y) * w + x) * 4];
      p[0] = x < w / 2 ? 0 : 100; p[1] = x < w / 2 ? 0 : 150; p[2] = x < w / 2 ? 0 : 200;
    }
  const RgbaView frame{px.data(), w, h, 0};
  const int expected = static_cast<int>(std::lround(0.299 * 100 + 0.587 * 150 + 0.114 * 200));
  FaceAligner aligner;
  // A face far beyond the right edge: every tap clamps to the rightmost column.
  ASSERT_TRUE(aligner.align_and_crop(frame, upright_landmarks(500, 20, 40, 40)));
  for (std::uint8_t v : aligner.gray()) ASSERT_EQ(v, expected);
  // A large face around the top-left corner: left part black, and no reads outside the frame.
  ASSERT_TRUE(aligner.align_and_crop(frame, upright_landmarks(0, 0, 60, 60)));
  EXPECT_EQ(aligner.gray()[0], 0);
  EXPECT_EQ(aligner.gray()[47], expected);
}
