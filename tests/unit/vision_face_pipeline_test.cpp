#include "core/vision/face_pipeline.h"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cmath>
#include <string>
#include <vector>

#include "vision_test_data.h"

using attune::vision::FacePipeline;
using attune::vision::FaceState;

namespace {

// Pearson correlation of two equally long level arrays.
double correlation(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
  double ma = 0, mb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) { ma += a[i]; mb += b[i]; }
  ma /= a.size();
  mb /= b.size();
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return sab / std::sqrt(saa * sbb);
}

// The best correlation of the central 32x32 of `a`, shifted by up to +-4 px, with the centre of `b`;
// reports the shift. Landmarks of a 2-3x upscaled face differ by a pixel or two from those YuNet finds
// on other scales, so framing is compared up to a small shift.
double best_shift_correlation(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b, int* dx_out,
                              int* dy_out) {
  double best = -2;
  for (int dy = -4; dy <= 4; ++dy)
    for (int dx = -4; dx <= 4; ++dx) {
      std::vector<std::uint8_t> pa, pb;
      for (int y = 8; y < 40; ++y)
        for (int x = 8; x < 40; ++x) {
          pa.push_back(a[(y + dy) * 48 + x + dx]);
          pb.push_back(b[y * 48 + x]);
        }
      const double c = correlation(pa, pb);
      if (c > best) {
        best = c;
        *dx_out = dx;
        *dy_out = dy;
      }
    }
  return best;
}

struct Scene {
  vision_test::RgbaImage image;
  vision_test::YuNetRawOutputs outputs;
  vision_test::ReferenceDetections reference;
};

Scene load_scene(const std::string& name, const FacePipeline& pipeline) {
  return {vision_test::read_pnm(vision_test::data_path(name + ".ppm")),
          vision_test::read_outputs(vision_test::data_path(name + ".outputs.txt"), pipeline.decoder()),
          vision_test::read_detections(vision_test::data_path(name + ".detections.txt"))};
}

}  // namespace

TEST(VisionFacePipeline, UprightSceneGivesTheFaceInFramePixelsAndAFerLikeCrop) {
  VISION_FIXTURES_OR_SKIP();
  FacePipeline pipeline;
  const Scene scene = load_scene("scene_upright", pipeline);
  ASSERT_EQ(scene.image.width, 256);
  const auto& input = pipeline.prepare_detector_input(scene.image.view());
  EXPECT_EQ(input.size(), 3u * 320 * 256);
  const auto& r = pipeline.process_detector_outputs(scene.image.view(), scene.outputs.view());
  ASSERT_EQ(r.state, FaceState::kTracking);
  ASSERT_TRUE(r.has_crop);
  EXPECT_EQ(r.detections, 1);
  // Detector pixels -> frame pixels through the letterbox (scale 1.25).
  const auto& ref = scene.reference.faces.at(0);
  EXPECT_NEAR(r.face.box.x, ref.box.x / 1.25f, 1e-2);
  EXPECT_NEAR(r.face.box.width, ref.box.width / 1.25f, 1e-2);
  EXPECT_NEAR(r.face.landmarks[1].y, ref.landmarks[1].y / 1.25f, 1e-2);
  // The face was pasted at (100, 40), 112 px wide: the box lies on it.
  EXPECT_GT(r.face.box.center_x(), 100 + 56 - 15);
  EXPECT_LT(r.face.box.center_x(), 100 + 56 + 15);
  // The aligned crop looks like the original 48x48 face (chosen near FER's median framing), framed
  // the same way within 2 px.
  const auto original = vision_test::read_pgm_levels(vision_test::data_path("fer_0.pgm"));
  int dx = 99, dy = 99;
  EXPECT_GT(best_shift_correlation(pipeline.crop_gray(), original, &dx, &dy), 0.8);
  EXPECT_LE(std::abs(dx), 2);
  EXPECT_LE(std::abs(dy), 2);
  EXPECT_GT(correlation(pipeline.crop_gray(), original), 0.6);
  ASSERT_EQ(pipeline.emotion_input().size(), 48u * 48);
  for (std::size_t i = 0; i < 48 * 48; ++i)
    ASSERT_EQ(pipeline.emotion_input()[i], pipeline.crop_gray()[i] / 255.0f);
}

