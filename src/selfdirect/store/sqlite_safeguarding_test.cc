#include "selfdirect/store/sqlite_safeguarding.h"

#include <gtest/gtest.h>

#include "selfdirect/store/sqlite_store.h"
#include "tests/support/person_record.h"
#include "tests/support/temp_dir.h"

namespace selfdirect::store {
namespace {

using casework::Concern;
using casework::ConcernStatus;
using selfdirect::testing::TempDir;

class SqliteSafeguardingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*Database::Open({.path = dir_.File("s.db")}));
    ASSERT_TRUE(Migrate(*db_, clock_));
    store_ = std::make_unique<SqliteStore>(*db_);
    council_ = Council{CouncilId(ids_.Next()), "E09000033", "Westminster", clock_.Now()};
    person_ = PersonId(ids_.Next());
    InWrite([&](Transaction& tx) -> Status {
      if (auto c = tx.Councils().CreateCouncil(council_); !c) return c;
      casework::Person p = selfdirect::testing::AdaOkafor(council_.id, person_, clock_.Now());
      return tx.Casework().CreatePerson(p, {});
    });
  }

  Concern Make(bool immediate_risk, int minutes_later) {
    auto c = casework::ValidateNewConcern(
        {"neglect", "Left without food", immediate_risk, "", "Acme Care", ""}, person_);
    EXPECT_TRUE(c);
    c->council = council_.id;
    c->id = ConcernId(ids_.Next());
    c->raised_by = UserId(ids_.Next());
    c->raiser = casework::Raiser::kStaff;
    c->raised_at = clock_.Now() + std::chrono::minutes(minutes_later);
    InWrite([&](Transaction& tx) { return tx.Safeguarding().CreateConcern(*c); });
    return *c;
  }

  template <typename F>
  void InWrite(F f) {
    auto s = store_->Write([&](Transaction& tx) -> Status { return f(tx); });
    ASSERT_TRUE(s) << s.error().message;
  }

  Concern Find(const ConcernId& id) {
    Concern out;
    InWrite([&](Transaction& tx) -> Status {
      auto found = tx.Safeguarding().FindConcern(council_.id, id);
      if (!found) return tl::unexpected(found.error());
      EXPECT_TRUE(*found);
      if (*found) out = **found;
      return Ok();
    });
    return out;
  }

  TempDir dir_;
  FixedClock clock_{ParseTimestamp("2026-11-22T09:00:00.000Z").value()};
  UlidGenerator ids_{clock_};
  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteStore> store_;
  Council council_;
  PersonId person_;
};

TEST_F(SqliteSafeguardingTest, EveryStepRoundTripsWithWhoAndWhen) {
  Concern c = Make(true, 0);
  Concern read = Find(c.id);
  EXPECT_EQ(read.what_happened, "Left without food");
  EXPECT_EQ(read.provider, "Acme Care");
  EXPECT_EQ(read.person, person_);
  EXPECT_TRUE(read.immediate_risk);
  EXPECT_FALSE(read.triage);

  const UserId lead(ids_.Next());
  auto triage = *casework::ValidateTriage({"section_42_enquiry", "Repeated"});
  triage.at = clock_.Now();
  triage.by = lead;
  auto triaged = *casework::Triage(read, triage);
  InWrite([&](Transaction& tx) { return tx.Safeguarding().SaveConcern(triaged, 1); });
  auto enquiry = *casework::ValidateEnquiry({"Sam Reid", "2026-11-21"}, clock_.Today());
  enquiry.at = clock_.Now();
  enquiry.by = lead;
  auto started = *casework::StartEnquiry(Find(c.id), enquiry);
  InWrite([&](Transaction& tx) { return tx.Safeguarding().SaveConcern(started, 2); });
  auto closure = *casework::ValidateConcernClosure({"removed", "New provider", "fully", "Good"});
  closure.at = clock_.Now();
  closure.by = lead;
  auto closed = *casework::Close(Find(c.id), closure);
  InWrite([&](Transaction& tx) { return tx.Safeguarding().SaveConcern(closed, 3); });

  read = Find(c.id);
  EXPECT_EQ(read.status, ConcernStatus::kClosed);
  EXPECT_EQ(read.revision, 4);
  ASSERT_TRUE(read.triage && read.enquiry && read.closure);
  EXPECT_EQ(read.triage->by, lead);
  EXPECT_EQ(read.triage->reasons, "Repeated");
  EXPECT_EQ(FormatIsoDate(read.enquiry->started_on), "2026-11-21");
  EXPECT_EQ(read.enquiry->led_by, "Sam Reid");
  EXPECT_EQ(read.closure->risk, casework::RiskOutcome::kRemoved);
  EXPECT_EQ(read.closure->persons_view, "Good");
  EXPECT_EQ(read.closure->at, clock_.Now());
}

TEST_F(SqliteSafeguardingTest, SaveRefusesAStaleRevision) {
  Concern c = Make(false, 0);
  auto triage = *casework::ValidateTriage({"other_action", "Review the plan"});
  auto triaged = *casework::Triage(c, triage);
  InWrite([&](Transaction& tx) { return tx.Safeguarding().SaveConcern(triaged, 1); });
  auto again =
      store_->Write([&](Transaction& tx) { return tx.Safeguarding().SaveConcern(triaged, 1); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(SqliteSafeguardingTest, QueuePutsImmediateRiskFirstThenOldestAndLeavesOutClosed) {
  Concern old_low = Make(false, 0);
  Concern new_high = Make(true, 30);
  Concern old_high = Make(true, 10);
  Concern closed = Make(true, 5);
  auto nfa = *casework::ValidateTriage({"no_further_action", "Already dealt with"});
  InWrite([&](Transaction& tx) {
    return tx.Safeguarding().SaveConcern(*casework::Triage(closed, nfa), 1);
  });
  InWrite([&](Transaction& tx) -> Status {
    auto open = tx.Safeguarding().OpenConcerns(council_.id, 50);
    if (!open) return tl::unexpected(open.error());
    std::vector<ConcernId> ids;
    for (const auto& c : *open) ids.push_back(c.id);
    EXPECT_EQ(ids, (std::vector<ConcernId>{old_high.id, new_high.id, old_low.id}));
    auto about = tx.Safeguarding().ConcernsAbout(council_.id, person_);
    if (!about) return tl::unexpected(about.error());
    EXPECT_EQ(about->size(), 4u);
    EXPECT_EQ(about->front().id, new_high.id);  // newest first
    return Ok();
  });
}

}  // namespace
}  // namespace selfdirect::store
