// The provider invoices API. Thin: the request in, one Invoices use case, JSON out.
#include "selfdirect/http/invoices_api.h"

#include <boost/json.hpp>

#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

json::value Stamp(const std::optional<Timestamp>& t) {
  return t ? json::value(FormatTimestamp(*t)) : json::value(nullptr);
}

json::value TextOrNull(const std::string& text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

json::object InvoiceJson(const app::InvoiceView& v) {
  const ledger::Invoice& i = v.invoice;
  json::array reasons;
  for (const std::string& r : i.hold_reasons) reasons.emplace_back(r);
  return {{"id", i.id.str()},
          {"provider_name", i.facts.provider_name},
          {"provider_id", i.provider_id ? json::value(*i.provider_id) : json::value(nullptr)},
          {"person_id", i.facts.person.str()},
          {"person_name", v.person_name},
          {"invoice_number", i.facts.number},
          {"period_from", FormatIsoDate(i.facts.from)},
          {"period_to", FormatIsoDate(i.facts.to)},
          {"units", ledger::FormatUnits(i.facts.units_hundredths)},
          {"units_hundredths", i.facts.units_hundredths},
          {"unit", TextOrNull(v.unit)},
          {"unit_price_pence", i.facts.unit_price.value()},
          {"unit_price", FormatPounds(i.facts.unit_price)},
          {"total_pence", i.facts.total.value()},
          {"total", FormatPounds(i.facts.total)},
          {"status", ledger::InvoiceStatusName(i.status)},
          {"status_label", ledger::InvoiceStatusLabel(i.status)},
          {"hold_reasons", reasons},
          {"plan_item", TextOrNull(v.plan_item)},
          {"expected_pence", i.expected ? json::value(i.expected->value()) : json::value(nullptr)},
          {"source", ledger::InvoiceSourceName(i.source)},
          {"received_at", FormatTimestamp(i.received_at)},
          {"received_by_name", v.received_by_name},
          {"decided_at", Stamp(i.decided_at)},
          {"decided_by_name", TextOrNull(v.decided_by_name)},
          {"decision_reason", TextOrNull(i.decision_reason)},
          {"transfer_id", i.transfer ? json::value(i.transfer->str()) : json::value(nullptr)},
          {"export_id", i.export_id ? json::value(i.export_id->str()) : json::value(nullptr)}};
}

json::object ExportJson(const ledger::InvoiceExport& e) {
  return {{"id", e.id.str()},
          {"created_at", FormatTimestamp(e.created_at)},
          {"invoices", e.invoices},
          {"total_pence", e.total.value()},
          {"total", FormatPounds(e.total)},
          {"file", "/api/invoice-exports/" + e.id.str() + "/file"}};
}

// Like ProblemFromError, but a duplicate keeps the field it names ("invoice_number"), so that a
// form can point at it.
Response InvoiceProblem(const Error& e) {
  if (e.code == ErrorCode::kConflict && !e.fields.empty()) {
    return Problem(409, "conflict", "That conflicts with what is already recorded", e.message,
                   e.fields);
  }
  return ProblemFromError(e);
}

std::variant<std::string, Response> ReasonOf(const Request& request) {
  auto body = ReadObject(request);
  if (auto* problem = std::get_if<Response>(&body)) return *problem;
  Fields f(std::get<json::object>(body));
  std::string reason = f.String("reason");
  auto errors = f.Finish();
  if (!errors.empty()) return ValidationProblem(std::move(errors));
  return reason;
}

}  // namespace

