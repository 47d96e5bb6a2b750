// A detected face: box, five landmarks and score, in the pixel coordinates of some image (detector
// input or camera frame; the producer says which). Continuous coordinates: pixel (i, j) covers
// [i, i+1) x [j, j+1), so its centre is (i + 0.5, j + 0.5).
#pragma once

#include <array>

namespace attune::vision {

struct Point2f {
  float x = 0.0f;
  float y = 0.0f;
};

// YuNet's landmark order. "Right"/"left" are the person's own: for an upright face seen by a
// non-mirrored camera, the right eye is on the image's left.
enum Landmark : int { kRightEye = 0, kLeftEye = 1, kNoseTip = 2, kRightMouth = 3, kLeftMouth = 4 };
constexpr int kLandmarkCount = 5;

struct BoxF {
  float x = 0.0f;  // top-left corner
  float y = 0.0f;
  float width = 0.0f;
  float height = 0.0f;

  float area() const { return width > 0 && height > 0 ? width * height : 0.0f; }
  float center_x() const { return x + width * 0.5f; }
  float center_y() const { return y + height * 0.5f; }
};

// Intersection over union; 0 when either box is empty.
float intersection_over_union(const BoxF& a, const BoxF& b);

struct FaceDetection {
  BoxF box;
  std::array<Point2f, kLandmarkCount> landmarks{};
  float score = 0.0f;
};

}  // namespace attune::vision
