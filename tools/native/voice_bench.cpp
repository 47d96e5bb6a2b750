// voice_bench: native cost of the voice path per analysis window (3 s at 16 kHz):
// resampling 1 s of 48 kHz input (one hop), VoiceFeatureExtractor::extract on a full window, and
// extract_stream on windows sliding by 1 s (the live path).
//   voice_bench [FILE.wav] [--iterations N]
// Without a file it uses a synthetic harmonic signal with syllable-like pauses. Prints figures; this
// is a measurement, never a pass/fail test.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/audio/resampler.h"
#include "core/audio/voice_features.h"
#include "core/audio/wav_reader.h"

using namespace attune::audio;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  int iterations = 200;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--iterations" && i + 1 < argc) iterations = std::stoi(argv[++i]);
    else path = a;
  }
  std::vector<float> window(48000, 0.0f);
  if (!path.empty()) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    WavResult w = decode_wav(bytes.data(), bytes.size());
    if (!w.ok) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), w.error.c_str());
      return 1;
    }
    std::vector<float> x;
    Resampler r(w.wav.sample_rate, 16000);
    r.process(w.wav.samples.data(), w.wav.samples.size(), x);
    std::copy(x.begin(), x.begin() + std::min<std::size_t>(x.size(), window.size()), window.begin());
  } else {
    for (std::size_t i = 0; i < window.size(); ++i) {
      const double t = i / 16000.0, f0 = 140.0 + 40.0 * std::sin(2.0 * 3.14159265 * 0.5 * t);
      double v = 0.0;
      for (int k = 1; k <= 8; ++k) v += std::sin(2.0 * 3.14159265 * k * f0 * t) / k;
      window[i] = std::fmod(t, 0.4) < 0.3 ? static_cast<float>(0.1 * v) : 0.0f;
    }
  }

  VoiceFeatureExtractor extractor;
  VoiceFeatures features;
  extractor.extract(window.data(), window.size(), features);  // warm-up
  auto t0 = Clock::now();
  for (int i = 0; i < iterations; ++i) extractor.extract(window.data(), window.size(), features);
  const double extract_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / iterations;

  // Live path: a 3 s window every 1 s over a stream; frames from the previous window are reused.
  std::vector<float> stream;
  for (int rep = 0; rep < iterations / 3 + 2; ++rep) stream.insert(stream.end(), window.begin(), window.end());
  const bool window_has_speech = features.has_speech;
  const int window_speech_frames = features.speech_frames;
  VoiceFeatureExtractor live;
  t0 = Clock::now();
  int windows = 0;
  for (std::size_t start = 0; start + 48000 <= stream.size(); start += 16000, ++windows)
    live.extract_stream(stream.data() + start, 48000, start, features);
  const double stream_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / windows;

  std::vector<float> hop48(48000);
  for (std::size_t i = 0; i < hop48.size(); ++i) hop48[i] = static_cast<float>(0.3 * std::sin(0.05 * i));
  Resampler r44(44100, 16000), r48(48000, 16000);
  std::vector<float> out;
  t0 = Clock::now();
  for (int i = 0; i < iterations; ++i) {
    out.clear();
    r48.process(hop48.data(), 48000, out);
  }
  const double r48_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / iterations;
  t0 = Clock::now();
  for (int i = 0; i < iterations; ++i) {
    out.clear();
    r44.process(hop48.data(), 44100, out);
  }
  const double r44_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / iterations;

  std::printf("features per 3 s window: %.3f ms (has_speech=%d, speech frames %d/%d)\n", extract_ms,
              window_has_speech ? 1 : 0, window_speech_frames, features.frames);
  std::printf("features per window, streaming with a 1 s hop (extract_stream): %.3f ms\n", stream_ms);
  std::printf("resample 1 s (one hop): 48 kHz %.3f ms, 44.1 kHz %.3f ms\n", r48_ms, r44_ms);
  std::printf("real-time factor at a 1 s hop (streaming features + 44.1 kHz resampling): %.4f\n", (stream_ms + r44_ms) / 1000.0);
  return 0;
}
