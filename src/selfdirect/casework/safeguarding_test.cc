#include "selfdirect/casework/safeguarding.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace selfdirect::casework {
namespace {

using ::testing::HasSubstr;

const Date kToday = *ParseIsoDate("2026-11-23");
const PersonId kPerson("01JD00000000000000000PER51");

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

Concern Raised() {
  auto c = ValidateNewConcern({"financial", "Her son takes her bank card on pension day.", false,
                               "She wants it to stop", "", ""},
                              kPerson);
  EXPECT_TRUE(c) << c.error().message;
  return *c;
}

ConcernTriage TriageOf(TriageDecision d) {
  auto t = ValidateTriage({TriageDecisionCode(d), "Reasons"});
  EXPECT_TRUE(t);
  return *t;
}

ConcernEnquiry AnEnquiry() { return *ValidateEnquiry({"Sam Reid, social worker", ""}, kToday); }

ConcernClosure AClosure() {
  return *ValidateConcernClosure({"reduced", "Card cancelled; appointee arranged", "partly",
                                  "I feel safer but miss seeing my son"});
}

TEST(ValidateNewConcern, CleansAGoodConcern) {
  auto c = ValidateNewConcern({" financial ", "  Money missing  ", true, "", " Acme Care ", ""},
                              kPerson);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->category, ConcernCategory::kFinancial);
  EXPECT_EQ(c->what_happened, "Money missing");
  EXPECT_TRUE(c->immediate_risk);
  EXPECT_EQ(c->provider, "Acme Care");
  EXPECT_EQ(c->person, kPerson);
  EXPECT_EQ(c->status, ConcernStatus::kRaised);
}

TEST(ValidateNewConcern, NamesEveryBadFieldAtOnce) {
  auto c = ValidateNewConcern({"theft", "   ", std::nullopt, "", std::string(201, 'x'), "nope"},
                              kPerson);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(Fields(c.error()),
              ::testing::UnorderedElementsAre("category", "what_happened", "immediate_risk",
                                              "provider", "plan"));
}

TEST(ValidateNewConcern, AcceptsEveryStatutoryCategory) {
  ASSERT_EQ(ConcernCategories().size(), 10u);
  for (const CodeLabel& c : ConcernCategories()) {
    auto parsed = ParseConcernCategory(c.code);
    ASSERT_TRUE(parsed) << c.code;
    EXPECT_STREQ(ConcernCategoryLabel(*parsed), c.label);
    EXPECT_TRUE(ValidateNewConcern({c.code, "x", false, "", "", ""}, kPerson)) << c.code;
  }
}

TEST(ValidateNewConcern, NeedsAPersonProviderOrPlan) {
  auto none = ValidateNewConcern({"organisational", "Staff shout at residents", false, "", "", ""},
                                 std::nullopt);
  ASSERT_FALSE(none);
  EXPECT_THAT(Fields(none.error()), ::testing::ElementsAre("provider"));
  EXPECT_TRUE(ValidateNewConcern(
      {"organisational", "Staff shout at residents", false, "", "Sunny Care Home", ""},
      std::nullopt));
}

TEST(ValidateTriage, NeedsADecisionAndReasons) {
  auto t = ValidateTriage({"maybe", ""});
  ASSERT_FALSE(t);
  EXPECT_THAT(Fields(t.error()), ::testing::UnorderedElementsAre("decision", "reasons"));
}

TEST(ValidateEnquiry, RefusesAFutureStartAndNeedsALead) {
  auto e = ValidateEnquiry({"", "2026-11-24"}, kToday);
  ASSERT_FALSE(e);
  EXPECT_THAT(Fields(e.error()), ::testing::UnorderedElementsAre("led_by", "started_on"));
  auto today = ValidateEnquiry({"Sam", ""}, kToday);
  ASSERT_TRUE(today);
  EXPECT_EQ(today->started_on, kToday);
}

TEST(ValidateConcernClosure, NeedsTheOutcomeActionsAndThePersonsView) {
  auto c = ValidateConcernClosure({"", "", "fully", ""});
  ASSERT_FALSE(c);
  EXPECT_THAT(Fields(c.error()),
              ::testing::UnorderedElementsAre("risk", "actions_taken", "persons_view"));
  // When the person did not say what they wanted, their words are not required.
  EXPECT_TRUE(ValidateConcernClosure({"removed", "Moved to a new provider", "not_expressed", ""}));
}

TEST(ConcernLifecycle, Section42EnquiryRunsToClosure) {
  auto triaged = Triage(Raised(), TriageOf(TriageDecision::kSection42Enquiry));
  ASSERT_TRUE(triaged);
  EXPECT_EQ(triaged->status, ConcernStatus::kTriaged);
  auto closed_early = Close(*triaged, AClosure());
  ASSERT_FALSE(closed_early);
  EXPECT_EQ(closed_early.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(closed_early.error().message, HasSubstr("who is leading the section 42 enquiry"));
  auto enquiry = StartEnquiry(*triaged, AnEnquiry());
  ASSERT_TRUE(enquiry);
  EXPECT_EQ(enquiry->status, ConcernStatus::kEnquiry);
  auto closed = Close(*enquiry, AClosure());
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->status, ConcernStatus::kClosed);
  ASSERT_TRUE(closed->closure);
  EXPECT_EQ(closed->closure->outcomes_met, OutcomesMet::kPartly);
}

