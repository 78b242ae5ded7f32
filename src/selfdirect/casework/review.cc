#include "selfdirect/casework/review.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "selfdirect/casework/codes.h"

namespace selfdirect::casework {

ReviewDue NextReview(const ReviewRules& rules, Date plan_from, bool uses_direct_payment,
                     std::optional<Date> last_review) {
  const bool reviewed_since_plan = last_review && DaysBetween(plan_from, *last_review) >= 0;
  // At most `interval_months` after the last review, or after the plan when there has been none.
  const Date regular_from = reviewed_since_plan ? *last_review : plan_from;
  ReviewDue best{
      AddMonths(regular_from, rules.interval_months), ReviewKind::kRegular,
      reviewed_since_plan
          ? fmt::format("A review at most {} months after the last one", rules.interval_months)
          : fmt::format("A review at most {} months after the plan was signed off",
                        rules.interval_months)};
  auto consider = [&](Date due, ReviewKind kind, std::string why) {
    if (DaysBetween(due, best.due) > 0) best = {due, kind, std::move(why)};
  };
  if (!reviewed_since_plan) {
    if (uses_direct_payment) {
      consider(AddMonths(plan_from, rules.direct_payment_first_months),
               ReviewKind::kDirectPaymentFirst,
               fmt::format("A first review of the direct payment within {} months",
                           rules.direct_payment_first_months));
    }
    if (rules.light_review_weeks > 0) {
      consider(AddDays(plan_from, 7 * rules.light_review_weeks), ReviewKind::kLight,
               fmt::format("A light review {} to {} weeks after the new plan",
                           std::max(1, rules.light_review_weeks - 2), rules.light_review_weeks));
    }
  }
  return best;
}

std::string DescribeDue(Date due, Date today) {
  const int days = DaysBetween(today, due);
  if (days == 0) return "Due today";
  if (days > 0) {
    return fmt::format("Due in {} day{}, on {}", days, days == 1 ? "" : "s", FormatLongDate(due));
  }
  return fmt::format("Overdue by {} day{} (it was due on {})", -days, days == -1 ? "" : "s",
                     FormatLongDate(due));
}

Result<ReviewContent> ValidateReview(const ReviewRequest& request, const PlanContent& plan,
                                     Date plan_from, Date today) {
  std::vector<FieldError> errors;
  ReviewContent out;
  out.held_on = today;
  if (!request.held_on.empty()) {
    auto day = ParseIsoDate(request.held_on);
    if (!day) {
      errors.push_back({"held_on", "Enter the date of the review as a real date, like 2026-11-20"});
    } else if (DaysBetween(today, *day) > 0) {
      errors.push_back({"held_on", "The date of the review must be today or earlier"});
    } else if (DaysBetween(plan_from, *day) < 0) {
      errors.push_back({"held_on", fmt::format("The review must be on or after {}, when the plan "
                                               "was signed off",
                                               FormatLongDate(plan_from))});
    } else {
      out.held_on = *day;
    }
  }
  if (FindCode(CodeList::kReviewReason, request.reason) == nullptr) {
    errors.push_back({"reason", "Choose why the review is being held"});
  }
  out.reason = request.reason;
  if (FindCode(CodeList::kReviewMethod, request.method) == nullptr) {
    errors.push_back({"method", "Choose how the review was done"});
  }
  out.method = request.method;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < request.outcomes.size(); ++i) {
    const auto& o = request.outcomes[i];
    const std::string field = fmt::format("outcomes[{}]", i);
    auto in_plan = std::find_if(plan.outcomes.begin(), plan.outcomes.end(),
                                [&](const PlanOutcome& p) { return p.id == o.outcome; });
    if (in_plan == plan.outcomes.end()) {
      errors.push_back({field + ".outcome", "This outcome is not in the plan being reviewed"});
      continue;
    }
    if (!seen.insert(o.outcome).second) {
      errors.push_back({field + ".outcome", "This outcome is rated twice; rate it once"});
      continue;
    }
    auto rating = ParseOutcomeRating(o.rating);
    if (!rating) {
      errors.push_back({field + ".rating",
                        fmt::format("Say whether “{}” is achieved, partly achieved or not yet",
                                    in_plan->words)});
    }
    if (o.persons_view.size() > 4000) {
      errors.push_back({field + ".persons_view",
                        "The person's view must be 4,000 characters or "
                        "fewer"});
    }
    out.outcomes.push_back(
        {o.outcome, in_plan->words, rating.value_or(OutcomeRating::kNotYet), o.persons_view});
  }
  for (std::size_t i = 0; i < plan.outcomes.size(); ++i) {
    if (!seen.contains(plan.outcomes[i].id)) {
      errors.push_back({fmt::format("outcomes.{}", plan.outcomes[i].id),
                        fmt::format("Rate “{}”: every outcome in the plan is reviewed",
                                    plan.outcomes[i].words)});
    }
  }
  auto result = ParseReviewResult(request.result);
  if (!result) {
    errors.push_back({"result",
                      "Choose what happens next: carry on with the plan, revise the "
                      "plan, or reassess"});
  }
  out.result = result.value_or(ReviewResult::kContinue);
  if (request.persons_view.size() > 4000 || request.notes.size() > 8000) {
    errors.push_back({request.notes.size() > 8000 ? "notes" : "persons_view",
                      "This is too long; keep it under 4,000 characters"});
  }
  out.persons_view = request.persons_view;
  out.notes = request.notes;
  if (!errors.empty()) return FailFields(std::move(errors));
  return out;
}

