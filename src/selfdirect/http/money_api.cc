// The "My money" API. Thin: one Money use case, JSON or CSV out.
#include "selfdirect/http/money_api.h"

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

json::object MoneyJson(const app::MoneyView& v) {
  json::object o;
  o["person_id"] = v.person.str();
  o["person_name"] = v.person_name;
  o["today"] = FormatIsoDate(v.today);
  o["budget_start"] = FormatIsoDate(v.budget_start);
  o["managed"] = v.managed;
  o["balance_pence"] = v.balance.value();
  o["available_pence"] = v.available.value();
  o["managed_balance_pence"] = PenceOrNull(v.managed_balance);
  o["contribution_owed_pence"] = PenceOrNull(v.contribution_owed);
  // The reference to quote when paying it, when it is collected separately.
  o["contribution_reference"] = v.contribution_owed
                                    ? json::value(ledger::ContributionReference(v.person))
                                    : json::value(nullptr);
  o["money_in_this_year_pence"] = v.money_in_total.value();
  o["money_out_this_year_pence"] = v.money_out_total.value();
  json::array lines;
  for (const app::MoneyLine& l : v.lines) {
    lines.push_back({{"id", l.id},
                     {"on", FormatIsoDate(l.on)},
                     {"description", l.description},
                     {"money_in_pence", l.money_in.value()},
                     {"money_out_pence", l.money_out.value()},
                     {"balance_pence", l.balance.value()}});
  }
  o["lines"] = std::move(lines);
  o["page"] = v.page;
  o["pages"] = v.pages;
  o["line_count"] = v.line_count;
  o["chart_from"] = FormatIsoDate(v.chart_from);
  json::array chart;
  for (const app::BurnDownPoint& p : v.burn_down) {
    chart.push_back({{"on", FormatIsoDate(p.on)},
                     {"planned_spend_pence", p.planned_spend.value()},
                     {"spent_pence", p.spent.value()},
                     {"paid_in_pence", p.paid_in.value()},
                     {"balance_pence", p.balance.value()}});
  }
  o["burn_down"] = std::move(chart);
  o["forecast"] = v.forecast ? json::value(*v.forecast) : json::value(nullptr);
  o["runs_out_on"] = v.runs_out_on ? json::value(FormatIsoDate(*v.runs_out_on)) : nullptr;
  o["runs_out_before_next_payment"] = v.runs_out_before_next_payment;
  json::array upcoming;
  for (const app::UpcomingPayment& u : v.upcoming) {
    upcoming.push_back({{"on", FormatIsoDate(u.on)},
                        {"covers_from", FormatIsoDate(u.covers_from)},
                        {"covers_to", FormatIsoDate(u.covers_to)},
                        {"amount_pence", u.amount.value()},
                        {"description", u.description}});
  }
  o["upcoming"] = std::move(upcoming);
  return o;
}

}  // namespace

void RegisterMoneyApi(Router& router, app::Money& money) {
  router.Add("GET", "/api/people/{person}/money", "money.get", Action::kBudgetRead,
             [&money](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               int page = 1;
               if (const std::string v = request.QueryParam("page"); !v.empty()) {
                 page = 0;
                 for (char c : v) {
                   if (c < '0' || c > '9' || page > 100000) {
                     return ValidationProblem({{"page", "Enter a page number, like 2"}});
                   }
                   page = page * 10 + (c - '0');
                 }
                 if (page < 1) return ValidationProblem({{"page", "Enter a page number, like 2"}});
               }
               auto view = money.Of(request.ctx, std::get<PersonId>(id), page);
               if (!view) return ProblemFromError(view.error());
               return JsonResponse(200, MoneyJson(*view));
             });

  router.Add("GET", "/api/people/{person}/money.csv", "money.csv", Action::kBudgetRead,
             [&money](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto file = money.Csv(request.ctx, std::get<PersonId>(id));
               if (!file) return ProblemFromError(file.error());
               return CsvDownload(std::move(file->csv), file->file_name);
             });
}

}  // namespace selfdirect::http
