// A JSON number as the nearest double, fast, for the numbers that need only one rounding.
//
// With at most 15 significant digits and a power of ten up to 22, the significand and the power are both
// exact in a double, so one IEEE multiplication or division rounds the true value exactly as a correct
// strtod does (Clinger's fast path). Catalog numbers ("-0.4750", "0.1575", "1e-1") are all of this kind.
// Why not strtod: in wasm, the C library's strtod computes in software 128-bit floating point; it took a
// third of the time to load a 100k-track catalog.
#pragma once

#include <string_view>

namespace attune {

// `number` must already match JSON's number grammar. Returns false, leaving *out alone, for a number
// outside the fast path (the caller then uses strtod).
bool exact_decimal(std::string_view number, double* out);

}  // namespace attune
