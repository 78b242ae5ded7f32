// A synthetic council: people and their cases from first contact to a signed-off plan, drawn
// from the distributions in distributions.h (documented in docs/synthetic.md), the same for the
// same seed on every machine. No I/O: the caller writes the council through the app's use
// cases (app/demo_council.h).
//
//   auto model = ras::LoadModel(text, "points-price.yaml");
//   auto council = GenerateCouncil(**model, {.people = 5000, .seed = 7, .as_of = *today});
//   for (const SyntheticPerson& p : council->people) ...   // p.Steps() in time order
//
// The generator runs in stages, one per kind of record (people, contacts, eligibility, the
// market, assessments, plans, sign-off, closures, reviews, money, contributions, top-ups,
// safeguarding, pools), each drawing from its own random stream derived from the seed (random.h). A
// later stage adds a stream of its own and leaves every earlier one's output as it was.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "selfdirect/casework/budget.h"
#include "selfdirect/casework/closure.h"
#include "selfdirect/casework/eligibility.h"
#include "selfdirect/casework/person.h"
#include "selfdirect/casework/plan.h"
#include "selfdirect/casework/review.h"
#include "selfdirect/casework/safeguarding.h"
#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/period.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ras/model.h"
#include "selfdirect/simulate/market.h"

namespace selfdirect::simulate {

// The most people one council may have: beyond it a request is refused as a mistake.
inline constexpr std::int64_t kMaxPeople = 1'000'000;

struct CouncilOptions {
  std::int64_t people = 5000;  // 1 … kMaxPeople
  std::uint64_t seed = 1;
  Date as_of{};  // the council's "today": every date falls in the `years` before it
  int years = 3;
  WeeksPerYear weeks_per_year{52, 1};  // the scheme's, to turn weekly amounts into annual
};

// The first contact.
struct SyntheticContact {
  Timestamp at;
  std::string route_of_access;  // casework codes (kRouteOfAccess)
  std::string asked_for;
  std::string outcome;  // kContactOutcome; only "to_assessment" goes on
};

struct SyntheticEligibility {
  Timestamp at;
  casework::NewDetermination request;
  bool eligible = false;
};

struct SyntheticAssessment {
  Timestamp at;
  std::string completed_by;       // "self" | "with_assessor"
  ras::RawAnswers answers;        // every question and attribute of the model
  std::int64_t amount_pence = 0;  // the model's amount for these answers, per the model's period
  Pence indicative_annual;        // the same a year (what sign-off compares with)
};

// The support plan and what becomes of it by the as-of date.
struct SyntheticPlan {
  Timestamp started_at;
  casework::PlanRequest request;
  std::string mechanism;  // kMechanism18to64's codes: dp, dp_and_arranged, managed, arranged
  // Each item's directory service, in the order of request.items (not found() for an item no
  // directory service supplies: a personal assistant, a gym).
  std::vector<ServiceRef> sources;
  Pence first_year_cost;  // what casework::CostOf gives for the request
  // The budget the approver signs off, and why it differs from the indicative one ("" and ""
  // when it does not).
  Pence actual_annual;
  std::string variance_category;
  std::string variance_words;
  // Each step happens only if its day is on or before the day before the as-of date.
  std::optional<Timestamp> submitted_at;
  std::optional<Timestamp> returned_at;  // returned once with comments …
  std::string return_comments;
  std::optional<Timestamp> resubmitted_at;  // … and submitted again
  std::optional<Timestamp> approved_at;
};

// A new version of the plan agreed at a review: the same budget, the same outcomes, other
// support (people leaving the declining day centre for the community hub).
struct SyntheticRevision {
  casework::PlanRequest request;
  std::vector<ServiceRef> sources;
  Timestamp started_at;
  std::optional<Timestamp> submitted_at;
  std::optional<Timestamp> approved_at;
};

// A review of the plan in force, held near its due date (casework::NextReview).
struct SyntheticReview {
  Timestamp at;
  casework::ReviewRequest request;            // held_on, outcomes rated, result
  std::optional<SyntheticRevision> revision;  // when the result is to revise the plan
};

struct SyntheticClosure {
  Timestamp at;  // when it was recorded, a few days after it took effect
  casework::ClosureRequest request;
};

// How a direct payment is spent: what goes out of the holding account each week, to whom, and
// how much of it the person actually spends (some underspend and build a surplus; a few spend
// faster than the money comes in and run out).
struct DirectSpend {
  std::string payee;      // as a statement shows it: "RIVERSIDE HOME CARE"
  std::string reference;  // "PA WAGES", "INVOICE"
  std::int64_t weekly_pence = 0;
};

struct SyntheticMoney {
  std::string card_reference;           // the prepaid card the direct payment is paid to
  std::vector<DirectSpend> spend;       // each week (a yearly item: a 52nd of it)
  std::vector<DirectSpend> once;        // bought in the first weeks (weekly_pence: the whole price)
  std::int64_t spend_per_mille = 1000;  // of each week's planned spend
  // Paid in every four weeks (weekly_pence: the four weeks' amount): the person's own
  // contribution, which the council takes off the direct payment, and a family member's top-up.
  std::vector<DirectSpend> money_in;
  // Money someone new takes each week from `taken_from` on (a sign of financial abuse that the
  // monitoring raises with the safeguarding lead); weekly_pence 0: none.
  DirectSpend taken;
  Date taken_from{};
};

// The financial assessment, recorded while the plan is written (before it is signed off).
struct SyntheticContribution {
  Timestamp at;
  casework::ContributionRequest request;
  std::int64_t weekly_pence = 0;  // what the person pays a week (0: not charged, or nil)
};

// A safeguarding concern the person's social worker raises while the budget is in force, and
// the safeguarding lead's steps, each only if its day is before the as-of date.
struct SyntheticConcern {
  Timestamp raised_at;
  casework::NewConcern request;  // plan: "" (the writer names the person's plan)
  std::optional<Timestamp> triaged_at;
  casework::TriageRequest triage;
  std::optional<Timestamp> enquiry_at;  // a section 42 enquiry started
  casework::EnquiryRequest enquiry;
  std::optional<Timestamp> closed_at;  // not for "no further action": the triage closes it
  casework::ConcernClosureRequest closure;
};

struct SyntheticPerson {
  std::int64_t index = 0;  // 0-based, in generation order
  casework::NewPerson person;
  int age = 0;                     // on the as-of date
  std::string ras_support_reason;  // the model's support_reason category
  std::string living_setting;      // the model's living_setting category
  int need = 0;                    // level of need, per mille
  std::string team;                // "north" | "south": the team whose worker records them
  SyntheticContact contact;
  std::optional<SyntheticEligibility> eligibility;  // empty: not decided by the as-of date
  std::optional<SyntheticAssessment> assessment;
  std::optional<SyntheticPlan> plan;
  std::optional<SyntheticContribution> contribution;  // for everyone with a plan
  std::vector<SyntheticReview> reviews;               // in the order held
  std::vector<SyntheticConcern> concerns;             // in the order raised
  std::optional<SyntheticClosure> closure;
  std::optional<SyntheticMoney> money;  // a signed-off plan with a direct payment
};

// A pooled budget: direct payment holders in one team who put part of their direct payments
// together for a shared service. Proposed, with every member's consent, on the first
// payment run day on or after `proposed_on`; the shares are collected and paid out on every run
// day after that; one member may leave.
struct SyntheticPool {
  std::string name;
  std::string pays_for;
  std::string leaving_rule;           // market::LeavingRuleCode
  std::string paid_to;                // the payment's reference, before the period's dates
  std::vector<std::int64_t> members;  // indexes into SyntheticCouncil::people
  std::int64_t share_pence = 0;       // each member's, every 4 weeks
  std::string consent_how;            // how each person told their social worker
  Date proposed_on;
  std::optional<Date> leaves_on;  // members.back() leaves on the first run day on or after it
};

struct SyntheticCouncil {
  CouncilOptions options;
  Timestamp start;  // the beginning of the period: `years` before the as-of date
  std::vector<SyntheticProvider> market;  // written before any case
  std::vector<SyntheticPerson> people;
  std::vector<SyntheticPool> pools;  // none when too few people fit
};

// True when `as_of` is from 2000 to 2099: early enough that nobody is born before 1900, late
// enough to stay within the calendar the rest of the system handles.
bool AsOfInRange(Date as_of);

// Generates a council for `model` (a checked RAS model whose attributes are among age,
// living_setting, has_unpaid_carer and support_reason, as the shipped models' are).
// kInvalidArgument: people out of range, years not 1–10, an as-of date out of range, or a model the
// generator cannot answer (naming the input).
Result<SyntheticCouncil> GenerateCouncil(const ras::Model& model, const CouncilOptions& options);

// A step of a case, for writing a council in time order.
enum class StepKind {
  kContact,
  kEligibility,
  kAssessment,
  kStartPlan,
  kContribution,
  kSubmitPlan,
  kReturnPlan,
  kResubmitPlan,
  kApprovePlan,
  kReview,         // reviews[n]
  kStartRevision,  // reviews[n].revision
  kSubmitRevision,
  kApproveRevision,
  kClose,
  kRaiseConcern,  // concerns[n]
  kTriageConcern,
  kStartEnquiry,
  kCloseConcern,
};

struct Step {
  Timestamp at;
  std::int64_t person = 0;  // index into SyntheticCouncil::people
  StepKind kind = StepKind::kContact;
  int n = 0;  // which review or concern, for their steps
};

// Every step of every case, sorted by time (then by person, then in case order): the order a
// real council would have recorded them in.
std::vector<Step> StepsInTimeOrder(const SyntheticCouncil& council);

}  // namespace selfdirect::simulate
