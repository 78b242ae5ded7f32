#include "selfdirect/app/finance_overview.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "selfdirect/core/csv.h"
#include "selfdirect/core/text.h"

namespace selfdirect::app {
namespace {

// The most payees the overview lists.
constexpr int kTopPayees = 10;
// £100,000,000,000.00: no council's budget for personal budgets comes near it.
constexpr std::int64_t kMaxCouncilBudgetPence = 10'000'000'000'000;

Result<FinancialYear> YearOf(const std::string& text, Date today) {
  const std::string year = Trim(text);
  if (year.empty()) return FinancialYearOf(today);
  const bool digits = year.size() == 4 && std::all_of(year.begin(), year.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
  const int value = digits ? std::stoi(year) : 0;
  if (!digits || value < 2000 || value > 2100) {
    return FailFields({{"year",
                        "Enter the year the financial year starts in, like 2026 for April 2026 to "
                        "March 2027"}});
  }
  return FinancialYear(value);
}

void Row(std::string& out, std::initializer_list<std::string> fields) {
  bool first = true;
  for (const std::string& f : fields) {
    if (!first) out += ',';
    AppendCsvField(out, f);
    first = false;
  }
  out += "\r\n";
}

}  // namespace

Result<FinanceOverviewView> FinanceOverview::Load(const Context& ctx, const std::string& year_text,
                                                  const char* what) {
  const CouncilId& council = ctx.actor.council_id;
  if (auto a = Authorize(store_, clock_, ctx, Action::kFinanceOverviewRead,
                         Resource::Council(council), "finance-overview", council.str());
      !a) {
    return tl::unexpected(a.error());
  }
  const Date today = clock_.Today();
  auto year = YearOf(year_text, today);
  if (!year) return tl::unexpected(year.error());
  const FinancialYear fy = *year;
  const bool shows_people =
      Decide(ctx.actor, Action::kLedgerRead, Resource::Council(council)).allowed();

  FinanceOverviewView view;
  view.shows_people = shows_people;
  view.may_set_budget =
      Decide(ctx.actor, Action::kCouncilBudgetsManage, Resource::Council(council)).allowed();
  std::vector<ledger::BudgetRecord> budgets;
  std::map<BudgetId, std::vector<ledger::PaidPayment>> paid;
  ledger::OverviewInput in;
  in.year = fy;
  in.today = today;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto records = tx.Payments().BudgetsInPayment(council, fy.End());
    if (!records) return tl::unexpected(records.error());
    budgets = std::move(*records);
    std::vector<BudgetId> ids;
    ids.reserve(budgets.size());
    for (const auto& b : budgets) ids.push_back(b.id);
    std::sort(ids.begin(), ids.end());
    auto held = tx.Payments().Paid(council, ids);
    if (!held) return tl::unexpected(held.error());
    paid = std::move(*held);

    // Paid so far: from 1 April to today, or the whole year once it is over. A year to come has
    // nothing paid in it yet.
    if (!(today < fy.Start())) {
      auto by =
          tx.FinanceOverview().PaidByMechanism(council, fy.Start(), std::min(today, fy.End()));
      if (!by) return tl::unexpected(by.error());
      in.paid_this_year = *by;
    }
    auto categories = tx.FinanceOverview().StatementSpendByCategory(council, fy.Start(), fy.End());
    if (!categories) return tl::unexpected(categories.error());
    in.spend_by_category = std::move(*categories);
    auto payees =
        tx.FinanceOverview().StatementSpendByPayee(council, fy.Start(), fy.End(), kTopPayees);
    if (!payees) return tl::unexpected(payees.error());
    in.spend_by_payee = std::move(*payees);
    auto owed = tx.FinanceOverview().ContributionsOwed(council);
    if (!owed) return tl::unexpected(owed.error());
    in.contributions = std::move(*owed);
    auto budget = tx.FinanceOverview().FindCouncilBudget(council, fy.start_year());
    if (!budget) return tl::unexpected(budget.error());
    view.council_budget = *budget;
    if (*budget) {
      in.council_budget = (*budget)->amount;
      auto user = tx.Access().FindUser(council, (*budget)->updated_by);
      if (!user) return tl::unexpected(user.error());
      view.council_budget_set_by = *user ? (*user)->display_name : "a former user";
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  in.budgets = budgets;
  in.paid = &paid;
  auto overview = ledger::Overview(in);
  if (!overview) return tl::unexpected(overview.error());
  view.overview = std::move(*overview);
  view.people_owing = static_cast<std::int64_t>(view.overview.contributions.size());
  if (!shows_people) {
    // A payee may be a personal assistant or another private person, as the statement names
    // them: like the people who owe, payees are shown to finance officers only.
    view.overview.contributions.clear();
    view.overview.top_payees.clear();
  }

  auto audited = store_.Write([&](store::Transaction& tx) {
    AuditEntry e =
        MakeAuditEntry(ctx, council, clock_.Now(), "finance-overview.read", "finance-overview",
                       std::to_string(fy.start_year()), AuditOutcome::kAllowed,
                       fmt::format("{} the finance overview for {}{}", what, fy.Label(),
                                   shows_people ? ", with the people who owe contributions" : ""));
    return tx.Audit().Append(e);
  });
  if (!audited) return tl::unexpected(audited.error());
  return view;
}

Result<FinanceOverviewView> FinanceOverview::Of(const Context& ctx, const std::string& year) {
  return Load(ctx, year, "read");
}

Result<FinanceOverviewCsv> FinanceOverview::Csv(const Context& ctx, const std::string& year) {
  auto view = Load(ctx, year, "downloaded");
  if (!view) return tl::unexpected(view.error());
  const ledger::FinanceOverview& o = view->overview;
  FinanceOverviewCsv out;
  out.file_name = fmt::format("finance-overview-{}.csv", o.year.Label());
  std::string& csv = out.csv;
  Row(csv, {"Section", "Item", "Committed", "Paid so far", "Still to pay", "Forecast"});
  for (const ledger::MechanismFigures& m : o.by_mechanism) {
    Row(csv, {"By mechanism", ledger::MechanismLabel(m.mechanism), FormatDecimal(m.committed),
              FormatDecimal(m.paid), FormatDecimal(m.still_to_pay), FormatDecimal(m.forecast)});
  }
  Row(csv, {"By mechanism", "Total", FormatDecimal(o.committed), FormatDecimal(o.paid),
            FormatDecimal(o.still_to_pay), FormatDecimal(o.forecast)});
  if (o.council_budget) {
    Row(csv, {"Council budget", "Set aside for " + o.year.Label(), "", "", "",
              FormatDecimal(*o.council_budget)});
    Row(csv, {"Council budget", "Forecast over (+) or under (-) the budget", "", "", "",
              FormatDecimal(*o.forecast_over_budget)});
  }
  Row(csv, {});
  Row(csv, {"Section", "Item", "Lines", "Amount"});
  for (const ledger::CategoryFigures& c : o.spend_by_category) {
    Row(csv,
        {"Statement spend by category", c.label, std::to_string(c.lines), FormatDecimal(c.amount)});
  }
  for (const ledger::PayeeSpend& p : o.top_payees) {
    Row(csv,
        {"Top payees", SpreadsheetText(p.payee), std::to_string(p.lines), FormatDecimal(p.amount)});
  }
  Row(csv, {});
  Row(csv, {"Section", "Item", "Person", "Owed"});
  for (const ledger::ContributionOwed& c : o.contributions) {
    Row(csv,
        {"Contributions owed", SpreadsheetText(c.name), c.person.str(), FormatDecimal(c.owed)});
  }
  Row(csv, {"Contributions owed", fmt::format("Total ({} people)", view->people_owing), "",
            FormatDecimal(o.contributions_owed)});
  return out;
}

Result<ledger::CouncilBudget> FinanceOverview::SetCouncilBudget(const Context& ctx,
                                                                const std::string& year_text,
                                                                const std::string& amount_text) {
  const CouncilId& council = ctx.actor.council_id;
  if (auto a = Authorize(store_, clock_, ctx, Action::kCouncilBudgetsManage,
                         Resource::Council(council), "council-budget", year_text.substr(0, 8));
      !a) {
    return tl::unexpected(a.error());
  }
  std::vector<FieldError> errors;
  auto year = YearOf(year_text, clock_.Today());
  if (!year) errors.push_back(year.error().fields.at(0));
  const std::string typed = Trim(amount_text);
  std::optional<Pence> amount;
  if (typed.empty()) {
    errors.push_back(
        {"amount", "Enter the council's budget for personal budgets, like 1300000.00"});
  } else if (auto parsed = ParsePounds(typed); !parsed) {
    errors.push_back({"amount", parsed.error().code == ErrorCode::kOverflow
                                    ? "That is more than £100,000,000,000.00; check the figure"
                                    : "Enter the budget in pounds and pence, like 1300000.00: " +
                                          parsed.error().message});
  } else if (parsed->value() < 0) {
    errors.push_back({"amount", "The budget cannot be less than £0.00"});
  } else if (parsed->value() > kMaxCouncilBudgetPence) {
    errors.push_back({"amount", "That is more than £100,000,000,000.00; check the figure"});
  } else {
    amount = *parsed;
  }
  if (!errors.empty()) return FailFields(std::move(errors));

  ledger::CouncilBudget budget{council, year->start_year(), *amount, clock_.Now(),
                               ctx.actor.user_id};
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto before = tx.FinanceOverview().FindCouncilBudget(council, budget.year);
    if (!before) return tl::unexpected(before.error());
    if (auto put = tx.FinanceOverview().PutCouncilBudget(budget); !put) return put;
    AuditEntry e = MakeAuditEntry(
        ctx, council, clock_.Now(), "council-budgets.set", "council-budget",
        std::to_string(budget.year), AuditOutcome::kAllowed,
        *before ? fmt::format("changed the budget for personal budgets in {} from {} to {}",
                              year->Label(), FormatPounds((*before)->amount),
                              FormatPounds(budget.amount))
                : fmt::format("set the budget for personal budgets in {} to {}", year->Label(),
                              FormatPounds(budget.amount)));
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return budget;
}

}  // namespace selfdirect::app
