#include "core/audio/wav_reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using attune::audio::decode_wav;
using attune::audio::WavResult;

namespace {

void put16(std::vector<std::uint8_t>& b, std::uint16_t v) {
  b.push_back(v & 0xff);
  b.push_back(v >> 8);
}
void put32(std::vector<std::uint8_t>& b, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back((v >> (8 * i)) & 0xff);
}
void tag(std::vector<std::uint8_t>& b, const char* t) { b.insert(b.end(), t, t + 4); }

// A WAV file: fmt chunk (format, channels, rate, bits) then data bytes.
std::vector<std::uint8_t> wav(std::uint16_t format, std::uint16_t channels, std::uint32_t rate, std::uint16_t bits,
                              const std::vector<std::uint8_t>& data, bool extra_chunk = false) {
  std::vector<std::uint8_t> b;
  tag(b, "RIFF");
  put32(b, 0);  // patched below
  tag(b, "WAVE");
  if (extra_chunk) {  // an odd-sized LIST chunk with its pad byte
    tag(b, "LIST");
    put32(b, 3);
    b.insert(b.end(), {'a', 'b', 'c', 0});
  }
  tag(b, "fmt ");
  put32(b, 16);
  put16(b, format);
  put16(b, channels);
  put32(b, rate);
  put32(b, rate * channels * bits / 8);
  put16(b, static_cast<std::uint16_t>(channels * bits / 8));
  put16(b, bits);
  tag(b, "data");
  put32(b, static_cast<std::uint32_t>(data.size()));
  b.insert(b.end(), data.begin(), data.end());
  const std::uint32_t riff = static_cast<std::uint32_t>(b.size() - 8);
  std::memcpy(&b[4], &riff, 4);
  return b;
}

std::vector<std::uint8_t> pcm16(const std::vector<std::int16_t>& v) {
  std::vector<std::uint8_t> b;
  for (auto s : v) put16(b, static_cast<std::uint16_t>(s));
  return b;
}

WavResult decode(const std::vector<std::uint8_t>& b) { return decode_wav(b.data(), b.size()); }

}  // namespace

TEST(AudioWavReader, DecodesMonoPcm16) {
  const auto r = decode(wav(1, 1, 16000, 16, pcm16({0, 16384, -32768, 32767})));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.wav.sample_rate, 16000);
  EXPECT_EQ(r.wav.channels, 1);
  ASSERT_EQ(r.wav.samples.size(), 4u);
  EXPECT_FLOAT_EQ(r.wav.samples[1], 0.5f);
  EXPECT_FLOAT_EQ(r.wav.samples[2], -1.0f);
}

TEST(AudioWavReader, AveragesStereoAndSkipsUnknownChunks) {
  const auto r = decode(wav(1, 2, 44100, 16, pcm16({16384, 0, -16384, -16384}), true));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.wav.channels, 2);
  EXPECT_EQ(r.wav.sample_rate, 44100);
  ASSERT_EQ(r.wav.samples.size(), 2u);
  EXPECT_FLOAT_EQ(r.wav.samples[0], 0.25f);
  EXPECT_FLOAT_EQ(r.wav.samples[1], -0.5f);
}

TEST(AudioWavReader, DecodesFloat32AndPcm24) {
  std::vector<std::uint8_t> f;
  for (float v : {0.25f, -0.75f}) {
    std::uint32_t u;
    std::memcpy(&u, &v, 4);
    put32(f, u);
  }
  auto r = decode(wav(3, 1, 48000, 32, f));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_TRUE(r.wav.is_float);
  EXPECT_FLOAT_EQ(r.wav.samples[1], -0.75f);
  r = decode(wav(1, 1, 48000, 24, {0x00, 0x00, 0xC0, 0x00, 0x00, 0x40}));  // -0.5, +0.5
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_FLOAT_EQ(r.wav.samples[0], -0.5f);
  EXPECT_FLOAT_EQ(r.wav.samples[1], 0.5f);
}

TEST(AudioWavReader, RejectsMalformedFilesWithAClearMessage) {
  auto expect_error = [](const std::vector<std::uint8_t>& b, const std::string& needle) {
    const auto r = decode(b);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find(needle), std::string::npos) << "got: " << r.error;
  };
  expect_error({}, "shorter than a RIFF header");
  std::vector<std::uint8_t> good = wav(1, 1, 16000, 16, pcm16({1, 2, 3}));
  auto bad = good;
  bad[0] = 'X';
  expect_error(bad, "'RIFF'");
  bad = good;
  bad[8] = 'A';
  expect_error(bad, "not 'WAVE'");
  expect_error(wav(2, 1, 16000, 16, pcm16({1})), "unsupported format tag 2");  // ADPCM
  expect_error(wav(1, 1, 16000, 8, {1, 2}), "unsupported sample size: 8-bit");
  expect_error(wav(1, 0, 16000, 16, pcm16({1})), "zero channels");
  expect_error(wav(1, 1, 0, 16, pcm16({1})), "implausible sample rate 0");
  expect_error(wav(1, 1, 16000, 16, {}), "no complete sample frame");
  // A truncated file: the header and fmt chunk only.
  expect_error(std::vector<std::uint8_t>(good.begin(), good.begin() + 36), "no 'data' chunk");
  // fmt chunk whose size claims more than the file holds.
  bad = std::vector<std::uint8_t>(good.begin(), good.begin() + 30);
  expect_error(bad, "runs past the end");
  // block align inconsistent with channels * bits
  bad = good;
  bad[32] = 4;
  expect_error(bad, "block align 4");
}

TEST(AudioWavReader, AcceptsAnOversizedDataLengthFromAStreamedRecording) {
  auto b = wav(1, 1, 16000, 16, pcm16({100, 200, 300}));
  const std::uint32_t huge = 0xFFFFFFF0u;
  std::memcpy(&b[40], &huge, 4);
  const auto r = decode(b);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.wav.samples.size(), 3u);
}
