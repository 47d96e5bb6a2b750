#include "core/audio/voice_features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "audio_test_data.h"
#include "core/audio/resampler.h"

using namespace attune::audio;
using namespace attune::audio::testing;

namespace {

float stat(const VoiceFeatureExtractor& e, const VoiceFeatures& f, const std::string& name) {
  const auto& names = e.stats_names();
  const auto it = std::find(names.begin(), names.end(), name);
  EXPECT_NE(it, names.end()) << name;
  return it == names.end() ? NAN : f.stats[it - names.begin()];
}

}  // namespace

TEST(AudioVoiceFeatures, ShapesMatchTheModelInputs) {
  VoiceFeatureExtractor e;
  EXPECT_EQ(e.frames(), 298);
  EXPECT_EQ(e.n_mels(), 40);
  EXPECT_EQ(e.stats_dim(), 171);
  VoiceFeatures f;
  const auto x = vowel(200.0, 16000.0, 48000);
  e.extract(x.data(), x.size(), f);
  EXPECT_EQ(f.logmel.size(), 40u * 298u);
  EXPECT_EQ(f.stats.size(), 171u);
  for (float v : f.stats) EXPECT_TRUE(std::isfinite(v));
  for (float v : f.logmel) EXPECT_TRUE(std::isfinite(v));
}

// 300 ms bursts of `x` every 400 ms (speech-like on/off), silence between.
std::vector<float> bursts(std::vector<float> x) {
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::fmod(i / 16000.0, 0.4) >= 0.3) x[i] = 0.0f;
  return x;
}

TEST(AudioVoiceFeatures, A440HzToneGives440HzPitchAndSteadyProsody) {
  VoiceFeatureExtractor e;
  VoiceFeatures f;
  const auto x = bursts(vowel(440.0, 16000.0, 48000, 0.2));
  e.extract(x.data(), x.size(), f);
  ASSERT_TRUE(f.has_speech);
  EXPECT_GT(stat(e, f, "voiced_fraction"), 0.6f);  // hangover frames after each burst are silent
  EXPECT_NEAR(stat(e, f, "pitch_st_mean"), 12.0f * std::log2(440.0f / 100.0f), 0.05f);
  EXPECT_LT(stat(e, f, "pitch_st_std"), 0.05f);
  EXPECT_LT(stat(e, f, "jitter"), 0.002f);
  EXPECT_LT(stat(e, f, "shimmer"), 0.05f);
}

TEST(AudioVoiceFeatures, AnUnbrokenSteadyHumIsNotSpeech) {
  // Without any pause there is no frame 10 dB above the window's noise floor: a fridge or a
  // sustained tone is not treated as speech (documented in vad.h).
  VoiceFeatureExtractor e;
  VoiceFeatures f;
  const auto x = vowel(440.0, 16000.0, 48000, 0.2);
  e.extract(x.data(), x.size(), f);
  EXPECT_FALSE(f.has_speech);
}

TEST(AudioVoiceFeatures, ShortInputIsZeroPaddedAndPaddingIsNotSpeech) {
  VoiceFeatureExtractor e;
  VoiceFeatures f;
  const auto x = vowel(150.0, 16000.0, 16000, 0.2);  // 1 s of a 3 s window
  e.extract(x.data(), x.size(), f);
  ASSERT_TRUE(f.has_speech);
  EXPECT_TRUE(f.speech[50]);
  EXPECT_FALSE(f.speech[200]);
  EXPECT_EQ(f.logmel[5 * 298 + 200], 0.0f);
  EXPECT_NEAR(stat(e, f, "speech_fraction"), (98.0f + 15.0f) / 298.0f, 0.03f);
}