TEST(ConcernLifecycle, NoFurtherActionClosesAtTriage) {
  auto triaged = Triage(Raised(), TriageOf(TriageDecision::kNoFurtherAction));
  ASSERT_TRUE(triaged);
  EXPECT_EQ(triaged->status, ConcernStatus::kClosed);
  EXPECT_FALSE(triaged->closure);
  auto again = StartEnquiry(*triaged, AnEnquiry());
  ASSERT_FALSE(again);
  EXPECT_THAT(again.error().message, HasSubstr("closed"));
}

TEST(ConcernLifecycle, OtherActionMayCloseWithoutAnEnquiry) {
  auto triaged = Triage(Raised(), TriageOf(TriageDecision::kOtherAction));
  ASSERT_TRUE(triaged);
  EXPECT_TRUE(Close(*triaged, AClosure()));
}

TEST(ConcernLifecycle, SaysWhatMustHappenFirst) {
  const Concern raised = Raised();
  auto enquiry = StartEnquiry(raised, AnEnquiry());
  ASSERT_FALSE(enquiry);
  EXPECT_THAT(enquiry.error().message, HasSubstr("Triage the concern first"));
  auto close = Close(raised, AClosure());
  ASSERT_FALSE(close);
  EXPECT_THAT(close.error().message, HasSubstr("no further safeguarding action"));
  auto triaged = Triage(raised, TriageOf(TriageDecision::kSection42Enquiry));
  auto twice = Triage(*triaged, TriageOf(TriageDecision::kOtherAction));
  ASSERT_FALSE(twice);
  EXPECT_THAT(twice.error().message, HasSubstr("already been triaged"));
  auto started = StartEnquiry(*triaged, AnEnquiry());
  auto again = StartEnquiry(*started, AnEnquiry());
  ASSERT_FALSE(again);
  EXPECT_THAT(again.error().message, HasSubstr("already under way"));
}

// Any sequence of steps: the status only moves forward, a closed concern never changes, every
// closed concern was triaged, and a section 42 concern is only closed after its enquiry began.
RC_GTEST_PROP(ConcernLifecycle, AnySequenceKeepsTheInvariants, ()) {
  const auto decision =
      *rc::gen::element(TriageDecision::kSection42Enquiry, TriageDecision::kOtherAction,
                        TriageDecision::kNoFurtherAction);
  const auto steps = *rc::gen::container<std::vector<ConcernStep>>(
      rc::gen::element(ConcernStep::kTriage, ConcernStep::kStartEnquiry, ConcernStep::kClose));
  Concern c = Raised();
  for (ConcernStep step : steps) {
    Result<Concern> next = step == ConcernStep::kTriage         ? Triage(c, TriageOf(decision))
                           : step == ConcernStep::kStartEnquiry ? StartEnquiry(c, AnEnquiry())
                                                                : Close(c, AClosure());
    RC_ASSERT(next.has_value() == CanTake(c, step).has_value());
    if (!next) {
      RC_ASSERT(next.error().code == ErrorCode::kFailedPrecondition);
      RC_ASSERT(!next.error().message.empty());
      continue;
    }
    RC_ASSERT(static_cast<int>(next->status) >= static_cast<int>(c.status));
    RC_ASSERT(c.status != ConcernStatus::kClosed);
    c = *next;
    if (c.status == ConcernStatus::kClosed) {
      RC_ASSERT(c.triage.has_value());
      if (c.triage->decision == TriageDecision::kSection42Enquiry) RC_ASSERT(c.enquiry.has_value());
      if (c.triage->decision != TriageDecision::kNoFurtherAction) RC_ASSERT(c.closure.has_value());
    }
  }
}

TEST(ConcernCodes, RoundTrip) {
  for (const auto& r : Raisers()) EXPECT_STREQ(RaiserCode(*ParseRaiser(r.code)), r.code);
  for (const auto& d : TriageDecisions()) {
    EXPECT_STREQ(TriageDecisionCode(*ParseTriageDecision(d.code)), d.code);
  }
  for (const auto& r : RiskOutcomes())
    EXPECT_STREQ(RiskOutcomeCode(*ParseRiskOutcome(r.code)), r.code);
  for (const auto& o : OutcomesMetOptions()) {
    EXPECT_STREQ(OutcomesMetCode(*ParseOutcomesMet(o.code)), o.code);
  }
  for (auto s : {ConcernStatus::kRaised, ConcernStatus::kTriaged, ConcernStatus::kEnquiry,
                 ConcernStatus::kClosed}) {
    EXPECT_EQ(ParseConcernStatus(ConcernStatusCode(s)), s);
  }
  EXPECT_FALSE(ParseConcernCategory("Financial"));
}

}  // namespace
}  // namespace selfdirect::casework