TEST(VisionFacePipeline, RotatedFaceIsChosenAsTheLargestAndCroppedUpright) {
  VISION_FIXTURES_OR_SKIP();
  FacePipeline pipeline;
  const Scene scene = load_scene("scene_rotated_two", pipeline);
  pipeline.prepare_detector_input(scene.image.view());
  const auto& r = pipeline.process_detector_outputs(scene.image.view(), scene.outputs.view());
  ASSERT_EQ(r.detections, 2);
  ASSERT_TRUE(r.has_crop);
  // The larger face (pasted at (20, 30), 128 px, rotated 20 degrees) is chosen, not the smaller one.
  EXPECT_LT(r.face.box.center_x(), 20 + 128);
  EXPECT_GT(r.face.box.width, 80);
  const auto original = vision_test::read_pgm_levels(vision_test::data_path("fer_0.pgm"));
  int dx = 0, dy = 0;
  const double aligned = best_shift_correlation(pipeline.crop_gray(), original, &dx, &dy);
  // Without the rotation (the same box, no alignment) the crop matches the original less well.
  attune::vision::FaceAligner unrotated;
  auto lm = r.face.landmarks;
  const float eye_mid_y = (lm[0].y + lm[1].y) / 2;
  lm[0].y = lm[1].y = eye_mid_y;
  const float mouth_mid_y = (lm[3].y + lm[4].y) / 2;
  lm[3].y = lm[4].y = mouth_mid_y;
  ASSERT_TRUE(unrotated.align_and_crop(scene.image.view(), lm));
  const double not_aligned = best_shift_correlation(unrotated.gray(), original, &dx, &dy);
  // YuNet reads this 20-degree roll as about 6 degrees (its landmarks lean towards upright), so the
  // alignment removes only part of it; it must still help.
  std::printf("rotated face: aligned %.3f, not rotated %.3f\n", aligned, not_aligned);
  EXPECT_GT(aligned, 0.55);
  EXPECT_GT(aligned, not_aligned + 0.02);
}

TEST(VisionFacePipeline, NoFaceSceneNeverGivesACropAndTheFaceIsLostAfterTheHold) {
  VISION_FIXTURES_OR_SKIP();
  FacePipeline pipeline;  // bridges 2 frames by default
  const Scene face = load_scene("scene_upright", pipeline);
  const Scene empty = load_scene("scene_empty", pipeline);
  pipeline.prepare_detector_input(empty.image.view());
  auto r = pipeline.process_detector_outputs(empty.image.view(), empty.outputs.view());
  EXPECT_EQ(r.state, FaceState::kNoFace);
  EXPECT_FALSE(r.has_crop);

  pipeline.prepare_detector_input(face.image.view());
  EXPECT_TRUE(pipeline.process_detector_outputs(face.image.view(), face.outputs.view()).has_crop);
  const FaceState expected[] = {FaceState::kHolding, FaceState::kHolding, FaceState::kNoFace};
  for (FaceState state : expected) {
    pipeline.prepare_detector_input(empty.image.view());
    r = pipeline.process_detector_outputs(empty.image.view(), empty.outputs.view());
    EXPECT_EQ(r.state, state);
    EXPECT_FALSE(r.has_crop);  // a held box is shown but never classified
  }
}

// detect_every 2: after a detection the next frame is cropped at the tracked landmarks without the
// detector, then the detector is due again; with no face tracked it is always due.
TEST(VisionFacePipeline, DetectEveryOtherFrameCropsTheFrameBetweenAtTheTrackedFace) {
  VISION_FIXTURES_OR_SKIP();
  attune::vision::FacePipelineConfig config;
  config.detect_every = 2;
  FacePipeline pipeline(config);
  const Scene face = load_scene("scene_upright", pipeline);
  const Scene empty = load_scene("scene_empty", pipeline);
  EXPECT_TRUE(pipeline.detection_due());
  EXPECT_FALSE(pipeline.process_without_detection(face.image.view()).has_crop);  // nothing tracked yet
  EXPECT_TRUE(pipeline.detection_due());

  pipeline.prepare_detector_input(face.image.view());
  const auto detected = pipeline.process_detector_outputs(face.image.view(), face.outputs.view());
  ASSERT_TRUE(detected.has_crop);
  EXPECT_TRUE(detected.detector_ran);
  const auto detected_crop = pipeline.crop_gray();
  EXPECT_FALSE(pipeline.detection_due());

  const auto& between = pipeline.process_without_detection(face.image.view());
  EXPECT_FALSE(between.detector_ran);
  EXPECT_EQ(between.state, FaceState::kTracking);
  ASSERT_TRUE(between.has_crop);
  EXPECT_EQ(between.face.box.x, detected.face.box.x);
  EXPECT_EQ(pipeline.crop_gray(), detected_crop);  // same frame, same landmarks: the same crop
  EXPECT_TRUE(pipeline.detection_due());

  // The face leaves: the detector runs (due), the box is held but never cropped, and the detector
  // stays due on every frame until a face is tracked again.
  pipeline.prepare_detector_input(empty.image.view());
  EXPECT_EQ(pipeline.process_detector_outputs(empty.image.view(), empty.outputs.view()).state, FaceState::kHolding);
  EXPECT_TRUE(pipeline.detection_due());
  EXPECT_FALSE(pipeline.process_without_detection(empty.image.view()).has_crop);
}

