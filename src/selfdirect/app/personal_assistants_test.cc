#include "selfdirect/app/personal_assistants.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

class PersonalAssistantsTest : public ::testing::Test {
 protected:
  PersonalAssistantsTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        worker_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})),
        finance_(t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"})),
        commissioner_(t_.AddUser(council_, "market@hartlepool.example", {"commissioner"})),
        helper_(t_.AddUser(council_, "rep@hartlepool.example", {"representative"})) {
    casework::NewPerson p;
    p.given_name = "Ada";
    p.family_name = "Okafor";
    p.date_of_birth = "1948-03-27";
    auto created = t_.casework().CreatePerson(As(worker_), p, {"", "community", "", ""});
    EXPECT_TRUE(created) << created.error().message;
    person_ = created->record.person.id;
    auto holder = t_.accounts().AddUser(
        Context::Operator("t"),
        {council_.id, "ada@hartlepool.example", "Ada", {"budget-holder"}, person_.str()});
    EXPECT_TRUE(holder) << holder.error().message;
    holder_ = holder->user;
    // Ada lets her daughter see her record, but not manage her money.
    EXPECT_TRUE(t_.accounts().GrantAccess(As(holder_), person_,
                                          {"rep@hartlepool.example", {"view"}, "2027-03-31", ""}));
  }

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }

  static casework::PersonalAssistantRequest Sam(const std::string& rate = "12.71") {
    return {"Sam Patel", rate, "20", "2026-05-01", "2026-04-20", "", false, "", ""};
  }

  std::vector<AuditEntry> Audit(const std::string& action) {
    return t_.accounts()
        .SearchAudit(Context::Operator("t"), {.council_id = council_.id, .action = action})
        .value();
  }

  std::vector<std::string> Codes(const EmployerView& v) {
    std::vector<std::string> out;
    for (const auto& a : v.attention) out.push_back(a.code);
    return out;
  }

  testing::TestApp t_;
  Council council_;
  User worker_, finance_, commissioner_, helper_, holder_;
  PersonId person_;
};

TEST_F(PersonalAssistantsTest, TheBudgetHolderAddsAPaBelowTheMinimumWageAndIsWarned) {
  auto view = t_.personal_assistants().Add(As(holder_), person_, Sam("11.50"));
  ASSERT_TRUE(view) << view.error().message;
  ASSERT_EQ(view->assistants.size(), 1u);
  EXPECT_EQ(view->assistants[0].hourly_rate, Pence(1150));
  EXPECT_EQ(view->assistants[0].updated_by, holder_.id);
  EXPECT_EQ(view->minimum_wage->hourly, Pence(1271));
  EXPECT_THAT(Codes(*view), Contains("below_minimum_wage"));
  EXPECT_THAT(Codes(*view), Contains("insurance_missing"));
  auto added = Audit("personal-assistant.add");
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(added[0].subject_person_id, person_.str());
}

TEST_F(PersonalAssistantsTest, TheSocialWorkerSeesAndFillsInTheChecklist) {
  ASSERT_TRUE(t_.personal_assistants().Add(As(holder_), person_, Sam()));
  auto saved = t_.personal_assistants().SaveDuties(
      As(worker_), person_,
      {"Payroll Partners", "2026-05-01", "2026-06-01", "", "Acme Insurance", "5000000",
       "2027-06-30", "2026-04-28", "Paid when taken, 5.6 weeks a year", false},
      0);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->duties.revision, 1);
  EXPECT_TRUE(saved->attention.empty()) << saved->attention.front().message;
  auto read = t_.personal_assistants().Of(As(worker_), person_);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->duties.insurer, "Acme Insurance");
  EXPECT_EQ(Audit("personal-assistants.read").size(), 1u);
  // A second save naming the old revision is refused and changes nothing.
  auto stale = t_.personal_assistants().SaveDuties(As(holder_), person_, {}, 0);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
}

