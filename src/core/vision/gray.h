// Grayscale conversion used everywhere a colour pixel becomes an emotion-model input.
// ITU-R BT.601 luma of non-linear (gamma-encoded) sRGB values: Y = 0.299 R + 0.587 G + 0.114 B,
// the formula of OpenCV's RGB2GRAY and of FER2013's grayscale JPEGs (a gray pixel maps to itself).
#pragma once

#include <cstdint>

namespace attune::vision {

inline float luma_bt601(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  return 0.299f * r + 0.587f * g + 0.114f * b;
}

}  // namespace attune::vision
