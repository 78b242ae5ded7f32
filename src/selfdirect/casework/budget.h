// The personal budget statement (Care Act 2014 s26): the cost of meeting the person's needs, the
// amount they pay towards it from their financial assessment, and the amount the council pays,
// for a period — worked out in pence and said in plain English.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "selfdirect/casework/plan.h"
#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/period.h"
#include "selfdirect/core/result.h"

namespace selfdirect::casework {

// What the person pays towards their care each week, as the financial assessment decided.
struct Contribution {
  CouncilId council;
  PersonId person;
  Pence weekly;
  Date assessed_on;
  std::string basis;  // codes.h kContributionBasis
  std::string notes;
  Timestamp recorded_at;
  UserId recorded_by;
};

struct ContributionRequest {
  std::string weekly;       // pounds a week, "23.50"; ignored for "full cost" and "not charged"
  std::string assessed_on;  // YYYY-MM-DD; today when empty
  std::string basis;
  std::string notes;
};

// Field errors for a negative or unreadable amount, a weekly charge over £5,000, a date in the
// future, an unknown basis.
Result<Contribution> ValidateContribution(const ContributionRequest& request, Date today);

struct StatementLine {
  std::string code;   // "direct_payment", …
  std::string label;  // "Paid to you as a direct payment"
  Pence annual;
};

struct BudgetStatement {
  Date from, to;  // a year from sign-off, both days included
  Pence cost_annual, cost_weekly;
  bool contribution_assessed = false;
  std::string contribution_basis;
  Pence contribution_annual, contribution_weekly;
  Pence council_annual, council_weekly;
  std::optional<Pence> indicative_annual;
  std::vector<StatementLine> by_route;  // how the plan spends it, a year (one-off items included)
  std::vector<std::string> sentences;   // the statement in plain English
};

// The statement for a budget of `actual_annual` signed off on `from`. The contribution is capped
// at the cost; "full cost" and "declined assessment" make it the whole cost; "not charged" makes
// it nothing. Weekly figures are the annual ones by the scheme's weeks per year, rounded down.
Result<BudgetStatement> MakeStatement(Pence actual_annual, Date from, const PlanContent& plan,
                                      std::optional<Contribution> contribution,
                                      std::optional<Pence> indicative_annual,
                                      WeeksPerYear weeks_per_year);

}  // namespace selfdirect::casework
