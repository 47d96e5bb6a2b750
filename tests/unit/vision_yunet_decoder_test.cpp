#include "core/vision/yunet_decoder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "vision_test_data.h"

using attune::vision::FaceDetection;
using attune::vision::YuNetConfig;
using attune::vision::YuNetDecoder;
using attune::vision::YuNetOutputs;

namespace {

struct ZeroOutputs {
  std::array<std::vector<float>, 12> buffers;
  explicit ZeroOutputs(const YuNetDecoder& d) {
    for (int i = 0; i < 12; ++i) buffers[i].assign(d.output_size(i), 0.0f);
  }
  YuNetOutputs view() const {
    YuNetOutputs o;
    for (int i = 0; i < 12; ++i) o.data[i] = buffers[i].data();
    return o;
  }
};

}  // namespace

TEST(VisionYuNetDecoder, OutputNamesIndicesAndSizesFor320x320) {
  YuNetConfig square;
  square.input_height = 320;
  const YuNetDecoder decoder(square);
  EXPECT_EQ(YuNetDecoder::output_names()[0], "cls_8");
  EXPECT_EQ(YuNetDecoder::output_names()[11], "kps_32");
  EXPECT_EQ(YuNetDecoder::output_index("obj_16"), 4);
  EXPECT_EQ(YuNetDecoder::output_index("bbox_32"), 8);
  EXPECT_EQ(YuNetDecoder::output_index("nope"), -1);
  EXPECT_EQ(decoder.output_size(0), 1600u);  // cls_8: 40 x 40 anchors
  EXPECT_EQ(decoder.output_size(4), 400u);   // obj_16
  EXPECT_EQ(decoder.output_size(8), 400u);   // bbox_32: 100 anchors x 4
  EXPECT_EQ(decoder.output_size(9), 16000u); // kps_8: 1600 x 10
}

// The default (the app's) input is 320 wide, 256 high: the shapes ONNX Runtime gives for the dynamic
// YuNet at [1, 3, 256, 320] are [1, 1280|320|80, 1|4|10].
TEST(VisionYuNetDecoder, OutputSizesForTheDefault320x256) {
  const YuNetDecoder decoder;
  EXPECT_EQ(decoder.config().input_width, 320);
  EXPECT_EQ(decoder.config().input_height, 256);
  EXPECT_EQ(decoder.output_size(0), 1280u);  // cls_8: 40 columns x 32 rows
  EXPECT_EQ(decoder.output_size(1), 320u);   // cls_16: 20 x 16
  EXPECT_EQ(decoder.output_size(2), 80u);    // cls_32: 10 x 8
  EXPECT_EQ(decoder.output_size(8), 320u);   // bbox_32: 80 x 4
  EXPECT_EQ(decoder.output_size(9), 12800u); // kps_8: 1280 x 10
}

// On a non-square grid the anchor index splits by the column count: the last anchor of stride 32
// (10 columns, 8 rows) is column 9, row 7, at the bottom right of the 320x256 input.
TEST(VisionYuNetDecoder, NonSquareGridPlacesTheLastAnchorBottomRight) {
  const YuNetDecoder decoder;
  ZeroOutputs z(decoder);
  const int i = 8 * 10 - 1;
  z.buffers[2][i] = 1.0f;  // cls_32
  z.buffers[5][i] = 1.0f;  // obj_32
  const auto faces = decoder.decode(z.view());
  ASSERT_EQ(faces.size(), 1u);
  EXPECT_NEAR(faces[0].box.center_x(), 9 * 32.0f, 1e-4);
  EXPECT_NEAR(faces[0].box.center_y(), 7 * 32.0f, 1e-4);
  EXPECT_NEAR(faces[0].box.width, 32.0f, 1e-4);  // exp(0) * 32
  EXPECT_NEAR(faces[0].landmarks[2].y, 7 * 32.0f, 1e-4);
}

TEST(VisionYuNetOutputs, SetByNameAndCompleteness) {
  YuNetOutputs outputs;
  float value = 0.0f;
  EXPECT_FALSE(outputs.set("conf", &value));
  for (auto name : YuNetDecoder::output_names()) {
    EXPECT_FALSE(outputs.complete());
    EXPECT_TRUE(outputs.set(name, &value));
  }
  EXPECT_TRUE(outputs.complete());
  EXPECT_TRUE(YuNetDecoder().decode(YuNetOutputs{}).empty());  // incomplete: nothing
}

