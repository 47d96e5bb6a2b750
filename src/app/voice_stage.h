// The microphone half of the pipeline as it runs in the app: blocks at the browser's rate are
// resampled to 16 kHz into a ring buffer; once a second the latest 3 s window is analysed
// (src/core/audio VoiceFeatureExtractor, the same code that made the training features). Without
// speech the result is "no speech", never a guess; with speech the voice model runs without
// blocking the frame loop.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/audio/noisy_room.h"
#include "core/audio/resampler.h"
#include "core/audio/ring_buffer.h"
#include "core/audio/voice_features.h"
#include "core/emotion_labels.h"
#include "infer/model_runner.h"

namespace attune::app {

enum class VoiceState { Waiting, NoSpeech, Speech };  // Waiting: less than one window heard yet

struct VoiceReading {
  EmotionProbs probs{};
  double time_ms = 0;  // when the window it came from ended
};

class VoiceStage {
 public:
  static constexpr int kSampleRate = 16000;
  static constexpr int kHopSamples = 16000;  // analyse once per second

  explicit VoiceStage(infer::ModelRunner& runner);

  // Microphone samples at the browser's rate (from platform::Media's audio sink).
  void push(const float* samples, int count, float sample_rate);

  // One frame-loop step; `now_ms` is the page clock.
  void tick(double now_ms);
  void reset();

  VoiceState state() const { return state_; }
  const std::optional<VoiceReading>& reading() const { return reading_; }
  int analyses() const { return analyses_; }
  double last_features_ms() const { return last_features_ms_; }
  double last_inference_ms() const { return last_inference_ms_; }
  const std::string& error() const { return error_; }
  // True when more than kClippingShare of the last analysed second's samples were at full scale:
  // the input is too loud and the reading may be off.
  bool clipping() const { return clipping_; }
  static constexpr double kClippingShare = 0.005;
  // True when the speech stood little above the room's noise in the last windows (core/audio/noisy_room.h);
  // speech_to_noise_db() is the last speech window's level over the noise (dB; 0 before any).
  bool noisy() const { return noisy_.on(); }
  float speech_to_noise_db() const { return speech_to_noise_db_; }

 private:
  infer::ModelRunner& runner_;
  audio::VoiceFeatureExtractor extractor_;
  audio::BlockRingBuffer ring_;
  std::unique_ptr<audio::Resampler> resampler_;
  int resampler_rate_ = 0;
  std::vector<float> resampled_;
  std::vector<float> window_;
  audio::VoiceFeatures features_;
  std::uint64_t analysed_up_to_ = 0;  // ring_.total_pushed() at the last analysis
  VoiceState state_ = VoiceState::Waiting;
  std::optional<VoiceReading> reading_;
  int analyses_ = 0;
  double last_features_ms_ = 0;
  double last_inference_ms_ = 0;
  std::string error_;
  std::uint64_t received_ = 0, clipped_ = 0;  // microphone samples since the last analysis
  bool clipping_ = false;
  audio::NoisyRoomFlag noisy_;
  float speech_to_noise_db_ = 0.0f;
};

}  // namespace attune::app
