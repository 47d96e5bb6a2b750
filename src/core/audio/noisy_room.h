// Whether the room is too noisy for the voice reading to be trusted as much, from each speech window's
// speech-to-noise ratio (speech_to_noise.h), with hysteresis so that a level near the line does not
// make the message blink. The lines come from the voice model's CV in noise (models/voice_emotion.json,
// cv_noisy_rooms_shipped): pink noise 20 dB under the speech reads 24 dB here and costs 1.6 points,
// 10 dB under reads 14.5 dB and costs 6.7 points, 5 dB under reads 10 dB and costs 8.
#pragma once

namespace attune::audio {

class NoisyRoomFlag {
 public:
  static constexpr float kOnBelowDb = 15.0f;  // a television's worth of noise (pink 10 dB reads 13.8-15.5)
  static constexpr float kOffFromDb = 18.0f;

  // One speech window's SpeechToNoise::all_db.
  void update(float speech_to_noise_db) {
    if (speech_to_noise_db < kOnBelowDb) on_ = true;
    else if (speech_to_noise_db >= kOffFromDb) on_ = false;
  }
  bool on() const { return on_; }
  void reset() { on_ = false; }

 private:
  bool on_ = false;
};

}  // namespace attune::audio