TEST(VisionFacePipeline, DetectEveryOneFrameAlwaysRunsTheDetector) {
  VISION_FIXTURES_OR_SKIP();
  FacePipeline pipeline;  // detect_every 1 by default
  const Scene face = load_scene("scene_upright", pipeline);
  pipeline.prepare_detector_input(face.image.view());
  ASSERT_TRUE(pipeline.process_detector_outputs(face.image.view(), face.outputs.view()).has_crop);
  EXPECT_TRUE(pipeline.detection_due());
}

TEST(VisionFacePipeline, NoDetectPathCropsTheWholeImage) {
  VISION_FIXTURES_OR_SKIP();
  FacePipeline pipeline;
  const auto image = vision_test::read_pnm(vision_test::data_path("fer_2.pgm"));
  ASSERT_TRUE(pipeline.crop_whole_image(image.view()));
  EXPECT_EQ(pipeline.crop_gray(), vision_test::read_pgm_levels(vision_test::data_path("fer_2.pgm")));
  EXPECT_FALSE(pipeline.crop_whole_image(attune::vision::RgbaView{}));
}

// Not a pass/fail benchmark: prints the native cost of decode + track + align + crop per frame.
TEST(VisionFacePipeline, ReportsNativeCostOfDecodeAlignCrop) {
  VISION_FIXTURES_OR_SKIP();
  FacePipeline pipeline;
  const Scene scene = load_scene("scene_upright", pipeline);
  pipeline.prepare_detector_input(scene.image.view());
  const int frames = 200;
  const auto start = std::chrono::steady_clock::now();
  int crops = 0;
  for (int i = 0; i < frames; ++i)
    crops += pipeline.process_detector_outputs(scene.image.view(), scene.outputs.view()).has_crop;
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(crops, frames);
  std::printf("decode+track+align+crop: %.3f ms per frame (native)\n", ms / frames);

  std::vector<std::uint8_t> camera(640 * 480 * 4, 128);
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 50; ++i) pipeline.prepare_detector_input(attune::vision::RgbaView{camera.data(), 640, 480, 0});
  const double prepare_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("detector input from 640x480: %.3f ms per frame (native)\n", prepare_ms / 50);
}

// The app's setting (and the offline tools'): the 320x240 camera frame fills YuNet's 256x192 input
// at scale 0.8, with no zero padding, and the detector runs on every other frame.
TEST(VisionFacePipeline, LiveSettingScalesTheCameraFrameByFourFifthsWithoutPadding) {
  const attune::vision::FacePipelineConfig live = attune::vision::live_face_pipeline_config();
  EXPECT_EQ(live.detect_every, 2);
  FacePipeline pipeline(live);
  std::vector<std::uint8_t> rgba(320 * 240 * 4, 200);
  const auto& input = pipeline.prepare_detector_input({rgba.data(), 320, 240, 0});
  ASSERT_EQ(pipeline.detector_input_width(), 256);
  ASSERT_EQ(pipeline.detector_input_height(), 192);
  ASSERT_EQ(input.size(), 3u * 256 * 192);
  const std::size_t plane = 256 * 192;
  for (int c = 0; c < 3; ++c) {
    EXPECT_FLOAT_EQ(input[c * plane], 200.0f);              // top-left
    EXPECT_FLOAT_EQ(input[c * plane + plane - 1], 200.0f);  // bottom-right: frame, not padding
  }
}

