// Crops a face out of an RGBA frame into the emotion model's 48x48 grayscale input.
//
// align_and_crop: rotates the face upright with the eye line, scales and places it as FaceFraming
// says (FER2013's framing), samples with k x k supersampled bilinear taps per output pixel
// (k = source pixels per output pixel, rounded, 1..8: a box filter against aliasing when
// shrinking), converts to BT.601 luma (gray.h) and rounds to 8-bit levels, like FER2013's JPEGs.
// Pixels outside the frame repeat the nearest edge pixel.
//
// crop_whole_image: the --no-detect path for an image that already is a face crop: its centred
// square is resized to 48x48 the same way. A 48x48 FER2013 image comes out unchanged.
//
// The model input is then level / 255 (float, [1,1,48,48]); see models/face_emotion.json.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/vision/face_detection.h"
#include "core/vision/face_framing.h"
#include "core/vision/image.h"

namespace attune::vision {

// Output pixel -> source position: source = origin + (ox * axis_x) + (oy * axis_y), with (ox, oy)
// continuous output coordinates.
struct CropTransform {
  Point2f origin;
  Point2f axis_x;  // source displacement for one output pixel to the right
  Point2f axis_y;  // source displacement for one output pixel down

  Point2f map(float ox, float oy) const {
    return {origin.x + ox * axis_x.x + oy * axis_y.x, origin.y + ox * axis_x.y + oy * axis_y.y};
  }
  // Source pixels per output pixel.
  float scale() const;
};

// The transform that frames a face given its five landmarks (frame pixels). Fails (returns false)
// for degenerate landmarks (eyes on top of each other).
bool framing_transform(const std::array<Point2f, kLandmarkCount>& landmarks, const FaceFraming& framing,
                       CropTransform* out);

class FaceAligner {
 public:
  explicit FaceAligner(const FaceFraming& framing = {});

  const FaceFraming& framing() const { return framing_; }

  // Returns false (and leaves the crop unchanged) when the frame is empty or the landmarks degenerate.
  bool align_and_crop(const RgbaView& frame, const std::array<Point2f, kLandmarkCount>& landmarks);
  bool crop_whole_image(const RgbaView& image);
  // Any transform (used by the two above; public for tests and tools).
  bool crop(const RgbaView& frame, const CropTransform& transform);

  // size x size gray levels, row-major.
  const std::vector<std::uint8_t>& gray() const { return gray_; }
  // The emotion model's input: gray / 255, [1, 1, size, size].
  const std::vector<float>& tensor() const { return tensor_; }
  const CropTransform& last_transform() const { return transform_; }

 private:
  FaceFraming framing_;
  CropTransform transform_;
  std::vector<std::uint8_t> gray_;
  std::vector<float> tensor_;
  std::vector<float> luma_;  // scratch: luma of the frame region under the crop
};

}  // namespace attune::vision
