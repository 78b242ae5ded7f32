// The ledger API. Thin: JSON in, one Ledger use case, JSON out.
#include "selfdirect/http/ledger_api.h"

#include <boost/json.hpp>

#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

json::value PenceOrNull(const Result<Pence>& p) {
  return p ? json::value(p->value()) : json::value(nullptr);
}

json::object AccountJson(const ledger::Account& a) {
  const ledger::Balances& b = a.balances;
  return {{"id", a.id.str()},
          {"type", ledger::AccountTypeCode(a.type)},
          {"type_label", ledger::AccountTypeLabel(a.type)},
          {"owner_kind", ledger::OwnerKindCode(a.owner.kind)},
          {"owner_id", a.owner.id},
          {"scheme_id", a.scheme ? json::value(a.scheme->str()) : nullptr},
          {"name", a.name},
          {"debits_must_not_exceed_credits", a.flags.debits_must_not_exceed_credits},
          {"credits_must_not_exceed_debits", a.flags.credits_must_not_exceed_debits},
          {"closed_at", a.closed_at ? json::value(FormatTimestamp(*a.closed_at)) : nullptr},
          {"created_at", FormatTimestamp(a.created_at)},
          {"debits_posted_pence", b.debits_posted.value()},
          {"credits_posted_pence", b.credits_posted.value()},
          {"debits_pending_pence", b.debits_pending.value()},
          {"credits_pending_pence", b.credits_pending.value()},
          {"balance_pence", PenceOrNull(ledger::PostedCreditBalance(b))},
          {"available_pence", PenceOrNull(ledger::AvailableCreditBalance(b))}};
}

json::object BalancesJson(const ledger::Balances& b) {
  return {{"debits_posted_pence", b.debits_posted.value()},
          {"credits_posted_pence", b.credits_posted.value()},
          {"debits_pending_pence", b.debits_pending.value()},
          {"credits_pending_pence", b.credits_pending.value()}};
}

// The books check (GET /api/ledger/check): counts, whether money out equals money in, and every
// account whose stored balances differ from its transfers.
json::object CheckJson(const ledger::LedgerCheck& c, Timestamp at) {
  json::array mismatches;
  for (const ledger::BalanceMismatch& m : c.mismatches) {
    mismatches.push_back({{"account_id", m.account.str()},
                          {"name", m.name},
                          {"stored", BalancesJson(m.stored)},
                          {"from_transfers", BalancesJson(m.recomputed)}});
  }
  json::array problems;
  for (const std::string& p : c.problems) problems.push_back(json::value(p));
  return {{"checked_at", FormatTimestamp(at)},
          {"accounts", c.accounts},
          {"transfers", c.transfers},
          {"balanced", c.balanced()},
          {"clean", c.clean()},
          {"mismatches", std::move(mismatches)},
          {"problems", std::move(problems)}};
}

json::object TransferJson(const ledger::Transfer& t) {
  return {{"id", t.id.str()},
          {"debit_account_id", t.debit_account.str()},
          {"credit_account_id", t.credit_account.str()},
          {"amount_pence", t.amount.value()},
          {"amount", FormatPounds(t.amount)},
          {"code", ledger::TransferCodeCode(t.code)},
          {"flags", ledger::TransferFlagCode(t.flag)},
          {"reference", t.reference},
          {"pending_id", t.pending_id ? json::value(t.pending_id->str()) : nullptr},
          {"corrects", t.corrects ? json::value(t.corrects->str()) : nullptr},
          {"created_at", FormatTimestamp(t.created_at)},
          {"created_by", t.created_by.str()},
          {"value_date", FormatIsoDate(ledger::ValueDate(t))}};
}

// A yes/no field: true, false or absent; a wrong type is an error named after the field.
std::optional<bool> Bool(const json::object& o, const char* name, std::vector<FieldError>* errors) {
  const auto* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_bool()) {
    errors->push_back({name, "Answer yes (true) or no (false)"});
    return std::nullopt;
  }
  return v->as_bool();
}

}  // namespace

