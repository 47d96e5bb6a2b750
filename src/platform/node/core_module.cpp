// The wasm core module for Node: the same src/core code as the browser app, exported as plain C
// functions for the command-line tools (tools/*.mjs) and the wasm tests (tests/wasm/).
// Buffers are allocated by the caller with _malloc; nothing here touches files or the browser.
#include <emscripten.h>

#include "core/vision/detector_input.h"

namespace {
attune::vision::DetectorInput& detector_input() {
  static attune::vision::DetectorInput input(320);
  return input;
}
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int attune_core_abi_version() { return 1; }

// Letterboxes an RGBA frame into the face detector's [1,3,320,320] BGR tensor at `tensor_out`
// (320*320*3 floats). Returns the scale from frame to detector pixels.
EMSCRIPTEN_KEEPALIVE float attune_detector_input(const unsigned char* rgba, int width, int height, float* tensor_out) {
  auto& input = detector_input();
  const auto transform = input.prepare(attune::vision::RgbaView{rgba, width, height, 0});
  std::copy(input.tensor().begin(), input.tensor().end(), tensor_out);
  return transform.scale;
}

}  // extern "C"
