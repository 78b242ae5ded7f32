// The monitoring API. Thin: JSON in, one Monitoring use case, JSON out.
#include "selfdirect/http/monitoring_api.h"

#include <boost/json.hpp>
#include <limits>
#include <optional>
#include <vector>

#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

json::value Stamp(const std::optional<Timestamp>& t) {
  return t ? json::value(FormatTimestamp(*t)) : json::value(nullptr);
}

json::value NameOrNull(const std::string& name) {
  return name.empty() ? json::value(nullptr) : json::value(name);
}

json::array Strings(const std::vector<std::string>& items) {
  json::array out;
  for (const std::string& s : items) out.push_back(json::value(s));
  return out;
}

json::array EvidenceJson(const std::vector<app::EvidenceLine>& lines) {
  json::array out;
  for (const app::EvidenceLine& l : lines) {
    out.push_back(json::object{{"id", l.id},
                               {"on", FormatIsoDate(l.on)},
                               {"payee", l.payee},
                               {"reference", l.reference},
                               {"amount_pence", l.amount.value()}});
  }
  return out;
}

json::object AlertJson(const app::AlertView& v) {
  const ledger::Alert& a = v.alert;
  return {{"id", a.id.str()},
          {"person_id", a.person.str()},
          {"person_name", v.person_name},
          {"may_view_record", v.may_view_record},
          {"may_view_budget", v.may_view_budget},
          {"kind", ledger::AlertKindName(a.kind)},
          {"kind_label", ledger::AlertKindLabel(a.kind)},
          {"safeguarding", ledger::IsSafeguardingKind(a.kind)},
          {"recipient", a.recipient},
          {"evidence", Strings(a.evidence)},
          {"evidence_lines", EvidenceJson(v.evidence_lines)},
          {"sentence", a.sentence},
          {"amount_pence", a.amount.value()},
          {"balance_pence", a.balance.value()},
          {"checked_on", FormatIsoDate(a.on)},
          {"raised_at", FormatTimestamp(a.raised_at)},
          {"status", ledger::AlertStatusName(a.status)},
          {"acknowledged_at", Stamp(a.acknowledged_at)},
          {"acknowledged_by_name", NameOrNull(v.acknowledged_by_name)},
          {"closed_at", Stamp(a.closed_at)},
          {"closed_by_name", NameOrNull(v.closed_by_name)},
          {"notes", a.notes}};
}

json::object ProposalJson(const app::ProposalView& v) {
  const ledger::SurplusProposal& p = v.proposal;
  return {
      {"id", p.id.str()},
      {"person_id", p.person.str()},
      {"person_name", v.person_name},
      {"account_id", v.account.empty() ? json::value(nullptr) : json::value(v.account.str())},
      {"amount_pence", p.amount.value()},
      {"letter", Strings(p.letter)},
      {"checked_on", FormatIsoDate(p.on)},
      {"proposed_at", FormatTimestamp(p.proposed_at)},
      {"status", ledger::ProposalStatusName(p.status)},
      {"decided_at", Stamp(p.decided_at)},
      {"decided_by_name", NameOrNull(v.decided_by_name)},
      {"reason", p.decision_words.empty() ? json::value(nullptr) : json::value(p.decision_words)},
      {"transfer_id", p.transfer_id.empty() ? json::value(nullptr) : json::value(p.transfer_id)}};
}

json::object SummaryJson(const app::MonitoringRunSummary& s) {
  json::object raised;
  for (const auto& [kind, n] : s.raised) raised[kind] = n;
  return {{"date", FormatIsoDate(s.date)},  {"budgets", s.budgets},
          {"skipped", s.skipped},           {"raised", std::move(raised)},
          {"still_open", s.still_open},     {"proposals", s.proposals},
          {"problems", Strings(s.problems)}};
}

}  // namespace

void RegisterMonitoringApi(Router& router, app::Monitoring& monitoring) {
  router.Add("POST", "/api/monitoring/runs", "monitoring.run", Action::kMonitoringRun,
             [&monitoring](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               const std::string date = f.String("date");
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto run = monitoring.Run(request.ctx, date);
               if (!run) return ProblemFromError(run.error());
               return JsonResponse(200, SummaryJson(*run));
             });

  router.Add(
      "GET", "/api/alerts", "alerts.list", Action::kAlertsRead,
      [&monitoring](const Request& request, const PathParams&) {
        const std::string closed = request.QueryParam("closed");
        if (!closed.empty() && closed != "true" && closed != "false") {
          return ValidationProblem({{"closed", "Say true to include closed alerts, or false"}});
        }
        const auto page = QueryInt(request, "page", 1, std::numeric_limits<int>::max(), 1);
        const auto per_page = QueryInt(request, "per_page", 1, 100, app::AlertPage::kPerPage);
        std::vector<FieldError> errors;
        if (!page) errors.push_back({"page", "Give the page as a whole number from 1"});
        if (!per_page) {
          errors.push_back({"per_page", "Give how many alerts a page shows, from 1 to 100"});
        }
        if (!errors.empty()) return ValidationProblem(std::move(errors));
        auto alerts = monitoring.AlertsPage(request.ctx, closed == "true", *page, *per_page);
        if (!alerts) return ProblemFromError(alerts.error());
        json::array items;
        for (const auto& v : alerts->alerts) items.push_back(AlertJson(v));
        return JsonResponse(200, {{"alerts", items},
                                  {"page", alerts->page},
                                  {"pages", alerts->pages},
                                  {"per_page", *per_page},
                                  {"total", alerts->total()},
                                  {"counts",
                                   {{"open", alerts->open},
                                    {"acknowledged", alerts->acknowledged},
                                    {"closed", alerts->closed}}}});
      });

  router.Add("POST", "/api/alerts/{alert}", "alerts.update", Action::kAlertsManage,
             [&monitoring](const Request& request, const PathParams& params) {
               auto id = PathId<AlertId>(params, "alert");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               app::AlertUpdate update;
               update.action = f.String("action");
               update.notes = f.String("notes");
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto alert = monitoring.UpdateAlert(request.ctx, std::get<AlertId>(id), update);
               if (!alert) return ProblemFromError(alert.error());
               return JsonResponse(200, AlertJson(*alert));
             });

  router.Add("GET", "/api/surplus-proposals", "surplus-proposals.list",
             Action::kSurplusProposalsManage,
             [&monitoring](const Request& request, const PathParams&) {
               auto proposals = monitoring.SurplusProposals(request.ctx);
               if (!proposals) return ProblemFromError(proposals.error());
               json::array items;
               for (const auto& v : *proposals) items.push_back(ProposalJson(v));
               return JsonResponse(200, {{"proposals", items}});
             });

  router.Add("POST", "/api/surplus-proposals/{proposal}/decision", "surplus-proposals.decide",
             Action::kSurplusProposalsManage,
             [&monitoring](const Request& request, const PathParams& params) {
               auto id = PathId<SurplusProposalId>(params, "proposal");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               app::ProposalDecision decision;
               decision.decision = f.String("decision");
               decision.reason = f.String("reason");
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto decided = monitoring.DecideProposal(request.ctx,
                                                        std::get<SurplusProposalId>(id), decision);
               if (!decided) return ProblemFromError(decided.error());
               return JsonResponse(200, ProposalJson(*decided));
             });
}

}  // namespace selfdirect::http
