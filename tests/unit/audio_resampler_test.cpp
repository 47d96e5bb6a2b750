#include "core/audio/resampler.h"

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <vector>

#include "audio_test_data.h"
#include "core/audio/real_fft.h"

using attune::audio::RealFft;
using attune::audio::Resampler;
using namespace attune::audio::testing;

namespace {

// Frequency of the strongest bin, Hann-windowed over 8192 samples, refined by interpolation.
struct Peak {
  double hz;
};

Peak spectrum_peak(const std::vector<float>& x, std::size_t offset, double rate) {
  const int n = 8192;
  std::vector<float> frame(n);
  for (int i = 0; i < n; ++i) frame[i] = static_cast<float>(x[offset + i] * (0.5 - 0.5 * std::cos(2.0 * kTestPi * i / n)));
  RealFft fft(n);
  std::vector<std::complex<float>> spec(fft.bins());
  fft.forward(frame.data(), n, spec.data());
  int best = 1;
  for (int k = 1; k < fft.bins(); ++k)
    if (std::abs(spec[k]) > std::abs(spec[best])) best = k;
  // Parabolic interpolation on log magnitude for a sub-bin frequency.
  const double l = std::log(std::abs(spec[best - 1])), c = std::log(std::abs(spec[best])),
               r = std::log(std::abs(spec[best + 1]));
  const double shift = 0.5 * (l - r) / (l - 2 * c + r);
  return {(best + shift) * rate / n};
}

// Level (dB re the input tone's amplitude 0.5), from the RMS of the resampled output of a tone, after the filter settles.
double output_level_db(int in_rate, double hz) {
  Resampler r(in_rate, 16000);
  const auto x = sine(hz, in_rate, static_cast<std::size_t>(in_rate));
  std::vector<float> y;
  r.process(x.data(), x.size(), y);
  double acc = 0.0;
  for (std::size_t i = 4000; i < y.size(); ++i) acc += static_cast<double>(y[i]) * y[i];
  const double rms = std::sqrt(acc / (y.size() - 4000));
  return 20.0 * std::log10(rms * std::sqrt(2.0) / 0.5 + 1e-12);
}

}  // namespace

TEST(AudioResampler, ReducesRatesToCoprimeFactors) {
  EXPECT_EQ(Resampler(48000, 16000).up(), 1);
  EXPECT_EQ(Resampler(48000, 16000).down(), 3);
  EXPECT_EQ(Resampler(44100, 16000).up(), 160);
  EXPECT_EQ(Resampler(44100, 16000).down(), 441);
  EXPECT_TRUE(Resampler(16000, 16000).passthrough());
}

TEST(AudioResampler, PreservesAToneFrequencyAndLevelFrom44100And48000) {
  for (int rate : {44100, 48000}) {
    for (double hz : {440.0, 1000.0, 3150.0, 6500.0}) {
      Resampler r(rate, 16000);
      const auto x = sine(hz, rate, static_cast<std::size_t>(rate), 0.5);
      std::vector<float> y;
      r.process(x.data(), x.size(), y);
      EXPECT_NEAR(static_cast<double>(y.size()), 16000.0, 1.0) << rate;
      const Peak p = spectrum_peak(y, 4000, 16000.0);
      EXPECT_NEAR(p.hz, hz, 0.5) << rate << " Hz in: " << hz;
      EXPECT_NEAR(output_level_db(rate, hz), 0.0, 0.05) << rate << " Hz in: " << hz;
    }
  }
}

TEST(AudioResampler, AttenuatesWhatWouldAliasBelow7200Hz) {
  // 9 kHz and 12 kHz at the input would fold to 7 kHz and 4 kHz at 16 kHz: they must vanish.
  for (int rate : {44100, 48000}) {
    EXPECT_LT(output_level_db(rate, 9000.0), -70.0) << rate;
    EXPECT_LT(output_level_db(rate, 12000.0), -70.0) << rate;
    EXPECT_GT(output_level_db(rate, 7000.0), -0.5) << rate;  // passband
  }
}

TEST(AudioResampler, OutputDoesNotDependOnBlockSplitting) {
  const auto x = white_noise(44100, 0.3, 5);
  Resampler whole(44100, 16000), blocks(44100, 16000);
  std::vector<float> a, b;
  whole.process(x.data(), x.size(), a);
  const std::size_t sizes[] = {128, 1, 441, 1000, 37};
  std::size_t pos = 0, i = 0;
  while (pos < x.size()) {
    const std::size_t n = std::min(sizes[i++ % 5], x.size() - pos);
    blocks.process(x.data() + pos, n, b);
    pos += n;
  }
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) ASSERT_FLOAT_EQ(a[k], b[k]) << k;
}

TEST(AudioResampler, PassthroughCopiesSixteenKilohertz) {
  Resampler r(16000, 16000);
  const auto x = white_noise(100, 0.3, 9);
  std::vector<float> y;
  r.process(x.data(), x.size(), y);
  EXPECT_EQ(y, x);
}