TEST_F(PersonalAssistantsTest, ARepresentativeWithViewAccessReadsButCannotChange) {
  ASSERT_TRUE(t_.personal_assistants().Add(As(holder_), person_, Sam()));
  EXPECT_TRUE(t_.personal_assistants().Of(As(helper_), person_));
  auto refused = t_.personal_assistants().Add(As(helper_), person_, Sam());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  // Refused before the form is checked, so the rules of the form are not given away.
  auto bad = t_.personal_assistants().Add(As(helper_), person_, {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(PersonalAssistantsTest, CommissionersAndFinanceOfficersDoNotSeeNamedPas) {
  auto commissioner = t_.personal_assistants().Of(As(commissioner_), person_);
  ASSERT_FALSE(commissioner);
  EXPECT_EQ(commissioner.error().code, ErrorCode::kNotFound);
  auto finance = t_.personal_assistants().Of(As(finance_), person_);
  ASSERT_FALSE(finance);
  EXPECT_EQ(finance.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(PersonalAssistantsTest, BadInputNamesTheFieldAndChangesNothing) {
  auto bad = t_.personal_assistants().Add(
      As(holder_), person_, {"Sam", "abc", "20", "2026-05-01", "", "", false, "", ""});
  ASSERT_FALSE(bad);
  ASSERT_EQ(bad.error().fields.size(), 1u);
  EXPECT_EQ(bad.error().fields[0].field, "hourly_rate");
  auto view = t_.personal_assistants().Of(As(holder_), person_);
  ASSERT_TRUE(view);
  EXPECT_TRUE(view->assistants.empty());
  EXPECT_TRUE(Audit("personal-assistant.add").empty());
}

TEST_F(PersonalAssistantsTest, UpdateThenEndWithRevisions) {
  auto added = t_.personal_assistants().Add(As(holder_), person_, Sam("12.00"));
  ASSERT_TRUE(added);
  const auto id = added->assistants[0].id;
  auto updated = t_.personal_assistants().Update(As(holder_), person_, id, Sam("13.00"), 1);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->assistants[0].hourly_rate, Pence(1300));
  EXPECT_EQ(updated->assistants[0].revision, 2);
  EXPECT_THAT(Codes(*updated), ::testing::Not(Contains("below_minimum_wage")));
  auto stale = t_.personal_assistants().Update(As(holder_), person_, id, Sam("14.00"), 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);

  auto early = t_.personal_assistants().End(As(holder_), person_, id, "2026-01-01", 2);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().fields.at(0).field, "ends_on");
  auto ended = t_.personal_assistants().End(As(holder_), person_, id, "2026-11-30", 2);
  ASSERT_TRUE(ended) << ended.error().message;
  EXPECT_EQ(ended->assistants[0].ends_on, ParseIsoDate("2026-11-30").value());
  EXPECT_EQ(Audit("personal-assistant.end").size(), 1u);
  auto after = t_.personal_assistants().Update(As(holder_), person_, id, Sam(), 3);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(PersonalAssistantsTest, APaOfAnotherPersonIsNotFound) {
  auto added = t_.personal_assistants().Add(As(holder_), person_, Sam());
  ASSERT_TRUE(added);
  casework::NewPerson p;
  p.given_name = "Bo";
  p.family_name = "Lee";
  p.date_of_birth = "1950-01-01";
  auto other = t_.casework().CreatePerson(As(worker_), p, {"", "community", "", ""});
  ASSERT_TRUE(other);
  auto wrong = t_.personal_assistants().End(As(worker_), other->record.person.id,
                                            added->assistants[0].id, "2026-11-30", 1);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kNotFound);
}

TEST_F(PersonalAssistantsTest, TheWorkforceIsCountedForCommissionersOnly) {
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(t_.personal_assistants().Add(As(holder_), person_, Sam()));
  auto w = t_.personal_assistants().Workforce(As(commissioner_));
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_EQ(w->count, 5);
  EXPECT_EQ(w->hours_hundredths, 5 * 2000);
  auto refused = t_.personal_assistants().Workforce(As(worker_));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace selfdirect::app
