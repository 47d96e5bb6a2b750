#include "core/exact_decimal.h"

#include <cstdint>

namespace attune {

bool exact_decimal(std::string_view number, double* out) {
  static constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  static constexpr int kMaxDigits = 15;  // 10^15 < 2^53: every such significand is a double
  const char* p = number.data();
  const char* const end = p + number.size();
  const bool negative = p < end && *p == '-';
  if (negative) ++p;
  std::uint64_t significand = 0;
  int digits = 0;    // significant digits, from the first non-zero one
  int exponent = 0;  // of ten
  bool fraction = false;
  for (; p < end && *p != 'e' && *p != 'E'; ++p) {
    if (*p == '.') {
      fraction = true;
      continue;
    }
    const int digit = *p - '0';
    if (digits > 0 || digit != 0) {
      if (++digits > kMaxDigits) return false;
      significand = significand * 10 + static_cast<std::uint64_t>(digit);
    }
    if (fraction) --exponent;
  }
  if (p < end) {  // "e", a sign, digits
    ++p;
    const bool down = p < end && *p == '-';
    if (p < end && (*p == '-' || *p == '+')) ++p;
    int written = 0;
    for (; p < end; ++p) {
      if (written > 100000) return false;
      written = written * 10 + (*p - '0');
    }
    exponent += down ? -written : written;
  }
  double value = 0.0;
  if (significand != 0) {
    if (exponent < -22 || exponent > 22) return false;
    value = static_cast<double>(significand);
    value = exponent < 0 ? value / kPowersOfTen[-exponent] : value * kPowersOfTen[exponent];
  }
  *out = negative ? -value : value;
  return true;
}

}  // namespace attune
