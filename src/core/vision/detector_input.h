// Turns a camera frame into the face detector's input tensor.
// YuNet takes float32 [1, 3, H, W], BGR channel planes, raw 0-255 values (no normalisation).
// The frame is scaled to fit W x H keeping its aspect ratio, placed at the top-left corner, and the
// rest is zero; LetterboxTransform maps detector coordinates back to frame pixels. With W x H chosen
// near the camera's own shape (320x240 into 320x256: YuNet needs multiples of 32) the scale is 1
// and only a thin band is padding. While no face is found, the pipeline also tries the frame turned
// by a few tens of degrees (YuNet misses many heads tilted that far) and parts of the frame enlarged
// (it misses many faces under ~70 px): a view of a region of the frame instead of all of it.
#pragma once

#include <algorithm>
#include <optional>
#include <vector>

#include "core/vision/face_detection.h"
#include "core/vision/image.h"

namespace attune::vision {

struct LetterboxTransform {
  float scale = 1.0f;  // detector pixels per frame pixel
  int content_width = 0;   // the viewed region's extent inside the tensor, in detector pixels
  int content_height = 0;
  // The region of the frame in view (frame pixels): its top-left corner lands at the tensor's (0, 0).
  // The whole frame unless `zoomed`.
  BoxF region;
  bool zoomed = false;
  // The region turned by `roll_degrees` about its centre before scaling (0: not turned), so that a
  // tilted head reaches the detector upright: an angle measured in the frame (atan2, y down) reads
  // roll_degrees more in the tensor.
  float roll_degrees = 0.0f;
  float cos_roll = 1.0f;
  float sin_roll = 0.0f;
  Point2f center;  // the region's centre, frame pixels

  // Detector coordinates -> frame pixels (continuous coordinates, as detections are).
  Point2f to_frame(Point2f detector) const {
    const float qx = detector.x / scale + region.x - center.x, qy = detector.y / scale + region.y - center.y;
    return {center.x + cos_roll * qx + sin_roll * qy, center.y - sin_roll * qx + cos_roll * qy};
  }
  // The same without a roll (roll_degrees == 0).
  float to_frame_x(float detector_x) const { return detector_x / scale + region.x; }
  float to_frame_y(float detector_y) const { return detector_y / scale + region.y; }
};

class DetectorInput {
 public:
  DetectorInput(int width, int height)
      : width_(width), height_(height), tensor_(static_cast<std::size_t>(3) * width * height) {}
  explicit DetectorInput(int size) : DetectorInput(size, size) {}

  // Fills tensor() from the frame (bilinear when scaling), turned by `roll_degrees` about its centre
  // (the corners turned out of view are lost, the ones turned in are zero). With a `region` (frame
  // pixels, inside the frame), that region instead of the whole frame is scaled to fit, turned about
  // its own centre (a turn brings in the frame around it). Returns the mapping back.
  LetterboxTransform prepare(const RgbaView& frame, float roll_degrees = 0.0f, std::optional<BoxF> region = {});

  // Detector pixels per frame pixel when a region this large (frame pixels) is scaled to fit.
  float scale_to_fit(float region_width, float region_height) const {
    return std::min(width_ / region_width, height_ / region_height);
  }

  int width() const { return width_; }
  int height() const { return height_; }
  const std::vector<float>& tensor() const { return tensor_; }

 private:
  int width_;
  int height_;
  std::vector<float> tensor_;
};

}  // namespace attune::vision
