// The payments API. Thin: JSON in, one Payments use case, JSON out.
#include "selfdirect/http/payments_api.h"

#include <boost/json.hpp>
#include <limits>

#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

const char* KindLabel(ledger::PaymentKind kind) {
  switch (kind) {
    case ledger::PaymentKind::kDirectPayment:
      return "Direct payments";
    case ledger::PaymentKind::kManagedBudget:
      return "Managed budgets";
    case ledger::PaymentKind::kOneOff:
      return "One-off payments";
    case ledger::PaymentKind::kContribution:
      return "Contributions charged";
  }
  return "";
}

json::object DetailsJson(const ledger::PaymentDetails& d) {
  return {{"person_id", d.person.str()},
          {"route", ledger::PayRouteName(d.route)},
          {"payee_name", d.payee_name},
          {"sort_code", d.sort_code},
          {"account_number", ledger::MaskAccountNumber(d.account_number)},
          {"card_reference", d.card_reference},
          {"updated_at", FormatTimestamp(d.updated_at)}};
}

json::value Stamp(const std::optional<Timestamp>& t) {
  return t ? json::value(FormatTimestamp(*t)) : json::value(nullptr);
}

json::value NameOrNull(const std::string& name) {
  return name.empty() ? json::value(nullptr) : json::value(name);
}

json::object RunJson(const app::RunView& v, bool with_lines) {
  json::object o;
  o["date"] = FormatIsoDate(v.date);
  o["pays_through"] = FormatIsoDate(v.pays_through);
  o["pays_through_sentence"] = v.pays_through_sentence;
  o["budgets"] = v.totals.budgets;
  o["payments"] = v.totals.payments;
  o["total_pence"] = v.totals.total.value();
  o["approval_threshold_pence"] = v.threshold.value();
  o["needs_second_approval"] = v.needs_second_approval;
  if (v.year_commitment) {
    o["year_commitment"] = {{"year", v.year_commitment->year.Label()},
                            {"budgets", v.year_commitment->budgets},
                            {"committed_pence", v.year_commitment->committed.value()},
                            {"sentence", v.year_commitment->sentence}};
  }
  if (with_lines) {
    json::array kinds;
    for (const ledger::KindTotal& k : v.totals.by_kind) {
      kinds.push_back({{"kind", ledger::PaymentKindName(k.kind)},
                       {"label", KindLabel(k.kind)},
                       {"count", k.count},
                       {"total_pence", k.total.value()}});
    }
    o["by_kind"] = std::move(kinds);
    json::array held;
    for (const app::HeldPayment& h : v.held) {
      held.push_back({{"person_id", h.person.str()},
                      {"person_name", h.person_name},
                      {"kind", ledger::PaymentKindName(h.kind)},
                      {"amount_pence", h.amount.value()},
                      {"reason", h.reason},
                      {"covers_from", FormatIsoDate(h.covers_from)},
                      {"covers_to", FormatIsoDate(h.covers_to)}});
    }
    o["held"] = std::move(held);
    json::array overpaid;
    for (const app::OverpaidPeriod& p : v.overpaid) {
      overpaid.push_back({{"person_id", p.person.str()},
                          {"person_name", p.person_name},
                          {"recovery_id", p.recovery_id},
                          {"recovered", p.recovered},
                          {"credit", p.credit},
                          {"to_recover_pence", p.to_recover.value()},
                          {"sentence", p.sentence}});
    }
    o["overpaid"] = std::move(overpaid);
  } else {
    o["held_count"] = v.totals.held;
  }
  if (!v.run) {
    o["open_run"] = v.open_run
                        ? json::value({{"id", v.open_run->id.str()},
                                       {"date", FormatIsoDate(v.open_run->date)},
                                       {"status", ledger::RunStatusName(v.open_run->status)}})
                        : json::value(nullptr);
    return o;
  }
  const ledger::PaymentRun& r = *v.run;
  o["id"] = r.id.str();
  o["status"] = ledger::RunStatusName(r.status);
  o["status_label"] = ledger::RunStatusLabel(r.status);
  o["started_by_name"] = v.started_by_name;
  o["started_at"] = FormatTimestamp(r.started_at);
  o["approved_by_name"] = NameOrNull(v.approved_by_name);
  o["approved_at"] = Stamp(r.approved_at);
  o["released_by_name"] = NameOrNull(v.released_by_name);
  o["released_at"] = Stamp(r.released_at);
  o["rejected_reason"] =
      r.rejected_reason.empty() ? json::value(nullptr) : json::value(r.rejected_reason);
  if (with_lines) o["posted"] = v.totals.posted;
  o["file_name"] = r.status == ledger::RunStatus::kReleased
                       ? json::value("payments-" + FormatIsoDate(r.date) + ".csv")
                       : json::value(nullptr);
  return o;
}

