#include "core/audio/spectral_balance.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/audio/mel.h"
#include "core/audio/noise_floor.h"
#include "core/audio/summary_stats.h"

using namespace attune::audio;

namespace {

// Natural-log mel energies with power `low` in bands centred under 1 kHz and `high` above.
std::vector<float> two_level_spectrum(const MelFilterbank& mel, double low, double high) {
  std::vector<float> out;
  for (int i = 0; i < mel.n_mels(); ++i) {
    out.push_back(static_cast<float>(std::log(mel.centre_hz(i) < 1000.0 ? low : high)));
  }
  return out;
}

}  // namespace

TEST(AudioSpectralBalance, HighEnergyRaisesTheAlphaRatioAndLowersHammarberg) {
  MelFilterbank mel;
  SpectralBalance balance(mel);
  const auto dull = balance.measure(two_level_spectrum(mel, 1.0, 0.01).data());
  const auto bright = balance.measure(two_level_spectrum(mel, 1.0, 1.0).data());
  EXPECT_LT(dull.alpha_ratio_db, bright.alpha_ratio_db - 15.0f);
  EXPECT_NEAR(dull.hammarberg_db, 20.0f, 0.01f);  // strongest band under 2 kHz: 1 (below 1 kHz) vs 0.01
  EXPECT_NEAR(bright.hammarberg_db, 0.0f, 0.01f);
}

TEST(AudioNoiseFloor, NoiseOnlyFramesSettleAtTheFloorAndLoudFramesKeepTheirLevel) {
  // 4 bands, 40 frames: frames 10-29 speech at power 100, the rest noise at power 1.
  const int frames = 40, bands = 4;
  std::vector<float> log_mel(frames * bands);
  std::vector<bool> speech(frames);
  std::vector<float> energy_db(frames);
  for (int t = 0; t < frames; ++t) {
    speech[t] = t >= 10 && t < 30;
    energy_db[t] = speech[t] ? 20.0f : 0.0f;
    for (int b = 0; b < bands; ++b) log_mel[t * bands + b] = std::log(speech[t] ? 100.0f : 1.0f);
  }
  NoiseFloor floor({true, 20, 1.5f, 0.1f});
  std::vector<float> out;
  floor.clean(log_mel, frames, bands, frames, speech, energy_db, 1e-10f, out);
  EXPECT_NEAR(floor.noise()[0], 1.0f, 1e-5f);
  EXPECT_NEAR(out[0], std::log(0.1f), 1e-5f);              // noise frame: at the floor
  EXPECT_NEAR(out[15 * bands], std::log(98.5f), 1e-5f);    // speech: 100 - 1.5 x 1
  // Disabled: the values come back unchanged.
  NoiseFloor off({false, 20, 1.5f, 0.1f});
  off.clean(log_mel, frames, bands, frames, speech, energy_db, 1e-10f, out);
  EXPECT_EQ(out, log_mel);
}

TEST(AudioNoiseFloor, ContinuousSpeechTakesTheQuietestFramesAsNoise) {
  const int frames = 30, bands = 1;
  std::vector<float> log_mel(frames), energy_db(frames);
  std::vector<bool> speech(frames, true);
  for (int t = 0; t < frames; ++t) {
    const float power = t < 20 ? 2.0f : 50.0f;  // the 20 quietest frames are at power 2
    log_mel[t] = std::log(power);
    energy_db[t] = 10.0f * std::log10(power);
  }
  NoiseFloor floor({true, 20, 1.0f, 0.1f});
  std::vector<float> out;
  floor.clean(log_mel, frames, bands, frames, speech, energy_db, 1e-10f, out);
  EXPECT_NEAR(floor.noise()[0], 2.0f, 1e-5f);
  EXPECT_NEAR(out[25], std::log(48.0f), 1e-5f);
}

TEST(AudioSummaryStats, SlopeOfALine) {
  EXPECT_NEAR(slope({0.0f, 1.0f, 2.0f, 3.0f}, {1.0f, 3.0f, 5.0f, 7.0f}), 2.0f, 1e-6f);
  EXPECT_EQ(slope({1.0f}, {5.0f}), 0.0f);
  EXPECT_EQ(slope({2.0f, 2.0f}, {1.0f, 3.0f}), 0.0f);
}