// While no face is found, detector runs take turns: upright, turned one way, turned the other; with the
// zoom for small faces every other run is one corner of the frame enlarged, the four corners upright,
// then turned one way, then the other.
TEST(VisionFacePipeline, SearchTakesTurnsUprightTurnedAndEnlargedCorners) {
  std::vector<std::uint8_t> px(320 * 240 * 4, 90);
  const attune::vision::RgbaView frame{px.data(), 320, 240, 0};
  FacePipeline pipeline;
  EXPECT_EQ(pipeline.search_length(), 24);
  std::vector<float> rolls, tile_rolls;
  std::vector<attune::vision::BoxF> regions;
  for (int k = 0; k < 25; ++k) {
    pipeline.prepare_detector_input(frame);
    (k % 2 ? tile_rolls : rolls).push_back(pipeline.detection_roll());
    regions.push_back(pipeline.detection_region());
    EXPECT_EQ(pipeline.detection_zoomed(), k % 2 == 1) << "run " << k;
  }
  EXPECT_EQ(rolls, (std::vector<float>{0.0f, 30.0f, -30.0f, 0.0f, 30.0f, -30.0f, 0.0f, 30.0f, -30.0f, 0.0f, 30.0f, -30.0f, 0.0f}));
  EXPECT_EQ(tile_rolls, (std::vector<float>{0.0f, 0.0f, 0.0f, 0.0f, 30.0f, 30.0f, 30.0f, 30.0f, -30.0f, -30.0f, -30.0f, -30.0f}));
  // The enlarged corners: 0.65 of the frame's width and height, top-left, top-right, bottom-left, bottom-right.
  const float w = 320 * 0.65f, h = 240 * 0.65f;
  const std::vector<std::array<float, 2>> corners{{0, 0}, {320 - w, 0}, {0, 240 - h}, {320 - w, 240 - h}};
  for (int t = 0; t < 12; ++t) {
    const auto& r = regions[2 * t + 1];
    EXPECT_FLOAT_EQ(r.x, corners[t % 4][0]) << "tile run " << t;
    EXPECT_FLOAT_EQ(r.y, corners[t % 4][1]) << "tile run " << t;
    EXPECT_FLOAT_EQ(r.width, w);
    EXPECT_FLOAT_EQ(r.height, h);
  }
  EXPECT_FLOAT_EQ(regions[0].width, 320.0f) << "the whole frame";
  pipeline.reset();
  pipeline.prepare_detector_input(frame);
  EXPECT_EQ(pipeline.detection_roll(), 0.0f) << "a new search starts upright";
  EXPECT_FALSE(pipeline.detection_zoomed()) << "and with the whole frame";

  attune::vision::FacePipelineConfig turns_only;
  turns_only.zoom_faces_under = 0;
  FacePipeline unzoomed(turns_only);
  EXPECT_EQ(unzoomed.search_length(), 3);
  rolls.clear();
  for (int k = 0; k < 4; ++k) {
    unzoomed.prepare_detector_input(frame);
    rolls.push_back(unzoomed.detection_roll());
    EXPECT_FALSE(unzoomed.detection_zoomed());
  }
  EXPECT_EQ(rolls, (std::vector<float>{0.0f, 30.0f, -30.0f, 0.0f}));

  attune::vision::FacePipelineConfig upright_only = turns_only;
  upright_only.search_roll_degrees = 0;
  FacePipeline plain(upright_only);
  EXPECT_EQ(plain.search_length(), 1);
  for (int k = 0; k < 3; ++k) {
    plain.prepare_detector_input(frame);
    EXPECT_EQ(plain.detection_roll(), 0.0f);
  }
}

// turn_search_tiles = false: the corners upright only (the search of 2026-12-03 to 12-05), 8 runs.
TEST(VisionFacePipeline, SearchWithUprightCornersOnly) {
  std::vector<std::uint8_t> px(320 * 240 * 4, 90);
  const attune::vision::RgbaView frame{px.data(), 320, 240, 0};
  attune::vision::FacePipelineConfig config;
  config.turn_search_tiles = false;
  FacePipeline pipeline(config);
  EXPECT_EQ(pipeline.search_length(), 8);
  std::vector<float> rolls;
  for (int k = 0; k < 9; ++k) {
    pipeline.prepare_detector_input(frame);
    rolls.push_back(pipeline.detection_roll());
    EXPECT_EQ(pipeline.detection_zoomed(), k % 2 == 1) << "run " << k;
  }
  EXPECT_EQ(rolls, (std::vector<float>{0.0f, 0.0f, 30.0f, 0.0f, -30.0f, 0.0f, 0.0f, 0.0f, 30.0f}));
}

namespace {

// Detector outputs with no face in them (every score zero).
vision_test::YuNetRawOutputs no_face_outputs(const FacePipeline& pipeline) {
  vision_test::YuNetRawOutputs raw;
  for (int i = 0; i < 12; ++i) raw.buffers[i].assign(pipeline.decoder().output_size(i), 0.0f);
  return raw;
}

// The turn of the next detector input, after `outputs` came back for the current one.
float next_roll(FacePipeline& pipeline, const attune::vision::RgbaView& frame, const vision_test::YuNetRawOutputs& outputs) {
  pipeline.process_detector_outputs(frame, outputs.view());
  pipeline.prepare_detector_input(frame);
  return pipeline.detection_roll();
}

// Detector outputs with one face of width and height `size` centred at (cx, cy), detector pixels: one
// stride-8 anchor scoring `score` (0.9 unless given), with eyes, nose and mouth where a frontal face has them.
vision_test::YuNetRawOutputs one_face_outputs(const FacePipeline& pipeline, float cx, float cy, float size,
                                              float score = 0.9f) {
  vision_test::YuNetRawOutputs raw = no_face_outputs(pipeline);
  const int columns = pipeline.detector_input_width() / 8;
  const int col = static_cast<int>(cx / 8), row = static_cast<int>(cy / 8), anchor = row * columns + col;
  raw.buffers[0][anchor] = score;  // cls_8; the score is sqrt(cls * obj)
  raw.buffers[3][anchor] = score;  // obj_8
  const float box[4] = {cx / 8 - col, cy / 8 - row, std::log(size / 8), std::log(size / 8)};
  for (int k = 0; k < 4; ++k) raw.buffers[6][anchor * 4 + k] = box[k];
  const float points[10] = {cx - 0.2f * size, cy - 0.1f * size, cx + 0.2f * size, cy - 0.1f * size, cx, cy + 0.05f * size,
                            cx - 0.15f * size, cy + 0.25f * size, cx + 0.15f * size, cy + 0.25f * size};
  for (int k = 0; k < 10; ++k) raw.buffers[9][anchor * 10 + k] = points[k] / 8 - (k % 2 ? row : col);
  return raw;
}

}  // namespace

