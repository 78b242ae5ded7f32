#include "selfdirect/app/safeguarding.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::HasSubstr;

class SafeguardingTest : public ::testing::Test {
 protected:
  SafeguardingTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        worker_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})),
        lead_(t_.AddUser(council_, "lead@hartlepool.example", {"safeguarding-lead"})),
        finance_(t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"})) {
    casework::NewPerson p;
    p.given_name = "Ada";
    p.family_name = "Okafor";
    p.date_of_birth = "1948-03-27";
    auto created = t_.casework().CreatePerson(As(worker_), p, {"", "community", "", ""});
    EXPECT_TRUE(created) << created.error().message;
    person_ = created->record.person.id;
  }

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }

  casework::Concern Raise(bool immediate_risk, const std::string& what = "Bruises on her arms") {
    auto c = t_.safeguarding().Raise(As(worker_), person_,
                                     {"physical", what, immediate_risk, "", "", ""});
    EXPECT_TRUE(c) << c.error().message;
    return *c;
  }

  std::vector<AuditEntry> Audit(const std::string& action) {
    return t_.accounts()
        .SearchAudit(Context::Operator("t"), {.council_id = council_.id, .action = action})
        .value();
  }

  testing::TestApp t_;
  Council council_;
  User worker_, lead_, finance_;
  PersonId person_;
};

TEST_F(SafeguardingTest, StaffRaiseAndTheLeadTakesItThroughASection42Enquiry) {
  const casework::Concern raised = Raise(true);
  EXPECT_EQ(raised.raiser, casework::Raiser::kStaff);
  EXPECT_EQ(raised.raised_by, worker_.id);

  auto queue = t_.safeguarding().Queue(As(lead_));
  ASSERT_TRUE(queue) << queue.error().message;
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().person_name, "Ada Okafor");

  auto triaged = t_.safeguarding().Triage(
      As(lead_), raised.id, {"section_42_enquiry", "Injuries with no explanation"}, 1);
  ASSERT_TRUE(triaged) << triaged.error().message;
  EXPECT_EQ(triaged->concern.status, casework::ConcernStatus::kTriaged);
  EXPECT_EQ(triaged->concern.triage->by, lead_.id);

  auto early = t_.safeguarding().Close(As(lead_), raised.id, {"reduced", "x", "fully", "Fine"}, 2);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);

  auto enquiry =
      t_.safeguarding().StartEnquiry(As(lead_), raised.id, {"Sam Reid, social worker", ""}, 2);
  ASSERT_TRUE(enquiry) << enquiry.error().message;
  EXPECT_EQ(enquiry->concern.enquiry->started_on, t_.clock().Today());

  auto closed = t_.safeguarding().Close(
      As(lead_), raised.id, {"reduced", "Care worker replaced", "partly", "I feel safer now"}, 3);
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(closed->concern.status, casework::ConcernStatus::kClosed);
  EXPECT_EQ(closed->concern.revision, 4);

  auto after = t_.safeguarding().Queue(As(lead_));
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->empty());
  EXPECT_EQ(Audit("concern.triage").size(), 1u);
  EXPECT_EQ(Audit("concern.close").size(), 1u);
}

TEST_F(SafeguardingTest, TheQueuePutsImmediateRiskFirstThenTheOldest) {
  const auto first = Raise(false, "first");
  t_.clock().Advance(std::chrono::minutes(5));
  const auto urgent = Raise(true, "urgent");
  t_.clock().Advance(std::chrono::minutes(5));
  const auto later = Raise(false, "later");
  auto queue = t_.safeguarding().Queue(As(lead_));
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->size(), 3u);
  EXPECT_EQ((*queue)[0].concern.id, urgent.id);
  EXPECT_EQ((*queue)[1].concern.id, first.id);
  EXPECT_EQ((*queue)[2].concern.id, later.id);
}

