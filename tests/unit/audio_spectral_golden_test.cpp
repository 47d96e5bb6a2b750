// Framing, window, FFT, mel, MFCC, deltas, spectral shape, RMS and ZCR against numpy/scipy
// golden vectors (tests/golden/make_audio_golden.py).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "audio_test_data.h"
#include "core/audio/energy.h"
#include "core/audio/framing.h"
#include "core/audio/mel.h"
#include "core/audio/mfcc.h"
#include "core/audio/real_fft.h"
#include "core/audio/spectral.h"
#include "core/audio/summary_stats.h"

using namespace attune::audio;
using namespace attune::audio::testing;

namespace {

constexpr int kFrame = 400, kHop = 160, kFft = 512, kMels = 40, kMfcc = 20;

struct Frames {
  std::vector<std::vector<float>> raw, power;
};

Frames analyse(const std::vector<float>& x) {
  Framer framer(kFrame, kHop);
  const auto window = hann_window(kFrame);
  RealFft fft(kFft);
  Frames f;
  const int count = framer.frame_count(x.size());
  for (int t = 0; t < count; ++t) {
    std::vector<float> frame(kFrame), windowed(kFrame), power(fft.bins());
    framer.frame(x.data(), x.size(), t, frame.data());
    apply_window(frame.data(), window, windowed.data());
    fft.power(windowed.data(), kFrame, power.data());
    f.raw.push_back(frame);
    f.power.push_back(power);
  }
  return f;
}

void expect_close(double actual, double expected, double rel, double abs_tol, const char* what, int t, int k) {
  EXPECT_NEAR(actual, expected, abs_tol + rel * std::fabs(expected)) << what << " frame " << t << " index " << k;
}

class AudioGolden : public ::testing::Test {
 protected:
  void SetUp() override {
    signal_ = read_golden_flat("signal.txt");
    ASSERT_EQ(signal_.size(), 2000u) << "run tests/golden/make_audio_golden.py";
    frames_ = analyse(signal_);
  }
  std::vector<float> signal_;
  Frames frames_;
};

}  // namespace

TEST_F(AudioGolden, FramerCountsAndWindowMatch) {
  const auto hann = read_golden_flat("hann400.txt");
  const auto w = hann_window(kFrame);
  ASSERT_EQ(w.size(), hann.size());
  for (std::size_t i = 0; i < w.size(); ++i) EXPECT_NEAR(w[i], hann[i], 1e-6) << i;
  EXPECT_EQ(frames_.raw.size(), read_golden("power.txt").size());
  EXPECT_EQ(Framer(kFrame, kHop).frame_count(48000), 298);
  EXPECT_EQ(Framer(kFrame, kHop).frame_count(100), 1);
}

TEST_F(AudioGolden, KissFftPowerSpectrumMatchesNumpy) {
  const auto golden = read_golden("power.txt");
  ASSERT_EQ(golden.size(), frames_.power.size());
  for (std::size_t t = 0; t < golden.size(); ++t) {
    const double peak = *std::max_element(golden[t].begin(), golden[t].end());
    for (std::size_t k = 0; k < golden[t].size(); ++k)
      expect_close(frames_.power[t][k], golden[t][k], 1e-3, 1e-6 * peak, "power", int(t), int(k));
  }
}

TEST_F(AudioGolden, MelFilterbankWeightsAndLogMelMatch) {
  MelFilterbank mel;
  const auto weights = read_golden("mel_weights.txt");
  ASSERT_EQ(weights.size(), static_cast<std::size_t>(kMels));
  for (int i = 0; i < kMels; ++i)
    for (int k = 0; k < kFft / 2 + 1; ++k)
      expect_close(mel.weights()[i * (kFft / 2 + 1) + k], weights[i][k], 0.0, 1e-5, "weight", i, k);
  const auto golden = read_golden("log_mel.txt");
  std::vector<float> out(kMels);
  for (std::size_t t = 0; t < golden.size(); ++t) {
    mel.log_mel(frames_.power[t].data(), out.data());
    for (int b = 0; b < kMels; ++b) expect_close(out[b], golden[t][b], 0.0, 2e-3, "log-mel", int(t), b);
  }
}

TEST_F(AudioGolden, MfccAndDeltasMatchScipyDct) {
  MelFilterbank mel;
  Mfcc mfcc(kMels, kMfcc);
  const auto golden = read_golden("mfcc.txt");
  const auto golden_deltas = read_golden("mfcc_deltas.txt");
  std::vector<float> lm(kMels), all;
  for (std::size_t t = 0; t < golden.size(); ++t) {
    std::vector<float> c(kMfcc);
    mel.log_mel(frames_.power[t].data(), lm.data());
    mfcc.apply(lm.data(), c.data());
    for (int k = 0; k < kMfcc; ++k) expect_close(c[k], golden[t][k], 0.0, 5e-3, "mfcc", int(t), k);
    all.insert(all.end(), c.begin(), c.end());
  }
  std::vector<float> d(all.size());
  const int count = static_cast<int>(golden.size());
  deltas(all.data(), count, kMfcc, 2, d.data());
  for (int t = 0; t < count; ++t)
    for (int k = 0; k < kMfcc; ++k) expect_close(d[t * kMfcc + k], golden_deltas[t][k], 0.0, 3e-3, "delta", t, k);
}