// A face found in an enlarged corner maps back to frame pixels; one reaching the corner's inner edge (a
// face the corner may cut) is left to the whole frame.
TEST(VisionFacePipeline, AFaceInAnEnlargedCornerMapsBackAndOneCutByItsEdgeIsLeft) {
  std::vector<std::uint8_t> px(320 * 240 * 4, 90);
  const attune::vision::RgbaView frame{px.data(), 320, 240, 0};
  FacePipeline pipeline;  // detector input 320x256: the whole 320x240 frame at scale 1
  pipeline.prepare_detector_input(frame);
  ASSERT_FALSE(pipeline.detection_zoomed());
  pipeline.process_detector_outputs(frame, no_face_outputs(pipeline).view());
  pipeline.prepare_detector_input(frame);  // the top-left corner, 208x156 -> scale 320/208
  ASSERT_TRUE(pipeline.detection_zoomed());
  const float scale = 320.0f / 208.0f;
  const auto cut = one_face_outputs(pipeline, 300.0f, 100.0f, 50.0f);  // reaches x = 325 > the content's 320
  EXPECT_EQ(pipeline.process_detector_outputs(frame, cut.view()).state, FaceState::kNoFace);

  pipeline.reset();
  pipeline.prepare_detector_input(frame);
  pipeline.process_detector_outputs(frame, no_face_outputs(pipeline).view());
  pipeline.prepare_detector_input(frame);
  const auto& r = pipeline.process_detector_outputs(frame, one_face_outputs(pipeline, 100.0f, 120.0f, 60.0f).view());
  ASSERT_EQ(r.state, FaceState::kTracking);
  EXPECT_NEAR(r.face.box.center_x(), 100.0f / scale, 0.5f);
  EXPECT_NEAR(r.face.box.center_y(), 120.0f / scale, 0.5f);
  EXPECT_NEAR(r.face.box.width, 60.0f / scale, 0.5f);
}

// The second round of enlarged corners is turned +30 degrees about each corner's centre: a face seen at
// the centre of the turned top-left corner is at that corner's centre in the frame, its box the upright
// box around the turned one.
TEST(VisionFacePipeline, AFaceInATurnedCornerMapsBack) {
  std::vector<std::uint8_t> px(320 * 240 * 4, 90);
  const attune::vision::RgbaView frame{px.data(), 320, 240, 0};
  FacePipeline pipeline;  // detector input 320x256
  for (int run = 0; run < 9; ++run) {
    pipeline.prepare_detector_input(frame);
    pipeline.process_detector_outputs(frame, no_face_outputs(pipeline).view());
  }
  pipeline.prepare_detector_input(frame);  // run 9: the fifth corner run, the top-left corner turned
  ASSERT_TRUE(pipeline.detection_zoomed());
  ASSERT_EQ(pipeline.detection_roll(), 30.0f);
  ASSERT_FLOAT_EQ(pipeline.detection_region().x, 0.0f);
  ASSERT_FLOAT_EQ(pipeline.detection_region().y, 0.0f);
  const float scale = 320.0f / 208.0f;  // 208x156 -> 320x240
  const auto& r = pipeline.process_detector_outputs(frame, one_face_outputs(pipeline, 160.0f, 120.0f, 60.0f).view());
  ASSERT_EQ(r.state, FaceState::kTracking);
  EXPECT_NEAR(r.face.box.center_x(), 104.0f, 0.5f);
  EXPECT_NEAR(r.face.box.center_y(), 78.0f, 0.5f);
  const float turned = 60.0f / scale * (std::cos(0.5235988f) + std::sin(0.5235988f));  // 30 degrees
  EXPECT_NEAR(r.face.box.width, turned, 0.5f);
  EXPECT_TRUE(r.has_crop);
}

