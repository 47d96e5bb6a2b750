// featurize: WAV files -> the exact inputs of the voice model, through the same core code the
// browser runs (WAV decoding, resampling to 16 kHz, VoiceFeatureExtractor).
//
//   featurize --out PREFIX [--hop-s 1.0] [--vad-snr-db DB] [--noise-floor off|OVER:FLOOR] [--speech-to-noise] (--list FILE | FILE.wav ...)
//
// --vad-snr-db replaces VadConfig::snr_db (the margin over a window's noise floor) and --noise-floor the
// noise subtraction's over_subtraction and floor_fraction (core/audio/noise_floor.h), for experiments
// with the features in noise; the app runs the defaults, so a model is trained on features made without
// them. Both settings are written into PREFIX.meta.json. --speech-to-noise appends three stats (the
// speech's level over the noise, core/audio/speech_to_noise.h; named in the meta's stats_names), which the
// shipped model does not take.
//
// Each file is cut into 3 s analysis windows by analysis_window_starts (core/audio/file_windows.h:
// starts 0, hop, 2*hop, ... plus one ending at the file's end; short files give one zero-padded
// window); the file's prediction is then average_window_probs over them. Writes
//   PREFIX.stats.npy    float32 [windows, stats_dim]
//   PREFIX.logmel.npy   float32 [windows, n_mels, frames]
//   PREFIX.windows.tsv  file_index, start_sample, has_speech, speech_frames, voiced_frames, path
//   PREFIX.meta.json    extractor settings and the names of the stats columns
// Malformed WAV files are reported on stderr and skipped; the exit status is then 1.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "core/audio/file_windows.h"
#include "core/audio/resampler.h"
#include "core/audio/voice_features.h"
#include "core/audio/wav_reader.h"

using namespace attune::audio;

namespace {

// .npy writer that fixes up its first dimension when closed (the window count is not known ahead).
class NpyWriter {
 public:
  NpyWriter(const std::string& path, std::vector<long> inner_shape) : inner_(std::move(inner_shape)) {
    f_ = std::fopen(path.c_str(), "wb");
    if (f_) write_header();
  }
  ~NpyWriter() { close(); }
  bool ok() const { return f_ != nullptr; }
  void append(const std::vector<float>& row) {
    std::fwrite(row.data(), sizeof(float), row.size(), f_);
    ++rows_;
  }
  void close() {
    if (!f_) return;
    std::fseek(f_, 0, SEEK_SET);
    write_header();
    std::fclose(f_);
    f_ = nullptr;
  }

 private:
  void write_header() {
    std::string shape = "(" + std::to_string(rows_) + ",";
    for (std::size_t i = 0; i < inner_.size(); ++i) shape += (i ? ", " : " ") + std::to_string(inner_[i]);
    shape += ")";
    std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    const std::size_t total = 128;  // fixed header size so the rewrite fits in place
    dict.append(total - 10 - dict.size() - 1, ' ');
    dict += '\n';
    const char magic[] = "\x93NUMPY\x01\x00";
    std::fwrite(magic, 1, 8, f_);
    const std::uint16_t len = static_cast<std::uint16_t>(dict.size());
    const unsigned char len_bytes[2] = {static_cast<unsigned char>(len & 0xff), static_cast<unsigned char>(len >> 8)};
    std::fwrite(len_bytes, 1, 2, f_);
    std::fwrite(dict.data(), 1, dict.size(), f_);
  }
  std::FILE* f_ = nullptr;
  std::vector<long> inner_;
  long rows_ = 0;
};

bool read_file(const std::string& path, std::vector<std::uint8_t>& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

std::string json_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  return o;
}

// "off" or "OVER:FLOOR" (over_subtraction:floor_fraction), as written into meta.json.
bool parse_noise_floor(const std::string& text, NoiseFloorConfig& config) {
  if (text == "off") {
    config.enabled = false;
    return true;
  }
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos) return false;
  config.over_subtraction = std::stof(text.substr(0, colon));
  config.floor_fraction = std::stof(text.substr(colon + 1));
  return true;
}

