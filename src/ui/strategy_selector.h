// What the music should do with the mood: match it, lead it gradually (iso), calm down, energise.
#pragma once

#include "core/recommend.h"

namespace attune::ui {

// Returns true when the person picked another strategy (written to `strategy`).
bool draw_strategy_selector(Strategy& strategy);

const char* strategy_label(Strategy strategy);

}  // namespace attune::ui
