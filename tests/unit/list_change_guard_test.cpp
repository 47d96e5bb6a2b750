#include "core/list_change_guard.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace attune;

namespace {

std::vector<Recommendation> rows(std::vector<std::size_t> tracks, const std::string& reason = "close to your mood") {
  std::vector<Recommendation> list;
  for (const std::size_t t : tracks) {
    Recommendation r;
    r.track = t;
    r.explanation = reason;
    list.push_back(r);
  }
  return list;
}

constexpr double kSettle = ListChangeGuard::kSettleMs;

}  // namespace

TEST(ListChangeGuard, PressesActBeforeAnyListAndOnAListThatHasSettled) {
  ListChangeGuard guard;
  guard.observe({}, 0);
  EXPECT_TRUE(guard.accepts(10));  // no rows yet: nothing to aim at wrongly
  guard.observe(rows({3, 1, 2}), 1000);
  EXPECT_FALSE(guard.accepts(1000 + kSettle - 1)) << "the rows just appeared";
  for (double t = 1016; t < 5000; t += 16) guard.observe(rows({3, 1, 2}), t);  // drawn again, unchanged
  EXPECT_EQ(guard.changed_at_ms(), 1000);
  EXPECT_TRUE(guard.accepts(1000 + kSettle));
  EXPECT_TRUE(guard.accepts(4990));
}

TEST(ListChangeGuard, AReRankTurnsAwayAPressThatBeganWithinTheSettlingTime) {
  ListChangeGuard guard;
  guard.observe(rows({3, 1, 2}), 0);
  guard.observe(rows({1, 3, 2}), 8000);  // a re-rank: rows 0 and 1 swap tracks
  EXPECT_FALSE(guard.accepts(7990)) << "a press aimed before the change, whose click came after it";
  EXPECT_FALSE(guard.accepts(8000));
  EXPECT_FALSE(guard.accepts(8000 + kSettle - 1));
  EXPECT_TRUE(guard.accepts(8000 + kSettle));
}

TEST(ListChangeGuard, ANewReasonMovesTheRowsBelowItAndCountsAsAChange) {
  ListChangeGuard guard;
  guard.observe(rows({3, 1, 2}), 0);
  guard.observe(rows({3, 1, 2}, "close to your mood, and you liked its artist before"), 2000);
  EXPECT_EQ(guard.changed_at_ms(), 2000);
  EXPECT_FALSE(guard.accepts(2100));
}

TEST(ListChangeGuard, FewerRowsOrNoneCountAsAChange) {
  ListChangeGuard guard;
  guard.observe(rows({3, 1, 2}), 0);
  guard.observe(rows({3, 1}), 3000);
  EXPECT_EQ(guard.changed_at_ms(), 3000);
  guard.observe({}, 4000);
  EXPECT_EQ(guard.changed_at_ms(), 4000);
}

TEST(ListChangeGuard, CountsTheTurnedAwayPressesAndKeepsWhenTheLastWasUntilOneActs) {
  ListChangeGuard guard;
  guard.observe(rows({3, 1, 2}), 1000);
  EXPECT_EQ(guard.ignored(), 0);
  guard.note_press(1100);
  EXPECT_FALSE(guard.admit(1180));
  guard.note_press(1200);
  EXPECT_FALSE(guard.admit(1290));
  EXPECT_EQ(guard.turned_away_at_ms(), 1290) << "when the click met the row, not when its press began";
  guard.note_press(1000 + kSettle);
  EXPECT_TRUE(guard.admit(1000 + kSettle + 90));
  EXPECT_EQ(guard.ignored(), 2) << "only the presses turned away";
  EXPECT_LT(guard.turned_away_at_ms(), 0) << "a press that acts: nothing turned away since";
  EXPECT_EQ(guard.press_ms(), 1000 + kSettle);
}
