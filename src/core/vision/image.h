// Non-owning views of pixel buffers as they arrive from the camera (RGBA, 8 bit, row-major).
#pragma once

#include <cstdint>

namespace attune::vision {

struct RgbaView {
  const std::uint8_t* pixels = nullptr;  // width * height * 4 bytes, rows `stride` bytes apart
  int width = 0;
  int height = 0;
  int stride = 0;  // bytes per row; 0 means width * 4

  int row_bytes() const { return stride > 0 ? stride : width * 4; }
  const std::uint8_t* row(int y) const { return pixels + static_cast<long>(y) * row_bytes(); }
  bool empty() const { return pixels == nullptr || width <= 0 || height <= 0; }
};

}  // namespace attune::vision
