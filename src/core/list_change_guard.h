// A press aimed at the recommendations before they changed must not act on what took their place.
//
// A person reads a row, decides and taps: that takes a few hundred milliseconds, and a re-rank in that
// moment puts another track (or, as reasons wrap anew, another row's button) under the finger. The app
// holds the list while a pointer is in use (App::hold_list_after_input), but a tap that starts from a still
// hand can still meet a re-rank. So a press on a row counts only when the rows had been as drawn for
// kSettleMs before it began; one that began earlier does nothing (the person taps again, now aiming at
// what they see). No clocks: times are passed in, so the rule is unit-tested natively.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/recommend.h"

namespace attune {

class ListChangeGuard {
 public:
  // About the time from seeing a row to a finger landing on it (a choice reaction plus the movement).
  static constexpr double kSettleMs = 500;

  // The list as drawn at now_ms (call every frame it is drawn). A change of a row's track or of its
  // reason (which wraps anew and moves the rows under it) starts the settling again; so does the list
  // appearing.
  void observe(const std::vector<Recommendation>& list, double now_ms);

  // A press began (a finger touched down, a mouse button went down) at press_ms.
  void note_press(double press_ms) { press_ms_ = press_ms; }

  // Whether a press that began at press_ms may act on the rows: they had not changed for kSettleMs before it
  // (nor after it: a click whose press was aimed at the rows before a change does not act on the new ones).
  bool accepts(double press_ms) const { return press_ms - changed_at_ms_ >= kSettleMs; }

  // Whether the last noted press, now meeting a row at now_ms, may act; one turned away is counted and its
  // time kept (the app says for a moment why nothing happened, until a press acts).
  bool admit(double now_ms) {
    if (accepts(press_ms_)) {
      turned_away_at_ms_ = -1e18;
      return true;
    }
    ++ignored_;
    turned_away_at_ms_ = now_ms;
    return false;
  }

  // Presses turned away so far (published in window.attuneState: the browser tests read it).
  int ignored() const { return ignored_; }
  // When the last press was turned away (-1e18: none since the last that acted), the last press began and
  // the rows last changed (-1e18: never).
  double turned_away_at_ms() const { return turned_away_at_ms_; }
  double press_ms() const { return press_ms_; }
  double changed_at_ms() const { return changed_at_ms_; }

 private:
  std::vector<std::pair<std::size_t, std::string>> rows_;  // track and reason of each row as last drawn
  double changed_at_ms_ = -1e18;
  double press_ms_ = -1e18;
  double turned_away_at_ms_ = -1e18;
  int ignored_ = 0;
};

}  // namespace attune