Status CheckBudgetChange(Pence in_force_annual, Pence new_annual, bool reassessed_since) {
  if (new_annual < in_force_annual && !reassessed_since) {
    return FailFields(
        {{"actual_annual",
          fmt::format("This would lower the budget from {} to {} a year. A budget can only go "
                      "down after a reassessment, not through a review alone: record a new "
                      "assessment first, or keep the budget at {}",
                      FormatPounds(in_force_annual), FormatPounds(new_annual),
                      FormatPounds(in_force_annual))}});
  }
  return Ok();
}

const char* OutcomeRatingName(OutcomeRating r) {
  switch (r) {
    case OutcomeRating::kAchieved:
      return "achieved";
    case OutcomeRating::kPartly:
      return "partly";
    case OutcomeRating::kNotYet:
      return "not_yet";
  }
  return "";
}

const char* OutcomeRatingLabel(OutcomeRating r) {
  switch (r) {
    case OutcomeRating::kAchieved:
      return "Achieved";
    case OutcomeRating::kPartly:
      return "Partly achieved";
    case OutcomeRating::kNotYet:
      return "Not yet";
  }
  return "";
}

const char* ReviewResultName(ReviewResult r) {
  switch (r) {
    case ReviewResult::kContinue:
      return "continue";
    case ReviewResult::kRevisePlan:
      return "revise_plan";
    case ReviewResult::kReassess:
      return "reassess";
  }
  return "";
}

const char* ReviewResultLabel(ReviewResult r) {
  switch (r) {
    case ReviewResult::kContinue:
      return "Carry on with the plan as it is";
    case ReviewResult::kRevisePlan:
      return "Revise the plan within the budget";
    case ReviewResult::kReassess:
      return "Reassess: needs have changed";
  }
  return "";
}

const char* ReviewKindName(ReviewKind k) {
  switch (k) {
    case ReviewKind::kLight:
      return "light";
    case ReviewKind::kDirectPaymentFirst:
      return "direct_payment_first";
    case ReviewKind::kRegular:
      return "regular";
  }
  return "";
}

std::optional<OutcomeRating> ParseOutcomeRating(std::string_view name) {
  for (auto r : {OutcomeRating::kAchieved, OutcomeRating::kPartly, OutcomeRating::kNotYet}) {
    if (name == OutcomeRatingName(r)) return r;
  }
  return std::nullopt;
}

std::optional<ReviewResult> ParseReviewResult(std::string_view name) {
  for (auto r : {ReviewResult::kContinue, ReviewResult::kRevisePlan, ReviewResult::kReassess}) {
    if (name == ReviewResultName(r)) return r;
  }
  return std::nullopt;
}

}  // namespace selfdirect::casework
