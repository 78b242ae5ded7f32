// Reviews of a signed-off plan: when one is due, what a review records, and the rule that a
// budget only goes down through a reassessment.
//
// Timing (../shared/domain/budgets.md): a light review 6–8 weeks after a new plan; where money
// is paid as a direct payment, a review within the first 6 months (Direct Payments Regulations
// 2014); then at intervals of no more than 12 months. The light review's weeks and the interval
// are scheme settings; the six months are the law's.
//
// A review looks at outcomes, not receipts: each outcome the person agreed is rated achieved,
// partly achieved or not yet, with the person's own view. Its result is to carry on, to revise the
// plan, or to reassess; a review never lowers a budget by itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "selfdirect/casework/plan.h"
#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"

namespace selfdirect::casework {

struct ReviewRules {
  int light_review_weeks = 8;           // after a new plan; 0 means the scheme has none
  int direct_payment_first_months = 6;  // the Regulations' limit
  int interval_months = 12;             // at most this long between reviews
};

enum class ReviewKind { kLight, kDirectPaymentFirst, kRegular };

struct ReviewDue {
  Date due;
  ReviewKind kind = ReviewKind::kRegular;
  std::string why;  // "A light review 6 to 8 weeks after the new plan"
};

// When the next review is due for a plan signed off on `plan_from`. `last_review` is the latest
// review held, of this plan or an earlier one.
ReviewDue NextReview(const ReviewRules& rules, Date plan_from, bool uses_direct_payment,
                     std::optional<Date> last_review);

// "Due in 12 days, on 3 February 2027", "Due today", "Overdue by 5 days (due 1 February 2027)".
std::string DescribeDue(Date due, Date today);

enum class OutcomeRating { kAchieved, kPartly, kNotYet };
enum class ReviewResult { kContinue, kRevisePlan, kReassess };

struct OutcomeReview {
  std::string outcome;  // the plan outcome's id
  std::string words;    // the outcome in the person's words, as the plan said it
  OutcomeRating rating = OutcomeRating::kNotYet;
  std::string persons_view;
};

struct ReviewContent {
  Date held_on;
  std::string reason;  // codes.h kReviewReason
  std::string method;  // codes.h kReviewMethod
  std::vector<OutcomeReview> outcomes;
  std::string persons_view;  // how the person feels it is going, in their words
  ReviewResult result = ReviewResult::kContinue;
  std::string notes;
};

struct Review {
  CouncilId council;
  ReviewId id;
  PersonId person;
  PlanId plan;
  ReviewContent content;
  Timestamp recorded_at;
  UserId recorded_by;
};

// What a caller sends, as typed.
struct ReviewRequest {
  std::string held_on;  // YYYY-MM-DD; today when empty
  std::string reason, method;
  struct Outcome {
    std::string outcome, rating, persons_view;
  };
  std::vector<Outcome> outcomes;
  std::string persons_view;
  std::string result;
  std::string notes;
};

// Checks every field against the plan under review: each of its outcomes rated exactly once, no
// outcome it does not have, a date neither in the future nor before the plan was signed off.
Result<ReviewContent> ValidateReview(const ReviewRequest& request, const PlanContent& plan,
                                     Date plan_from, Date today);

// A new budget against the one in force. Lower is refused unless the person has been reassessed
// since the budget in force was set: a review alone never reduces a budget.
Status CheckBudgetChange(Pence in_force_annual, Pence new_annual, bool reassessed_since);

const char* OutcomeRatingName(OutcomeRating r);   // "achieved" | "partly" | "not_yet"
const char* OutcomeRatingLabel(OutcomeRating r);  // "Achieved" | "Partly achieved" | "Not yet"
const char* ReviewResultName(ReviewResult r);     // "continue" | "revise_plan" | "reassess"
const char* ReviewResultLabel(ReviewResult r);
const char* ReviewKindName(ReviewKind k);  // "light" | "direct_payment_first" | "regular"
std::optional<OutcomeRating> ParseOutcomeRating(std::string_view name);
std::optional<ReviewResult> ParseReviewResult(std::string_view name);

}  // namespace selfdirect::casework