TEST(VisionYuNetDecoder, DecodesOneAnchorWithTheSqrtScoreAndGridOffsets) {
  const YuNetDecoder decoder;
  ZeroOutputs z(decoder);
  // Stride 16 (level 1), 20 columns: anchor at column 7, row 5.
  const int i = 5 * 20 + 7;
  z.buffers[1][i] = 0.81f;  // cls
  z.buffers[4][i] = 1.7f;   // obj, clamped to 1 -> score sqrt(0.81) = 0.9
  float* b = &z.buffers[7][i * 4];
  b[0] = 0.5f; b[1] = -0.25f; b[2] = std::log(3.0f); b[3] = std::log(4.0f);
  float* k = &z.buffers[10][i * 10];
  for (int n = 0; n < 10; ++n) k[n] = 0.1f * n;
  const auto faces = decoder.decode(z.view());
  ASSERT_EQ(faces.size(), 1u);
  const FaceDetection& f = faces[0];
  EXPECT_NEAR(f.score, 0.9f, 1e-6);
  EXPECT_NEAR(f.box.width, 48.0f, 1e-4);                 // exp(log 3) * 16
  EXPECT_NEAR(f.box.height, 64.0f, 1e-4);
  EXPECT_NEAR(f.box.center_x(), (7 + 0.5f) * 16, 1e-4);
  EXPECT_NEAR(f.box.center_y(), (5 - 0.25f) * 16, 1e-4);
  EXPECT_NEAR(f.landmarks[0].x, (7 + 0.0f) * 16, 1e-4);
  EXPECT_NEAR(f.landmarks[0].y, (5 + 0.1f) * 16, 1e-4);
  EXPECT_NEAR(f.landmarks[4].x, (7 + 0.8f) * 16, 1e-4);
  EXPECT_NEAR(f.landmarks[4].y, (5 + 0.9f) * 16, 1e-4);
}

TEST(VisionYuNetDecoder, ScoreThresholdAndNegativeScoresClamp) {
  YuNetConfig config;
  config.score_threshold = 0.5f;
  const YuNetDecoder decoder(config);
  ZeroOutputs z(decoder);
  z.buffers[2][3] = 0.2f;   // cls_32: score sqrt(0.2 * 1) = 0.447 < 0.5
  z.buffers[5][3] = 1.0f;
  z.buffers[2][50] = -3.0f; // negative cls clamps to 0
  z.buffers[5][50] = 1.0f;
  EXPECT_TRUE(decoder.decode(z.view()).empty());
  EXPECT_EQ(decoder.decode(z.view(), 0.4f).size(), 1u) << "a threshold given for the call";
  z.buffers[2][3] = 0.3f;   // 0.548 >= 0.5
  EXPECT_EQ(decoder.decode(z.view()).size(), 1u);
  EXPECT_TRUE(decoder.decode(z.view(), 0.6f).empty());
}

// The decoder (with its NMS) reproduces the reference decoding of real YuNet outputs (OpenCV's rule,
// cv2.dnn.NMSBoxes), see tests/golden/make_vision_fixtures.py.
class VisionYuNetFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(VisionYuNetFixture, MatchesReferenceDetections) {
  VISION_FIXTURES_OR_SKIP();
  const YuNetDecoder decoder;  // 320x256 as the fixtures, thresholds 0.6 / 0.3 as the reference
  const auto raw = vision_test::read_outputs(vision_test::data_path(GetParam() + ".outputs.txt"), decoder);
  const auto ref = vision_test::read_detections(vision_test::data_path(GetParam() + ".detections.txt"));
  ASSERT_GT(ref.scale, 0.0f) << "fixture missing";
  const auto faces = decoder.decode(raw.view());
  ASSERT_EQ(faces.size(), ref.faces.size());
  for (std::size_t i = 0; i < faces.size(); ++i) {
    EXPECT_NEAR(faces[i].score, ref.faces[i].score, 1e-5);
    EXPECT_NEAR(faces[i].box.x, ref.faces[i].box.x, 2e-3);
    EXPECT_NEAR(faces[i].box.y, ref.faces[i].box.y, 2e-3);
    EXPECT_NEAR(faces[i].box.width, ref.faces[i].box.width, 2e-3);
    EXPECT_NEAR(faces[i].box.height, ref.faces[i].box.height, 2e-3);
    for (int n = 0; n < 5; ++n) {
      EXPECT_NEAR(faces[i].landmarks[n].x, ref.faces[i].landmarks[n].x, 2e-3);
      EXPECT_NEAR(faces[i].landmarks[n].y, ref.faces[i].landmarks[n].y, 2e-3);
    }
  }
}

TEST(VisionYuNetScenes, HaveCandidatesThatNmsMustMerge) {
  VISION_FIXTURES_OR_SKIP();
  // Guards the fixture test above against passing vacuously: the upright scene has several anchors
  // above the threshold around its one face, so without NMS there would be more than one detection.
  YuNetConfig no_nms;
  no_nms.nms_threshold = 1.0f;
  const YuNetDecoder decoder(no_nms);
  const auto raw = vision_test::read_outputs(vision_test::data_path("scene_upright.outputs.txt"), decoder);
  EXPECT_GT(decoder.decode(raw.view()).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Scenes, VisionYuNetFixture,
                         ::testing::Values("scene_upright", "scene_rotated_two", "scene_empty"));