std::string noise_floor_setting(const NoiseFloorConfig& config) {
  if (!config.enabled) return "off";
  std::ostringstream out;
  out << config.over_subtraction << ':' << config.floor_fraction;
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  std::string prefix, list;
  double hop_s = 1.0;
  VoiceFeatureConfig config;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) prefix = argv[++i];
    else if (a == "--list" && i + 1 < argc) list = argv[++i];
    else if (a == "--hop-s" && i + 1 < argc) hop_s = std::stod(argv[++i]);
    else if (a == "--vad-snr-db" && i + 1 < argc) config.vad.snr_db = std::stof(argv[++i]);
    else if (a == "--speech-to-noise") config.speech_to_noise_stats = true;
    else if (a == "--noise-floor" && i + 1 < argc) {
      if (!parse_noise_floor(argv[++i], config.noise_floor)) prefix.clear(), i = argc;  // -> usage
    }
    else if (a == "-h" || a == "--help") prefix.clear(), files.clear(), i = argc;
    else files.push_back(a);
  }
  if (!list.empty()) {
    std::ifstream in(list);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) files.push_back(line);
  }
  if (prefix.empty() || files.empty()) {
    std::cerr << "usage: featurize --out PREFIX [--hop-s 1.0] [--vad-snr-db DB] [--noise-floor off|OVER:FLOOR] [--speech-to-noise] (--list FILE | FILE.wav ...)\n";
    return 2;
  }

  VoiceFeatureExtractor extractor(config);
  const VoiceFeatureConfig& cfg = extractor.config();
  const std::size_t window = static_cast<std::size_t>(cfg.window_samples);
  const std::size_t hop = static_cast<std::size_t>(hop_s * cfg.sample_rate);
  NpyWriter stats_out(prefix + ".stats.npy", {extractor.stats_dim()});
  NpyWriter logmel_out(prefix + ".logmel.npy", {cfg.n_mels, extractor.frames()});
  std::ofstream tsv(prefix + ".windows.tsv");
  if (!stats_out.ok() || !logmel_out.ok() || !tsv) {
    std::cerr << "featurize: cannot write " << prefix << ".*\n";
    return 2;
  }
  tsv << "file_index\tstart_sample\thas_speech\tspeech_frames\tvoiced_frames\tpath\n";

  int failures = 0;
  VoiceFeatures features;
  std::vector<std::uint8_t> bytes;
  for (std::size_t fi = 0; fi < files.size(); ++fi) {
    if (!read_file(files[fi], bytes)) {
      std::cerr << files[fi] << ": cannot read\n";
      ++failures;
      continue;
    }
    WavResult wav = decode_wav(bytes.data(), bytes.size());
    if (!wav.ok) {
      std::cerr << files[fi] << ": " << wav.error << "\n";
      ++failures;
      continue;
    }
    std::vector<float> audio;
    if (wav.wav.sample_rate == cfg.sample_rate) {
      audio = std::move(wav.wav.samples);
    } else {
      Resampler resampler(wav.wav.sample_rate, cfg.sample_rate);
      resampler.process(wav.wav.samples.data(), wav.wav.samples.size(), audio);
    }
    for (std::size_t start : analysis_window_starts(audio.size(), window, hop)) {
      const std::size_t count = std::min(window, audio.size() - start);
      extractor.extract(audio.data() + start, count, features);
      stats_out.append(features.stats);
      logmel_out.append(features.logmel);
      tsv << fi << '\t' << start << '\t' << (features.has_speech ? 1 : 0) << '\t' << features.speech_frames << '\t'
          << features.voiced_frames << '\t' << files[fi] << '\n';
    }
  }
  stats_out.close();
  logmel_out.close();

  std::ofstream meta(prefix + ".meta.json");
  meta << "{\n  \"sample_rate\": " << cfg.sample_rate << ",\n  \"window_samples\": " << cfg.window_samples
       << ",\n  \"hop_samples\": " << hop << ",\n  \"frame_length\": " << cfg.frame_length
       << ",\n  \"hop_length\": " << cfg.hop_length << ",\n  \"n_fft\": " << cfg.n_fft << ",\n  \"n_mels\": " << cfg.n_mels
       << ",\n  \"frames\": " << extractor.frames() << ",\n  \"vad_snr_db\": " << cfg.vad.snr_db
       << ",\n  \"noise_floor\": \"" << noise_floor_setting(cfg.noise_floor) << '"'
       << ",\n  \"stats_names\": [";
  for (int i = 0; i < extractor.stats_dim(); ++i)
    meta << (i ? ", " : "") << '"' << json_escape(extractor.stats_names()[i]) << '"';
  meta << "]\n}\n";
  if (failures) std::cerr << "featurize: " << failures << " file(s) skipped\n";
  return failures ? 1 : 0;
}
