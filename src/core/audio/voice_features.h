// VoiceFeatureExtractor: the one place that turns a 16 kHz analysis window into the voice model's
// inputs. The native `featurize` tool (training data) and the browser (live microphone) both call
// it, so training and serving features are equal by construction.
//
// Input: window_samples (default 48,000 = 3 s) mono float samples at 16 kHz; shorter input is
// zero-padded at the end. Frames: 25 ms Hann, 10 ms hop, 512-point FFT -> 298 frames.
// Outputs (see VoiceFeatures):
//   logmel  [1, 1, n_mels, frames]  log-mel (natural log) minus its per-band mean over the speech
//                                   frames; non-speech frames are 0. Per-utterance mean removal takes
//                                   away the microphone's (and the speaker's) fixed spectral tilt.
//   stats   [1, stats_dim]          utterance functionals over the speech frames (names below).
// The log-mel patch, the band and MFCC functionals and the spectral balance read the mel energies
// with the window's stationary noise subtracted (noise_floor.h); energy, pitch, VAD and the
// spectral shape read the frames as recorded.
// With speech_to_noise_stats, three stats follow: the speech frames' level over that noise.
//   has_speech                      VAD verdict; when false the caller shows "no speech" and runs no model.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/audio/framing.h"
#include "core/audio/mel.h"
#include "core/audio/mfcc.h"
#include "core/audio/noise_floor.h"
#include "core/audio/pitch.h"
#include "core/audio/real_fft.h"
#include "core/audio/spectral.h"
#include "core/audio/spectral_balance.h"
#include "core/audio/speech_to_noise.h"
#include "core/audio/vad.h"

namespace attune::audio {

struct VoiceFeatureConfig {
  int sample_rate = 16000;
  int window_samples = 48000;  // 3 s analysis window
  int frame_length = 400;      // 25 ms
  int hop_length = 160;        // 10 ms
  int n_fft = 512;
  int n_mels = 40;
  float fmin = 60.0f;
  float fmax = 7600.0f;
  int n_mfcc = 20;
  int delta_width = 2;
  PitchConfig pitch{};
  VadConfig vad{};
  NoiseFloorConfig noise_floor{};
  // VoiceFeatures::speech_to_noise also as three more stats at the end. Off for the shipped model.
  bool speech_to_noise_stats = false;
};

struct VoiceFeatures {
  bool has_speech = false;
  int frames = 0;
  int speech_frames = 0;
  int voiced_frames = 0;
  std::vector<float> logmel;  // n_mels * frames, band-major: logmel[b * frames + t]
  std::vector<float> stats;   // stats_dim
  std::vector<bool> speech;   // per frame VAD flags
  SpeechToNoise speech_to_noise;  // the speech frames' level over the window's noise (always measured)
};

// Wall time of the last extract()/extract_stream() call by stage, for benchmarks (bench/voice_bench.mjs).
struct VoiceStageTimes {
  double frames_ms = 0.0;   // framing, FFT, log-mel, MFCC, energy and spectral shape of the new frames
  double pitch_ms = 0.0;    // VAD and YIN pitch of the speech frames
  double summary_ms = 0.0;  // log-mel patch and utterance functionals over the window
};

class VoiceFeatureExtractor {
 public:
  explicit VoiceFeatureExtractor(const VoiceFeatureConfig& config = {});

  const VoiceFeatureConfig& config() const { return config_; }
  int frames() const { return frames_; }
  int n_mels() const { return config_.n_mels; }
  int stats_dim() const { return static_cast<int>(stats_names_.size()); }
  const std::vector<std::string>& stats_names() const { return stats_names_; }
  const VoiceStageTimes& last_stage_times() const { return stage_times_; }

  // Fills `out` (buffers are reused across calls). `count` may be less than window_samples.
  void extract(const float* samples, std::size_t count, VoiceFeatures& out);

  // Live use: the same result as extract(), bit for bit, but frames already analysed by the previous
  // call are reused when this window starts a whole number of hops (10 ms) later. `first_sample` is
  // the stream index of samples[0] (e.g. BlockRingBuffer::total_pushed() - window_samples). With a
  // 1 s hop this analyses 100 new frames instead of 298.
  void extract_stream(const float* samples, std::size_t count, std::uint64_t first_sample, VoiceFeatures& out);

 private:
  VoiceFeatureConfig config_;
  int frames_;
  Framer framer_;
  std::vector<float> window_;
  RealFft fft_;
  MelFilterbank mel_;
  Mfcc mfcc_;
  YinPitch pitch_;
  SpectralAnalyzer spectral_;
  VoiceActivityDetector vad_;
  NoiseFloor noise_floor_;
  SpectralBalance balance_;
  SpeechToNoiseMeter speech_to_noise_;
  std::vector<std::string> stats_names_;
  VoiceStageTimes stage_times_;

  void extract_frames(const float* samples, std::size_t count, int shift, VoiceFeatures& out);
  void analyse_pitch(const std::vector<bool>& speech, std::size_t n);
  int count_voiced(const std::vector<bool>& speech) const;

  bool has_previous_ = false;          // the per-frame arrays hold a full window starting at previous_first_
  std::uint64_t previous_first_ = 0;

  // Scratch, per frame.
  std::vector<float> padded_, frame_, windowed_, power_;
  std::vector<float> log_mel_, clean_log_mel_, mfcc_frames_, mfcc_deltas_;
  std::vector<float> energy_db_, rms_, zcr_, centroid_, rolloff_, flatness_, flux_, aperiodicity_;
  std::vector<PitchEstimate> pitch_track_;
  std::vector<bool> pitch_done_;
};

}  // namespace attune::audio
