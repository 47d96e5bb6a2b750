// What Attune processes, proof that nothing left the page, what is stored, and a button to forget it.
#pragma once

#include <string>
#include <vector>

namespace attune::ui {

struct PrivacyView {
  int foreign_requests = 0;               // requests that left the page's origin (should be 0)
  std::vector<std::string> stored_items;  // human descriptions of what is in localStorage
  bool storage_refused = false;           // the browser refuses to keep anything for this page
};

// Returns true when the person asked to forget everything stored.
bool draw_privacy_panel(const PrivacyView& view);

}  // namespace attune::ui
