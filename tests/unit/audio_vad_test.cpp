#include "core/audio/vad.h"

#include <gtest/gtest.h>

#include <cmath>
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

namespace {

// Amplitude for vowel() (8 harmonics at 1/k, scaled by 0.5) whose RMS is `dbfs`.
double vowel_amplitude(double dbfs) {
  double power = 0.0;
  for (int k = 1; k <= 8; ++k) power += 0.5 / (k * k);
  return std::pow(10.0, dbfs / 20.0) / (0.5 * std::sqrt(power));
}

// Scaled to `dbfs` RMS.
std::vector<float> at_level(std::vector<float> x, double dbfs) {
  double power = 0.0;
  for (float v : x) power += static_cast<double>(v) * v;
  const double gain = std::pow(10.0, dbfs / 20.0) / std::sqrt(power / x.size());
  for (auto& v : x) v = static_cast<float>(v * gain);
  return x;
}

// Rumble: white noise through a leaky integrator (a brown-like spectrum whose frame energy wanders).
std::vector<float> rumble(std::size_t n, double dbfs, unsigned seed) {
  auto x = white_noise(n, 1.0, seed);
  float y = 0.0f;
  for (auto& v : x) v = y = 0.995f * y + v;
  return at_level(x, dbfs);
}

}  // namespace

TEST(AudioVad, QuietPassFindsSoftSpeechOverSilenceButNotSteadyLevels) {
  VoiceActivityDetector vad;
  std::vector<float> energy(298, -100.0f), flat(298, 0.0f);
  for (int t = 100; t < 200; ++t) { energy[t] = -62.0f; flat[t] = 0.1f; }  // under the -50 dB floor
  const VadResult first_only = vad.detect(energy, flat, false);
  EXPECT_FALSE(first_only.has_speech);
  const VadResult r = vad.detect(energy, flat);
  EXPECT_TRUE(r.has_speech);
  EXPECT_TRUE(r.quiet);
  EXPECT_TRUE(r.speech[150]);
  EXPECT_FALSE(r.speech[50]);
  std::vector<float> steady(298, -62.0f);  // the same level without pauses: no margin over its floor
  EXPECT_FALSE(vad.detect(steady, flat).has_speech);
  std::vector<float> noisy(flat);  // the same energies, noise-like spectrum
  for (int t = 100; t < 200; ++t) noisy[t] = 0.5f;
  EXPECT_FALSE(vad.detect(energy, noisy).has_speech);
}

TEST(AudioVad, QuietSpeechLikeSignalsAreSpeech) {
  VoiceFeatureExtractor extractor;
  VoiceFeatures f;
  for (double dbfs : {-45.0, -55.0, -65.0}) {
    const auto x = syllables(1.0, 2.2, 160.0, vowel_amplitude(dbfs), 48000);
    extractor.extract(x.data(), x.size(), f);
    EXPECT_TRUE(f.has_speech) << dbfs << " dBFS";
    EXPECT_TRUE(f.speech[110]) << dbfs << " dBFS";
    EXPECT_FALSE(f.speech[50]) << dbfs << " dBFS";
    EXPECT_FALSE(f.speech[280]) << dbfs << " dBFS";
  }
  // Soft speech over a quiet room (-80 dBFS hiss) is still found.
  auto x = syllables(1.0, 2.2, 160.0, vowel_amplitude(-55.0), 48000);
  const auto hiss = at_level(white_noise(48000, 1.0, 11), -80.0);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] += hiss[i];
  extractor.extract(x.data(), x.size(), f);
  EXPECT_TRUE(f.has_speech);
  EXPECT_TRUE(f.speech[110]);
}

TEST(AudioVad, LowNoiseRumbleAndNoiseBurstsAreNotSpeech) {
  VoiceFeatureExtractor extractor;
  VoiceFeatures f;
  const auto expect_no_speech = [&](const std::vector<float>& x, const char* what) {
    extractor.extract(x.data(), x.size(), f);
    EXPECT_FALSE(f.has_speech) << what;
  };
  expect_no_speech(at_level(white_noise(48000, 1.0, 21), -60.0), "white noise at -60 dBFS");
  expect_no_speech(at_level(white_noise(48000, 1.0, 22), -75.0), "white noise at -75 dBFS");
  std::vector<float> lsb(48000);  // +-1 LSB dither of 16-bit silence
  const auto d = white_noise(48000, 1.0, 23);
  for (std::size_t i = 0; i < lsb.size(); ++i) lsb[i] = (d[i] > 0.5f ? 1.0f : d[i] < -0.5f ? -1.0f : 0.0f) / 32768.0f;
  expect_no_speech(lsb, "dithered silence");
  // Rumble's frame energy wanders by more than the 10 dB margin; it is not periodic.
  for (double dbfs : {-60.0, -40.0, -25.0}) expect_no_speech(rumble(48000, dbfs, 24), "rumble");
  // Noise bursts shaped like syllables, loud and quiet: level moves like speech, no voicing.
  for (double dbfs : {-30.0, -60.0}) {
    auto bursts = at_level(white_noise(48000, 1.0, 25), dbfs);
    const auto shape = syllables(0.5, 2.8, 160.0, 1.0, 48000);
    for (std::size_t i = 0; i < bursts.size(); ++i) bursts[i] *= shape[i] != 0.0f ? 1.0f : 0.0f;
    expect_no_speech(bursts, "noise bursts");
  }
}

TEST(AudioVad, AWindowTheFirstPassAcceptsKeepsItsFlags) {
  // Loud syllables and, later, soft ones under the absolute floor: the quiet pass does not run, so
  // windows like those the voice model was trained on get exactly the features they had.
  auto x = syllables(0.5, 1.3, 160.0, vowel_amplitude(-30.0), 48000);
  const auto soft = syllables(1.8, 2.6, 160.0, vowel_amplitude(-62.0), 48000);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] += soft[i];
  VoiceFeatureExtractor extractor;
  VoiceFeatures f;
  extractor.extract(x.data(), x.size(), f);
  ASSERT_TRUE(f.has_speech);
  EXPECT_TRUE(f.speech[60]);
  EXPECT_FALSE(f.speech[200]);  // 2.0 s: inside a soft syllable
}
