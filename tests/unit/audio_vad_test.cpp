#include "core/audio/vad.h"

#include <gtest/gtest.h>

#include <vector>

#include "audio_test_data.h"
#include "core/audio/voice_features.h"

using namespace attune::audio;
using namespace attune::audio::testing;

namespace {

// Speech-like test signal: `f0` vowels of 300 ms separated by 100 ms pauses, starting at `from_s`.
std::vector<float> syllables(double from_s, double to_s, double f0, double amplitude, std::size_t n) {
  std::vector<float> x(n, 0.0f);
  const auto v = vowel(f0, 16000.0, n, amplitude);
  for (std::size_t i = static_cast<std::size_t>(from_s * 16000); i < n && i < to_s * 16000; ++i) {
    const double in_cycle = std::fmod(i / 16000.0 - from_s, 0.4);
    if (in_cycle < 0.3) x[i] = v[i];
  }
  return x;
}

}  // namespace

TEST(AudioVad, HangoverExtendsRunsAndShortClicksAreDropped) {
  VadConfig cfg;
  cfg.min_speech_frames = 5;
  VoiceActivityDetector vad(cfg);
  std::vector<float> energy(100, -80.0f), flat(100, 0.1f);
  for (int t = 20; t < 30; ++t) energy[t] = -20.0f;  // a run of 10 frames
  for (int t = 60; t < 62; ++t) energy[t] = -20.0f;  // a 2-frame click
  const VadResult r = vad.detect(energy, flat);
  EXPECT_FALSE(r.speech[16]);
  EXPECT_TRUE(r.speech[17]);                        // pre_frames = 3
  EXPECT_TRUE(r.speech[29 + cfg.hangover_frames]);  // hangover after the last loud frame
  EXPECT_FALSE(r.speech[30 + cfg.hangover_frames]);
  EXPECT_FALSE(r.speech[60]);
  EXPECT_EQ(r.speech_frames, 3 + 10 + cfg.hangover_frames);
  EXPECT_TRUE(r.has_speech);
}

TEST(AudioVad, LoudButFlatFramesAreNotSpeech) {
  VoiceActivityDetector vad;
  std::vector<float> energy(100, -80.0f), flat(100, 0.6f);
  for (int t = 20; t < 80; ++t) energy[t] = -20.0f;
  EXPECT_FALSE(vad.detect(energy, flat).has_speech);
}

TEST(AudioVad, SilenceAndQuietNoiseWindowsHaveNoSpeech) {
  VoiceFeatureExtractor extractor;
  VoiceFeatures f;
  std::vector<float> silence(48000, 0.0f);
  extractor.extract(silence.data(), silence.size(), f);
  EXPECT_FALSE(f.has_speech);
  EXPECT_EQ(f.speech_frames, 0);
  EXPECT_EQ(f.voiced_frames, 0);
  const auto hiss = white_noise(48000, 0.003, 3);  // about -50 dBFS
  extractor.extract(hiss.data(), hiss.size(), f);
  EXPECT_FALSE(f.has_speech);
  const auto loud_noise = white_noise(48000, 0.1, 4);  // loud but flat: still no speech
  extractor.extract(loud_noise.data(), loud_noise.size(), f);
  EXPECT_FALSE(f.has_speech);
}

TEST(AudioVad, SyllablesInSilenceAndInNoiseAreSpeech) {
  VoiceFeatureExtractor extractor;
  VoiceFeatures f;
  auto x = syllables(1.0, 2.2, 160.0, 0.2, 48000);
  extractor.extract(x.data(), x.size(), f);
  ASSERT_TRUE(f.has_speech);
  EXPECT_FALSE(f.speech[50]);   // 0.5 s: before the first syllable
  EXPECT_TRUE(f.speech[110]);   // 1.1 s: inside it
  EXPECT_FALSE(f.speech[280]);  // 2.8 s: well after the last one
  const auto noise = white_noise(48000, 0.005, 8);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] += noise[i];
  extractor.extract(x.data(), x.size(), f);
  EXPECT_TRUE(f.has_speech);
  EXPECT_FALSE(f.speech[50]);
  EXPECT_TRUE(f.speech[110]);
}
