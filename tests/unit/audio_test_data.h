// Helpers for the audio tests: golden text files under tests/data/audio and synthetic signals.
#pragma once

#include <cmath>
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace attune::audio::testing {

inline constexpr double kTestPi = 3.14159265358979323846;

// Rows of whitespace-separated numbers (one row per line), as written by tests/golden/make_audio_golden.py.
inline std::vector<std::vector<double>> read_golden(const std::string& name) {
  std::ifstream in(std::string(ATTUNE_TEST_DATA_DIR) + "/audio/" + name);
  std::vector<std::vector<double>> rows;
  for (std::string line; std::getline(in, line);) {
    std::istringstream ss(line);
    std::vector<double> row;
    for (double v; ss >> v;) row.push_back(v);
    if (!row.empty()) rows.push_back(row);
  }
  return rows;
}

inline std::vector<float> read_golden_flat(const std::string& name) {
  std::vector<float> out;
  for (const auto& row : read_golden(name))
    for (double v : row) out.push_back(static_cast<float>(v));
  return out;
}

inline std::vector<float> sine(double hz, double rate, std::size_t n, double amplitude = 0.5, double phase = 0.0) {
  std::vector<float> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<float>(amplitude * std::sin(2.0 * kTestPi * hz * i / rate + phase));
  return x;
}

inline std::vector<float> white_noise(std::size_t n, double amplitude, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<float> dist(0.0f, static_cast<float>(amplitude));
  std::vector<float> x(n);
  for (auto& v : x) v = dist(gen);
  return x;
}

// Harmonic "vowel": f0 with 8 harmonics falling 6 dB per octave, plus a slow amplitude envelope.
inline std::vector<float> vowel(double f0, double rate, std::size_t n, double amplitude = 0.3) {
  std::vector<float> x(n, 0.0f);
  for (std::size_t i = 0; i < n; ++i) {
    double v = 0.0;
    for (int k = 1; k <= 8; ++k) v += std::sin(2.0 * kTestPi * k * f0 * i / rate) / k;
    x[i] = static_cast<float>(amplitude * v * 0.5);
  }
  return x;
}

}  // namespace attune::audio::testing
