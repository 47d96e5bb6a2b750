#include "core/list_change_guard.h"

namespace attune {

void ListChangeGuard::observe(const std::vector<Recommendation>& list, double now_ms) {
  bool same = list.size() == rows_.size();
  for (std::size_t i = 0; same && i < list.size(); ++i)
    same = list[i].track == rows_[i].first && list[i].explanation == rows_[i].second;
  if (same) return;
  rows_.clear();
  for (const auto& r : list) rows_.emplace_back(r.track, r.explanation);
  changed_at_ms_ = now_ms;
}

}  // namespace attune
