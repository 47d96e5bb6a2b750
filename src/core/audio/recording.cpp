#include "core/audio/recording.h"

#include "core/audio/resampler.h"
#include "core/audio/wav_reader.h"

namespace attune::audio {

Recording decode_recording(const std::uint8_t* bytes, std::size_t size, int target_rate) {
  Recording r;
  WavResult wav = decode_wav(bytes, size);
  if (!wav.ok) {
    r.error = wav.error;
    return r;
  }
  r.source_rate = wav.wav.sample_rate;
  if (wav.wav.sample_rate == target_rate) {
    r.samples = std::move(wav.wav.samples);
  } else {
    Resampler resampler(wav.wav.sample_rate, target_rate);
    resampler.process(wav.wav.samples.data(), wav.wav.samples.size(), r.samples);
  }
  r.ok = true;
  return r;
}

}  // namespace attune::audio
