// The camera image as an ImGui texture (WebGL2 / GLES3).
#pragma once

#include <cstdint>

namespace attune::ui {

class CameraPreview {
 public:
  CameraPreview() = default;
  ~CameraPreview();
  CameraPreview(const CameraPreview&) = delete;
  CameraPreview& operator=(const CameraPreview&) = delete;

  void update(const std::uint8_t* rgba, int width, int height);
  bool has_image() const { return texture_ != 0 && width_ > 0; }

  // Where the image landed on screen: screen = origin + image_pixel * scale.
  struct Placement {
    float origin_x = 0, origin_y = 0, scale = 1;
  };

  // Draws the image scaled to `max_width` (keeping its aspect), or a placeholder with `placeholder` text.
  Placement draw(float max_width, const char* placeholder) const;

 private:
  unsigned int texture_ = 0;
  int width_ = 0;
  int height_ = 0;
};

}  // namespace attune::ui
