#include "core/qr_code.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

// The code drawn as a PGM image (4 px per module, quiet zone of 4 modules), as a screen would show it.
std::filesystem::path write_pgm(const attune::QrMatrix& qr, const std::string& name) {
  constexpr int kScale = 4, kQuiet = 4;
  const int side = (qr.size + 2 * kQuiet) * kScale;
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream out(path, std::ios::binary);
  out << "P5\n" << side << " " << side << "\n255\n";
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) {
      const int mx = x / kScale - kQuiet, my = y / kScale - kQuiet;
      const bool dark = mx >= 0 && my >= 0 && mx < qr.size && my < qr.size && qr.at(mx, my);
      out.put(static_cast<char>(dark ? 0 : 255));
    }
  return path;
}

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  pclose(pipe);
  return out;
}

}  // namespace

TEST(QrCode, RefusesEmptyAndOverlongTexts) {
  EXPECT_EQ(attune::make_qr("").size, 0);
  EXPECT_EQ(attune::make_qr(std::string(attune::kQrMaxBytes + 1, 'x')).size, 0);
  const auto longest = attune::make_qr(std::string(attune::kQrMaxBytes, 'x'));
  EXPECT_GT(longest.size, 21);
  EXPECT_LE(longest.size, 177);  // version 40 at most
}

// The code reads back to the same UTF-8 text with a real decoder (zbarimg, Debian zbar-tools, installed
// by tools/setup.sh).
TEST(QrCode, DecodesToTheSameUtf8Text) {
  if (std::system("command -v zbarimg >/dev/null 2>&1") != 0) GTEST_SKIP() << "zbarimg not installed (tools/setup.sh installs zbar-tools)";
  const std::string text = "Attune playlist, 2026-12-01\nBjörk \u2013 Jóga\nKevin MacLeod \u2013 DD Groove";
  const auto qr = attune::make_qr(text);
  ASSERT_GT(qr.size, 0);
  const auto image = write_pgm(qr, "attune_qr_test.pgm");
  std::string decoded = run("zbarimg --quiet --raw -Sbinary " + image.string() + " 2>/dev/null");
  std::filesystem::remove(image);
  if (!decoded.empty() && decoded.back() == '\n') decoded.pop_back();
  EXPECT_EQ(decoded, text);
}