// A tracked face narrower than zoom_faces_under is detected in a region around it, enlarged to make it
// about 100 px wide; found there it stays the same track; a large face is detected in the whole frame.
TEST(VisionFacePipeline, ASmallTrackedFaceIsDetectedInAnEnlargedRegionAroundIt) {
  std::vector<std::uint8_t> px(320 * 240 * 4, 90);
  const attune::vision::RgbaView frame{px.data(), 320, 240, 0};
  FacePipeline pipeline;  // the whole frame at scale 1
  pipeline.prepare_detector_input(frame);
  const auto& first = pipeline.process_detector_outputs(frame, one_face_outputs(pipeline, 100.0f, 100.0f, 40.0f).view());
  ASSERT_EQ(first.state, FaceState::kTracking);
  const int track = first.track_id;

  pipeline.prepare_detector_input(frame);
  ASSERT_TRUE(pipeline.detection_zoomed());
  const auto region = pipeline.detection_region();
  EXPECT_NEAR(region.width, 320.0f / 2.5f, 0.01f) << "40 px -> 100 px: scale 2.5";
  EXPECT_NEAR(region.height, 256.0f / 2.5f, 0.01f) << "the detector input's shape";
  EXPECT_NEAR(region.center_x(), 100.0f, 0.01f);
  EXPECT_NEAR(region.center_y(), 100.0f, 0.01f);
  // The same face seen in the region: 2.5 times larger, at its place there.
  const auto zoomed = one_face_outputs(pipeline, (100.0f - region.x) * 2.5f, (100.0f - region.y) * 2.5f, 100.0f);
  const auto& second = pipeline.process_detector_outputs(frame, zoomed.view());
  ASSERT_EQ(second.state, FaceState::kTracking);
  EXPECT_EQ(second.track_id, track);
  EXPECT_TRUE(second.has_crop);
  EXPECT_NEAR(second.face.box.center_x(), 100.0f, 0.5f);
  EXPECT_NEAR(second.face.box.width, 40.0f, 0.5f);

  // A region near the frame's corner is shifted to lie inside it.
  pipeline.reset();
  pipeline.prepare_detector_input(frame);
  pipeline.process_detector_outputs(frame, one_face_outputs(pipeline, 300.0f, 20.0f, 50.0f).view());
  pipeline.prepare_detector_input(frame);
  ASSERT_TRUE(pipeline.detection_zoomed());
  EXPECT_NEAR(pipeline.detection_region().x + pipeline.detection_region().width, 320.0f, 0.01f);
  EXPECT_NEAR(pipeline.detection_region().y, 0.0f, 0.01f);

  // A face 80 px wide or more is detected in the whole frame.
  pipeline.reset();
  pipeline.prepare_detector_input(frame);
  pipeline.process_detector_outputs(frame, one_face_outputs(pipeline, 160.0f, 120.0f, 90.0f).view());
  pipeline.prepare_detector_input(frame);
  EXPECT_FALSE(pipeline.detection_zoomed());
}

// A tracked face found upright is detected upright (YuNet's landmarks lean toward level in a turned
// input, so their tilt cannot choose the turn); lost upright, it is looked for in the turn toward level.
TEST(VisionFacePipeline, ATrackedFaceFoundUprightStaysUpright) {
  VISION_FIXTURES_OR_SKIP();
  FacePipeline pipeline;
  const Scene scene = load_scene("scene_rotated_two", pipeline);
  const auto frame = scene.image.view();
  pipeline.prepare_detector_input(frame);
  ASSERT_EQ(pipeline.detection_roll(), 0.0f);
  EXPECT_EQ(next_roll(pipeline, frame, scene.outputs), 0.0f);
  EXPECT_EQ(next_roll(pipeline, frame, scene.outputs), 0.0f) << "found upright again: still upright";
  const auto& lm = pipeline.result().face.landmarks;
  const float toward_level = std::atan2(lm[1].y - lm[0].y, lm[1].x - lm[0].x) > 0 ? -30.0f : 30.0f;
  EXPECT_EQ(next_roll(pipeline, frame, no_face_outputs(pipeline)), toward_level) << "missed upright: the turn toward level";
  EXPECT_EQ(pipeline.result().state, FaceState::kHolding);
}

// A face the search found in a turned frame is tried upright at once; while upright misses it, it is
// detected in its turn, tried upright again after every fourth turned find; once upright finds it, upright.
TEST(VisionFacePipeline, AFaceFoundInATurnIsTriedUprightAgain) {
  VISION_FIXTURES_OR_SKIP();
  attune::vision::FacePipelineConfig turns_only;  // the search's enlarged corners would come between
  turns_only.zoom_faces_under = 0;
  FacePipeline pipeline(turns_only);
  const Scene scene = load_scene("scene_upright", pipeline);
  const auto frame = scene.image.view();
  const auto none = no_face_outputs(pipeline);
  pipeline.prepare_detector_input(frame);
  ASSERT_EQ(pipeline.detection_roll(), 0.0f);
  ASSERT_EQ(next_roll(pipeline, frame, none), 30.0f) << "the search's second run is turned";
  EXPECT_EQ(next_roll(pipeline, frame, scene.outputs), 0.0f) << "found in the +30 turn: tried upright right away";
  EXPECT_EQ(next_roll(pipeline, frame, none), 30.0f) << "upright missed it: back to its turn";
  EXPECT_EQ(pipeline.result().state, FaceState::kHolding);
  std::vector<float> rolls;
  for (int k = 0; k < 6; ++k) rolls.push_back(next_roll(pipeline, frame, scene.outputs));
  // Found turned the 2nd..5th time in a row; after the 5th (4k + 1) upright again, which finds it.
  EXPECT_EQ(rolls, (std::vector<float>{30.0f, 30.0f, 30.0f, 0.0f, 0.0f, 0.0f}));
}

