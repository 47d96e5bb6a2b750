#include "core/audio/wav_reader.h"

#include <algorithm>
#include <cstring>

namespace attune::audio {
namespace {

std::uint32_t u32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::uint16_t u16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }

WavResult fail(std::string message) {
  WavResult r;
  r.error = "invalid WAV: " + std::move(message);
  return r;
}

constexpr std::uint16_t kFormatPcm = 1, kFormatFloat = 3, kFormatExtensible = 0xFFFE;

}  // namespace

WavResult decode_wav(const std::uint8_t* bytes, std::size_t size) {
  if (bytes == nullptr || size < 12) return fail("file is shorter than a RIFF header (12 bytes)");
  if (std::memcmp(bytes, "RIFF", 4) != 0) return fail("missing 'RIFF' signature");
  if (std::memcmp(bytes + 8, "WAVE", 4) != 0) return fail("RIFF type is not 'WAVE'");

  bool have_fmt = false;
  std::uint16_t format = 0, channels = 0, block_align = 0, bits = 0;
  std::uint32_t rate = 0;
  const std::uint8_t* data = nullptr;
  std::size_t data_size = 0;

  std::size_t pos = 12;
  while (pos + 8 <= size) {
    const std::uint8_t* chunk = bytes + pos;
    const std::uint32_t chunk_size = u32(chunk + 4);
    const std::size_t body = pos + 8;
    const bool is_data = std::memcmp(chunk, "data", 4) == 0;
    if (chunk_size > size - body) {
      // Streams written before their length was known often leave a too-large data size:
      // accept the bytes present, but only for the data chunk.
      if (!is_data) return fail("chunk '" + std::string(reinterpret_cast<const char*>(chunk), 4) + "' runs past the end of the file");
    }
    if (std::memcmp(chunk, "fmt ", 4) == 0) {
      if (chunk_size < 16) return fail("'fmt ' chunk is shorter than 16 bytes");
      format = u16(bytes + body);
      channels = u16(bytes + body + 2);
      rate = u32(bytes + body + 4);
      block_align = u16(bytes + body + 12);
      bits = u16(bytes + body + 14);
      if (format == kFormatExtensible) {
        if (chunk_size < 40) return fail("extensible 'fmt ' chunk is shorter than 40 bytes");
        format = u16(bytes + body + 24);  // first two bytes of the sub-format GUID
      }
      have_fmt = true;
    } else if (is_data) {
      if (!have_fmt) return fail("'data' chunk comes before the 'fmt ' chunk");
      data = bytes + body;
      data_size = std::min<std::size_t>(chunk_size, size - body);
      break;
    }
    pos = body + chunk_size + (chunk_size & 1u);  // chunks are padded to even sizes
  }
  if (!have_fmt) return fail("no 'fmt ' chunk");
  if (data == nullptr) return fail("no 'data' chunk");
  if (format != kFormatPcm && format != kFormatFloat)
    return fail("unsupported format tag " + std::to_string(format) + " (only PCM and IEEE float)");
  if (channels == 0) return fail("zero channels");
  if (rate < 1000 || rate > 384000) return fail("implausible sample rate " + std::to_string(rate));
  const bool is_float = format == kFormatFloat;
  if (is_float ? bits != 32 : (bits != 16 && bits != 24 && bits != 32))
    return fail("unsupported sample size: " + std::to_string(bits) + "-bit " + (is_float ? "float" : "PCM"));
  const std::size_t bytes_per_sample = bits / 8;
  if (block_align != bytes_per_sample * channels)
    return fail("block align " + std::to_string(block_align) + " does not match " + std::to_string(channels) +
                " channels of " + std::to_string(bits) + " bits");
  if (data_size % block_align != 0) data_size -= data_size % block_align;  // drop a torn last frame
  if (data_size == 0) return fail("'data' chunk holds no complete sample frame");

  WavResult r;
  WavData& w = r.wav;
  w.sample_rate = static_cast<int>(rate);
  w.channels = channels;
  w.bits_per_sample = bits;
  w.is_float = is_float;
  const std::size_t frames = data_size / block_align;
  w.samples.resize(frames);
  for (std::size_t f = 0; f < frames; ++f) {
    double acc = 0.0;
    for (std::size_t c = 0; c < channels; ++c) {
      const std::uint8_t* p = data + f * block_align + c * bytes_per_sample;
      double v;
      if (is_float) {
        float x;
        std::memcpy(&x, p, 4);
        v = x;
      } else if (bits == 16) {
        v = static_cast<std::int16_t>(u16(p)) / 32768.0;
      } else if (bits == 24) {
        std::int32_t x = static_cast<std::int32_t>((p[0] << 8) | (p[1] << 16) | (static_cast<std::uint32_t>(p[2]) << 24)) >> 8;
        v = x / 8388608.0;
      } else {
        v = static_cast<std::int32_t>(u32(p)) / 2147483648.0;
      }
      acc += v;
    }
    w.samples[f] = static_cast<float>(acc / channels);
  }
  r.ok = true;
  return r;
}

}  // namespace attune::audio