TEST(AudioVoiceFeatures, FortyEightKilohertzInputResampledGivesTheSameFeaturesAsSixteen) {
  // The browser path (48 kHz mic -> Resampler -> extractor) against a signal made at 16 kHz.
  VoiceFeatureExtractor e;
  VoiceFeatures a, b;
  const auto x16 = bursts(vowel(210.0, 16000.0, 48000, 0.2));
  auto x48 = vowel(210.0, 48000.0, 144000 + 480, 0.2);
  for (std::size_t i = 0; i < x48.size(); ++i)
    if (std::fmod(i / 48000.0, 0.4) >= 0.3) x48[i] = 0.0f;
  Resampler r(48000, 16000);
  std::vector<float> y;
  r.process(x48.data(), x48.size(), y);
  const std::size_t delay = static_cast<std::size_t>(std::lround(r.delay_input_samples() / 3.0));
  e.extract(x16.data(), x16.size(), a);
  e.extract(y.data() + delay, 48000, b);
  ASSERT_TRUE(a.has_speech);
  ASSERT_TRUE(b.has_speech);
  EXPECT_NEAR(stat(e, a, "pitch_st_mean"), stat(e, b, "pitch_st_mean"), 0.02f);
  // Burst edges ring a little through the anti-alias filter, which moves the VAD's frame selection
  // by a frame or two: levels agree within about 1 dB / 1%.
  EXPECT_NEAR(stat(e, a, "energy_db_mean"), stat(e, b, "energy_db_mean"), 1.0f);
  for (int k = 0; k < 20; ++k)
    EXPECT_NEAR(a.stats[k], b.stats[k], 0.1f + 0.01f * std::fabs(a.stats[k])) << "mfcc mean " << k;
}

TEST(AudioVoiceFeatures, StreamingReuseGivesBitIdenticalFeatures) {
  // 8 s of syllables with a moving pitch over light noise; windows every 1 s, then 0.5 s, then a
  // jump that is not a whole number of hops (which must fall back to a full analysis).
  const std::size_t n = 16000 * 8;
  std::vector<float> x(n);
  const auto noise = white_noise(n, 0.002, 21);
  for (std::size_t i = 0; i < n; ++i) {
    const double t = i / 16000.0, f0 = 150.0 + 50.0 * std::sin(2.0 * kTestPi * 0.3 * t);
    double v = 0.0;
    for (int k = 1; k <= 6; ++k) v += std::sin(2.0 * kTestPi * k * f0 * t) / k;
    x[i] = static_cast<float>((std::fmod(t, 0.45) < 0.3 ? 0.15 * v : 0.0) + noise[i]);
  }
  VoiceFeatureExtractor streaming, whole;
  VoiceFeatures a, b;
  const std::size_t starts[] = {0, 16000, 32000, 40000, 48000, 48080, 64000, 80000};
  for (std::size_t start : starts) {
    streaming.extract_stream(x.data() + start, 48000, start, a);
    whole.extract(x.data() + start, 48000, b);
    ASSERT_TRUE(b.has_speech) << start;
    EXPECT_EQ(a.speech, b.speech) << start;
    ASSERT_EQ(a.stats.size(), b.stats.size());
    for (std::size_t k = 0; k < a.stats.size(); ++k) ASSERT_EQ(a.stats[k], b.stats[k]) << start << " stat " << k;
    for (std::size_t k = 0; k < a.logmel.size(); ++k) ASSERT_EQ(a.logmel[k], b.logmel[k]) << start << " logmel " << k;
  }
}

// Syllables of a voice (harmonics of 180 Hz up to 1.4 kHz) with pauses, over white noise of `noise_rms`.
std::vector<float> syllables_in_noise(double noise_rms, unsigned seed) {
  const std::size_t n = 48000;
  std::vector<float> x = bursts(vowel(180.0, 16000.0, n, 0.2));
  const auto noise = white_noise(n, noise_rms, seed);
  for (std::size_t i = 0; i < n; ++i) x[i] += noise[i];
  return x;
}

