// The distributions a synthetic council is drawn from: one named table each. docs/synthetic.md
// gives each table's target, where the figure comes from, and which are estimates. Change a
// table here and there together.
//
// Weights are whole numbers and only their ratios matter; most tables are out of 1,000 so that
// a weight reads as "per thousand". The tests (simulate_test.cc) check that a generated council
// matches these tables within a stated tolerance.
#pragma once

#include <cstdint>
#include <string_view>

#include "selfdirect/simulate/random.h"

namespace selfdirect::simulate {

// docs/synthetic.md#age: about a third of people in long-term support are 18–64, two thirds 65+.
inline constexpr Weighted kAgeGroup[] = {{"18-64", 340}, {"65+", 660}};

// docs/synthetic.md#age: age bands within each group (ages drawn evenly within a band).
struct AgeBand {
  std::string_view label;
  int low;
  int high;  // inclusive
  std::int64_t weight;
};
inline constexpr AgeBand kAgeBands18to64[] = {
    {"18-24", 18, 24, 140}, {"25-44", 25, 44, 380}, {"45-64", 45, 64, 480}};
inline constexpr AgeBand kAgeBands65Plus[] = {
    {"65-74", 65, 74, 270}, {"75-84", 75, 84, 370}, {"85+", 85, 99, 360}};

// docs/synthetic.md#gender.
inline constexpr Weighted kGender18to64[] = {
    {"female", 450}, {"male", 540}, {"other", 5}, {"not_known", 5}};
inline constexpr Weighted kGender65Plus[] = {
    {"female", 630}, {"male", 365}, {"other", 2}, {"not_known", 3}};

// docs/synthetic.md#ethnicity: NHS Data Dictionary letters (casework/codes.cc).
inline constexpr Weighted kEthnicity[] = {{"A", 790}, {"B", 10}, {"C", 40}, {"D", 5},  {"E", 3},
                                          {"F", 4},   {"G", 4},  {"H", 20}, {"J", 17}, {"K", 6},
                                          {"L", 10},  {"M", 15}, {"N", 15}, {"P", 5},  {"R", 3},
                                          {"S", 10},  {"Z", 43}};

// docs/synthetic.md#support-reason: the Client Level Data primary support reason, by age group.
// Physical support is the largest group overall; learning disability support is mostly
// working-age; support with memory and cognition mostly 65+.
inline constexpr Weighted kSupportReason18to64[] = {{"physical_personal_care", 240},
                                                    {"physical_access_mobility", 40},
                                                    {"sensory_visual", 12},
                                                    {"sensory_hearing", 10},
                                                    {"sensory_dual", 3},
                                                    {"memory_cognition", 20},
                                                    {"learning_disability", 385},
                                                    {"mental_health", 240},
                                                    {"social_substance_misuse", 20},
                                                    {"social_asylum_seeker", 5},
                                                    {"social_isolation_other", 25}};
inline constexpr Weighted kSupportReason65Plus[] = {{"physical_personal_care", 600},
                                                    {"physical_access_mobility", 60},
                                                    {"sensory_visual", 20},
                                                    {"sensory_hearing", 12},
                                                    {"sensory_dual", 8},
                                                    {"memory_cognition", 200},
                                                    {"learning_disability", 25},
                                                    {"mental_health", 55},
                                                    {"social_substance_misuse", 5},
                                                    {"social_isolation_other", 15}};

// docs/synthetic.md#accommodation: where people live. Everyone generated lives in the community
// (where personal budgets are used); care homes come with the next phase.
inline constexpr Weighted kAccommodationLearningDisability[] = {
    {"with_family", 340},   {"supported_accommodation", 330}, {"shared_lives", 50},
    {"tenant_social", 180}, {"tenant_private", 40},           {"owner_occupier", 30},
    {"other", 30}};
inline constexpr Weighted kAccommodation18to64[] = {{"owner_occupier", 180},
                                                    {"tenant_social", 400},
                                                    {"tenant_private", 150},
                                                    {"with_family", 180},
                                                    {"supported_accommodation", 60},
                                                    {"shared_lives", 10},
                                                    {"homeless", 10},
                                                    {"other", 10}};
inline constexpr Weighted kAccommodation65Plus[] = {
    {"owner_occupier", 480}, {"tenant_social", 250},     {"tenant_private", 50},
    {"with_family", 90},     {"sheltered_housing", 110}, {"supported_accommodation", 15},
    {"shared_lives", 5}};

// docs/synthetic.md#unpaid-carers: per thousand with an unpaid carer, by the RAS living setting.
inline constexpr Weighted kUnpaidCarerPerMille[] = {
    {"family_home", 950}, {"own_home", 450}, {"supported_living", 120}, {"shared_lives", 100}};

// docs/synthetic.md#employment.
inline constexpr Weighted kEmployment18to64[] = {{"paid_16_plus", 20},      {"paid_under_16", 40},
                                                 {"voluntary_work", 30},    {"seeking_work", 60},
                                                 {"not_seeking_work", 700}, {"not_known", 150}};
inline constexpr Weighted kEmployment65Plus[] = {
    {"not_seeking_work", 870}, {"voluntary_work", 10}, {"not_known", 120}};

// docs/synthetic.md#contacts: how people come to the council (route of access).
inline constexpr Weighted kRoute18to24[] = {{"transition", 400},
                                            {"community", 450},
                                            {"hospital_discharge", 80},
                                            {"other_council", 40},
                                            {"hospital_diversion", 30}};
inline constexpr Weighted kRoute25to64[] = {
    {"community", 680},           {"hospital_discharge", 160}, {"hospital_diversion", 60},
    {"reablement_discharge", 40}, {"other_council", 40},       {"self_funder", 20}};
inline constexpr Weighted kRoute65Plus[] = {
    {"community", 480},         {"hospital_discharge", 280},
    {"hospital_diversion", 60}, {"reablement_discharge", 130},
    {"self_funder", 40},        {"other_council", 10}};

// docs/synthetic.md#contacts: what the first contact leads to.
inline constexpr Weighted kContactOutcome[] = {
    {"to_assessment", 930}, {"information_advice", 50}, {"referred_nhs", 10}, {"declined", 10}};

// docs/synthetic.md#eligibility: per thousand determinations that find eligible needs.
inline constexpr std::int64_t kEligiblePerMille = 930;

// docs/synthetic.md#assessment: who completed the questionnaire.
inline constexpr Weighted kCompletedBy[] = {{"self", 300}, {"with_assessor", 700}};

// docs/synthetic.md#need: the level of need (per mille) by the RAS's support reason: centre and
// spread of a triangular distribution (the mean of two even draws), clamped to 0–1,000.
struct NeedProfile {
  std::string_view reason;  // the RAS model's support_reason code
  int centre;
  int spread;
  // How strongly the need shows in each of the ten Care Act outcomes (per cent), in the order
  // nutrition, hygiene, toilet, clothing, home_safety, habitable_home, relationships,
  // work_learning, community, caring_for_child.
  int outcome_weight[10];
};
inline constexpr NeedProfile kNeedProfiles[] = {
    {"physical_support", 470, 350, {70, 100, 90, 100, 100, 80, 40, 20, 70, 5}},
    {"sensory_support", 330, 300, {50, 40, 20, 40, 70, 70, 60, 40, 100, 5}},
    {"memory_cognition", 560, 350, {90, 80, 70, 70, 100, 90, 60, 10, 80, 0}},
    {"learning_disability", 620, 350, {70, 60, 40, 50, 80, 90, 90, 100, 100, 5}},
    {"mental_health", 420, 350, {60, 40, 10, 30, 60, 80, 100, 80, 90, 15}},
    {"social_support", 300, 300, {50, 30, 10, 20, 50, 70, 90, 60, 80, 10}},
};

// docs/synthetic.md#mechanisms: how the money is held, by age group. "dp" is a direct payment
// for everything; "dp_and_arranged" a direct payment for part and council-arranged care for
// the rest (a part direct payment); "managed" an individual service fund; "arranged"
// council-arranged services only.
inline constexpr Weighted kMechanism18to64[] = {
    {"dp", 280}, {"dp_and_arranged", 100}, {"managed", 120}, {"arranged", 500}};
inline constexpr Weighted kMechanism65Plus[] = {
    {"dp", 120}, {"dp_and_arranged", 60}, {"managed", 80}, {"arranged", 740}};

// docs/synthetic.md#variance: how far the signed-off budget is from the indicative one.
struct VarianceBand {
  std::string_view label;
  int low_per_mille;   // the smallest difference, per thousand of the indicative budget
  int high_per_mille;  // the largest
  std::int64_t weight;
};
inline constexpr VarianceBand kVarianceBands[] = {{"equal", 0, 0, 300},
                                                  {"within 5%", 5, 50, 250},
                                                  {"5% to 10%", 51, 100, 200},
                                                  {"10% to 25%", 101, 250, 170},
                                                  {"over 25%", 251, 600, 80}};
// Per thousand differences that are above the indicative budget (the rest are below).
inline constexpr std::int64_t kVarianceUpPerMille = 580;
inline constexpr std::int64_t kVarianceUpPerMilleLearningDisability = 720;

// docs/synthetic.md#variance: the main reason recorded, by direction (app/casework.cc's
// variance categories).
inline constexpr Weighted kVarianceReasonUp[] = {{"model_too_low", 300},
                                                 {"market_prices", 300},
                                                 {"needs_changed", 250},
                                                 {"unpaid_support_changed", 100},
                                                 {"other", 50}};
inline constexpr Weighted kVarianceReasonDown[] = {{"persons_choice", 400},
                                                   {"unpaid_support_changed", 250},
                                                   {"model_too_high", 200},
                                                   {"needs_changed", 100},
                                                   {"other", 50}};

// docs/synthetic.md#sign-off: per thousand plans returned once with comments before approval.
inline constexpr std::int64_t kReturnedOncePerMille = 100;

// docs/synthetic.md#timeline: days between one step of a case and the next (even within).
struct DayRange {
  std::string_view step;
  int low;
  int high;
};
inline constexpr DayRange kDaysToEligibility{"contact to eligibility decision", 3, 35};
inline constexpr DayRange kDaysToAssessment{"eligibility to assessment", 5, 40};
inline constexpr DayRange kDaysToPlan{"assessment to starting the plan", 3, 30};
inline constexpr DayRange kDaysToSubmit{"starting the plan to submitting it", 5, 30};
inline constexpr DayRange kDaysToDecision{"submission to decision", 1, 14};
inline constexpr DayRange kDaysToResubmit{"return to resubmission", 3, 14};

inline constexpr DayRange kDaysToStartRevision{"review to starting the revised plan", 2, 14};

// docs/synthetic.md#market: the day service an older person's plan chooses, per thousand:
// before the decline begins (two years before the as-of date), and at its end (the as-of date).
// In between, the shares move in a straight line.
struct DayServiceShares {
  std::int64_t day_centre_millbrook, day_centre_harbour, community_hub;
};
inline constexpr DayServiceShares kDayServiceBefore{550, 400, 50};
inline constexpr DayServiceShares kDayServiceAfter{0, 400, 600};
inline constexpr int kDeclineMonths = 24;
// Per thousand reviews of a plan with the declining day centre, held in those two years, that
// revise the plan to the community hub instead.
inline constexpr std::int64_t kLeaveDayCentreAtReviewPerMille = 500;

// Per thousand respite weeks agreed with the place still to be chosen.
inline constexpr std::int64_t kRespiteToBeChosenPerMille = 300;

// docs/synthetic.md#reviews: when a review is held, in days from its due date; per thousand
// reviews held late (by 30 to 120 days); and the ratings of outcomes.
inline constexpr DayRange kReviewDaysFromDue{"due date to the review (held near it)", -14, 14};
inline constexpr std::int64_t kReviewLatePerMille = 120;
inline constexpr DayRange kReviewDaysLate{"due date to a late review", 30, 120};
inline constexpr Weighted kOutcomeRatings[] = {
    {"achieved", 550}, {"partly", 350}, {"not_yet", 100}};
inline constexpr Weighted kReviewMethods[] = {
    {"in_person", 450}, {"phone_or_video", 300}, {"self_review", 150}, {"with_provider", 100}};

// docs/synthetic.md#closures: per thousand people with a budget whose case closes in a year, by
// age band, and why.
struct ClosureRates {
  int from_age;
  std::int64_t died, moved_away, declined, needs_met_elsewhere;
};
inline constexpr ClosureRates kClosureRates[] = {
    {18, 8, 20, 10, 15},
    {65, 90, 10, 8, 25},
    {85, 200, 5, 5, 30},
};
inline constexpr DayRange kDaysToRecordClosure{"closure to recording it", 1, 10};

// docs/synthetic.md#money: how much of the planned spend a direct payment holder spends, per
// thousand: most spend nearly all of it; some underspend (a surplus builds up); a few spend
// faster than the money arrives (they run out).
struct SpendProfile {
  std::string_view code;
  std::int64_t weight;
  std::int64_t low_per_mille, high_per_mille;
};
inline constexpr SpendProfile kSpendProfiles[] = {
    {"as_planned", 800, 940, 1010},
    {"underspends", 140, 350, 650},
    {"overspends", 60, 1100, 1250},
};

// docs/synthetic.md#contributions: what people pay towards their care each week, from the
// financial assessment recorded before sign-off. Per thousand people by age group: not charged
// (aftercare under section 117), assessed to pay nothing (income at or below the Minimum Income
// Guarantee), or assessed to pay a weekly amount in the range, never more than kContributionCap
// per mille of the weekly budget. Savings above the upper limit (paying the full cost) are left
// out: such people rarely take a council budget.
struct ContributionProfile {
  int from_age;
  std::int64_t not_charged, nil, pays;
  std::int64_t low_pence, high_pence;  // a week, for those who pay
};
inline constexpr ContributionProfile kContributionProfiles[] = {
    {18, 50, 520, 430, 5'00, 60'00},
    {65, 30, 330, 640, 10'00, 120'00},
};
inline constexpr std::int64_t kContributionCapPerMille = 500;

// docs/synthetic.md#top-ups: per thousand direct payment holders, a family member tops the card
// up every four weeks by an amount in the range (pence).
inline constexpr std::int64_t kFamilyTopUpPerMille = 50;
inline constexpr std::int64_t kFamilyTopUpLowPence = 20'00;
inline constexpr std::int64_t kFamilyTopUpHighPence = 200'00;

// docs/synthetic.md#safeguarding: concerns per thousand people with a budget in a year, their
// types (the Safeguarding Adults Collection's shares of concerns with a recorded type of
// risk, rounded), how the lead triages them, and what becomes of the risk.
inline constexpr std::int64_t kConcernsPerThousandAYear = 20;
inline constexpr Weighted kConcernCategories[] = {
    {"neglect", 310},      {"physical", 190},    {"financial", 150},     {"psychological", 140},
    {"self_neglect", 100}, {"domestic", 60},     {"organisational", 30}, {"sexual", 15},
    {"discriminatory", 3}, {"modern_slavery", 2}};
inline constexpr std::int64_t kConcernImmediateRiskPerMille = 100;
inline constexpr Weighted kConcernTriage[] = {
    {"section_42_enquiry", 350}, {"other_action", 250}, {"no_further_action", 400}};
inline constexpr DayRange kDaysToTriage{"concern to triage", 1, 7};
inline constexpr DayRange kDaysToEnquiry{"triage to starting the enquiry", 1, 7};
inline constexpr DayRange kDaysEnquiryLasts{"enquiry started to closing the concern", 20, 90};
inline constexpr DayRange kDaysOtherActionLasts{"triage to closing after other action", 7, 30};
inline constexpr Weighted kConcernRiskOutcomes[] = {
    {"removed", 250}, {"reduced", 650}, {"remains", 100}};
inline constexpr Weighted kConcernOutcomesMet[] = {
    {"fully", 600}, {"partly", 280}, {"not_met", 50}, {"not_expressed", 70}};

// docs/synthetic.md#pools: two pooled budgets among the North team's direct payment holders.
struct PoolShape {
  std::string_view name;
  std::string_view pays_for;
  std::string_view leaving_rule;
  std::string_view paid_to;
  bool working_age;  // 18–64; else 65 and over
  std::size_t members;
  std::int64_t share_pence;  // each, every 4 weeks
  int proposed_days_before;  // the as-of date
  int leaves_days_before;    // 0: nobody leaves
};
inline constexpr PoolShape kPoolShapes[] = {
    {"Thursday art group", "A weekly art group with a tutor at Hartside Community Hub",
     "shared_by_contributions", "Art tutor and materials", true, 4, 40'00, 330, 120},
    {"Shared personal assistant for outings",
     "A personal assistant shared for shopping trips and days out, two afternoons a week",
     "stays_with_pool", "Shared personal assistant's wages", false, 3, 120'00, 220, 0},
};
// docs/synthetic.md#money: per thousand direct payment holders (at least one in any council
// that has one who fits), someone new starts taking money from the card in the last weeks before
// the as-of date: each week this many per mille of the planned weekly spend.
inline constexpr std::int64_t kMoneyTakenPerMille = 5;
inline constexpr int kMoneyTakenDays = 24;
inline constexpr std::int64_t kMoneyTakenWeeklyPerMille = 1500;

// A member's budget must be at least this a year, so the share is a small part of it.
inline constexpr std::int64_t kPoolMemberLeastAnnualPence = 6'000'00;

}  // namespace selfdirect::simulate
