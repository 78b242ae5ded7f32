#include "selfdirect/ledger/transfer.h"

#include <fmt/format.h>

#include <array>

namespace selfdirect::ledger {
namespace {

constexpr std::array<LedgerCodeLabel, 10> kTransferCodes = {{
    {"budget_commitment", "Budget committed"},
    {"payment", "Payment"},
    {"invoice", "Provider invoice"},
    {"contribution", "Contribution"},
    {"top_up", "Top-up"},
    {"one_off", "One-off payment"},
    {"spend", "Spending"},
    {"clawback", "Money recovered"},
    {"refund", "Refund"},
    {"correction", "Correction"},
}};

constexpr std::array<LedgerCodeLabel, 4> kTransferFlags = {{
    {"none", "Posted at once"},
    {"pending", "Pending"},
    {"post_pending", "Posts a pending transfer"},
    {"void_pending", "Voids a pending transfer"},
}};

// Every flow that writes to the ledger, with the beginnings of the ids it gives its transfers.
// The demo council's test checks that each transfer it makes begins with one of these.
constexpr std::array<std::string_view, 11> kReservedPrefixes = {
    "dp:",                 // payment runs: direct payments (ledger/schedule.cc)
    "mb:",                 // managed budgets
    "oneoff:",             // one-off items
    "contribution:",       // contributions collected by the runs
    "commit:",             // committing a budget (app/payments.cc)
    "release:",            // releasing a commitment
    "stmt:",               // statement lines (app/statements.cc)
    "invoice:",            // provider invoices (ledger/invoices.cc)
    "pool:",               // pooled budgets (market/pools.cc)
    "clawback:",           // recovering a surplus (ledger/monitoring_repository.cc)
    "contribution-paid:",  // contributions paid in (ledger/contributions.cc)
};

template <typename E, std::size_t N>
std::optional<E> Find(const std::array<LedgerCodeLabel, N>& list, std::string_view code) {
  for (std::size_t i = 0; i < N; ++i) {
    if (code == list[i].code) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::size_t kMaxReference = 200;

bool Resolves(TransferFlag f) {
  return f == TransferFlag::kPostPending || f == TransferFlag::kVoidPending;
}

tl::unexpected<Error> FieldFailure(ErrorCode code, const std::string& field,
                                   const std::string& message) {
  return tl::unexpected(Error{code, message, {{field, message}}});
}

// The account after `t` moves money out of it (is_debit) or into it, by the rules of its flag.
// `pending_amount` is what a post or void releases from the pending totals.
Result<Balances> Move(const Balances& before, bool is_debit, const Transfer& t,
                      Pence pending_amount) {
  Balances b = before;
  Pence& posted = is_debit ? b.debits_posted : b.credits_posted;
  Pence& pending = is_debit ? b.debits_pending : b.credits_pending;
  auto add = [](Pence& total, Pence amount) -> Status {
    auto sum = total.Plus(amount);
    if (!sum) return tl::unexpected(sum.error());
    total = *sum;
    return Ok();
  };
  auto release = [](Pence& total, Pence amount) -> Status {
    auto rest = total.Minus(amount);
    if (!rest || rest->value() < 0) {
      return Fail(ErrorCode::kInternal, "a pending total would go below zero");
    }
    total = *rest;
    return Ok();
  };
  Status s = Ok();
  switch (t.flag) {
    case TransferFlag::kNone:
      s = add(posted, t.amount);
      break;
    case TransferFlag::kPending:
      s = add(pending, t.amount);
      break;
    case TransferFlag::kPostPending:
      s = release(pending, pending_amount);
      if (s) s = add(posted, t.amount);
      break;
    case TransferFlag::kVoidPending:
      s = release(pending, pending_amount);
      break;
  }
  if (!s) return tl::unexpected(s.error());
  return b;
}

// The balance rule of `a` with balances `b`, as an error saying which account and by how much.
Status CheckRule(const Account& a, const Balances& b) {
  if (a.flags.debits_must_not_exceed_credits) {
    auto out = b.debits_pending.Plus(b.debits_posted);
    if (!out) return FieldFailure(ErrorCode::kOverflow, "amount_pence", out.error().message);
    if (*out > b.credits_posted) {
      const Pence by(out->value() - b.credits_posted.value());  // both ≥ 0: no overflow
      return FieldFailure(
          ErrorCode::kFailedPrecondition, "amount_pence",
          fmt::format("The account \"{}\" does not have enough money: this transfer would take "
                      "it {} below zero",
                      a.name, FormatPounds(by)));
    }
  }
  if (a.flags.credits_must_not_exceed_debits) {
    auto in = b.credits_pending.Plus(b.credits_posted);
    if (!in) return FieldFailure(ErrorCode::kOverflow, "amount_pence", in.error().message);
    if (*in > b.debits_posted) {
      const Pence by(in->value() - b.debits_posted.value());
      return FieldFailure(
          ErrorCode::kFailedPrecondition, "amount_pence",
          fmt::format("The account \"{}\" may not take in more than has gone out of it: this "
                      "transfer would exceed that by {}",
                      a.name, FormatPounds(by)));
    }
  }
  return Ok();
}

}  // namespace

std::span<const LedgerCodeLabel> TransferCodes() { return kTransferCodes; }
std::span<const LedgerCodeLabel> TransferFlags() { return kTransferFlags; }
const char* TransferCodeCode(TransferCode c) { return kTransferCodes[static_cast<int>(c)].code; }
const char* TransferCodeLabel(TransferCode c) { return kTransferCodes[static_cast<int>(c)].label; }
std::optional<TransferCode> ParseTransferCode(std::string_view code) {
  return Find<TransferCode>(kTransferCodes, code);
}
const char* TransferFlagCode(TransferFlag f) { return kTransferFlags[static_cast<int>(f)].code; }
std::optional<TransferFlag> ParseTransferFlag(std::string_view code) {
  return Find<TransferFlag>(kTransferFlags, code);
}

Date ValueDate(const Transfer& t) { return t.value_date.value_or(DayOf(t.created_at)); }

namespace {

// Compares two ids as text, except that runs of digits compare as numbers ("row 3" before
// "row 25"; leading zeros ignored, then the shorter run first).
int CompareNatural(std::string_view a, std::string_view b) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && digit(a[ie])) ++ie;
      while (je < b.size() && digit(b[je])) ++je;
      std::size_t is = i, js = j;
      while (is + 1 < ie && a[is] == '0') ++is;
      while (js + 1 < je && b[js] == '0') ++js;
      if (ie - is != je - js) return ie - is < je - js ? -1 : 1;
      if (int c = a.substr(is, ie - is).compare(b.substr(js, je - js)); c != 0) return c;
      if (ie - i != je - j) return ie - i < je - j ? -1 : 1;
      i = ie;
      j = je;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j] ? -1 : 1;
    ++i;
    ++j;
  }
  if (i == a.size() && j == b.size()) return 0;
  return i == a.size() ? -1 : 1;
}

}  // namespace

