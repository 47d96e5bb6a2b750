// A whole recording (WAV bytes) as mono samples at the analysis rate: decoding plus the same
// resampler the live path uses. For tools that classify files (featurize, the Node classifier).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace attune::audio {

struct Recording {
  bool ok = false;
  std::string error;           // readable, when !ok
  int source_rate = 0;         // the file's sample rate
  std::vector<float> samples;  // mono at the requested rate
};

Recording decode_recording(const std::uint8_t* bytes, std::size_t size, int target_rate);

}  // namespace attune::audio
