#include "core/exact_decimal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

namespace {

// Bit for bit: a negative zero is not a zero.
void expect_as_strtod(const std::string& number) {
  double fast = 12345.0;
  ASSERT_TRUE(attune::exact_decimal(number, &fast)) << number;
  const double reference = std::strtod(number.c_str(), nullptr);
  EXPECT_EQ(std::memcmp(&fast, &reference, sizeof fast), 0) << number << ": " << fast << " vs strtod " << reference;
}

std::string random_digits(std::mt19937& rng, int count) {
  std::string s(1, static_cast<char>('1' + rng() % 9));
  while (static_cast<int>(s.size()) < count) s += static_cast<char>('0' + rng() % 10);
  return s;
}

}  // namespace

TEST(ExactDecimal, CatalogStyleNumbersAreExactlyStrtods) {
  for (const char* n : {"0", "-0", "0.0", "-0.0", "1", "-1", "0.5", "-0.475", "0.1575", "0.1", "0.2", "0.3", "1e-1", "1E-1",
                        "-2.5e+0", "123456789012345", "0.000000000000000000001", "9.99999999999999e-8", "1e22", "1e-22", "0e400"})
    expect_as_strtod(n);
}

// Every way JSON can write a number with up to 15 significant digits and a power of ten up to 22: plain
// fractions with leading zeros, scientific with a point, an integer significand with an exponent.
TEST(ExactDecimal, RandomNumbersWithinTheFastPathAreBitForBitStrtods) {
  std::mt19937 rng(20261202);
  for (int i = 0; i < 200000; ++i) {
    const int count = 1 + static_cast<int>(rng() % 15);
    const std::string digits = random_digits(rng, count);
    const int shift = static_cast<int>(rng() % 23);  // how far the point moves left of the digits' end
    const std::string sign = rng() % 2 ? "-" : "";
    std::string number;
    switch (rng() % 3) {
      case 0:  // 0.000ddd or ddd.ddd
        number = shift >= count ? "0." + std::string(static_cast<std::size_t>(shift - count), '0') + digits
                 : shift == 0   ? digits
                                : digits.substr(0, static_cast<std::size_t>(count - shift)) + "." + digits.substr(static_cast<std::size_t>(count - shift));
        break;
      case 1:  // d.ddde-x
        number = digits.substr(0, 1) + (count > 1 ? "." + digits.substr(1) : "") + "e" + std::to_string(count - 1 - shift);
        break;
      default:  // ddde-x, or ddde+x
        number = digits + (rng() % 2 ? "e-" + std::to_string(shift) : "E+" + std::to_string(shift % (23 - 0)));
        break;
    }
    expect_as_strtod(sign + number);
  }
}

TEST(ExactDecimal, LeavesTheRestToStrtod) {
  double out = 7.0;
  for (const char* n : {"1234567890123456", "0.1000000000000000", "1e23", "1e-23", "123e-25", "1e999999", "-1.5e-400"}) {
    EXPECT_FALSE(attune::exact_decimal(n, &out)) << n;
    EXPECT_EQ(out, 7.0) << "left alone";
  }
}
