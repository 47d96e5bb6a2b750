#include "app/voice_stage.h"

#include <emscripten.h>

#include <cmath>

#include "app/models.h"
#include "core/label_shift.h"

namespace attune::app {

VoiceStage::VoiceStage(infer::ModelRunner& runner)
    : runner_(runner), ring_(static_cast<std::size_t>(kSampleRate) * 6) {}

void VoiceStage::reset() {
  ring_.clear();
  analysed_up_to_ = 0;
  state_ = VoiceState::Waiting;
  reading_.reset();
  if (resampler_) resampler_->reset();
  received_ = clipped_ = 0;
  clipping_ = false;
  noisy_.reset();
  speech_to_noise_db_ = 0.0f;
}

void VoiceStage::push(const float* samples, int count, float sample_rate) {
  const int rate = static_cast<int>(std::lround(sample_rate));
  if (rate <= 0 || count <= 0) return;
  received_ += static_cast<std::uint64_t>(count);
  for (int i = 0; i < count; ++i) clipped_ += std::fabs(samples[i]) >= 0.99f;
  if (rate == kSampleRate) {
    ring_.push(samples, static_cast<std::size_t>(count));
    return;
  }
  if (!resampler_ || resampler_rate_ != rate) {
    resampler_ = std::make_unique<audio::Resampler>(rate, kSampleRate);
    resampler_rate_ = rate;
  }
  resampled_.clear();  // process() appends
  resampler_->process(samples, static_cast<std::size_t>(count), resampled_);
  ring_.push(resampled_.data(), resampled_.size());
}

void VoiceStage::tick(double now_ms) {
  const std::size_t window = static_cast<std::size_t>(extractor_.config().window_samples);
  const std::uint64_t total = ring_.total_pushed();
  if (total < window) return;                         // still filling the first window
  if (total - analysed_up_to_ < kHopSamples) return;  // not a second of new audio yet
  const auto model = runner_.status(kVoiceEmotion.id);
  if (model.busy) return;  // the previous window is still being classified: skip, never queue

  window_.resize(window);
  if (!ring_.latest(window, window_.data())) return;
  analysed_up_to_ = total;
  clipping_ = received_ > 0 && static_cast<double>(clipped_) > kClippingShare * static_cast<double>(received_);
  received_ = clipped_ = 0;
  const double started = emscripten_get_now();
  extractor_.extract_stream(window_.data(), window, total - window, features_);
  last_features_ms_ = emscripten_get_now() - started;
  ++analyses_;

  if (!features_.has_speech) {
    state_ = VoiceState::NoSpeech;
    reading_.reset();  // silence gives "no speech", not the last label
    return;
  }
  state_ = VoiceState::Speech;
  speech_to_noise_db_ = features_.speech_to_noise.all_db;
  noisy_.update(speech_to_noise_db_);
  if (model.state != infer::ModelState::Ready) return;

  infer::Tensor logmel{"logmel", {1, 1, extractor_.n_mels(), extractor_.frames()}, features_.logmel};
  infer::Tensor stats{"stats", {1, extractor_.stats_dim()}, features_.stats};
  const double run_started = emscripten_get_now();
  runner_.run(kVoiceEmotion.id, {std::move(logmel), std::move(stats)}, [this, now_ms, run_started](infer::RunResult&& r) {
    last_inference_ms_ = emscripten_get_now() - run_started;
    const infer::Tensor* probs = r.ok ? r.output(kVoiceEmotion.output) : nullptr;  // by name, as the card says
    if (!probs || probs->data.size() != kEmotionCount) {
      error_ = r.ok ? "unexpected voice model output" : r.error;
      return;
    }
    error_.clear();
    if (state_ != VoiceState::Speech) return;  // silence arrived meanwhile
    VoiceReading reading;
    std::copy(probs->data.begin(), probs->data.end(), reading.probs.begin());
    reading.probs = shift_classes(reading.probs, kVoicePriorOffsets);  // core/label_shift.h (all zero for this model)
    reading.time_ms = now_ms;
    reading_ = reading;
  });
}

}  // namespace attune::app
