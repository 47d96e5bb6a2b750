// The valence-arousal plane: axes labelled with mood words, the catalog's tracks as faint dots, the
// recommended ones highlighted and numbered, and the listener's point with its uncertainty and a
// fading trail of the last seconds; when calibrated, the uncorrected point faint, joined to it.
#pragma once

#include <deque>
#include <vector>

#include "core/catalog.h"
#include "core/recommend.h"
#include "core/session.h"

namespace attune::ui {

struct VaPlotView {
  const Catalog* catalog = nullptr;
  const std::vector<Recommendation>* recommendations = nullptr;
  const std::deque<TrailPoint>* trail = nullptr;
  const FusedMood* mood = nullptr;
  const FusedMood* uncorrected = nullptr;  // calibrated: the point before the correction, drawn faint
  double now_s = 0;
  bool reduced_motion = false;  // no trail, no easing
};

void draw_va_plot(const VaPlotView& view, float side);

}  // namespace attune::ui
