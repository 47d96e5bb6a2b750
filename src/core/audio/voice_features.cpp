#include "core/audio/voice_features.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/audio/energy.h"
#include "core/audio/noise_floor.h"
#include "core/audio/summary_stats.h"

namespace attune::audio {
namespace {

MelConfig mel_config(const VoiceFeatureConfig& c) {
  MelConfig m;
  m.sample_rate = c.sample_rate;
  m.n_fft = c.n_fft;
  m.n_mels = c.n_mels;
  m.fmin = c.fmin;
  m.fmax = c.fmax;
  return m;
}

SpectralConfig spectral_config(const VoiceFeatureConfig& c) {
  SpectralConfig s;
  s.sample_rate = c.sample_rate;
  s.n_fft = c.n_fft;
  return s;
}

PitchConfig pitch_config(const VoiceFeatureConfig& c) {
  PitchConfig p = c.pitch;
  p.sample_rate = c.sample_rate;
  return p;
}

using StageClock = std::chrono::steady_clock;

double ms_between(StageClock::time_point from, StageClock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// Values of `per_frame` at the frames where `mask` is set.
std::vector<float> select(const std::vector<float>& per_frame, const std::vector<bool>& mask) {
  std::vector<float> out;
  for (std::size_t i = 0; i < per_frame.size() && i < mask.size(); ++i)
    if (mask[i]) out.push_back(per_frame[i]);
  return out;
}

}  // namespace

VoiceFeatureExtractor::VoiceFeatureExtractor(const VoiceFeatureConfig& config)
    : config_(config),
      frames_(Framer(config.frame_length, config.hop_length).frame_count(config.window_samples)),
      framer_(config.frame_length, config.hop_length),
      window_(hann_window(config.frame_length)),
      fft_(config.n_fft),
      mel_(mel_config(config)),
      mfcc_(config.n_mels, config.n_mfcc),
      pitch_(pitch_config(config)),
      spectral_(spectral_config(config)),
      vad_(config.vad),
      noise_floor_(config.noise_floor),
      balance_(mel_),
      speech_to_noise_(mel_) {
  auto add = [this](const std::string& n) { stats_names_.push_back(n); };
  for (int k = 0; k < config.n_mfcc; ++k) add("mfcc" + std::to_string(k) + "_mean");
  for (int k = 0; k < config.n_mfcc; ++k) add("mfcc" + std::to_string(k) + "_std");
  for (int k = 0; k < config.n_mfcc; ++k) add("mfcc" + std::to_string(k) + "_delta_std");
  for (int b = 0; b < config.n_mels; ++b) add("logmel" + std::to_string(b) + "_mean");
  for (int b = 0; b < config.n_mels; ++b) add("logmel" + std::to_string(b) + "_std");
  for (const char* n : {"voiced_fraction", "pitch_st_mean", "pitch_st_std", "pitch_st_p10", "pitch_st_p90",
                        "pitch_st_range", "pitch_st_velocity", "jitter", "aperiodicity_mean",
                        "energy_db_mean", "energy_db_std", "energy_db_p10", "energy_db_p90", "energy_db_delta_std",
                        "shimmer", "zcr_mean", "zcr_std", "centroid_khz_mean", "centroid_khz_std",
                        "rolloff_khz_mean", "rolloff_khz_std", "flux_mean", "flux_std", "flatness_mean",
                        "flatness_std", "speech_fraction", "alpha_ratio_db_mean", "alpha_ratio_db_std",
                        "hammarberg_db_mean", "hammarberg_db_std", "pitch_st_slope"})
    add(n);
  if (config.speech_to_noise_stats)
    for (const char* n : {"speech_to_noise_db", "speech_to_noise_low_db", "speech_to_noise_high_db"}) add(n);

  const std::size_t t = static_cast<std::size_t>(frames_);
  const int bins = config.n_fft / 2 + 1;
  padded_.assign(static_cast<std::size_t>(config.window_samples + pitch_.frame_span()), 0.0f);
  frame_.resize(config.frame_length);
  windowed_.resize(config.frame_length);
  power_.resize(bins);
  log_mel_.resize(t * config.n_mels);
  mfcc_frames_.resize(t * config.n_mfcc);
  mfcc_deltas_.resize(t * config.n_mfcc);
  for (auto* v : {&energy_db_, &rms_, &zcr_, &centroid_, &rolloff_, &flatness_, &flux_, &aperiodicity_}) v->resize(t);
  pitch_track_.resize(t);
  pitch_done_.assign(t, false);
}

void VoiceFeatureExtractor::extract(const float* samples, std::size_t count, VoiceFeatures& out) {
  has_previous_ = false;
  extract_frames(samples, count, 0, out);
}

void VoiceFeatureExtractor::extract_stream(const float* samples, std::size_t count, std::uint64_t first_sample,
                                           VoiceFeatures& out) {
  const std::uint64_t hop = static_cast<std::uint64_t>(config_.hop_length);
  int shift = 0;  // frames of the previous window that this one starts after
  if (has_previous_ && count >= static_cast<std::size_t>(config_.window_samples) && first_sample > previous_first_ &&
      (first_sample - previous_first_) % hop == 0 && (first_sample - previous_first_) / hop < static_cast<std::uint64_t>(frames_))
    shift = static_cast<int>((first_sample - previous_first_) / hop);
  else
    has_previous_ = false;
  extract_frames(samples, count, shift, out);
  has_previous_ = count >= static_cast<std::size_t>(config_.window_samples);
  previous_first_ = first_sample;
}

// Pitch is the costliest stage and only speech frames use it: skip the rest. It reads
// frame_span() samples from the frame start; padded_ holds zeros past the window (n real samples).
// pitch_done_ marks estimates whose span lay inside the window (reusable by the next window).
void VoiceFeatureExtractor::analyse_pitch(const std::vector<bool>& speech, std::size_t n) {
  const std::size_t span = static_cast<std::size_t>(pitch_.frame_span());
  for (int t = 0; t < frames_; ++t) {
    const std::size_t start = static_cast<std::size_t>(t) * config_.hop_length;
    if (!speech[t]) {
      if (!pitch_done_[t]) pitch_track_[t] = PitchEstimate{};
      aperiodicity_[t] = 1.0f;
      continue;
    }
    if (!pitch_done_[t]) {
      pitch_track_[t] = pitch_.estimate(&padded_[start]);
      pitch_done_[t] = start + span <= n;
    }
    aperiodicity_[t] = pitch_track_[t].aperiodicity;
  }
}

int VoiceFeatureExtractor::count_voiced(const std::vector<bool>& speech) const {
  int voiced = 0;
  for (int t = 0; t < frames_; ++t) voiced += speech[t] && pitch_track_[t].voiced;
  return voiced;
}

void VoiceFeatureExtractor::extract_frames(const float* samples, std::size_t count, int shift, VoiceFeatures& out) {
  const auto started = StageClock::now();
  const int n_mels = config_.n_mels, n_mfcc = config_.n_mfcc, t_count = frames_;
  const std::size_t window = static_cast<std::size_t>(config_.window_samples);
  const std::size_t n = std::min(count, window);
  std::copy(samples, samples + n, padded_.begin());
  std::fill(padded_.begin() + static_cast<std::ptrdiff_t>(n), padded_.end(), 0.0f);

  // Streaming: frames [shift, t_count) of the previous window are frames [0, t_count - shift) of this
  // one. Per-frame values depend only on the frame's samples, so they move down unchanged (ascending
  // copy, source ahead of destination); flux compares with the previous frame, which the first frame
  // of a window does not have, and pitch is reused only where its span lay wholly inside the window.
  int first_new = 0;
  if (shift > 0 && has_previous_) {
    const std::size_t keep = static_cast<std::size_t>(t_count - shift);
    auto move_down = [&](std::vector<float>& v, std::size_t width) {
      std::copy(v.begin() + static_cast<std::ptrdiff_t>(shift * width), v.end(), v.begin());
    };
    for (auto* v : {&energy_db_, &rms_, &zcr_, &centroid_, &rolloff_, &flatness_, &flux_}) move_down(*v, 1);
    move_down(log_mel_, static_cast<std::size_t>(n_mels));
    std::copy(pitch_track_.begin() + shift, pitch_track_.end(), pitch_track_.begin());
    std::copy(pitch_done_.begin() + shift, pitch_done_.end(), pitch_done_.begin());
    flux_[0] = 0.0f;
    first_new = static_cast<int>(keep);
  } else {
    spectral_.reset();  // also right for shift > 0: the analyzer holds the previous window's last frame
  }
  std::fill(pitch_done_.begin() + first_new, pitch_done_.end(), false);
  for (int t = first_new; t < t_count; ++t) {
    framer_.frame(padded_.data(), window, t, frame_.data());
    rms_[t] = rms(frame_.data(), frame_.size());
    energy_db_[t] = rms_db(frame_.data(), frame_.size());
    zcr_[t] = zero_crossing_rate(frame_.data(), frame_.size());
    apply_window(frame_.data(), window_, windowed_.data());
    fft_.power(windowed_.data(), config_.frame_length, power_.data());
    mel_.log_mel(power_.data(), &log_mel_[static_cast<std::size_t>(t) * n_mels]);
    const SpectralShape s = spectral_.process(power_.data());
    centroid_[t] = s.centroid_hz / 1000.0f;
    rolloff_[t] = s.rolloff_hz / 1000.0f;
    flatness_[t] = s.flatness;
    flux_[t] = t == 0 ? 0.0f : s.flux;
  }

  const auto frames_done = StageClock::now();
  VadResult vad = vad_.detect(energy_db_, flatness_);
  analyse_pitch(vad.speech, n);
  int voiced_speech = count_voiced(vad.speech);
  if (vad.quiet && voiced_speech < config_.vad.quiet_min_voiced_frames) {
    // The quiet-speech pass counts only with enough voiced frames; otherwise the window is what
    // the first pass made of it (no speech), features included.
    vad = vad_.detect(energy_db_, flatness_, false);
    analyse_pitch(vad.speech, n);
    voiced_speech = count_voiced(vad.speech);
  }
  // Noise whose level moves (rumble, bursts) can pass the energy rules; speech has voiced frames.
  if (voiced_speech < config_.vad.min_voiced_frames) vad.has_speech = false;
  const auto pitch_done = StageClock::now();
  out.frames = t_count;
  out.has_speech = vad.has_speech;
  out.speech_frames = vad.speech_frames;
  out.speech = vad.speech;
  const std::vector<bool>& speech = out.speech;

  // Stationary noise out of the mel energies; MFCCs (and their deltas) from the cleaned values.
  const int valid_frames = n >= static_cast<std::size_t>(config_.frame_length)
                               ? static_cast<int>((n - config_.frame_length) / config_.hop_length) + 1
                               : 0;
  noise_floor_.clean(log_mel_, t_count, n_mels, valid_frames, speech, energy_db_, mel_.config().log_floor,
                     clean_log_mel_);
  for (int t = 0; t < t_count; ++t)
    mfcc_.apply(&clean_log_mel_[static_cast<std::size_t>(t) * n_mels], &mfcc_frames_[static_cast<std::size_t>(t) * n_mfcc]);
  deltas(mfcc_frames_.data(), t_count, n_mfcc, config_.delta_width, mfcc_deltas_.data());

  // log-mel patch: per-band mean over speech frames removed; silence frames zero.
  out.logmel.assign(static_cast<std::size_t>(n_mels) * t_count, 0.0f);
  std::vector<float> band(t_count);
  std::vector<float> band_mean(n_mels, 0.0f), band_std(n_mels, 0.0f);
  for (int b = 0; b < n_mels; ++b) {
    for (int t = 0; t < t_count; ++t) band[t] = clean_log_mel_[static_cast<std::size_t>(t) * n_mels + b];
    const Summary s = summarize(select(band, speech));
    band_mean[b] = s.mean;
    band_std[b] = s.std;
    for (int t = 0; t < t_count; ++t)
      if (speech[t]) out.logmel[static_cast<std::size_t>(b) * t_count + t] = band[t] - s.mean;
  }

  // Utterance functionals (order = stats_names()).
  std::vector<float>& st = out.stats;
  st.clear();
  std::vector<float> column(t_count);
  std::vector<float> mfcc_mean(n_mfcc), mfcc_std(n_mfcc), delta_std(n_mfcc);
  for (int k = 0; k < n_mfcc; ++k) {
    for (int t = 0; t < t_count; ++t) column[t] = mfcc_frames_[static_cast<std::size_t>(t) * n_mfcc + k];
    const Summary s = summarize(select(column, speech));
    mfcc_mean[k] = s.mean;
    mfcc_std[k] = s.std;
    for (int t = 0; t < t_count; ++t) column[t] = mfcc_deltas_[static_cast<std::size_t>(t) * n_mfcc + k];
    delta_std[k] = summarize(select(column, speech)).std;
  }
  st.insert(st.end(), mfcc_mean.begin(), mfcc_mean.end());
  st.insert(st.end(), mfcc_std.begin(), mfcc_std.end());
  st.insert(st.end(), delta_std.begin(), delta_std.end());
  st.insert(st.end(), band_mean.begin(), band_mean.end());
  st.insert(st.end(), band_std.begin(), band_std.end());

  // Prosody over voiced speech frames; pitch in semitones relative to 100 Hz.
  std::vector<bool> voiced(t_count);
  std::vector<float> semitones, velocity, voiced_seconds;
  std::vector<PitchEstimate> voiced_track(t_count);
  int voiced_count = 0;
  for (int t = 0; t < t_count; ++t) {
    voiced[t] = speech[t] && pitch_track_[t].voiced;
    voiced_track[t] = voiced[t] ? pitch_track_[t] : PitchEstimate{};
    if (!voiced[t]) continue;
    ++voiced_count;
    semitones.push_back(12.0f * std::log2(pitch_track_[t].f0_hz / 100.0f));
    voiced_seconds.push_back(static_cast<float>(t) * config_.hop_length / config_.sample_rate);
    if (t > 0 && voiced[t - 1])
      velocity.push_back(std::fabs(12.0f * std::log2(pitch_track_[t].f0_hz / pitch_track_[t - 1].f0_hz)));
  }
  out.voiced_frames = voiced_count;
  const Summary pitch_summary = summarize(semitones);
  const float p10 = percentile(semitones, 10.0f), p90 = percentile(semitones, 90.0f);
  st.push_back(vad.speech_frames > 0 ? static_cast<float>(voiced_count) / vad.speech_frames : 0.0f);
  st.push_back(pitch_summary.mean);
  st.push_back(pitch_summary.std);
  st.push_back(p10);
  st.push_back(p90);
  st.push_back(p90 - p10);
  st.push_back(summarize(velocity).mean);
  st.push_back(frame_jitter(voiced_track));
  st.push_back(summarize(select(aperiodicity_, speech)).mean);

  const std::vector<float> energy = select(energy_db_, speech);
  const Summary energy_summary = summarize(energy);
  std::vector<float> energy_delta(t_count);
  deltas(energy_db_.data(), t_count, 1, config_.delta_width, energy_delta.data());
  st.push_back(energy_summary.mean);
  st.push_back(energy_summary.std);
  st.push_back(percentile(energy, 10.0f));
  st.push_back(percentile(energy, 90.0f));
  st.push_back(summarize(select(energy_delta, speech)).std);
  st.push_back(frame_shimmer(rms_, voiced));

  for (const auto* per_frame : {&zcr_, &centroid_, &rolloff_, &flux_, &flatness_}) {
    const Summary s = summarize(select(*per_frame, speech));
    st.push_back(s.mean);
    st.push_back(s.std);
  }
  st.push_back(static_cast<float>(vad.speech_frames) / t_count);

  // Spectral balance over the voiced frames (spectral_balance.h), and the pitch contour's overall
  // direction (semitones per second: a question rises, a sad statement falls).
  std::vector<float> alpha_ratio, hammarberg;
  for (int t = 0; t < t_count; ++t) {
    if (!voiced[t]) continue;
    const SpectralBalanceValues v = balance_.measure(&clean_log_mel_[static_cast<std::size_t>(t) * n_mels]);
    alpha_ratio.push_back(v.alpha_ratio_db);
    hammarberg.push_back(v.hammarberg_db);
  }
  for (const auto* per_frame : {&alpha_ratio, &hammarberg}) {
    const Summary s = summarize(*per_frame);
    st.push_back(s.mean);
    st.push_back(s.std);
  }
  st.push_back(slope(voiced_seconds, semitones));
  out.speech_to_noise = speech_to_noise_.measure(log_mel_, t_count, speech, noise_floor_.noise());
  if (config_.speech_to_noise_stats) {
    const SpeechToNoise& snr = out.speech_to_noise;
    st.insert(st.end(), {snr.all_db, snr.low_db, snr.high_db});
  }
  stage_times_ = {ms_between(started, frames_done), ms_between(frames_done, pitch_done),
                  ms_between(pitch_done, StageClock::now())};
}

}  // namespace attune::audio
