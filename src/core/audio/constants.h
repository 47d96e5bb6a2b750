// Small numeric helpers shared by the audio stages.
#pragma once

namespace attune::audio {

inline constexpr double kPi = 3.14159265358979323846;

}  // namespace attune::audio