std::variant<PaymentRunId, Response> RunId(const PathParams& params) {
  return PathId<PaymentRunId>(params, "run");
}

json::object SuspensionJson(const ledger::StoredSuspension& x) {
  return {{"id", x.seq},
          {"from", FormatIsoDate(x.suspension.from)},
          {"to", FormatIsoDate(x.suspension.to)},
          {"reason", x.suspension.reason},
          {"recorded_at", FormatTimestamp(x.recorded_at)}};
}

}  // namespace

void RegisterPaymentsApi(Router& router, app::Payments& payments) {
  router.Add("POST", "/api/people/{person}/payments/suspensions", "payments.suspend",
             Action::kCaseRecord, [&payments](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               app::Payments::SuspensionRequest r;
               r.from = f.String("from");
               r.to = f.String("to");
               r.reason = f.String("reason");
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto stopped = payments.Suspend(request.ctx, std::get<PersonId>(id), r);
               if (!stopped) return ProblemFromError(stopped.error());
               return JsonResponse(201, SuspensionJson(*stopped));
             });

  router.Add(
      "POST", "/api/people/{person}/overpayment-recoveries", "payments.overpayment.recover",
      Action::kPaymentDetailsManage, [&payments](const Request& request, const PathParams& params) {
        auto id = PathId<PersonId>(params, "person");
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        auto body = ReadObject(request);
        if (auto* problem = std::get_if<Response>(&body)) return *problem;
        Fields f(std::get<json::object>(body));
        const std::string recovery_id = f.String("recovery_id");
        const std::string reason = f.String("reason");
        auto errors = f.Finish();
        if (!errors.empty()) return ValidationProblem(std::move(errors));
        auto done =
            payments.RecoverOverpayment(request.ctx, std::get<PersonId>(id), recovery_id, reason);
        if (!done) return ProblemFromError(done.error());
        return JsonResponse(201, {{"person_id", done->person.str()},
                                  {"person_name", done->person_name},
                                  {"recovery_id", done->recovery_id},
                                  {"recovered_pence", done->recovered.value()},
                                  {"sentence", done->sentence}});
      });

  router.Add("POST", "/api/people/{person}/payments/suspensions/{suspension}/restart",
             "payments.restart", Action::kCaseRecord,
             [&payments](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               std::int64_t seq = 0;
               const std::string& text = params.at("suspension");
               if (text.empty() || text.size() > 9 ||
                   text.find_first_not_of("0123456789") != std::string::npos) {
                 return ProblemFromError(
                     Error{ErrorCode::kNotFound, "There is no such stop in payments", {}});
               }
               seq = std::stoll(text);
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               const std::string to = f.String("to");
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto restarted = payments.Restart(request.ctx, std::get<PersonId>(id), seq, to);
               if (!restarted) return ProblemFromError(restarted.error());
               return JsonResponse(200, SuspensionJson(*restarted));
             });

  router.Add(
      "GET", "/api/people/{person}/final-account", "payments.final-account",
      Action::kPaymentDetailsManage, [&payments](const Request& request, const PathParams& params) {
        auto id = PathId<PersonId>(params, "person");
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        auto account = payments.FinalAccount(request.ctx, std::get<PersonId>(id));
        if (!account) return ProblemFromError(account.error());
        json::array sentences;
        for (const std::string& line : account->sentences) sentences.emplace_back(line);
        return JsonResponse(
            200, {{"ended_on", FormatIsoDate(account->ended_on)},
                  {"paid_out_pence", account->paid_out.value()},
                  {"owed_pence", account->owed.value()},
                  {"to_recover_pence", account->to_recover.value()},
                  {"still_to_pay_pence", account->still_to_pay.value()},
                  {"contribution_overcharged_pence", account->contribution_overcharged.value()},
                  {"sentences", sentences}});
      });

  router.Add("PUT", "/api/people/{person}/payment-details", "payments.details.set",
             Action::kPaymentDetailsManage,
             [&payments](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               ledger::PaymentDetailsRequest d;
               d.route = f.String("route");
               d.payee_name = f.String("payee_name");
               d.sort_code = f.String("sort_code");
               d.account_number = f.String("account_number");
               d.card_reference = f.String("card_reference");
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto set = payments.SetPaymentDetails(request.ctx, std::get<PersonId>(id), d);
               if (!set) return ProblemFromError(set.error());
               return JsonResponse(200, DetailsJson(*set));
             });

  router.Add("GET", "/api/people/{person}/payment-details", "payments.details.get",
             Action::kPaymentDetailsManage,
             [&payments](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto found = payments.PaymentDetailsOf(request.ctx, std::get<PersonId>(id));
               if (!found) return ProblemFromError(found.error());
               json::array items;
               for (const auto& d : found->details) items.push_back(DetailsJson(d));
               return JsonResponse(200, {{"person_name", found->person_name}, {"details", items}});
             });

  // Contributions paid in (docs/money.md): what the person owes and has paid; recording a
  // payment. A replay of the same payment answers 200 with replayed: true; a new one 201.
  router.Add("GET", "/api/people/{person}/contribution-payments", "contributions.paid.get",
             Action::kPaymentDetailsManage,
             [&payments](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto found = payments.ContributionAccountOf(request.ctx, std::get<PersonId>(id));
               if (!found) return ProblemFromError(found.error());
               json::array paid;
               for (const auto& p : found->payments) {
                 paid.push_back({{"payment_id", p.payment_id},
                                 {"paid_on", FormatIsoDate(p.paid_on)},
                                 {"amount_pence", p.amount.value()},
                                 {"reference", p.reference},
                                 {"recorded_at", FormatTimestamp(p.recorded_at)}});
               }
               return JsonResponse(
                   200, {{"person_id", found->person.str()},
                         {"person_name", found->person_name},
                         {"contribution_reference", ledger::ContributionReference(found->person)},
                         {"owed_pence", found->owed.value()},
                         {"in_credit_pence", found->in_credit.value()},
                         {"charged_pence", found->charged.value()},
                         {"payments", paid}});
             });

  router.Add("POST", "/api/contribution-payments/file", "contributions.file.read",
             Action::kContributionFileRead, [&payments](const Request& request, const PathParams&) {
               if (!request.body.empty() && !CsvType(request.Header("Content-Type"))) {
                 return Problem(415, "unsupported-media-type", "Send the bank file as CSV",
                                "Send the file itself as the body, with the Content-Type header "
                                "text/csv");
               }
               const std::string record = request.QueryParam("record");
               if (!record.empty() && record != "true" && record != "false") {
                 return ValidationProblem({{"record",
                                            "Say record=true to record the payments, or "
                                            "leave it out to check the file first"}});
               }
               auto read = payments.ReadContributionFile(request.ctx, request.QueryParam("format"),
                                                         request.body, record == "true");
               if (!read) return ProblemFromError(read.error());
               json::array lines;
               for (const ledger::FileLine& l : read->lines) {
                 lines.push_back({{"row", l.row},
                                  {"date", FormatIsoDate(l.date)},
                                  {"amount_pence", l.amount.value()},
                                  {"text", l.text},
                                  {"reference", l.reference},
                                  {"person_id", l.person ? json::value(l.person->str()) : nullptr},
                                  {"person_name", l.person_name},
                                  {"outcome", ledger::FileLineOutcomeName(l.outcome)},
                                  {"sentence", l.sentence}});
               }
               return JsonResponse(read->recorded && read->payments > 0 ? 201 : 200,
                                   {{"format", read->format_name},
                                    {"file_sha256", read->file_sha256},
                                    {"recorded", read->recorded},
                                    {"payments", read->payments},
                                    {"payments_total_pence", read->payments_total.value()},
                                    {"for_you", read->for_you},
                                    {"sentence", read->sentence},
                                    {"lines", lines}});
             });

  router.Add(
      "POST", "/api/people/{person}/contribution-payments", "contributions.paid.record",
      Action::kPaymentDetailsManage, [&payments](const Request& request, const PathParams& params) {
        auto id = PathId<PersonId>(params, "person");
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        auto body = ReadObject(request);
        if (auto* problem = std::get_if<Response>(&body)) return *problem;
        Fields f(std::get<json::object>(body));
        ledger::ContributionPaymentRequest paid;
        paid.payment_id = f.String("payment_id");
        paid.amount_pence = f.OptionalInteger("amount_pence");
        paid.paid_on = f.String("paid_on");
        paid.reference = f.String("reference");
        paid.paid_twice = f.OptionalBool("paid_twice").value_or(false);
        auto errors = f.Finish();
        if (!errors.empty()) return ValidationProblem(std::move(errors));
        auto done = payments.RecordContributionPaid(request.ctx, std::get<PersonId>(id), paid);
        if (!done) return ProblemFromError(done.error());
        return JsonResponse(done->replayed ? 200 : 201, {{"person_id", done->person.str()},
                                                         {"person_name", done->person_name},
                                                         {"payment_id", done->payment_id},
                                                         {"amount_pence", done->amount.value()},
                                                         {"paid_on", FormatIsoDate(done->paid_on)},
                                                         {"reference", done->reference},
                                                         {"owed_pence", done->owed_now.value()},
                                                         {"replayed", done->replayed},
                                                         {"sentence", done->sentence}});
      });

  // The finance settings: the payment run approval threshold and the provider invoice
  // tolerance (docs/invoices.md).
  const auto settings_json = [&payments](const app::Context& ctx) -> Response {
    auto settings = payments.Settings(ctx);
    if (!settings) return ProblemFromError(settings.error());
    return JsonResponse(
        200, {{"approval_threshold_pence", settings->approval_threshold.value()},
              {"invoice_tolerance_basis_points", settings->invoice_tolerance.basis_points},
              {"invoice_tolerance_minimum_pence", settings->invoice_tolerance.minimum.value()},
              {"payment_run_every_days", settings->run_every_days}});
  };

  router.Add("GET", "/api/finance-settings", "finance-settings.get", Action::kPaymentsManage,
             [settings_json](const Request& request, const PathParams&) {
               return settings_json(request.ctx);
             });

  router.Add("PUT", "/api/finance-settings", "finance-settings.set", Action::kFinanceSettingsManage,
             [&payments, settings_json](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               app::Payments::FinanceSettingsChange change;
               if (auto t = f.OptionalInteger("approval_threshold_pence")) {
                 change.approval_threshold = Pence(*t);
               }
               change.tolerance_basis_points = f.OptionalInteger("invoice_tolerance_basis_points");
               if (auto m = f.OptionalInteger("invoice_tolerance_minimum_pence")) {
                 change.tolerance_minimum = Pence(*m);
               }
               change.run_every_days = f.OptionalInteger("payment_run_every_days");
               auto errors = f.Finish();
               if (!change.approval_threshold && !change.tolerance_basis_points &&
                   !change.tolerance_minimum && !change.run_every_days && errors.empty()) {
                 errors.push_back({"approval_threshold_pence",
                                   "Enter the total in pence above which a run needs a second "
                                   "finance officer, an invoice tolerance or how often "
                                   "payments are run"});
               }
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               if (auto s = payments.SetFinanceSettings(request.ctx, change); !s) {
                 return ProblemFromError(s.error());
               }
               return settings_json(request.ctx);
             });

  router.Add("GET", "/api/payment-runs/preview", "payment-runs.preview", Action::kPaymentsManage,
             [&payments](const Request& request, const PathParams&) {
               auto view = payments.Preview(request.ctx, request.QueryParam("date"));
               if (!view) return ProblemFromError(view.error());
               return JsonResponse(200, RunJson(*view, true));
             });

  router.Add("POST", "/api/payment-runs", "payment-runs.start", Action::kPaymentsManage,
             [&payments](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               const std::string text = f.String("date");
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto run = payments.Start(request.ctx, text);
               if (!run) return ProblemFromError(run.error());
               Response r = JsonResponse(201, RunJson(*run, true));
               r.SetHeader("Location", "/api/payment-runs/" + run->run->id.str());
               return r;
             });

  router.Add("GET", "/api/payment-runs", "payment-runs.list", Action::kPaymentsManage,
             [&payments](const Request& request, const PathParams&) {
               auto runs = payments.Runs(request.ctx);
               if (!runs) return ProblemFromError(runs.error());
               json::array items;
               for (const auto& v : *runs) items.push_back(RunJson(v, false));
               return JsonResponse(200, {{"runs", items}});
             });

  router.Add("GET", "/api/payment-runs/{run}", "payment-runs.get", Action::kPaymentsManage,
             [&payments](const Request& request, const PathParams& params) {
               auto id = RunId(params);
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto run = payments.Get(request.ctx, std::get<PaymentRunId>(id));
               if (!run) return ProblemFromError(run.error());
               return JsonResponse(200, RunJson(*run, true));
             });

  router.Add("POST", "/api/payment-runs/{run}/approve", "payment-runs.approve",
             Action::kPaymentsManage,
             [&payments](const Request& request, const PathParams& params) {
               auto id = RunId(params);
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto run = payments.Approve(request.ctx, std::get<PaymentRunId>(id));
               if (!run) return ProblemFromError(run.error());
               return JsonResponse(200, RunJson(*run, true));
             });

  router.Add("POST", "/api/payment-runs/{run}/reject", "payment-runs.reject",
             Action::kPaymentsManage,
             [&payments](const Request& request, const PathParams& params) {
               auto id = RunId(params);
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               const std::string reason = f.String("reason");
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto run = payments.Reject(request.ctx, std::get<PaymentRunId>(id), reason);
               if (!run) return ProblemFromError(run.error());
               return JsonResponse(200, RunJson(*run, true));
             });

  router.Add("POST", "/api/payment-runs/{run}/release", "payment-runs.release",
             Action::kPaymentsManage,
             [&payments](const Request& request, const PathParams& params) {
               auto id = RunId(params);
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto run = payments.Release(request.ctx, std::get<PaymentRunId>(id));
               if (!run) return ProblemFromError(run.error());
               return JsonResponse(200, RunJson(*run, true));
             });

  router.Add(
      "GET", "/api/payment-runs/{run}/payments", "payment-runs.payments", Action::kPaymentsManage,
      [&payments](const Request& request, const PathParams& params) {
        auto id = RunId(params);
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        ledger::RunLinesQuery query;
        std::vector<FieldError> errors;
        if (const std::string kind = request.QueryParam("kind"); !kind.empty()) {
          query.kind = ledger::ParsePaymentKind(kind);
          if (!query.kind) {
            errors.push_back({"kind",
                              "Choose the kind of payment: direct_payment, managed_budget, "
                              "one_off or contribution"});
          }
        }
        if (const std::string order = request.QueryParam("order"); !order.empty()) {
          auto parsed = ledger::ParseRunLineOrder(order);
          if (parsed) {
            query.order = *parsed;
          } else {
            errors.push_back({"order", "Choose the order: largest, name or run"});
          }
        }
        query.name = request.QueryParam("name");
        const auto page = QueryInt(request, "page", 1, std::numeric_limits<int>::max(), 1);
        const auto per_page = QueryInt(request, "per_page", 1, 100, app::RunPaymentsPage::kPerPage);
        if (!page) errors.push_back({"page", "Give the page as a whole number from 1"});
        if (!per_page) {
          errors.push_back({"per_page", "Give how many payments a page shows, from 1 to 100"});
        }
        if (!errors.empty()) return ValidationProblem(std::move(errors));
        auto found = payments.RunPayments(request.ctx, std::get<PaymentRunId>(id), std::move(query),
                                          *page, *per_page);
        if (!found) return ProblemFromError(found.error());
        json::array items;
        for (const app::RunPayment& p : found->payments) {
          const ledger::RunLine& l = p.line;
          items.push_back({{"seq", l.seq},
                           {"person_id", l.person.str()},
                           {"person_name", p.person_name},
                           {"kind", ledger::PaymentKindName(l.kind)},
                           {"payee", ledger::PayeeName(l.payee)},
                           {"amount_pence", l.amount.value()},
                           {"covers_from", FormatIsoDate(l.covers_from)},
                           {"covers_to", FormatIsoDate(l.covers_to)},
                           {"held_reason", l.held_reason},
                           {"status", l.held()   ? "held"
                                      : l.posted ? "paid"
                                                 : "to_pay"}});
        }
        return JsonResponse(200, {{"payments", std::move(items)},
                                  {"page", found->page},
                                  {"pages", found->pages},
                                  {"per_page", found->per_page},
                                  {"total", found->total}});
      });

  router.Add("GET", "/api/payment-runs/{run}/payments.csv", "payment-runs.report",
             Action::kPaymentsManage,
             [&payments](const Request& request, const PathParams& params) {
               auto id = RunId(params);
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto file = payments.Report(request.ctx, std::get<PaymentRunId>(id));
               if (!file) return ProblemFromError(file.error());
               return CsvDownload(std::move(file->csv), file->file_name);
             });

  router.Add("GET", "/api/payment-runs/{run}/file", "payment-runs.file", Action::kPaymentsManage,
             [&payments](const Request& request, const PathParams& params) {
               auto id = RunId(params);
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto file = payments.File(request.ctx, std::get<PaymentRunId>(id));
               if (!file) return ProblemFromError(file.error());
               return CsvDownload(std::move(file->csv), file->file_name);
             });
}

}  // namespace selfdirect::http
