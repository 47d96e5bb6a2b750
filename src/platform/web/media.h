// Camera and microphone in the browser (web/media.js). Each device has its own state so that one can
// be denied while the other works.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace attune::platform {

// Asking: the browser's permission prompt is open. Starting: permission given, the video or the sound
// is starting. Blocked: the microphone is granted but the browser holds the sound back until a tap.
enum class DeviceState { Off = 0, Asking = 1, Live = 2, Denied = 3, Unavailable = 4, Ended = 5, Starting = 6, Blocked = 7 };

const char* device_state_name(DeviceState state);

struct DeviceStatus {
  DeviceState state = DeviceState::Off;
  std::string message;  // why, when Denied / Unavailable / Ended
};

class Media {
 public:
  // Receives microphone blocks at the browser's sample rate, on the main thread, between frames.
  using AudioSink = std::function<void(const float* samples, int count, float sample_rate)>;

  Media();
  ~Media();

  // Listens on the page for the taps, clicks and keys inside which browsers let sound start (web/media.js);
  // what one does is asked through attune_gesture() (src/app/app.cpp).
  static void install_gesture_listeners();

  void start(bool camera, bool microphone, int frame_width, int frame_height);
  void stop();

  const DeviceStatus& camera() const { return devices_[0]; }
  const DeviceStatus& microphone() const { return devices_[1]; }

  // Copies the newest camera frame as width x height RGBA into `rgba` (resized to fit).
  // Returns false when there is no new frame since the last grab.
  bool grab_frame(std::vector<std::uint8_t>& rgba, int width, int height);

  void set_audio_sink(AudioSink sink) { audio_sink_ = std::move(sink); }

  // Entry points for the JavaScript side.
  void on_status(int device, int state, const char* message);
  void on_audio(const float* samples, int count, float sample_rate);

  std::uint64_t audio_samples_received() const { return audio_samples_; }
  float audio_sample_rate() const { return audio_rate_; }

 private:
  DeviceStatus devices_[2];
  AudioSink audio_sink_;
  std::uint64_t audio_samples_ = 0;
  float audio_rate_ = 0;
};

}  // namespace attune::platform
