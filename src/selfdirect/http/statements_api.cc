// The statement import API. Thin: the request in, one Statements use case, JSON out.
#include "selfdirect/http/statements_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

json::object FormatJson(const ledger::StoredStatementFormat& f) {
  json::array payers;
  for (const auto& p : f.council_payers) payers.push_back(json::string(p));
  return {{"name", f.name},
          {"council_payers", payers},
          {"yaml", f.yaml},
          {"created_at", FormatTimestamp(f.created_at)}};
}

json::object ImportJson(const ledger::StatementImport& i) {
  return {{"id", i.id.str()},
          {"account_id", i.account.str()},
          {"person_id", i.person.str()},
          {"format", i.format_name},
          {"file_sha256", i.file_sha256},
          {"plan_id", i.plan ? json::value(i.plan->str()) : nullptr},
          {"imported_at", FormatTimestamp(i.imported_at)},
          {"imported_by", i.imported_by.str()},
          {"lines", i.lines},
          {"money_in_pence", i.money_in.value()},
          {"money_in", FormatPounds(i.money_in)},
          {"money_out_pence", i.money_out.value()},
          {"money_out", FormatPounds(i.money_out)},
          {"flagged", i.flagged},
          {"transfers", i.transfers}};
}

json::object LineJson(const ledger::StoredStatementLine& l) {
  const ledger::StatementLine& s = l.line;
  const ledger::LineMatch& m = l.match;
  return {
      {"row", s.row},
      {"line", s.line},
      {"date", FormatIsoDate(s.date)},
      {"payee", s.payee},
      {"amount_pence", s.amount.value()},
      {"amount", FormatPounds(s.amount)},
      {"reference", s.reference},
      {"description", s.description},
      {"balance_pence", s.balance ? json::value(s.balance->value()) : nullptr},
      {"card", s.card},
      {"category", ledger::LineCategoryName(m.category)},
      {"plan_item", m.plan_item ? json::value(static_cast<std::int64_t>(*m.plan_item)) : nullptr},
      {"reason", m.reason},
      {"needs_review", m.needs_review},
      {"recategorised", m.recategorised},
      {"note", m.note},
      {"recategorised_at",
       l.recategorised_at ? json::value(FormatTimestamp(*l.recategorised_at)) : nullptr},
      {"recategorised_by", l.recategorised_by.str()},
      {"transfer_id", l.transfer ? json::value(l.transfer->str()) : nullptr}};
}

json::object PaidInJson(const ledger::PaidIn& p) {
  return {{"transfer_id", p.transfer_id},
          {"on", FormatIsoDate(p.on)},
          {"amount_pence", p.amount.value()},
          {"amount", FormatPounds(p.amount)},
          {"reference", p.reference}};
}

json::object ArrivalJson(const ledger::Arrival& a) {
  return {{"import_id", a.import.str()},      {"row", a.row},
          {"on", FormatIsoDate(a.on)},        {"amount_pence", a.amount.value()},
          {"amount", FormatPounds(a.amount)}, {"payee", a.payee}};
}

json::object ReconciliationJson(const ledger::ArrivalReconciliation& r) {
  auto day = [](const std::optional<Date>& d) {
    return d ? json::value(FormatIsoDate(*d)) : json::value(nullptr);
  };
  json::array matched, not_arrived, not_covered, not_paid;
  for (const auto& m : r.matched) {
    matched.push_back({{"payment", PaidInJson(m.payment)},
                       {"arrival", ArrivalJson(m.arrival)},
                       {"days", m.days}});
  }
  for (const auto& p : r.not_arrived) not_arrived.push_back(PaidInJson(p));
  for (const auto& p : r.not_covered) not_covered.push_back(PaidInJson(p));
  for (const auto& a : r.not_paid) not_paid.push_back(ArrivalJson(a));
  return {{"covers_from", day(r.covers_from)},
          {"covers_to", day(r.covers_to)},
          {"tolerance_days", ledger::kArrivalToleranceDays},
          {"clean", r.clean()},
          {"paid_total_pence", r.paid_total.value()},
          {"arrived_total_pence", r.arrived_total.value()},
          {"matched_total_pence", r.matched_total.value()},
          {"matched", std::move(matched)},
          {"not_arrived", std::move(not_arrived)},
          {"not_covered", std::move(not_covered)},
          {"not_paid", std::move(not_paid)}};
}

json::object ViewJson(const app::StatementView& v) {
  json::array items;
  for (const auto& i : v.plan_items) {
    items.push_back(json::object{{"index", static_cast<std::int64_t>(i.index)},
                                 {"what", i.what},
                                 {"supplier_name", i.supplier_name}});
  }
  json::array lines;
  for (const auto& l : v.lines) lines.push_back(LineJson(l));
  return {{"import", ImportJson(v.import)},
          {"account_name", v.account_name},
          {"plan_items", items},
          {"lines", lines}};
}

// Like ProblemFromError, but a refusal that names rows (a conflict, a line the books refused)
// keeps them: the person fixing the file needs every one.
Response StatementProblem(const Error& e) {
  if (e.code == ErrorCode::kConflict && !e.fields.empty()) {
    return Problem(409, "conflict", "That conflicts with what is already recorded", e.message,
                   e.fields);
  }
  if (e.code == ErrorCode::kFailedPrecondition && !e.fields.empty()) {
    return Problem(409, "failed-precondition", "The books refused the statement", e.message,
                   e.fields);
  }
  return ProblemFromError(e);
}

}  // namespace