TEST_F(AudioGolden, SpectralShapeMatches) {
  const auto golden = read_golden("spectral.txt");  // centroid, rolloff, flatness, flux
  SpectralAnalyzer analyzer;
  for (std::size_t t = 0; t < golden.size(); ++t) {
    const SpectralShape s = analyzer.process(frames_.power[t].data());
    expect_close(s.centroid_hz, golden[t][0], 1e-4, 0.0, "centroid", int(t), 0);
    EXPECT_NEAR(s.rolloff_hz, golden[t][1], 31.25 + 1e-3) << "rolloff within one bin, frame " << t;
    expect_close(s.flatness, golden[t][2], 2e-3, 1e-6, "flatness", int(t), 0);
    expect_close(s.flux, golden[t][3], 2e-3, 1e-6, "flux", int(t), 0);
  }
}

TEST_F(AudioGolden, RmsDbAndZeroCrossingRateMatch) {
  const auto golden = read_golden("rms_zcr.txt");
  for (std::size_t t = 0; t < golden.size(); ++t) {
    const auto& f = frames_.raw[t];
    expect_close(rms(f.data(), f.size()), golden[t][0], 1e-5, 0.0, "rms", int(t), 0);
    expect_close(rms_db(f.data(), f.size()), golden[t][1], 0.0, 1e-3, "rms_db", int(t), 0);
    EXPECT_FLOAT_EQ(zero_crossing_rate(f.data(), f.size()), static_cast<float>(golden[t][2])) << t;
  }
}

TEST(AudioSummaryStats, PercentilesMeanAndStdMatchNumpy) {
  const auto v = read_golden_flat("percentile_input.txt");
  const auto expected = read_golden_flat("percentile_expected.txt");
  ASSERT_EQ(expected.size(), 8u);
  const float ps[] = {0.0f, 10.0f, 37.5f, 50.0f, 90.0f, 100.0f};
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(percentile(v, ps[i]), expected[i], 1e-5) << ps[i];
  const Summary s = summarize(v);
  EXPECT_NEAR(s.mean, expected[6], 1e-5);
  EXPECT_NEAR(s.std, expected[7], 1e-5);
}

TEST(AudioSpectral, WhiteNoiseHasAFlatSpectrum) {
  // Averaged over many frames, white noise has equal power in every mel band's bins: the
  // per-bin mean power across 100..7000 Hz stays within +-1 dB of its average.
  const auto x = white_noise(16000 * 4, 0.1, 11);
  Frames f = analyse(x);
  std::vector<double> mean_power(kFft / 2 + 1, 0.0);
  for (const auto& p : f.power)
    for (std::size_t k = 0; k < p.size(); ++k) mean_power[k] += p[k] / f.power.size();
  const int lo = 4, hi = 224;  // 125 Hz .. 7 kHz
  std::vector<double> band_db;
  for (int k = lo; k <= hi; k += 11) {  // 11-bin groups, averaged
    double acc = 0.0;
    for (int j = k; j < k + 11; ++j) acc += mean_power[j];
    band_db.push_back(10.0 * std::log10(acc / 11));
  }
  double avg = 0.0;
  for (double d : band_db) avg += d / band_db.size();
  for (double d : band_db) EXPECT_NEAR(d, avg, 1.0);
  SpectralAnalyzer analyzer;
  const SpectralShape s = analyzer.process(f.power[10].data());
  EXPECT_GT(s.flatness, 0.4f);              // one periodogram of white noise: about exp(-gamma) = 0.56
  EXPECT_NEAR(s.centroid_hz, 4000.0, 400.0);  // magnitude-weighted mean of a flat spectrum
}

TEST(AudioSpectral, ToneIsPeakyWithCentroidAtItsFrequency) {
  const auto x = sine(1000.0, 16000.0, 4000);
  Frames f = analyse(x);
  SpectralAnalyzer analyzer;
  const SpectralShape s = analyzer.process(f.power[5].data());
  EXPECT_LT(s.flatness, 0.01f);
  EXPECT_NEAR(s.centroid_hz, 1000.0, 150.0);
  EXPECT_NEAR(s.rolloff_hz, 1000.0, 40.0);
}

TEST(AudioMel, EachFilterPeaksAtItsCentre) {
  // The filters' peaks are equally spaced in HTK mel between fmin and fmax, the ends excluded: the first
  // lies one step above 60 Hz. Each filter's largest weight sits in the FFT bin nearest its centre.
  MelFilterbank mel;
  const MelConfig& c = mel.config();
  const double step = (hz_to_mel(c.fmax) - hz_to_mel(c.fmin)) / (c.n_mels + 1);
  const int bins = c.n_fft / 2 + 1;
  const double bin_hz = static_cast<double>(c.sample_rate) / c.n_fft;
  for (int i = 0; i < c.n_mels; ++i) {
    EXPECT_NEAR(hz_to_mel(mel.centre_hz(i)), hz_to_mel(c.fmin) + (i + 1) * step, 1e-6) << i;
    const float* w = &mel.weights()[static_cast<std::size_t>(i) * bins];
    const int peak = static_cast<int>(std::max_element(w, w + bins) - w);
    EXPECT_LE(std::fabs(peak * bin_hz - mel.centre_hz(i)), bin_hz) << i;
  }
}
