#include "selfdirect/ledger/payments.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_set>

#include "selfdirect/core/csv.h"
#include "selfdirect/core/text.h"

namespace selfdirect::ledger {

int CommittedYear(const BudgetRecord& budget) {
  return std::max(budget.committed_year, FinancialYearOf(budget.start).start_year());
}

BudgetInForce ToBudgetInForce(const BudgetRecord& b) {
  BudgetInForce out;
  out.budget = b.id.str();
  out.start = b.start;
  for (const StoredTerms& t : b.terms) out.terms.push_back(t.terms);
  out.one_offs = b.one_offs;
  for (const StoredSuspension& s : b.suspensions) out.suspensions.push_back(s.suspension);
  out.end = b.end;
  out.collection = b.collection;
  out.interval = b.interval;
  out.weeks_per_year = b.weeks_per_year;
  return out;
}

std::vector<std::string> PaymentKeyPrefixes(const BudgetId& budget) {
  std::vector<std::string> out;
  for (const char* kind : {"contribution", "dp", "mb", "oneoff"}) {
    out.push_back(fmt::format("{}:{}:", kind, budget.str()));
  }
  return out;
}

const char* PayRouteName(PayRoute route) {
  return route == PayRoute::kDirectPayment ? "direct_payment" : "managed_budget";
}

std::optional<PayRoute> ParsePayRoute(std::string_view text) {
  if (text == "direct_payment") return PayRoute::kDirectPayment;
  if (text == "managed_budget") return PayRoute::kManagedBudget;
  return std::nullopt;
}

namespace {

// The digits of `text`, or nullopt when it has anything but digits, spaces and dashes.
std::optional<std::string> DigitsOf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      out.push_back(c);
    } else if (c != ' ' && c != '-') {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace

Result<PaymentDetails> ValidatePaymentDetails(const PaymentDetailsRequest& r) {
  std::vector<FieldError> errors;
  PaymentDetails out;
  if (auto route = ParsePayRoute(r.route)) {
    out.route = *route;
  } else {
    errors.push_back(
        {"route", "Choose whether this is for the direct payment or a managed budget"});
  }
  out.payee_name = Trim(r.payee_name);
  if (out.payee_name.empty()) {
    errors.push_back({"payee_name", "Enter the name on the bank account or card"});
  } else if (out.payee_name.size() > 140) {
    errors.push_back({"payee_name", "The name must be 140 characters or fewer"});
  }
  const std::string sort = Trim(r.sort_code), account = Trim(r.account_number),
                    card = Trim(r.card_reference);
  const bool bank = !sort.empty() || !account.empty();
  if (bank && !card.empty()) {
    errors.push_back({"card_reference",
                      "Enter either a bank account (sort code and account number) or a prepaid "
                      "card reference, not both"});
  } else if (!bank && card.empty()) {
    errors.push_back({"sort_code", "Enter a sort code and account number, or a card reference"});
  }
  if (bank) {
    auto s = DigitsOf(sort);
    if (!s || s->size() != 6) {
      errors.push_back({"sort_code", "Enter a valid sort code like 309430"});
    } else {
      out.sort_code = *s;
    }
    auto a = DigitsOf(account);
    if (!a || a->size() != 8) {
      errors.push_back({"account_number", "Enter a valid account number like 00733445"});
    } else {
      out.account_number = *a;
    }
  }
  if (!card.empty()) {
    const bool valid = card.size() <= 40 && std::all_of(card.begin(), card.end(), [](char c) {
                         return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
                       });
    if (!valid) {
      errors.push_back({"card_reference",
                        "Enter the card reference as it is on the card provider's letter: up to "
                        "40 letters, numbers and dashes"});
    } else {
      out.card_reference = card;
    }
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return out;
}

std::string MaskAccountNumber(std::string_view account_number) {
  if (account_number.size() <= 4) return std::string(account_number);
  return "****" + std::string(account_number.substr(account_number.size() - 4));
}

const char* RunStatusName(RunStatus status) {
  switch (status) {
    case RunStatus::kAwaitingApproval:
      return "awaiting_approval";
    case RunStatus::kReady:
      return "ready";
    case RunStatus::kReleasing:
      return "releasing";
    case RunStatus::kReleased:
      return "released";
    case RunStatus::kRejected:
      return "rejected";
  }
  return "ready";
}

const char* RunStatusLabel(RunStatus status) {
  switch (status) {
    case RunStatus::kAwaitingApproval:
      return "Waiting for a second approval";
    case RunStatus::kReady:
      return "Ready to release";
    case RunStatus::kReleasing:
      return "Being released";
    case RunStatus::kReleased:
      return "Released";
    case RunStatus::kRejected:
      return "Rejected";
  }
  return "Ready to release";
}

std::optional<RunStatus> ParseRunStatus(std::string_view text) {
  for (RunStatus s : {RunStatus::kAwaitingApproval, RunStatus::kReady, RunStatus::kReleasing,
                      RunStatus::kReleased, RunStatus::kRejected}) {
    if (text == RunStatusName(s)) return s;
  }
  return std::nullopt;
}

const char* RunLineOrderName(RunLineOrder order) {
  switch (order) {
    case RunLineOrder::kLargestFirst:
      return "largest";
    case RunLineOrder::kByName:
      return "name";
    case RunLineOrder::kRunOrder:
      return "run";
  }
  return "largest";
}

std::optional<RunLineOrder> ParseRunLineOrder(std::string_view name) {
  for (RunLineOrder o :
       {RunLineOrder::kLargestFirst, RunLineOrder::kByName, RunLineOrder::kRunOrder}) {
    if (name == RunLineOrderName(o)) return o;
  }
  return std::nullopt;
}

Date PaysThrough(Date date, int every_days) { return AddDays(date, std::max(every_days, 1) - 1); }

Status CheckRunEveryDays(std::int64_t every_days) {
  if (every_days < 1 || every_days > kMaxRunEveryDays) {
    return FailFields({{"payment_run_every_days",
                        fmt::format("Enter how often payments are run, as a number of days from 1 "
                                    "to {} (7 for weekly runs, 28 for four-weekly)",
                                    kMaxRunEveryDays)}});
  }
  return {};
}

std::string PaysThroughSentence(Date date, Date pays_through) {
  const int every = DaysBetween(date, pays_through) + 1;
  if (every <= 1) {
    return fmt::format("It pays every period that begins on or before {}.", FormatLongDate(date));
  }
  return fmt::format(
      "It pays every period that begins on or before {}, the day before the next run (runs are "
      "every {} days), so each is paid before it begins.",
      FormatLongDate(pays_through), every);
}

Result<RunTotals> Summarise(std::span<const RunLine> lines) {
  RunTotals out;
  out.total = Pence(0);
  std::map<PaymentKind, KindTotal> kinds;
  std::unordered_set<std::string_view> budgets;  // into the lines' own ids
  for (const RunLine& l : lines) {
    if (l.held()) {
      ++out.held;
      continue;
    }
    ++out.to_post;
    if (l.posted) ++out.posted;
    KindTotal& k = kinds[l.kind];
    k.kind = l.kind;
    ++k.count;
    auto sum = k.total.Plus(l.amount);
    if (!sum) return tl::unexpected(sum.error());
    k.total = *sum;
    if (l.paid_out()) {
      ++out.payments;
      auto total = out.total.Plus(l.amount);
      if (!total) return tl::unexpected(total.error());
      out.total = *total;
      budgets.insert(l.budget.str());
    }
  }
  out.budgets = static_cast<std::int64_t>(budgets.size());
  for (auto& [kind, total] : kinds) out.by_kind.push_back(total);
  return out;
}

PayRoute RouteOf(const RunLine& line) {
  return line.payee == Payee::kHoldingOrganisation ? PayRoute::kManagedBudget
                                                   : PayRoute::kDirectPayment;
}

BudgetRunLines LinesOf(const BudgetRecord& budget, const DueRun& due, bool has_direct_details,
                       bool has_managed_details, std::int64_t next_seq,
                       std::int64_t next_overpaid_seq) {
  BudgetRunLines out;
  for (const ScheduledPayment& p : due.payments) {
    RunLine line;
    line.seq = next_seq++;
    line.transfer_id = p.key;
    line.budget = budget.id;
    line.person = budget.person;
    line.kind = p.kind;
    line.payee = p.payee;
    line.amount = p.amount;
    line.covers_from = p.covers_from;
    line.covers_to = p.covers_to;
    if (auto accounts = AccountsFor(line, budget)) {
      line.debit_account = accounts->first;
      line.credit_account = accounts->second;
    }
    if (p.kind != PaymentKind::kContribution) {
      const bool managed = p.payee == Payee::kHoldingOrganisation;
      if (managed && !has_managed_details) {
        line.held_reason =
            "No payment details for the organisation holding the managed budget: add them, and "
            "the next run pays it";
      } else if (!managed && !has_direct_details) {
        line.held_reason =
            "No bank account or prepaid card for the direct payment: add one, and the next run "
            "pays it";
      }
    }
    out.lines.push_back(std::move(line));
  }
  for (const Overpayment& o : due.overpaid) {
    RunOverpaid r;
    r.seq = next_overpaid_seq++;
    r.budget = budget.id;
    r.person = budget.person;
    r.recovery_id = o.recovery_key;
    r.to_recover = o.to_recover;
    r.sentence = o.sentence;
    out.overpaid.push_back(std::move(r));
  }
  return out;
}

namespace {

// The account a line needs and its budget lacks.
Error MissingAccount(const RunLine& line) {
  const char* what = line.kind == PaymentKind::kContribution     ? "contribution"
                     : RouteOf(line) == PayRoute::kManagedBudget ? "managed budget"
                                                                 : "direct payment";
  return Error{ErrorCode::kFailedPrecondition,
               fmt::format("The budget {} has no {} account for {}", line.budget.str(), what,
                           line.transfer_id),
               {}};
}

}  // namespace

Result<std::pair<LedgerAccountId, LedgerAccountId>> AccountsFor(const RunLine& line,
                                                                const BudgetRecord& budget) {
  if (line.kind == PaymentKind::kContribution) {
    if (!budget.contribution_account) return tl::unexpected(MissingAccount(line));
    return std::make_pair(*budget.contribution_account, budget.commitment_account);
  }
  const std::optional<LedgerAccountId>& to =
      RouteOf(line) == PayRoute::kManagedBudget ? budget.managed_account : budget.holding_account;
  if (!to) return tl::unexpected(MissingAccount(line));
  return std::make_pair(budget.commitment_account, *to);
}

Result<Transfer> TransferFor(const RunLine& line, const CouncilId& council, const PaymentRunId& run,
                             Date paid_on, Timestamp at, const UserId& by) {
  if (line.debit_account.empty() || line.credit_account.empty()) {
    return tl::unexpected(MissingAccount(line));
  }
  auto id = TransferId::Parse(line.transfer_id);
  if (!id) return tl::unexpected(id.error());
  Transfer t;
  t.id = *id;
  t.council = council;
  t.debit_account = line.debit_account;
  t.credit_account = line.credit_account;
  t.amount = line.amount;
  t.code = line.kind == PaymentKind::kContribution ? TransferCode::kContribution
           : line.kind == PaymentKind::kOneOff     ? TransferCode::kOneOff
                                                   : TransferCode::kPayment;
  t.reference = "payment run " + run.str();
  t.created_at = at;
  t.created_by = by;
  t.value_date = paid_on;
  return t;
}

Result<Transfer> RecoveryTransfer(const Overpayment& overpayment, const BudgetRecord& budget,
                                  std::string_view reason, Timestamp at, const UserId& by) {
  auto id = TransferId::Parse(overpayment.recovery_key);
  if (!id) return tl::unexpected(id.error());
  Transfer t;
  t.id = *id;
  t.council = budget.council;
  t.amount = overpayment.to_recover;
  t.reference = fmt::format("recovery of {}: {}", overpayment.key, reason).substr(0, 200);
  t.created_at = at;
  t.created_by = by;
  const std::optional<LedgerAccountId>* from = nullptr;
  const char* what = "";
  switch (overpayment.kind) {
    case PaymentKind::kContribution:
      if (!budget.contribution_account) {
        return Fail(ErrorCode::kFailedPrecondition,
                    fmt::format("The budget {} has no contribution account", budget.id.str()));
      }
      t.code = TransferCode::kContribution;
      t.debit_account = budget.commitment_account;
      t.credit_account = *budget.contribution_account;
      return t;
    case PaymentKind::kManagedBudget:
      from = &budget.managed_account;
      what = "managed budget";
      break;
    case PaymentKind::kDirectPayment:
      from = &budget.holding_account;
      what = "direct payment";
      break;
    case PaymentKind::kOneOff:
      from = budget.holding_account ? &budget.holding_account : &budget.managed_account;
      what = "direct payment or managed budget";
      break;
  }
  if (from == nullptr || !*from) {
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("The budget {} has no {} account to recover {} from", budget.id.str(),
                            what, overpayment.key));
  }
  t.code = TransferCode::kClawback;
  t.debit_account = **from;
  t.credit_account = budget.commitment_account;
  return t;
}

namespace {

// A spreadsheet reads a field starting with = + - @ as a formula; the payment file is opened in
// spreadsheets by people checking it.
std::string Safe(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
    return "'" + std::string(text);
  }
  return std::string(text);
}

}  // namespace

std::string PaymentFile(std::span<const RunLine> lines,
                        const std::map<std::pair<PersonId, PayRoute>, PaymentDetails>& details) {
  std::string out =
      "payee_name,sort_code,account_number,card_reference,amount,reference,person_id,kind,"
      "covers_from,covers_to\r\n";
  for (const RunLine& l : lines) {
    if (l.held() || !l.paid_out()) continue;
    auto found = details.find({l.person, RouteOf(l)});
    if (found == details.end()) continue;
    const PaymentDetails& d = found->second;
    // "SD ddmmyy": the day the period starts.
    char reference[] = "SD 000000";
    const unsigned parts[3] = {static_cast<unsigned>(l.covers_from.day()),
                               static_cast<unsigned>(l.covers_from.month()),
                               static_cast<unsigned>(static_cast<int>(l.covers_from.year()) % 100)};
    for (int i = 0; i < 3; ++i) {
      reference[3 + 2 * i] = static_cast<char>('0' + parts[i] / 10 % 10);
      reference[4 + 2 * i] = static_cast<char>('0' + parts[i] % 10);
    }
    const auto field = [&](std::string_view text, bool first = false) {
      if (!first) out.push_back(',');
      AppendCsvField(out, text);
    };
    field(Safe(d.payee_name), /*first=*/true);
    field(d.sort_code);
    field(d.account_number);
    field(Safe(d.card_reference));
    field(FormatDecimal(l.amount));
    field(reference);
    field(l.person.str());
    field(PaymentKindName(l.kind));
    field(FormatIsoDate(l.covers_from));
    field(FormatIsoDate(l.covers_to));
    out += "\r\n";
  }
  return out;
}

const StoredTerms* TermsOn(const BudgetRecord& budget, Date date) {
  const StoredTerms* out = nullptr;
  for (const StoredTerms& t : budget.terms) {
    if (t.terms.from <= date) out = &t;
  }
  return out;
}

Result<Pence> WeeklyCost(const BudgetRecord& budget, const StoredTerms& terms, PayRoute route) {
  const RecurringCost& cost =
      route == PayRoute::kDirectPayment ? terms.terms.direct_payment : terms.terms.managed_budget;
  auto yearly = cost.per_year.MulDiv(budget.weeks_per_year.denominator,
                                     budget.weeks_per_year.numerator, RoundingRule::kHalfUp);
  if (!yearly) return tl::unexpected(yearly.error());
  return cost.per_week.Plus(*yearly);
}

}  // namespace selfdirect::ledger