void RegisterInvoicesApi(Router& router, app::Invoices& invoices) {
  router.Add("GET", "/api/invoices", "invoices.list", Action::kInvoicesManage,
             [&invoices](const Request& request, const PathParams&) {
               auto list = invoices.List(request.ctx);
               if (!list) return ProblemFromError(list.error());
               json::array held, recent, exports;
               for (const auto& v : list->held) held.push_back(InvoiceJson(v));
               for (const auto& v : list->recent) recent.push_back(InvoiceJson(v));
               for (const auto& e : list->exports) exports.push_back(ExportJson(e));
               return JsonResponse(200,
                                   {{"held", held},
                                    {"recent", recent},
                                    {"to_export", list->to_export},
                                    {"to_export_total_pence", list->to_export_total.value()},
                                    {"to_export_total", FormatPounds(list->to_export_total)},
                                    {"exports", exports},
                                    {"tolerance_basis_points", list->tolerance.basis_points},
                                    {"tolerance_minimum_pence", list->tolerance.minimum.value()}});
             });

  router.Add("POST", "/api/invoices", "invoices.create", Action::kInvoicesManage,
             [&invoices](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               ledger::InvoiceRequest r;
               r.provider = f.String("provider");
               r.person_id = f.String("person_id");
               r.invoice_number = f.String("invoice_number");
               r.period_from = f.String("period_from");
               r.period_to = f.String("period_to");
               r.units = f.String("units");
               r.unit_price = f.String("unit_price");
               r.total = f.String("total");
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto recorded = invoices.Record(request.ctx, r);
               if (!recorded) return InvoiceProblem(recorded.error());
               Response out = JsonResponse(201, InvoiceJson(*recorded));
               out.SetHeader("Location", "/api/invoices/" + recorded->invoice.id.str());
               return out;
             });

  router.Add("POST", "/api/invoice-files", "invoices.import", Action::kInvoicesManage,
             [&invoices](const Request& request, const PathParams&) {
               if (!request.body.empty() && !CsvType(request.Header("Content-Type"))) {
                 return Problem(415, "unsupported-media-type", "Send the invoices as CSV",
                                "Send the file itself as the body, with the Content-Type "
                                "header text/csv");
               }
               auto report = invoices.Import(request.ctx, request.body);
               if (!report) return InvoiceProblem(report.error());
               json::array items;
               for (const auto& v : report->invoices) items.push_back(InvoiceJson(v));
               return JsonResponse(201, {{"invoices", items},
                                         {"matched", report->matched},
                                         {"held", report->held},
                                         {"posted_pence", report->posted.value()},
                                         {"posted", FormatPounds(report->posted)}});
             });

  router.Add("GET", "/api/invoices/{invoice}", "invoices.get", Action::kInvoicesManage,
             [&invoices](const Request& request, const PathParams& params) {
               auto id = PathId<InvoiceId>(params, "invoice");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto found = invoices.Get(request.ctx, std::get<InvoiceId>(id));
               if (!found) return ProblemFromError(found.error());
               return JsonResponse(200, InvoiceJson(*found));
             });

  for (const bool approve : {true, false}) {
    router.Add("POST",
               approve ? "/api/invoices/{invoice}/approve" : "/api/invoices/{invoice}/reject",
               approve ? "invoices.approve" : "invoices.reject", Action::kInvoicesManage,
               [&invoices, approve](const Request& request, const PathParams& params) {
                 auto id = PathId<InvoiceId>(params, "invoice");
                 if (auto* problem = std::get_if<Response>(&id)) return *problem;
                 auto reason = ReasonOf(request);
                 if (auto* problem = std::get_if<Response>(&reason)) return *problem;
                 auto decided = approve ? invoices.Approve(request.ctx, std::get<InvoiceId>(id),
                                                           std::get<std::string>(reason))
                                        : invoices.Reject(request.ctx, std::get<InvoiceId>(id),
                                                          std::get<std::string>(reason));
                 if (!decided) return ProblemFromError(decided.error());
                 return JsonResponse(200, InvoiceJson(*decided));
               });
  }

  router.Add("POST", "/api/invoice-exports", "invoice-exports.create", Action::kInvoicesManage,
             [&invoices](const Request& request, const PathParams&) {
               auto exported = invoices.Export(request.ctx);
               if (!exported) return ProblemFromError(exported.error());
               Response out = JsonResponse(201, ExportJson(*exported));
               out.SetHeader("Location", "/api/invoice-exports/" + exported->id.str() + "/file");
               return out;
             });

  router.Add("GET", "/api/invoice-exports/{export}/file", "invoice-exports.file",
             Action::kInvoicesManage,
             [&invoices](const Request& request, const PathParams& params) {
               auto id = PathId<InvoiceExportId>(params, "export");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto file = invoices.ExportFile(request.ctx, std::get<InvoiceExportId>(id));
               if (!file) return ProblemFromError(file.error());
               return CsvDownload(std::move(file->csv), file->file_name);
             });
}

}  // namespace selfdirect::http
