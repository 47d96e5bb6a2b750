// WAV (RIFF/WAVE) decoding from bytes: PCM 16/24/32-bit integer or 32-bit float, any channel
// count (mixed down to mono by averaging), WAVE_FORMAT_EXTENSIBLE included. Malformed or unsupported
// files are rejected with a message saying what is wrong; no exceptions. File reading stays in the
// callers (tools, browser) so the core does no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace attune::audio {

struct WavData {
  int sample_rate = 0;
  int channels = 0;           // in the file; `samples` is always mono
  int bits_per_sample = 0;
  bool is_float = false;
  std::vector<float> samples;  // mono, in [-1, 1]
};

struct WavResult {
  bool ok = false;
  std::string error;  // empty when ok
  WavData wav;
};

WavResult decode_wav(const std::uint8_t* bytes, std::size_t size);

}  // namespace attune::audio
