#include "platform/web/media.h"

#include <emscripten.h>

extern "C" {
void attune_media_start(int camera, int microphone, int width, int height);
void attune_media_stop();
void attune_media_install_gestures();
int attune_camera_grab(std::uint8_t* rgba, int width, int height);
}

namespace attune::platform {

namespace {
Media* g_media = nullptr;  // web/media.js calls back into this one instance
}

const char* device_state_name(DeviceState state) {
  switch (state) {
    case DeviceState::Off: return "off";
    case DeviceState::Asking: return "asking";
    case DeviceState::Live: return "live";
    case DeviceState::Denied: return "denied";
    case DeviceState::Unavailable: return "unavailable";
    case DeviceState::Ended: return "ended";
    case DeviceState::Starting: return "starting";
    case DeviceState::Blocked: return "blocked";
  }
  return "unknown";
}

Media::Media() { g_media = this; }
Media::~Media() {
  if (g_media == this) g_media = nullptr;
}

void Media::start(bool camera, bool microphone, int frame_width, int frame_height) {
  attune_media_start(camera ? 1 : 0, microphone ? 1 : 0, frame_width, frame_height);
}

void Media::install_gesture_listeners() { attune_media_install_gestures(); }

void Media::stop() { attune_media_stop(); }

bool Media::grab_frame(std::vector<std::uint8_t>& rgba, int width, int height) {
  if (devices_[0].state != DeviceState::Live) return false;
  rgba.resize(static_cast<std::size_t>(width) * height * 4);
  return attune_camera_grab(rgba.data(), width, height) != 0;
}

void Media::on_status(int device, int state, const char* message) {
  if (device < 0 || device > 1 || state < 0 || state > static_cast<int>(DeviceState::Blocked)) return;
  devices_[device].state = static_cast<DeviceState>(state);
  devices_[device].message = message ? message : "";
}

void Media::on_audio(const float* samples, int count, float sample_rate) {
  audio_samples_ += static_cast<std::uint64_t>(count);
  audio_rate_ = sample_rate;
  if (audio_sink_) audio_sink_(samples, count, sample_rate);
}

}  // namespace attune::platform

extern "C" {

EMSCRIPTEN_KEEPALIVE void attune_media_status(int device, int state, const char* message) {
  if (attune::platform::g_media) attune::platform::g_media->on_status(device, state, message);
}

EMSCRIPTEN_KEEPALIVE void attune_audio_block(const float* samples, int count, float sample_rate) {
  if (attune::platform::g_media) attune::platform::g_media->on_audio(samples, count, sample_rate);
}

}  // extern "C"
