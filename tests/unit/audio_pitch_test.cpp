#include "core/audio/pitch.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "audio_test_data.h"
#include "core/audio/energy.h"

using namespace attune::audio;
using namespace attune::audio::testing;

TEST(AudioPitch, FftDifferenceFunctionMatchesDirectYin) {
  const auto x = read_golden_flat("signal.txt");
  const auto cmnd = read_golden_flat("yin_cmnd.txt");
  const auto f0 = read_golden_flat("yin_f0.txt");
  YinPitch yin;
  ASSERT_EQ(yin.frame_span(), 667);
  const PitchEstimate e = yin.estimate(x.data());
  ASSERT_EQ(yin.normalised_difference().size(), cmnd.size());
  for (std::size_t tau = 1; tau < cmnd.size(); ++tau)
    EXPECT_NEAR(yin.normalised_difference()[tau], cmnd[tau], 2e-3) << tau;
  ASSERT_TRUE(e.voiced);
  EXPECT_NEAR(e.f0_hz, f0[0], 0.05);
}

TEST(AudioPitch, PureTonesGiveTheirFrequency) {
  YinPitch yin;
  for (double hz : {80.0, 110.0, 220.0, 440.0}) {
    const auto x = sine(hz, 16000.0, yin.frame_span(), 0.5, 0.3);
    const PitchEstimate e = yin.estimate(x.data());
    ASSERT_TRUE(e.voiced) << hz;
    EXPECT_NEAR(e.f0_hz, hz, hz * 0.002) << hz;
    EXPECT_LT(e.aperiodicity, 0.05f);
  }
}

TEST(AudioPitch, HarmonicVowelGivesItsFundamentalNotAnOctaveError) {
  YinPitch yin;
  for (double f0 : {95.0, 180.0, 260.0}) {
    const auto x = vowel(f0, 16000.0, yin.frame_span());
    const PitchEstimate e = yin.estimate(x.data());
    ASSERT_TRUE(e.voiced) << f0;
    EXPECT_NEAR(e.f0_hz, f0, f0 * 0.005) << f0;
  }
}

TEST(AudioPitch, SilenceAndWhiteNoiseAreUnvoiced) {
  YinPitch yin;
  std::vector<float> silence(yin.frame_span(), 0.0f);
  EXPECT_FALSE(yin.estimate(silence.data()).voiced);
  EXPECT_EQ(yin.estimate(silence.data()).f0_hz, 0.0f);
  int voiced = 0;
  for (unsigned seed = 0; seed < 20; ++seed) {
    const auto noise = white_noise(yin.frame_span(), 0.2, seed);
    voiced += yin.estimate(noise.data()).voiced;
  }
  EXPECT_LE(voiced, 1);
}

TEST(AudioPitch, JitterIsZeroForSteadyPitchAndGrowsWithPeriodWobble) {
  std::vector<PitchEstimate> steady(20, PitchEstimate{true, 200.0f, 0.0f});
  EXPECT_FLOAT_EQ(frame_jitter(steady), 0.0f);
  std::vector<PitchEstimate> wobble;
  for (int i = 0; i < 20; ++i) wobble.push_back({true, i % 2 ? 202.0f : 198.0f, 0.0f});
  // periods 1/198 and 1/202 differ by 1e-4 s around a mean of 5e-3 s: jitter = 2%.
  EXPECT_NEAR(frame_jitter(wobble), 0.02f, 1e-3f);
  wobble[5].voiced = false;  // pairs that touch an unvoiced frame are skipped
  EXPECT_NEAR(frame_jitter(wobble), 0.02f, 1e-3f);
  EXPECT_FLOAT_EQ(frame_jitter({}), 0.0f);
}

TEST(AudioEnergy, ShimmerMeasuresRelativeAmplitudeChangeOfVoicedFrames) {
  std::vector<float> amps = {0.1f, 0.1f, 0.1f, 0.1f};
  std::vector<bool> voiced(4, true);
  EXPECT_FLOAT_EQ(frame_shimmer(amps, voiced), 0.0f);
  amps = {0.09f, 0.11f, 0.09f, 0.11f};
  EXPECT_NEAR(frame_shimmer(amps, voiced), 0.2f, 1e-5f);
  EXPECT_FLOAT_EQ(frame_shimmer(amps, std::vector<bool>(4, false)), 0.0f);
}
