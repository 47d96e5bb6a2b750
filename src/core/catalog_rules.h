// The rules every catalog field obeys, in one place for the two readers: the checking reader
// (catalog.cpp), which says precisely what is wrong, and the fast reader (catalog_fast.cpp), which only
// accepts a catalog that is right and hands anything else to the checking one.
#pragma once

#include <cmath>
#include <string>
#include <string_view>

#include "core/catalog.h"

namespace attune::catalog_rules {

inline constexpr double kVaMin = -1.0, kVaMax = 1.0;    // valence, arousal
inline constexpr double kStdMin = 0.0, kStdMax = 2.0;   // valence_std, arousal_std

inline bool in_range(double x, double lo, double hi) { return std::isfinite(x) && x >= lo && x <= hi; }

inline bool has_control_character(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

// A listening link: https only (a catalog must not smuggle javascript: or file: URLs into a click, and a
// plain http:// link would be refused when opened), no space, a plain host (no user info).
enum class LinkProblem { None, PlainHttp, NotHttps, Space, NoPlainHost };
LinkProblem link_problem(std::string_view link);

// "HTTPS://x" -> "https://x" (only the scheme's case changes); call on a link without a problem.
inline void normalise_scheme(std::string* link) { link->replace(0, 5, "https"); }

// A track's "url" on a music service's host is that service's link (unless "links" names one); call once
// links and url are read.
void adopt_service_url(Track* t);

}  // namespace attune::catalog_rules
