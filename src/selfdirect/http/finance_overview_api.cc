// The finance overview API. Thin: one FinanceOverview use case, JSON or CSV out.
#include "selfdirect/http/finance_overview_api.h"

#include <boost/json.hpp>

#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"
#include "selfdirect/ledger/contribution_file.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

json::value PenceOrNull(const std::optional<Pence>& p) {
  return p ? json::value(p->value()) : json::value(nullptr);
}

json::value IntOrNull(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

const char* TenseName(ledger::YearTense t) {
  switch (t) {
    case ledger::YearTense::kPast:
      return "past";
    case ledger::YearTense::kCurrent:
      return "current";
    case ledger::YearTense::kFuture:
      return "future";
  }
  return "current";
}

json::object BudgetJson(const ledger::CouncilBudget& b, const std::string& set_by) {
  return {{"year", b.year},
          {"amount_pence", b.amount.value()},
          {"updated_at", FormatTimestamp(b.updated_at)},
          {"updated_by", set_by}};
}

json::object OverviewJson(const app::FinanceOverviewView& v) {
  const ledger::FinanceOverview& o = v.overview;
  json::object out;
  out["year"] = o.year.start_year();
  out["label"] = o.year.Label();
  out["starts_on"] = FormatIsoDate(o.year.Start());
  out["ends_on"] = FormatIsoDate(o.year.End());
  out["today"] = FormatIsoDate(o.today);
  out["tense"] = TenseName(o.tense);
  out["paid_to"] = FormatIsoDate(o.paid_to);
  out["budgets"] = o.budgets;
  json::array mechanisms;
  for (const ledger::MechanismFigures& m : o.by_mechanism) {
    mechanisms.push_back({{"mechanism", ledger::MechanismName(m.mechanism)},
                          {"label", ledger::MechanismLabel(m.mechanism)},
                          {"committed_pence", m.committed.value()},
                          {"paid_pence", m.paid.value()},
                          {"still_to_pay_pence", m.still_to_pay.value()},
                          {"forecast_pence", m.forecast.value()}});
  }
  out["by_mechanism"] = std::move(mechanisms);
  out["totals"] = {{"committed_pence", o.committed.value()},
                   {"paid_pence", o.paid.value()},
                   {"still_to_pay_pence", o.still_to_pay.value()},
                   {"forecast_pence", o.forecast.value()}};
  out["council_budget_pence"] = PenceOrNull(o.council_budget);
  out["council_budget"] = v.council_budget
                              ? json::value(BudgetJson(*v.council_budget, v.council_budget_set_by))
                              : json::value(nullptr);
  out["forecast_over_budget_pence"] = PenceOrNull(o.forecast_over_budget);
  out["forecast_bps"] = IntOrNull(o.forecast_bps);
  out["committed_bps"] = IntOrNull(o.committed_bps);
  json::array sentences;
  for (const std::string& s : o.sentences) sentences.emplace_back(s);
  out["sentences"] = std::move(sentences);
  json::array categories;
  for (const ledger::CategoryFigures& c : o.spend_by_category) {
    categories.push_back({{"category", ledger::LineCategoryName(c.category)},
                          {"label", c.label},
                          {"lines", c.lines},
                          {"amount_pence", c.amount.value()},
                          {"share_bps", c.share_bps}});
  }
  out["spend_by_category"] = std::move(categories);
  out["statement_spend_pence"] = o.statement_spend.value();
  json::array payees;
  for (const ledger::PayeeSpend& p : o.top_payees) {
    payees.push_back({{"payee", p.payee}, {"lines", p.lines}, {"amount_pence", p.amount.value()}});
  }
  out["top_payees"] = std::move(payees);
  out["top_payees_named"] = v.shows_people;
  json::array owed;
  for (const ledger::ContributionOwed& c : o.contributions) {
    owed.push_back({{"person_id", c.person.str()},
                    {"name", c.name},
                    {"reference", ledger::ContributionReference(c.person)},
                    {"owed_pence", c.owed.value()}});
  }
  out["contributions"] = {{"people", v.people_owing},
                          {"total_pence", o.contributions_owed.value()},
                          {"named", v.shows_people},
                          {"owed", std::move(owed)}};
  out["may_set_budget"] = v.may_set_budget;
  return out;
}

}  // namespace

void RegisterFinanceOverviewApi(Router& router, app::FinanceOverview& overview) {
  router.Add("GET", "/api/finance/overview", "finance-overview.get", Action::kFinanceOverviewRead,
             [&overview](const Request& request, const PathParams&) {
               auto view = overview.Of(request.ctx, request.QueryParam("year"));
               if (!view) return ProblemFromError(view.error());
               return JsonResponse(200, OverviewJson(*view));
             });

  router.Add("GET", "/api/finance/overview.csv", "finance-overview.csv",
             Action::kFinanceOverviewRead, [&overview](const Request& request, const PathParams&) {
               auto file = overview.Csv(request.ctx, request.QueryParam("year"));
               if (!file) return ProblemFromError(file.error());
               return CsvDownload(std::move(file->csv), file->file_name);
             });

  router.Add("PUT", "/api/finance/council-budgets/{year}", "council-budgets.set",
             Action::kCouncilBudgetsManage,
             [&overview](const Request& request, const PathParams& params) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               const std::string amount = f.String("amount");
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               const auto year = params.find("year");
               auto set = overview.SetCouncilBudget(
                   request.ctx, year == params.end() ? std::string() : year->second, amount);
               if (!set) return ProblemFromError(set.error());
               return JsonResponse(200, {{"year", set->year},
                                         {"amount_pence", set->amount.value()},
                                         {"updated_at", FormatTimestamp(set->updated_at)}});
             });
}

}  // namespace selfdirect::http
