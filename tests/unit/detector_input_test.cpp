#include "core/vision/detector_input.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

using attune::vision::DetectorInput;
using attune::vision::RgbaView;

namespace {
std::vector<std::uint8_t> solid_frame(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h * 4);
  for (std::size_t i = 0; i < px.size(); i += 4) {
    px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = 255;
  }
  return px;
}
}  // namespace

TEST(DetectorInput, CopiesA320x240FrameAsBgrPlanesAndZeroPadsBelow) {
  std::vector<std::uint8_t> px(320 * 240 * 4);
  for (int y = 0; y < 240; ++y)
    for (int x = 0; x < 320; ++x) {
      std::uint8_t* p = &px[(y * 320 + x) * 4];
      p[0] = static_cast<std::uint8_t>(x % 256); p[1] = static_cast<std::uint8_t>(y); p[2] = 7; p[3] = 255;
    }
  DetectorInput input(320);
  const auto t = input.prepare(RgbaView{px.data(), 320, 240, 0});
  EXPECT_FLOAT_EQ(t.scale, 1.0f);
  EXPECT_EQ(t.content_width, 320);
  EXPECT_EQ(t.content_height, 240);
  const auto& tensor = input.tensor();
  const std::size_t plane = 320 * 320;
  // BGR order: plane 0 is blue (constant 7), plane 1 green (= y), plane 2 red (= x % 256).
  EXPECT_FLOAT_EQ(tensor[0 * plane + 10 * 320 + 300], 7.0f);
  EXPECT_FLOAT_EQ(tensor[1 * plane + 10 * 320 + 300], 10.0f);
  EXPECT_FLOAT_EQ(tensor[2 * plane + 10 * 320 + 300], 300 % 256);
  EXPECT_FLOAT_EQ(tensor[2 * plane + 250 * 320 + 5], 0.0f);  // padding row
}

TEST(DetectorInput, ScalesA640x480FrameByHalfAndMapsBack) {
  auto px = solid_frame(640, 480, 200, 100, 50);
  DetectorInput input(320);
  const auto t = input.prepare(RgbaView{px.data(), 640, 480, 0});
  EXPECT_FLOAT_EQ(t.scale, 0.5f);
  EXPECT_EQ(t.content_height, 240);
  EXPECT_FLOAT_EQ(t.to_frame_x(100.0f), 200.0f);
  const std::size_t plane = 320 * 320;
  EXPECT_NEAR(input.tensor()[0 * plane + 100 * 320 + 100], 50.0f, 1e-3);
  EXPECT_NEAR(input.tensor()[2 * plane + 100 * 320 + 100], 200.0f, 1e-3);
}

// The app's input: the 320x240 camera frame at scale 1 in a 320x256 tensor (YuNet needs multiples of
// 32), the 16 rows below it zero.
TEST(DetectorInput, NonSquareInputTakesA320x240FrameAtScaleOne) {
  std::vector<std::uint8_t> px(320 * 240 * 4);
  for (std::size_t i = 0; i < px.size(); ++i) px[i] = static_cast<std::uint8_t>(i * 7 % 251);
  DetectorInput input(320, 256);
  EXPECT_EQ(input.width(), 320);
  EXPECT_EQ(input.height(), 256);
  const auto t = input.prepare(RgbaView{px.data(), 320, 240, 0});
  EXPECT_FLOAT_EQ(t.scale, 1.0f);
  EXPECT_EQ(t.content_width, 320);
  EXPECT_EQ(t.content_height, 240);
  ASSERT_EQ(input.tensor().size(), 3u * 320 * 256);
  const std::size_t plane = 320 * 256;
  for (int y : {0, 100, 239})
    for (int x : {0, 161, 319}) {
      const std::size_t p = (static_cast<std::size_t>(y) * 320 + x) * 4;
      EXPECT_FLOAT_EQ(input.tensor()[0 * plane + y * 320 + x], px[p + 2]) << x << "," << y;  // blue plane
      EXPECT_FLOAT_EQ(input.tensor()[2 * plane + y * 320 + x], px[p + 0]) << x << "," << y;  // red plane
    }
  for (int y = 240; y < 256; ++y) EXPECT_EQ(input.tensor()[1 * plane + y * 320 + 17], 0.0f) << y;
}

TEST(DetectorInput, EmptyFrameGivesAZeroTensor) {
  DetectorInput input(320);
  input.prepare(RgbaView{});
  for (float v : input.tensor()) ASSERT_EQ(v, 0.0f);
}