// A face narrower than min_face_width frame pixels is left out (its crop would be too blurred to
// read), whatever the scale of the view it was found in.
TEST(VisionFacePipeline, AFaceTooSmallToReadIsLeftOut) {
  std::vector<std::uint8_t> px(320 * 240 * 4, 90);
  const attune::vision::RgbaView frame{px.data(), 320, 240, 0};
  FacePipeline pipeline;  // the whole frame at scale 1; min_face_width 16
  pipeline.prepare_detector_input(frame);
  EXPECT_EQ(pipeline.process_detector_outputs(frame, one_face_outputs(pipeline, 100.0f, 100.0f, 14.0f).view()).state,
            FaceState::kNoFace);
  pipeline.prepare_detector_input(frame);  // an enlarged corner, scale 320/208: 24 px there are 15.6 in the frame
  ASSERT_TRUE(pipeline.detection_zoomed());
  EXPECT_EQ(pipeline.process_detector_outputs(frame, one_face_outputs(pipeline, 100.0f, 100.0f, 24.0f).view()).state,
            FaceState::kNoFace);
  pipeline.prepare_detector_input(frame);
  EXPECT_EQ(pipeline.process_detector_outputs(frame, one_face_outputs(pipeline, 100.0f, 100.0f, 18.0f).view()).state,
            FaceState::kTracking);
}

namespace {

// A 320x240 frame of one gray level: 25 is dark enough to be fully brightened, 160 is left as it is.
struct UniformFrame {
  explicit UniformFrame(std::uint8_t level) : pixels(320 * 240 * 4, level) {}
  attune::vision::RgbaView view() const { return {pixels.data(), 320, 240, 0}; }
  std::vector<std::uint8_t> pixels;
};

}  // namespace

// In a brightened dark frame the detector's threshold is lifted_score_threshold (blended in with the
// lift); a frame bright enough to be left as it is keeps YuNet's own threshold.
TEST(VisionFacePipeline, ADarkFrameUsesTheLowerScoreThreshold) {
  const UniformFrame dark(25), bright(160);
  const attune::vision::RgbaView dark_frame = dark.view(), bright_frame = bright.view();
  attune::vision::FacePipelineConfig config;
  config.detector.score_threshold = 0.6f;
  config.lifted_score_threshold = 0.5f;
  const auto found = [&](const attune::vision::FacePipelineConfig& c, const attune::vision::RgbaView& frame, float score) {
    FacePipeline pipeline(c);
    pipeline.prepare_detector_input(frame);
    return pipeline.process_detector_outputs(frame, one_face_outputs(pipeline, 100.0f, 100.0f, 40.0f, score).view()).state ==
           FaceState::kTracking;
  };
  EXPECT_TRUE(found(config, dark_frame, 0.55f));
  EXPECT_FALSE(found(config, dark_frame, 0.45f));
  EXPECT_FALSE(found(config, bright_frame, 0.55f)) << "a frame left as it is keeps the detector's threshold";
  EXPECT_TRUE(found(config, bright_frame, 0.65f));
  attune::vision::FacePipelineConfig same = config;
  same.lifted_score_threshold = 0.6f;
  EXPECT_FALSE(found(same, dark_frame, 0.55f));
  attune::vision::FacePipelineConfig uncorrected = config;
  uncorrected.correct_exposure = false;
  EXPECT_FALSE(found(uncorrected, dark_frame, 0.55f)) << "no lift without exposure correction";
}

