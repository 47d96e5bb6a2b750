#include "core/qr_code.h"

#include "qrcodegen.hpp"

namespace attune {

QrMatrix make_qr(std::string_view utf8_text) {
  QrMatrix out;
  // 1200 bytes fit version 40 at medium correction (2331 bytes) with room to spare, so the generator
  // never throws (exceptions are compiled out in wasm).
  if (utf8_text.empty() || utf8_text.size() > kQrMaxBytes) return out;
  using qrcodegen::QrCode;
  using qrcodegen::QrSegment;
  const std::vector<std::uint8_t> bytes(utf8_text.begin(), utf8_text.end());
  const std::vector<QrSegment> segments = {QrSegment::makeEci(26), QrSegment::makeBytes(bytes)};
  const QrCode code = QrCode::encodeSegments(segments, QrCode::Ecc::MEDIUM);
  out.size = code.getSize();
  out.dark.resize(static_cast<std::size_t>(out.size) * out.size);
  for (int y = 0; y < out.size; ++y)
    for (int x = 0; x < out.size; ++x) out.dark[static_cast<std::size_t>(y) * out.size + x] = code.getModule(x, y) ? 1 : 0;
  return out;
}

}  // namespace attune