// A turned input: a bright spot lands where the turn about the frame's centre brings it, to_frame()
// takes it back, and what the turn brings in from outside the frame is zero.
TEST(DetectorInput, TurnedFrameMapsBackToTheFrame) {
  auto px = solid_frame(320, 240, 40, 40, 40);
  for (int y = 100; y < 110; ++y)
    for (int x = 250; x < 260; ++x) px[(y * 320 + x) * 4] = 250;  // red spot centred at (255, 105)
  DetectorInput input(256, 192);
  const auto t = input.prepare(RgbaView{px.data(), 320, 240, 0}, 30.0f);
  EXPECT_FLOAT_EQ(t.roll_degrees, 30.0f);
  const auto& tensor = input.tensor();
  const std::size_t plane = 256 * 192;
  double sx = 0, sy = 0, n = 0;
  for (int y = 0; y < 192; ++y)
    for (int x = 0; x < 256; ++x)
      if (tensor[2 * plane + y * 256 + x] > 150) { sx += x + 0.5; sy += y + 0.5; n += 1; }
  ASSERT_GT(n, 0);
  const attune::vision::Point2f back = t.to_frame({static_cast<float>(sx / n), static_cast<float>(sy / n)});
  EXPECT_NEAR(back.x, 255.0f, 1.0f);
  EXPECT_NEAR(back.y, 105.0f, 1.0f);
  // The spot is right of and above the centre (160, 120); turned by +30 degrees (angles grow, y down)
  // it moves down: below where it would be unturned.
  EXPECT_GT(sy / n, 105 * 0.8);
  EXPECT_FLOAT_EQ(tensor[2 * plane + 0 * 256 + 0], 0.0f) << "the top-left corner is turned in from outside";
  EXPECT_NEAR(tensor[2 * plane + 96 * 256 + 128], 40.0f, 1e-3) << "the centre stays";
}

// A region of the frame in view: it fills the input at its own scale, its top-left corner at (0, 0);
// to_frame() adds its place back; turned, it turns about its own centre.
TEST(DetectorInput, ARegionOfTheFrameIsEnlargedAndMapsBack) {
  auto px = solid_frame(320, 240, 40, 40, 40);
  for (int y = 100; y < 110; ++y)
    for (int x = 250; x < 260; ++x) px[(y * 320 + x) * 4] = 250;  // red spot centred at (255, 105)
  DetectorInput input(256, 192);
  const attune::vision::BoxF region{192.0f, 60.0f, 128.0f, 96.0f};  // the spot inside, scale 2
  const auto t = input.prepare(RgbaView{px.data(), 320, 240, 0}, 0.0f, region);
  EXPECT_TRUE(t.zoomed);
  EXPECT_FLOAT_EQ(t.scale, 2.0f);
  EXPECT_EQ(t.content_width, 256);
  EXPECT_EQ(t.content_height, 192);
  const std::size_t plane = 256 * 192;
  double sx = 0, sy = 0, n = 0;
  for (int y = 0; y < 192; ++y)
    for (int x = 0; x < 256; ++x)
      if (input.tensor()[2 * plane + y * 256 + x] > 150) { sx += x + 0.5; sy += y + 0.5; n += 1; }
  EXPECT_NEAR(n, 20 * 20, 40) << "the 10x10 spot, twice as large";
  EXPECT_NEAR(sx / n, (255 - 192) * 2, 1.0);
  EXPECT_NEAR(sy / n, (105 - 60) * 2, 1.0);
  EXPECT_NEAR(t.to_frame_x(static_cast<float>(sx / n)), 255.0f, 0.5f);
  EXPECT_NEAR(t.to_frame_y(static_cast<float>(sy / n)), 105.0f, 0.5f);
  const attune::vision::Point2f back = t.to_frame({static_cast<float>(sx / n), static_cast<float>(sy / n)});
  EXPECT_NEAR(back.x, 255.0f, 0.5f);
  EXPECT_NEAR(back.y, 105.0f, 0.5f);

  const auto turned = input.prepare(RgbaView{px.data(), 320, 240, 0}, 30.0f, region);
  EXPECT_FLOAT_EQ(turned.center.x, 256.0f);
  EXPECT_FLOAT_EQ(turned.center.y, 108.0f);
  sx = sy = n = 0;
  for (int y = 0; y < 192; ++y)
    for (int x = 0; x < 256; ++x)
      if (input.tensor()[2 * plane + y * 256 + x] > 150) { sx += x + 0.5; sy += y + 0.5; n += 1; }
  ASSERT_GT(n, 0);
  const attune::vision::Point2f turned_back = turned.to_frame({static_cast<float>(sx / n), static_cast<float>(sy / n)});
  EXPECT_NEAR(turned_back.x, 255.0f, 1.0f);
  EXPECT_NEAR(turned_back.y, 105.0f, 1.0f);

  const auto whole = input.prepare(RgbaView{px.data(), 320, 240, 0});
  EXPECT_FALSE(whole.zoomed);
  EXPECT_FLOAT_EQ(whole.region.width, 320.0f);
  EXPECT_FLOAT_EQ(whole.scale, 0.8f);
}