TEST_F(SafeguardingTest, ABadFormIsRefusedAndStoresNothing) {
  auto bad = t_.safeguarding().Raise(As(worker_), person_, {"theft", "", std::nullopt, "", "", ""});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().fields.size(), 3u);
  auto wrong_plan = t_.safeguarding().Raise(
      As(worker_), person_, {"neglect", "x", false, "", "", "01JD0000000000000000PAN001"});
  ASSERT_FALSE(wrong_plan);
  ASSERT_EQ(wrong_plan.error().fields.size(), 1u);
  EXPECT_EQ(wrong_plan.error().fields[0].field, "plan");
  EXPECT_TRUE(t_.safeguarding().Queue(As(lead_))->empty());
  EXPECT_TRUE(Audit("concern.raise").empty());
}

TEST_F(SafeguardingTest, OnlyTheLeadReadsAndHandlesConcerns) {
  const auto raised = Raise(false);
  auto get = t_.safeguarding().Get(As(worker_), raised.id);
  ASSERT_FALSE(get);
  EXPECT_EQ(get.error().code, ErrorCode::kPermissionDenied);
  auto triage = t_.safeguarding().Triage(As(worker_), raised.id, {"", ""}, 1);
  ASSERT_FALSE(triage);
  EXPECT_EQ(triage.error().code, ErrorCode::kPermissionDenied);  // not told the form's errors
  EXPECT_FALSE(t_.safeguarding().Queue(As(finance_)));
  // Someone with no standing to the person is told the record does not exist.
  const User commissioner = t_.AddUser(council_, "market@hartlepool.example", {"commissioner"});
  auto stranger =
      t_.safeguarding().Raise(As(commissioner), person_, {"neglect", "x", false, "", "", ""});
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, ErrorCode::kNotFound);
  // Finance officers, who see the money, may raise one (financial abuse shows in the money).
  EXPECT_TRUE(
      t_.safeguarding().Raise(As(finance_), person_, {"financial", "x", false, "", "", ""}));
}

TEST_F(SafeguardingTest, TheLeadSeesThePersonsRecordOnceAConcernIsAboutThem) {
  EXPECT_FALSE(t_.casework().GetPerson(As(lead_), person_));
  EXPECT_FALSE(t_.safeguarding().ConcernsOf(As(lead_), person_));
  Raise(false);
  EXPECT_TRUE(t_.casework().GetPerson(As(lead_), person_));
  auto concerns = t_.safeguarding().ConcernsOf(As(lead_), person_);
  ASSERT_TRUE(concerns) << concerns.error().message;
  EXPECT_EQ(concerns->size(), 1u);
  auto worker = t_.safeguarding().ConcernsOf(As(worker_), person_);
  ASSERT_FALSE(worker);
  EXPECT_EQ(worker.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(SafeguardingTest, ReadsAreAuditedAgainstThePerson) {
  const auto raised = Raise(false);
  ASSERT_TRUE(t_.safeguarding().Get(As(lead_), raised.id));
  const auto reads = Audit("concern.view");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].subject_person_id, person_.str());
  EXPECT_EQ(reads[0].actor_user_id, lead_.id.str());
}

TEST_F(SafeguardingTest, AStaleRevisionIsAConflictAndNoFurtherActionCloses) {
  const auto raised = Raise(false);
  auto stale = t_.safeguarding().Triage(As(lead_), raised.id, {"no_further_action", "x"}, 7);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto nfa = t_.safeguarding().Triage(
      As(lead_), raised.id, {"no_further_action", "Misunderstanding; family explained"}, 1);
  ASSERT_TRUE(nfa);
  EXPECT_EQ(nfa->concern.status, casework::ConcernStatus::kClosed);
  auto again = t_.safeguarding().StartEnquiry(As(lead_), raised.id, {"Sam", ""}, 2);
  ASSERT_FALSE(again);
  EXPECT_THAT(again.error().message, HasSubstr("closed"));
}

}  // namespace
}  // namespace selfdirect::app