void RegisterStatementsApi(Router& router, app::Statements& statements) {
  router.Add("GET", "/api/statement-formats", "statement-formats.list", Action::kStatementsImport,
             [&statements](const Request& request, const PathParams&) {
               auto all = statements.Formats(request.ctx);
               if (!all) return ProblemFromError(all.error());
               json::array items;
               for (const auto& f : *all) items.push_back(FormatJson(f));
               return JsonResponse(200, {{"items", items}});
             });

  router.Add(
      "POST", "/api/statement-formats", "statement-formats.create", Action::kStatementFormatsManage,
      [&statements](const Request& request, const PathParams&) {
        auto body = ReadObject(request);
        if (auto* problem = std::get_if<Response>(&body)) return *problem;
        const auto& o = std::get<json::object>(body);
        Fields f(o);
        app::NewStatementFormat format;
        format.name = f.String("name");
        format.yaml = f.String("yaml");
        f.Known("council_payers");
        auto errors = f.Finish();
        if (const auto* payers = o.if_contains("council_payers");
            payers != nullptr && !payers->is_null()) {
          if (!payers->is_array()) {
            errors.push_back({"council_payers", "Give the names as a list of text"});
          } else {
            for (std::size_t i = 0; i < payers->as_array().size(); ++i) {
              const auto& p = payers->as_array()[i];
              if (!p.is_string()) {
                errors.push_back({fmt::format("council_payers[{}]", i), "Enter the name as text"});
              } else {
                format.council_payers.emplace_back(p.as_string());
              }
            }
          }
        }
        if (!errors.empty()) return ValidationProblem(std::move(errors));
        auto added = statements.AddFormat(request.ctx, format);
        if (!added) return ProblemFromError(added.error());
        return JsonResponse(201, FormatJson(*added));
      });

  router.Add("POST", "/api/ledger/accounts/{account}/statements", "statements.import",
             Action::kStatementsImport,
             [&statements](const Request& request, const PathParams& params) {
               auto id = PathId<LedgerAccountId>(params, "account");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               if (!request.body.empty() && !CsvType(request.Header("Content-Type"))) {
                 return Problem(415, "unsupported-media-type", "Send the statement as CSV",
                                "Send the file itself as the body, with the Content-Type "
                                "header text/csv");
               }
               auto imported = statements.Import(request.ctx, std::get<LedgerAccountId>(id),
                                                 request.QueryParam("format"), request.body);
               if (!imported) return StatementProblem(imported.error());
               Response r = JsonResponse(201, ViewJson(*imported));
               r.SetHeader("Location", "/api/statements/" + imported->import.id.str());
               return r;
             });

  router.Add("GET", "/api/ledger/accounts/{account}/statements", "statements.list",
             Action::kStatementsImport,
             [&statements](const Request& request, const PathParams& params) {
               auto id = PathId<LedgerAccountId>(params, "account");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto all = statements.ImportsOf(request.ctx, std::get<LedgerAccountId>(id));
               if (!all) return ProblemFromError(all.error());
               json::array items;
               for (const auto& i : *all) items.push_back(ImportJson(i));
               return JsonResponse(200, {{"items", items}});
             });

  router.Add("GET", "/api/ledger/accounts/{account}/reconciliation", "statements.reconcile",
             Action::kStatementsImport,
             [&statements](const Request& request, const PathParams& params) {
               auto id = PathId<LedgerAccountId>(params, "account");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto r = statements.Reconcile(request.ctx, std::get<LedgerAccountId>(id));
               if (!r) return ProblemFromError(r.error());
               return JsonResponse(200, ReconciliationJson(*r));
             });

  router.Add("GET", "/api/statements/{import}", "statements.get", Action::kBudgetRead,
             [&statements](const Request& request, const PathParams& params) {
               auto id = PathId<StatementImportId>(params, "import");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto view = statements.Get(request.ctx, std::get<StatementImportId>(id));
               if (!view) return ProblemFromError(view.error());
               return JsonResponse(200, ViewJson(*view));
             });

  router.Add(
      "POST", "/api/statements/{import}/categories", "statements.recategorise",
      Action::kStatementRecategorise,
      [&statements](const Request& request, const PathParams& params) {
        auto id = PathId<StatementImportId>(params, "import");
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        auto body = ReadObject(request);
        if (auto* problem = std::get_if<Response>(&body)) return *problem;
        const auto& o = std::get<json::object>(body);
        Fields f(o);
        f.Known("changes");
        auto errors = f.Finish();
        std::vector<app::LineChange> changes;
        const auto* list = o.if_contains("changes");
        if (list == nullptr || !list->is_array()) {
          errors.push_back({"changes", "Send the changes as a list"});
        } else {
          for (std::size_t i = 0; i < list->as_array().size(); ++i) {
            const std::string prefix = fmt::format("changes[{}].", i);
            const auto& item = list->as_array()[i];
            if (!item.is_object()) {
              errors.push_back({fmt::format("changes[{}]", i), "Send each change as an object"});
              continue;
            }
            Fields c(item.as_object());
            app::LineChange change;
            auto row = c.OptionalInteger("row", prefix.c_str());
            if (!row) {
              errors.push_back({prefix + "row", "Say which row of the statement"});
            } else {
              change.row = *row;
            }
            change.category = c.OptionalString("category", prefix.c_str()).value_or("");
            if (auto item_index = c.OptionalInteger("plan_item", prefix.c_str())) {
              change.plan_item = *item_index;
            }
            change.note = c.OptionalString("note", prefix.c_str()).value_or("");
            for (auto& e : c.Finish(prefix.c_str())) errors.push_back(std::move(e));
            changes.push_back(std::move(change));
          }
        }
        if (!errors.empty()) return ValidationProblem(std::move(errors));
        auto view = statements.Recategorise(request.ctx, std::get<StatementImportId>(id), changes);
        if (!view) return ProblemFromError(view.error());
        return JsonResponse(200, ViewJson(*view));
      });
}

}  // namespace selfdirect::http