bool MovedBefore(const Transfer& a, const Transfer& b) {
  const Date da = ValueDate(a), db = ValueDate(b);
  if (da != db) return da < db;
  if (a.created_at != b.created_at) return a.created_at < b.created_at;
  return CompareNatural(a.id.str(), b.id.str()) < 0;
}

std::optional<std::string_view> ReservedPrefixOf(std::string_view id) {
  for (const std::string_view prefix : kReservedPrefixes) {
    if (id.starts_with(prefix)) return prefix;
  }
  return std::nullopt;
}

Result<Transfer> ParseTransfer(const TransferRequest& r) {
  std::vector<FieldError> errors;
  Transfer t;
  if (auto reserved = ReservedPrefixOf(r.id)) {
    errors.push_back({"id", fmt::format("Ids beginning \"{}\" are kept for the transfers "
                                        "selfdirect makes itself: choose another id",
                                        *reserved)});
  } else if (auto id = TransferId::Parse(r.id)) {
    t.id = *id;
  } else {
    errors.push_back({"id",
                      "Enter the transfer's id: 1 to 64 letters, digits and the characters "
                      "_ : . - (send the same id again to retry safely)"});
  }
  if (!r.flags.empty()) {
    if (auto flag = ParseTransferFlag(r.flags)) {
      t.flag = *flag;
    } else {
      errors.push_back({"flags", "Choose none, pending, post_pending or void_pending"});
    }
  }
  auto account = [&](const std::string& text, const char* field, LedgerAccountId& out) {
    if (text.empty()) return;  // required or not: CheckShape says
    if (auto id = LedgerAccountId::Parse(text)) {
      out = *id;
    } else {
      errors.push_back({field, "Enter the account's id (26 letters and digits)"});
    }
  };
  account(r.debit_account, "debit_account_id", t.debit_account);
  account(r.credit_account, "credit_account_id", t.credit_account);
  t.amount = Pence(r.amount_pence.value_or(0));
  if (auto code = ParseTransferCode(r.code)) {
    t.code = *code;
  } else {
    errors.push_back({"code",
                      "Say what the transfer is for: budget_commitment, payment, invoice, "
                      "contribution, top_up, one_off, spend, clawback, refund or correction"});
  }
  t.reference = r.reference;
  auto transfer_id = [&](const std::string& text, const char* field,
                         std::optional<TransferId>& out) {
    if (text.empty()) return;
    if (auto id = TransferId::Parse(text)) {
      out = *id;
    } else {
      errors.push_back({field, "Enter a transfer id: 1 to 64 letters, digits and _ : . -"});
    }
  };
  transfer_id(r.pending_id, "pending_id", t.pending_id);
  transfer_id(r.corrects, "corrects", t.corrects);
  if (!r.value_date.empty()) {
    if (auto day = ParseIsoDate(r.value_date)) {
      t.value_date = *day;
    } else {
      errors.push_back(
          {"value_date", "Enter the day the money moved as a date, for example 2026-11-19"});
    }
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  if (auto shape = CheckShape(t); !shape) return tl::unexpected(shape.error());
  return t;
}

Status CheckShape(const Transfer& t) {
  std::vector<FieldError> errors;
  if (!IsCallerKey(t.id.str())) {
    errors.push_back({"id", "Enter the transfer's id: 1 to 64 letters, digits and _ : . -"});
  }
  const bool resolves = Resolves(t.flag);
  if (t.amount.value() < 0 || (t.amount.value() == 0 && !resolves)) {
    errors.push_back({"amount_pence", "Enter an amount of at least 1p, in whole pence"});
  }
  if (!resolves) {
    if (t.debit_account.empty()) {
      errors.push_back({"debit_account_id", "Choose the account the money comes from"});
    }
    if (t.credit_account.empty()) {
      errors.push_back({"credit_account_id", "Choose the account the money goes to"});
    }
    if (t.pending_id) {
      errors.push_back(
          {"pending_id", "Only a post_pending or void_pending transfer names a pending transfer"});
    }
  } else if (!t.pending_id) {
    errors.push_back({"pending_id", "Name the pending transfer to post or void"});
  }
  if (!t.debit_account.empty() && t.debit_account == t.credit_account) {
    errors.push_back({"credit_account_id",
                      "Choose two different accounts: money cannot move from an account to "
                      "itself"});
  }
  if (t.corrects && *t.corrects == t.id) {
    errors.push_back({"corrects", "A transfer cannot correct itself"});
  }
  if (t.pending_id && *t.pending_id == t.id) {
    errors.push_back({"pending_id", "A transfer cannot post or void itself"});
  }
  if (t.reference.size() > kMaxReference) {
    errors.push_back({"reference", "Keep the reference to 200 characters or fewer"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return Ok();
}

Result<Transfer> ResolveAgainstPending(const Transfer& t,
                                       const std::optional<PendingRecord>& pending) {
  if (!Resolves(t.flag)) return t;
  const std::string id = t.pending_id ? t.pending_id->str() : "";
  const bool posting = t.flag == TransferFlag::kPostPending;
  if (!pending) {
    return FieldFailure(
        ErrorCode::kInvalidArgument, "pending_id",
        "There is no transfer with the id " + id + " to " + (posting ? "post" : "void"));
  }
  const Transfer& p = pending->transfer;
  if (p.flag != TransferFlag::kPending) {
    return FieldFailure(ErrorCode::kInvalidArgument, "pending_id",
                        "Transfer " + id + " is not a pending transfer, so it cannot be " +
                            (posting ? "posted" : "voided"));
  }
  if (pending->status != PendingStatus::kPending) {
    return FieldFailure(ErrorCode::kFailedPrecondition, "pending_id",
                        "Transfer " + id + " has already been " +
                            (pending->status == PendingStatus::kPosted ? "posted" : "voided") +
                            ": a pending transfer is posted or voided once only");
  }
  Transfer out = t;
  if (!t.debit_account.empty() && t.debit_account != p.debit_account) {
    return FieldFailure(ErrorCode::kInvalidArgument, "debit_account_id",
                        "This is not the pending transfer's debit account: leave it out");
  }
  if (!t.credit_account.empty() && t.credit_account != p.credit_account) {
    return FieldFailure(ErrorCode::kInvalidArgument, "credit_account_id",
                        "This is not the pending transfer's credit account: leave it out");
  }
  out.debit_account = p.debit_account;
  out.credit_account = p.credit_account;
  if (posting) {
    if (t.amount > p.amount) {
      return FieldFailure(ErrorCode::kInvalidArgument, "amount_pence",
                          "You can post at most " + FormatPounds(p.amount) +
                              ", the amount pending (leave the amount out to post all of it)");
    }
    if (t.amount.value() == 0) out.amount = p.amount;
  } else {
    if (t.amount.value() != 0 && t.amount != p.amount) {
      return FieldFailure(ErrorCode::kInvalidArgument, "amount_pence",
                          "A void releases the whole pending amount (" + FormatPounds(p.amount) +
                              "): leave the amount out");
    }
    out.amount = p.amount;
  }
  return out;
}

Result<Posting> ApplyTransfer(const Transfer& t, const Account& debit, const Account& credit,
                              const std::optional<PendingRecord>& pending) {
  if (auto shape = CheckShape(t); !shape) return tl::unexpected(shape.error());
  auto resolved = ResolveAgainstPending(t, pending);
  if (!resolved) return tl::unexpected(resolved.error());
  if (debit.id != resolved->debit_account || credit.id != resolved->credit_account) {
    return Fail(ErrorCode::kInternal,
                "ApplyTransfer was given accounts the transfer does not name");
  }
  if (debit.council != t.council) {
    return FieldFailure(ErrorCode::kInvalidArgument, "debit_account_id",
                        "This account belongs to another council");
  }
  if (credit.council != t.council) {
    return FieldFailure(ErrorCode::kInvalidArgument, "credit_account_id",
                        "This account belongs to another council");
  }
  if (debit.closed()) {
    return FieldFailure(ErrorCode::kFailedPrecondition, "debit_account_id",
                        "The account \"" + debit.name + "\" is closed: it takes no transfers");
  }
  if (credit.closed()) {
    return FieldFailure(ErrorCode::kFailedPrecondition, "credit_account_id",
                        "The account \"" + credit.name + "\" is closed: it takes no transfers");
  }
  const Pence pending_amount = pending ? pending->transfer.amount : Pence(0);
  auto debit_after = Move(debit.balances, true, *resolved, pending_amount);
  auto credit_after = Move(credit.balances, false, *resolved, pending_amount);
  for (const auto* after : {&debit_after, &credit_after}) {
    if (!*after) {
      if (after->error().code == ErrorCode::kOverflow) {
        return FieldFailure(ErrorCode::kOverflow, "amount_pence",
                            "This amount would take an account's totals beyond what can be "
                            "recorded");
      }
      return tl::unexpected(after->error());
    }
  }
  if (auto rule = CheckRule(debit, *debit_after); !rule) return tl::unexpected(rule.error());
  if (auto rule = CheckRule(credit, *credit_after); !rule) return tl::unexpected(rule.error());
  return Posting{std::move(*resolved), *debit_after, *credit_after};
}

Status CheckReplay(const Transfer& stored, const Transfer& requested,
                   std::optional<Pence> pending_amount) {
  const char* differs = nullptr;
  const bool resolves = Resolves(requested.flag);
  Pence amount = requested.amount;
  if (resolves && amount.value() == 0) {
    amount = requested.flag == TransferFlag::kPostPending && pending_amount ? *pending_amount
                                                                            : stored.amount;
  }
  if (requested.council != stored.council) {
    differs = "council";
  } else if (requested.flag != stored.flag) {
    differs = "flags";
  } else if (!(requested.debit_account.empty() && resolves) &&
             requested.debit_account != stored.debit_account) {
    differs = "debit_account_id";
  } else if (!(requested.credit_account.empty() && resolves) &&
             requested.credit_account != stored.credit_account) {
    differs = "credit_account_id";
  } else if (amount != stored.amount) {
    differs = "amount_pence";
  } else if (requested.code != stored.code) {
    differs = "code";
  } else if (requested.reference != stored.reference) {
    differs = "reference";
  } else if (requested.pending_id != stored.pending_id) {
    differs = "pending_id";
  } else if (requested.corrects != stored.corrects) {
    differs = "corrects";
  } else if (requested.value_date && *requested.value_date != ValueDate(stored)) {
    differs = "value_date";
  }
  if (differs == nullptr) return Ok();
  return tl::unexpected(
      Error{ErrorCode::kConflict,
            "A transfer with id " + stored.id.str() + " already exists with different content",
            {{differs,
              "This differs from the transfer already recorded with this id: use a new "
              "id for a new transfer"}}});
}

void Reconciliation::Add(const Transfer& t) {
  ++transfers_;
  const Int128 amount = t.amount.value();
  switch (t.flag) {
    case TransferFlag::kNone:
    case TransferFlag::kPostPending:
      posted_[t.debit_account.str()].debits_posted += amount;
      posted_[t.credit_account.str()].credits_posted += amount;
      break;
    case TransferFlag::kPending:
      pending_.emplace(t.id.str(), t);
      break;
    case TransferFlag::kVoidPending:
      break;
  }
  if (Resolves(t.flag) && t.pending_id) resolved_.insert(t.pending_id->str());
}

LedgerCheck Reconciliation::Compare(std::span<const Account> accounts) const {
  LedgerCheck check;
  check.council = council_;
  check.transfers = transfers_;
  check.accounts = static_cast<std::int64_t>(accounts.size());
  std::unordered_map<std::string, Totals> expected = posted_;
  for (const auto& [id, p] : pending_) {
    if (resolved_.contains(id)) continue;
    expected[p.debit_account.str()].debits_pending += p.amount.value();
    expected[p.credit_account.str()].credits_pending += p.amount.value();
  }
  std::unordered_set<std::string> known;
  for (const Account& a : accounts) {
    known.insert(a.id.str());
    const Balances& b = a.balances;
    check.debits_posted += b.debits_posted.value();
    check.credits_posted += b.credits_posted.value();
    check.debits_pending += b.debits_pending.value();
    check.credits_pending += b.credits_pending.value();
    Totals want{};
    if (auto found = expected.find(a.id.str()); found != expected.end()) want = found->second;
    const bool fits = want.debits_posted <= INT64_MAX && want.credits_posted <= INT64_MAX &&
                      want.debits_pending <= INT64_MAX && want.credits_pending <= INT64_MAX;
    if (!fits) {
      check.problems.push_back("The transfers of account " + a.id.str() + " (\"" + a.name +
                               "\") add up to more than can be recorded");
      continue;
    }
    const Balances recomputed{Pence(static_cast<std::int64_t>(want.debits_posted)),
                              Pence(static_cast<std::int64_t>(want.credits_posted)),
                              Pence(static_cast<std::int64_t>(want.debits_pending)),
                              Pence(static_cast<std::int64_t>(want.credits_pending))};
    if (recomputed != b) check.mismatches.push_back({a.id, a.name, b, recomputed});
  }
  for (const auto& [id, totals] : expected) {
    if (!known.contains(id)) {
      check.problems.push_back("Transfers name account " + id + ", which does not exist");
    }
  }
  return check;
}

}  // namespace selfdirect::ledger