void RegisterLedgerApi(Router& router, app::Ledger& ledger) {
  router.Add("GET", "/api/ledger/check", "ledger.check", Action::kLedgerRead,
             [&ledger](const Request& request, const PathParams&) {
               auto check = ledger.CheckBooks(request.ctx);
               if (!check) return ProblemFromError(check.error());
               return JsonResponse(200, CheckJson(check->check, check->at));
             });

  router.Add(
      "POST", "/api/ledger/accounts", "ledger.accounts.create", Action::kLedgerAccountsOpen,
      [&ledger](const Request& request, const PathParams&) {
        auto body = ReadObject(request);
        if (auto* problem = std::get_if<Response>(&body)) return *problem;
        const auto& o = std::get<json::object>(body);
        Fields f(o);
        ledger::NewAccount a;
        a.type = f.String("type");
        a.owner_kind = f.String("owner_kind");
        a.owner_id = f.String("owner_id");
        a.scheme = f.String("scheme_id");
        a.name = f.String("name");
        f.Known("debits_must_not_exceed_credits");
        f.Known("credits_must_not_exceed_debits");
        auto errors = f.Finish();
        a.debits_must_not_exceed_credits = Bool(o, "debits_must_not_exceed_credits", &errors);
        a.credits_must_not_exceed_debits = Bool(o, "credits_must_not_exceed_debits", &errors);
        if (!errors.empty()) return ValidationProblem(std::move(errors));
        auto opened = ledger.OpenAccount(request.ctx, a);
        if (!opened) return ProblemFromError(opened.error());
        Response r = JsonResponse(201, AccountJson(*opened));
        r.SetHeader("Location", "/api/ledger/accounts/" + opened->id.str());
        return r;
      });

  router.Add("GET", "/api/ledger/accounts/{account}", "ledger.accounts.get", Action::kLedgerRead,
             [&ledger](const Request& request, const PathParams& params) {
               auto id = PathId<LedgerAccountId>(params, "account");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto account = ledger.GetAccount(request.ctx, std::get<LedgerAccountId>(id));
               if (!account) return ProblemFromError(account.error());
               return JsonResponse(200, AccountJson(*account));
             });

  router.Add(
      "GET", "/api/ledger/accounts/{account}/transfers", "ledger.accounts.transfers",
      Action::kLedgerRead, [&ledger](const Request& request, const PathParams& params) {
        auto id = PathId<LedgerAccountId>(params, "account");
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        const auto limit = QueryInt(request, "limit", 1, 200, 50);
        if (!limit) {
          return ValidationProblem({{"limit", "Enter how many transfers to show, from 1 to 200"}});
        }
        auto page = ledger.TransfersOf(request.ctx, std::get<LedgerAccountId>(id), *limit,
                                       request.QueryParam("after"));
        if (!page) return ProblemFromError(page.error());
        json::array items;
        for (const auto& t : page->transfers) items.push_back(TransferJson(t));
        return JsonResponse(
            200,
            {{"items", items},
             {"next_after", page->next_after ? json::value(page->next_after->str()) : nullptr}});
      });

  router.Add("POST", "/api/ledger/transfers", "ledger.transfers.create",
             Action::kLedgerTransfersCreate, [&ledger](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               ledger::TransferRequest t;
               t.id = f.String("id");
               t.debit_account = f.String("debit_account_id");
               t.credit_account = f.String("credit_account_id");
               if (auto amount = f.OptionalInteger("amount_pence")) t.amount_pence = *amount;
               t.code = f.String("code");
               t.reference = f.String("reference");
               t.flags = f.String("flags");
               t.pending_id = f.String("pending_id");
               t.corrects = f.String("corrects");
               t.value_date = f.String("value_date");
               auto errors = f.Finish();
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto outcome = ledger.CreateTransfer(request.ctx, t);
               if (!outcome) return ProblemFromError(outcome.error());
               // A replay answers 200 with the transfer first recorded; a new transfer, 201.
               return JsonResponse(outcome->already_existed ? 200 : 201,
                                   TransferJson(outcome->transfer));
             });
}

}  // namespace selfdirect::http
