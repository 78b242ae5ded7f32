#include "selfdirect/store/sqlite_personal_assistants.h"

#include <gtest/gtest.h>

#include "selfdirect/store/sqlite_store.h"
#include "tests/support/person_record.h"
#include "tests/support/temp_dir.h"

namespace selfdirect::store {
namespace {

using casework::EmployerDuties;
using casework::PersonalAssistant;
using casework::PersonalAssistantId;
using selfdirect::testing::TempDir;

class SqlitePersonalAssistantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*Database::Open({.path = dir_.File("pa.db")}));
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

  PersonalAssistant Make(const std::string& name, bool relative) {
    auto pa = casework::ValidatePersonalAssistant(
        {name, "12.71", "12.5", "2026-05-01", "2026-04-20", "", relative,
         relative ? "Panel agreed it is necessary" : "", relative ? "2026-04-15" : ""},
        clock_.Today());
    EXPECT_TRUE(pa) << pa.error().message;
    pa->council = council_.id;
    pa->id = PersonalAssistantId(ids_.Next());
    pa->employer = person_;
    pa->created_at = pa->updated_at = clock_.Now();
    pa->updated_by = UserId(ids_.Next());
    return *pa;
  }

  template <typename F>
  void InWrite(F f) {
    auto s = store_->Write([&](Transaction& tx) -> Status { return f(tx); });
    ASSERT_TRUE(s) << s.error().message;
  }

  std::vector<PersonalAssistant> Of() {
    std::vector<PersonalAssistant> out;
    InWrite([&](Transaction& tx) -> Status {
      auto list = tx.PersonalAssistants().AssistantsOf(council_.id, person_);
      if (!list) return tl::unexpected(list.error());
      out = *list;
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

TEST_F(SqlitePersonalAssistantsTest, AnAssistantRoundTripsEveryField) {
  const PersonalAssistant pa = Make("Sam Patel", true);
  InWrite([&](Transaction& tx) { return tx.PersonalAssistants().CreateAssistant(pa); });
  auto list = Of();
  ASSERT_EQ(list.size(), 1u);
  const PersonalAssistant& read = list[0];
  EXPECT_EQ(read.id, pa.id);
  EXPECT_EQ(read.employer, person_);
  EXPECT_EQ(read.name, "Sam Patel");
  EXPECT_EQ(read.hourly_rate, Pence(1271));
  EXPECT_EQ(read.hours_hundredths, 1250);
  EXPECT_EQ(read.starts_on, pa.starts_on);
  EXPECT_FALSE(read.ends_on);
  EXPECT_EQ(read.right_to_work_checked_on, pa.right_to_work_checked_on);
  EXPECT_FALSE(read.dbs_checked_on);
  EXPECT_TRUE(read.close_relative_in_household);
  EXPECT_EQ(read.council_decision, "Panel agreed it is necessary");
  EXPECT_EQ(read.council_decision_on, pa.council_decision_on);
  EXPECT_EQ(read.created_at, clock_.Now());
  EXPECT_EQ(read.revision, 1);
}

TEST_F(SqlitePersonalAssistantsTest, SavingNeedsTheRevisionReadAndCurrentOnesComeFirst) {
  PersonalAssistant left = Make("Ann Lee", false);
  const PersonalAssistant current = Make("Zoe King", false);
  InWrite([&](Transaction& tx) -> Status {
    if (auto c = tx.PersonalAssistants().CreateAssistant(left); !c) return c;
    return tx.PersonalAssistants().CreateAssistant(current);
  });
  left.ends_on = *ParseIsoDate("2026-10-31");
  InWrite([&](Transaction& tx) { return tx.PersonalAssistants().SaveAssistant(left, 1); });
  auto stale = store_->Write(
      [&](Transaction& tx) { return tx.PersonalAssistants().SaveAssistant(left, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto list = Of();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "Zoe King");
  EXPECT_EQ(list[1].name, "Ann Lee");
  EXPECT_EQ(list[1].ends_on, left.ends_on);
  EXPECT_EQ(list[1].revision, 2);
}

TEST_F(SqlitePersonalAssistantsTest, TheDatabaseRefusesACloseRelativeWithoutADecision) {
  PersonalAssistant pa = Make("Sam Patel", false);
  pa.close_relative_in_household = true;  // bypassing the domain's check
  auto s =
      store_->Write([&](Transaction& tx) { return tx.PersonalAssistants().CreateAssistant(pa); });
  EXPECT_FALSE(s);
}

TEST_F(SqlitePersonalAssistantsTest, DutiesAreCreatedOnceThenReplacedByRevision) {
  auto d = casework::ValidateEmployerDuties(
      {"Payroll Partners", "2026-05-01", "", "No PA earns enough", "Acme Insurance", "5000000",
       "2027-05-01", "2026-04-28", "Rolled up? No: paid when taken", true});
  ASSERT_TRUE(d) << d.error().message;
  d->council = council_.id;
  d->employer = person_;
  d->updated_at = clock_.Now();
  d->updated_by = UserId(ids_.Next());
  InWrite([&](Transaction& tx) { return tx.PersonalAssistants().SaveDuties(*d, 0); });
  auto again =
      store_->Write([&](Transaction& tx) { return tx.PersonalAssistants().SaveDuties(*d, 0); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  d->insurer = "Better Insurance";
  InWrite([&](Transaction& tx) { return tx.PersonalAssistants().SaveDuties(*d, 1); });
  std::optional<EmployerDuties> read;
  InWrite([&](Transaction& tx) -> Status {
    auto found = tx.PersonalAssistants().FindDuties(council_.id, person_);
    if (!found) return tl::unexpected(found.error());
    read = *found;
    return Ok();
  });
  ASSERT_TRUE(read);
  EXPECT_EQ(read->revision, 2);
  EXPECT_EQ(read->insurer, "Better Insurance");
  EXPECT_EQ(read->insurance_cover, Pence(500'000'000));
  EXPECT_EQ(read->insurance_expires_on, ParseIsoDate("2027-05-01").value());
  EXPECT_EQ(read->payroll_from, ParseIsoDate("2026-05-01").value());
  EXPECT_FALSE(read->pension_enrolled_on);
  EXPECT_EQ(read->pension_exempt_reason, "No PA earns enough");
  EXPECT_TRUE(read->authorised_person_without_capacity);
}

TEST_F(SqlitePersonalAssistantsTest, SchemesKeepTheirEmployerSettings) {
  Scheme s;
  s.council_id = council_.id;
  s.id = SchemeId(ids_.Next());
  s.name = "Adult social care";
  s.settings.pa_dbs_required = true;
  s.settings.pa_insurance_reminder_days = 45;
  s.created_at = clock_.Now();
  InWrite([&](Transaction& tx) { return tx.Councils().CreateScheme(s); });
  std::optional<Scheme> read;
  InWrite([&](Transaction& tx) -> Status {
    auto found = tx.Councils().FindScheme(council_.id, s.id);
    if (!found) return tl::unexpected(found.error());
    read = *found;
    return Ok();
  });
  ASSERT_TRUE(read);
  EXPECT_TRUE(read->settings.pa_dbs_required);
  EXPECT_EQ(read->settings.pa_insurance_reminder_days, 45);
}

}  // namespace
}  // namespace selfdirect::store
