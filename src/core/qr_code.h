// A QR code of a short UTF-8 text, made with Nayuki's QR Code generator (MIT; third_party/qrcodegen,
// fetched by tools/setup.sh). The text is marked as UTF-8 (ECI 26) so that phones show accents and
// dashes as written. Medium error correction: a code on a glossy kiosk screen must survive glare.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace attune {

struct QrMatrix {
  int size = 0;  // modules per side; 0: no code (empty or too long a text)
  std::vector<std::uint8_t> dark;  // size * size, row by row: 1 dark, 0 light

  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x] != 0; }
};

// Longer texts get no code: the playlist text is cut to fit well before (core/playlist_export.h).
inline constexpr std::size_t kQrMaxBytes = 1200;

QrMatrix make_qr(std::string_view utf8_text);

}  // namespace attune
