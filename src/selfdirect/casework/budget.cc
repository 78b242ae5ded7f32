#include "selfdirect/casework/budget.h"

#include <fmt/format.h>

#include <algorithm>

#include "selfdirect/casework/codes.h"

namespace selfdirect::casework {
namespace {

constexpr std::int64_t kMaxWeeklyContributionPence = 500'000;  // £5,000 a week

bool PaysFullCost(const std::string& basis) {
  return basis == "full_cost" || basis == "declined_assessment";
}

const char* RouteLabel(PaymentRoute route) {
  switch (route) {
    case PaymentRoute::kDirectPayment:
      return "Paid to you as a direct payment";
    case PaymentRoute::kManagedBudget:
      return "Held for you by an organisation you chose (a managed budget)";
    case PaymentRoute::kCouncilArranged:
      return "Arranged and paid for by the council";
  }
  return "";
}

}  // namespace

Result<Contribution> ValidateContribution(const ContributionRequest& request, Date today) {
  std::vector<FieldError> errors;
  Contribution out;
  out.assessed_on = today;
  if (FindCode(CodeList::kContributionBasis, request.basis) == nullptr) {
    errors.push_back({"basis", "Choose how the contribution was decided"});
  }
  out.basis = request.basis;
  const bool amount_needed = request.basis == "financial_assessment";
  if (amount_needed) {
    auto weekly = ParsePounds(request.weekly);
    if (!weekly || weekly->value() < 0) {
      errors.push_back({"weekly",
                        "Enter what the person pays each week in pounds, like 23.50 "
                        "(0 if nothing)"});
    } else if (weekly->value() > kMaxWeeklyContributionPence) {
      errors.push_back({"weekly",
                        "A contribution over £5,000.00 a week cannot be right; check "
                        "the figure"});
    } else {
      out.weekly = *weekly;
    }
  }
  if (!request.assessed_on.empty()) {
    auto day = ParseIsoDate(request.assessed_on);
    if (!day) {
      errors.push_back({"assessed_on",
                        "Enter the date of the financial assessment, like "
                        "2026-11-20"});
    } else if (DaysBetween(today, *day) > 0) {
      errors.push_back({"assessed_on",
                        "The date of the financial assessment must be today or "
                        "earlier"});
    } else {
      out.assessed_on = *day;
    }
  }
  if (request.notes.size() > 4000) {
    errors.push_back({"notes", "Notes must be 4,000 characters or fewer"});
  }
  out.notes = request.notes;
  if (!errors.empty()) return FailFields(std::move(errors));
  return out;
}

Result<BudgetStatement> MakeStatement(Pence actual_annual, Date from, const PlanContent& plan,
                                      std::optional<Contribution> contribution,
                                      std::optional<Pence> indicative_annual,
                                      WeeksPerYear weeks_per_year) {
  BudgetStatement s;
  s.from = from;
  s.to = AddDays(AddMonths(from, 12), -1);
  s.cost_annual = actual_annual;
  auto weekly = ConvertPeriod(actual_annual, Period::kAnnual, Period::kWeekly, weeks_per_year);
  if (!weekly) return tl::unexpected(weekly.error());
  s.cost_weekly = *weekly;
  s.indicative_annual = indicative_annual;

  if (contribution) {
    s.contribution_assessed = true;
    s.contribution_basis = contribution->basis;
    if (PaysFullCost(contribution->basis)) {
      s.contribution_annual = actual_annual;
      s.contribution_weekly = s.cost_weekly;
    } else if (contribution->basis == "not_charged") {
      s.contribution_annual = s.contribution_weekly = Pence(0);
    } else {
      s.contribution_weekly = std::min(contribution->weekly, s.cost_weekly);
      auto annual =
          ConvertPeriod(s.contribution_weekly, Period::kWeekly, Period::kAnnual, weeks_per_year);
      if (!annual) return tl::unexpected(annual.error());
      s.contribution_annual = std::min(*annual, actual_annual);
    }
  }
  s.council_annual = Pence(actual_annual.value() - s.contribution_annual.value());
  s.council_weekly = Pence(s.cost_weekly.value() - s.contribution_weekly.value());

  for (auto route : {PaymentRoute::kDirectPayment, PaymentRoute::kManagedBudget,
                     PaymentRoute::kCouncilArranged}) {
    PlanContent part;
    for (const PlanItem& item : plan.items) {
      if (item.route == route) part.items.push_back(item);
    }
    if (part.items.empty()) continue;
    auto cost = CostOf(part, weeks_per_year);
    if (!cost) return tl::unexpected(cost.error());
    s.by_route.push_back({PaymentRouteName(route), RouteLabel(route), cost->first_year()});
  }

  s.sentences.push_back(fmt::format("Your personal budget is {} a year ({} a week), from {} to {}.",
                                    FormatPounds(actual_annual), FormatPounds(s.cost_weekly),
                                    FormatLongDate(s.from), FormatLongDate(s.to)));
  s.sentences.push_back(
      "This is what the council has worked out it costs to meet your eligible needs in the way "
      "your support plan sets out.");
  if (!contribution) {
    s.sentences.push_back(
        "What you pay towards it has not been worked out yet. The council will do a financial "
        "assessment and tell you the amount before you are asked to pay anything.");
  } else if (contribution->basis == "not_charged") {
    s.sentences.push_back("You do not pay anything towards it.");
  } else if (PaysFullCost(contribution->basis)) {
    s.sentences.push_back(fmt::format(
        "You pay the whole cost, {} a week, because {}.", FormatPounds(s.contribution_weekly),
        contribution->basis == "full_cost" ? "your savings are above the upper limit"
                                           : "you chose not to have a financial assessment"));
  } else if (s.contribution_weekly.value() == 0) {
    s.sentences.push_back(fmt::format(
        "Your financial assessment on {} found you do not need to pay anything towards it.",
        FormatLongDate(contribution->assessed_on)));
  } else {
    s.sentences.push_back(fmt::format(
        "You pay {} a week ({} a year) towards it, from your financial assessment on {}.",
        FormatPounds(s.contribution_weekly), FormatPounds(s.contribution_annual),
        FormatLongDate(contribution->assessed_on)));
  }
  s.sentences.push_back(fmt::format("The council pays {} a year ({} a week).",
                                    FormatPounds(s.council_annual),
                                    FormatPounds(s.council_weekly)));
  if (indicative_annual) {
    const std::int64_t diff = actual_annual.value() - indicative_annual->value();
    if (diff == 0) {
      s.sentences.push_back(
          fmt::format("This is the same as the indicative budget your assessment gave, {} a year.",
                      FormatPounds(*indicative_annual)));
    } else {
      s.sentences.push_back(fmt::format(
          "Your assessment gave an indicative budget of {} a year; your budget is {} {}. The "
          "reason is recorded with the decision on your plan.",
          FormatPounds(*indicative_annual), FormatPounds(Pence(diff < 0 ? -diff : diff)),
          diff > 0 ? "more" : "less"));
    }
  }
  return s;
}

}  // namespace selfdirect::casework