TEST(AudioVoiceFeatures, NoiseSubtractionKeepsTheSpectralBalanceOfSpeechInNoise) {
  // The same syllables in a quiet room (-80 dBFS hiss) and over white noise about 15 dB under them.
  // The noise fills the bands above the voice's harmonics (1.4 kHz); with the window's noise floor
  // subtracted, the voiced frames' balance (alpha ratio: 1-5 kHz against below 1 kHz) moves much
  // less than without, and in the quiet room it does not move. (The log-mel band means are no test
  // of this: they also average the pauses inside speech, which read the room's noise either way.)
  VoiceFeatureConfig without_config;
  without_config.noise_floor.enabled = false;
  VoiceFeatureExtractor with(VoiceFeatureConfig{}), without(without_config);
  const auto quiet = syllables_in_noise(1e-4, 1), noisy = syllables_in_noise(0.02, 2);
  VoiceFeatures quiet_with, noisy_with, quiet_without, noisy_without;
  with.extract(quiet.data(), quiet.size(), quiet_with);
  with.extract(noisy.data(), noisy.size(), noisy_with);
  without.extract(quiet.data(), quiet.size(), quiet_without);
  without.extract(noisy.data(), noisy.size(), noisy_without);
  for (const auto* f : {&quiet_with, &noisy_with, &quiet_without, &noisy_without}) ASSERT_TRUE(f->has_speech);
  const auto alpha = [&](const VoiceFeatures& f) { return stat(with, f, "alpha_ratio_db_mean"); };
  const float shift_with = std::fabs(alpha(noisy_with) - alpha(quiet_without));
  const float shift_without = std::fabs(alpha(noisy_without) - alpha(quiet_without));
  EXPECT_LT(shift_with, 0.5f * shift_without) << shift_with << " dB vs " << shift_without << " dB";
  EXPECT_NEAR(alpha(quiet_with), alpha(quiet_without), 0.1f);
}

TEST(AudioVoiceFeatures, SpeechToNoiseStatsFollowTheNoiseLevelAndAreOffByDefault) {
  // The same syllables over white noise 20 dB apart: the speech stands 20 dB less above the louder noise.
  // The voice's harmonics stop at 1.4 kHz and white noise is flat, so the bands under 1 kHz read the
  // speech further above the noise than those above.
  VoiceFeatureConfig config;
  config.speech_to_noise_stats = true;
  VoiceFeatureExtractor with(config), shipped;
  ASSERT_EQ(with.stats_dim(), shipped.stats_dim() + 3);
  EXPECT_EQ(with.stats_names().back(), "speech_to_noise_high_db");
  const auto light = syllables_in_noise(0.002, 3), heavy = syllables_in_noise(0.02, 4);
  VoiceFeatures light_f, heavy_f, shipped_f;
  with.extract(light.data(), light.size(), light_f);
  with.extract(heavy.data(), heavy.size(), heavy_f);
  shipped.extract(light.data(), light.size(), shipped_f);
  ASSERT_TRUE(light_f.has_speech && heavy_f.has_speech);
  const auto snr = [&](const VoiceFeatures& f, const char* name) { return stat(with, f, name); };
  EXPECT_NEAR(snr(light_f, "speech_to_noise_db") - snr(heavy_f, "speech_to_noise_db"), 20.0f, 3.0f);
  EXPECT_GT(snr(heavy_f, "speech_to_noise_low_db"), snr(heavy_f, "speech_to_noise_high_db") + 10.0f);
  EXPECT_GT(snr(heavy_f, "speech_to_noise_db"), 5.0f);
  // The shipped extractor measures the same values (the app's "noisy here") without feeding them to the model.
  EXPECT_EQ(shipped_f.speech_to_noise.all_db, snr(light_f, "speech_to_noise_db"));
  EXPECT_EQ(shipped_f.speech_to_noise.high_db, snr(light_f, "speech_to_noise_high_db"));
  // The stats before them are the shipped extractor's, value for value.
  ASSERT_EQ(shipped_f.stats.size() + 3, light_f.stats.size());
  for (std::size_t k = 0; k < shipped_f.stats.size(); ++k) ASSERT_EQ(shipped_f.stats[k], light_f.stats[k]) << k;
}

TEST(AudioVoiceFeatures, PitchSlopeFollowsAGlide) {
  // A voice gliding from 150 to 300 Hz over 2 s rises one octave: 6 semitones a second.
  const std::size_t n = 48000;
  std::vector<float> x(n, 0.0f);
  double phase = 0.0;
  for (std::size_t i = 0; i < 32000; ++i) {
    const double f0 = 150.0 * std::pow(2.0, i / 32000.0);
    phase += 2.0 * kTestPi * f0 / 16000.0;
    double v = 0.0;
    for (int k = 1; k <= 5; ++k) v += std::sin(k * phase) / k;
    x[8000 + i] = static_cast<float>(0.1 * v);
  }
  VoiceFeatureExtractor e;
  VoiceFeatures f;
  e.extract(x.data(), x.size(), f);
  ASSERT_TRUE(f.has_speech);
  EXPECT_NEAR(stat(e, f, "pitch_st_slope"), 6.0f, 0.5f);
}
