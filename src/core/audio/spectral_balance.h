// Spectral balance of one frame from its mel energies: voice-quality cues that tell a tense, pressed
// voice (anger: energy pushed up the spectrum) from a bright but relaxed one (joy), and a breathy,
// soft voice (sadness) from a modal one. Definitions as in the eGeMAPS parameter set (Eyben et al.
// 2016), measured on mel bands by their centre frequency:
//   alpha ratio       10 log10(energy 1-5 kHz / energy under 1 kHz; the bands start at 60 Hz)
//   Hammarberg index  10 log10(strongest band 0-2 kHz / strongest band 2-5 kHz)
#pragma once

#include <vector>

#include "core/audio/mel.h"

namespace attune::audio {

struct SpectralBalanceValues {
  float alpha_ratio_db = 0.0f;
  float hammarberg_db = 0.0f;
};

class SpectralBalance {
 public:
  explicit SpectralBalance(const MelFilterbank& mel);

  // log_mel: n_mels natural-log mel energies of one frame.
  SpectralBalanceValues measure(const float* log_mel) const;

 private:
  std::vector<int> band_group_;  // per mel band: 0 below 1 kHz, 1 for 1-2 kHz, 2 for 2-5 kHz, -1 above
};

}  // namespace attune::audio