// In a brightened dark frame the emotion input is the tracked face's crops averaged (dim_crop_new_weight);
// the crop alone in a frame left as it is, for a new face, and with the default weight.
TEST(VisionFacePipeline, ADarkFramesCropIsAveragedWithTheSameFacesCropsBefore) {
  // Two frames whose pixels differ (a pattern each), both very dark (full lift) or both bright.
  const auto patterned = [](int base, int step) {
    std::vector<std::uint8_t> px(320 * 240 * 4);
    for (std::size_t i = 0; i < px.size(); ++i) {
      const std::size_t x = i / 4 % 320, y = i / 4 / 320;  // blocks of 6x6 px: they survive the crop's shrinking
      px[i] = static_cast<std::uint8_t>(base + (x / 6 * step + y / 6 * 3) % 21);
    }
    return px;
  };
  const auto dark_a = patterned(4, 5), dark_b = patterned(4, 7), bright_a = patterned(150, 5), bright_b = patterned(150, 7);
  const auto run = [&](const attune::vision::FacePipelineConfig& config, const std::vector<std::uint8_t>& a,
                       const std::vector<std::uint8_t>& b, bool new_face_between) {
    FacePipeline pipeline(config);
    std::vector<std::vector<float>> crops, inputs;
    for (const auto* px : {&a, &b}) {
      if (new_face_between && px == &b) pipeline.reset();
      const attune::vision::RgbaView frame{px->data(), 320, 240, 0};
      pipeline.prepare_detector_input(frame);
      // 120 px: wide enough to be detected in the whole frame again (no enlarged region around it)
      EXPECT_TRUE(pipeline.process_detector_outputs(frame, one_face_outputs(pipeline, 150.0f, 120.0f, 120.0f).view()).has_crop);
      std::vector<float> alone;
      for (std::uint8_t g : pipeline.crop_gray()) alone.push_back(g / 255.0f);
      crops.push_back(alone);
      inputs.push_back(pipeline.emotion_input());
    }
    return std::make_pair(crops, inputs);
  };
  const auto max_difference = [](const std::vector<float>& x, const std::vector<float>& y) {
    float most = 0;
    for (std::size_t i = 0; i < x.size(); ++i) most = std::max(most, std::abs(x[i] - y[i]));
    return most;
  };
  attune::vision::FacePipelineConfig averaging;
  averaging.dim_crop_new_weight = 0.5f;
  const float rounding = 0.5f / 255.0f + 1e-6f;  // crop_gray() holds the crop rounded to levels

  const auto [crops, inputs] = run(averaging, dark_a, dark_b, false);
  ASSERT_GT(max_difference(crops[0], crops[1]), 0.05f) << "the two frames' crops must differ for the test to mean anything";
  EXPECT_LE(max_difference(inputs[0], crops[0]), rounding) << "the first crop of a face is taken alone";
  std::vector<float> mean(crops[0].size());
  for (std::size_t i = 0; i < mean.size(); ++i) mean[i] = 0.5f * (crops[0][i] + crops[1][i]);
  EXPECT_LE(max_difference(inputs[1], mean), rounding) << "the second: half of each";

  const auto [bright_crops, bright_inputs] = run(averaging, bright_a, bright_b, false);
  EXPECT_LE(max_difference(bright_inputs[1], bright_crops[1]), rounding) << "a frame left as it is: the crop alone";
  const auto [fresh_crops, fresh_inputs] = run(averaging, dark_a, dark_b, true);
  EXPECT_LE(max_difference(fresh_inputs[1], fresh_crops[1]), rounding) << "another face starts afresh";
  const auto [default_crops, default_inputs] = run({}, dark_a, dark_b, false);
  EXPECT_LE(max_difference(default_inputs[1], default_crops[1]), rounding) << "the default averages nothing";
}

// In a brightened dark frame a detection that continues the tracked face needs only tracked_score_threshold;
// a new face, a detection elsewhere and a frame left as it is still need the detector's own threshold.
TEST(VisionFacePipeline, ADarkFrameKeepsTheTrackedFaceAtTheLowerScore) {
  const UniformFrame dark(25), bright(160);
  const attune::vision::RgbaView dark_frame = dark.view(), bright_frame = bright.view();
  attune::vision::FacePipelineConfig keeping;
  keeping.detector.score_threshold = 0.6f;
  keeping.tracked_score_threshold = 0.45f;
  // Two frames: the face at `first_score`, then (at `second_x`, 120 px wide: the whole frame is searched) at 0.5.
  const auto second_frame = [&](const attune::vision::FacePipelineConfig& config, const attune::vision::RgbaView& frame,
                                float first_score, float second_x) {
    FacePipeline pipeline(config);
    pipeline.prepare_detector_input(frame);
    const int first_track = pipeline.process_detector_outputs(frame, one_face_outputs(pipeline, 150.0f, 120.0f, 120.0f, first_score).view()).track_id;
    pipeline.prepare_detector_input(frame);
    const auto r = pipeline.process_detector_outputs(frame, one_face_outputs(pipeline, second_x, 120.0f, 120.0f, 0.5f).view());
    return std::make_pair(r, first_track);
  };
  const auto [kept, first_track] = second_frame(keeping, dark_frame, 0.9f, 150.0f);
  EXPECT_EQ(kept.state, FaceState::kTracking);
  EXPECT_TRUE(kept.has_crop);
  EXPECT_EQ(kept.track_id, first_track) << "the same face, kept";
  const float elsewhere_x = 280.0f;  // right of the tracked box (x 150-270): no overlap at all
  EXPECT_EQ(second_frame(keeping, dark_frame, 0.9f, elsewhere_x).first.state, FaceState::kHolding)
      << "a detection that does not continue the tracked face is a miss";
  EXPECT_EQ(second_frame(keeping, dark_frame, 0.5f, 150.0f).first.state, FaceState::kNoFace)
      << "a new face needs the detector's threshold";
  EXPECT_EQ(second_frame(keeping, bright_frame, 0.9f, 150.0f).first.state, FaceState::kHolding)
      << "a frame left as it is keeps the detector's threshold";
  EXPECT_EQ(second_frame({}, dark_frame, 0.9f, 150.0f).first.state, FaceState::kHolding) << "the default keeps nothing lower";
}
