#include "selfdirect/ledger/account.h"

#include <array>
#include <vector>

namespace selfdirect::ledger {
namespace {

constexpr std::array<LedgerCodeLabel, 11> kAccountTypes = {{
    {"council_fund", "Council fund"},
    {"budget_commitment", "Budget commitment"},
    {"direct_payment_holding", "Direct payment account"},
    {"managed_budget", "Managed budget"},
    {"provider_payable", "Owed to a provider"},
    {"contribution_receivable", "Contribution owed by the person"},
    {"third_party_top_up", "Top-up from someone else"},
    {"clawback", "Money recovered"},
    {"payee", "Paid out"},
    {"pooled_budget", "Pooled budget"},
    {"contributions_paid_in", "Contributions paid in"},
}};

constexpr std::array<LedgerCodeLabel, 5> kOwnerKinds = {{
    {"council", "The council"},
    {"person", "A person the council supports"},
    {"provider", "A provider"},
    {"organisation", "An organisation holding a managed budget"},
    {"pool", "A pooled budget shared by several budget holders"},
}};

template <typename E, std::size_t N>
std::optional<E> Find(const std::array<LedgerCodeLabel, N>& list, std::string_view code) {
  for (std::size_t i = 0; i < N; ++i) {
    if (code == list[i].code) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::span<const LedgerCodeLabel> AccountTypes() { return kAccountTypes; }
std::span<const LedgerCodeLabel> OwnerKinds() { return kOwnerKinds; }

const char* AccountTypeCode(AccountType t) { return kAccountTypes[static_cast<int>(t)].code; }
const char* AccountTypeLabel(AccountType t) { return kAccountTypes[static_cast<int>(t)].label; }
std::optional<AccountType> ParseAccountType(std::string_view code) {
  return Find<AccountType>(kAccountTypes, code);
}
const char* OwnerKindCode(OwnerKind k) { return kOwnerKinds[static_cast<int>(k)].code; }
std::optional<OwnerKind> ParseOwnerKind(std::string_view code) {
  return Find<OwnerKind>(kOwnerKinds, code);
}

AccountFlags DefaultFlags(AccountType type) {
  AccountFlags f;
  f.debits_must_not_exceed_credits = type == AccountType::kDirectPaymentHolding ||
                                     type == AccountType::kManagedBudget ||
                                     type == AccountType::kPooledBudget;
  return f;
}

Result<Account> ValidateNewAccount(const NewAccount& request) {
  std::vector<FieldError> errors;
  Account a;
  auto type = ParseAccountType(request.type);
  if (!type) {
    errors.push_back({"type",
                      "Choose the kind of account: council_fund, budget_commitment, "
                      "direct_payment_holding, managed_budget, provider_payable, "
                      "contribution_receivable, third_party_top_up, clawback, payee, "
                      "pooled_budget or contributions_paid_in"});
  } else {
    a.type = *type;
  }
  auto owner = ParseOwnerKind(request.owner_kind);
  if (!owner) {
    errors.push_back({"owner_kind",
                      "Say who owns the account: council, person, provider, organisation or pool"});
  } else {
    a.owner.kind = *owner;
    if (*owner == OwnerKind::kPerson) {
      auto person = PersonId::Parse(request.owner_id);
      if (!person) {
        errors.push_back({"owner_id", "Enter the person's id (26 letters and digits)"});
      } else {
        a.owner.id = person->str();
      }
    } else if (*owner == OwnerKind::kCouncil) {
      if (!request.owner_id.empty()) {
        errors.push_back({"owner_id", "Leave the owner id out for a council account"});
      }
    } else if (!IsCallerKey(request.owner_id)) {
      errors.push_back({"owner_id",
                        "Enter the provider's or organisation's reference: 1 to 64 letters, "
                        "digits and the characters _ : . -"});
    } else {
      a.owner.id = request.owner_id;
    }
  }
  if (!request.scheme.empty()) {
    auto scheme = SchemeId::Parse(request.scheme);
    if (!scheme) {
      errors.push_back(
          {"scheme_id", "Enter the scheme's id (26 letters and digits), or leave it out"});
    } else {
      a.scheme = *scheme;
    }
  }
  if (type && owner &&
      (*type == AccountType::kBudgetCommitment || *type == AccountType::kDirectPaymentHolding ||
       *type == AccountType::kContributionReceivable) &&
      *owner != OwnerKind::kPerson) {
    errors.push_back({"owner_kind", std::string("A ") + AccountTypeLabel(*type) +
                                        " account belongs to a person"});
  }
  if (type && *type == AccountType::kBudgetCommitment && request.scheme.empty()) {
    errors.push_back({"scheme_id", "A budget commitment is for one scheme: enter its id"});
  }
  // Contributions paid in: money coming into the books from outside them, so the account is only
  // ever debited, and it is the council's. (Payments::RecordContributionPaid opens it.)
  if (type && owner && *type == AccountType::kContributionsPaidIn &&
      *owner != OwnerKind::kCouncil) {
    errors.push_back({"owner_kind", "An account of contributions paid in belongs to the council"});
  }
  if (type && *type == AccountType::kContributionsPaidIn &&
      request.debits_must_not_exceed_credits.value_or(false)) {
    errors.push_back({"debits_must_not_exceed_credits",
                      "Contributions paid in come from outside the books: this account is only "
                      "ever debited, so it cannot have that rule"});
  }
  std::string name = request.name;
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(0, 1);
  if (name.empty()) {
    errors.push_back(
        {"name", "Enter a name for the account, e.g. \"Ada Okafor's direct payment\""});
  } else if (name.size() > 200) {
    errors.push_back({"name", "Keep the name to 200 characters or fewer"});
  }
  a.name = name;
  if (type) a.flags = DefaultFlags(*type);
  if (request.debits_must_not_exceed_credits) {
    a.flags.debits_must_not_exceed_credits = *request.debits_must_not_exceed_credits;
  }
  if (request.credits_must_not_exceed_debits) {
    a.flags.credits_must_not_exceed_debits = *request.credits_must_not_exceed_debits;
  }
  if (a.flags.debits_must_not_exceed_credits && a.flags.credits_must_not_exceed_debits) {
    errors.push_back({"credits_must_not_exceed_debits",
                      "Choose at most one balance rule: with both, no money could ever move"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return a;
}

Result<Account> CloseAccount(const Account& account, Timestamp at) {
  if (account.closed()) {
    return Fail(ErrorCode::kFailedPrecondition,
                "The account \"" + account.name + "\" is already closed");
  }
  if (account.balances.debits_pending.value() != 0 ||
      account.balances.credits_pending.value() != 0) {
    return Fail(ErrorCode::kFailedPrecondition,
                "The account \"" + account.name +
                    "\" has pending amounts: post or void them before closing it");
  }
  Account closed = account;
  closed.closed_at = at;
  return closed;
}

Result<Pence> PostedCreditBalance(const Balances& b) {
  return b.credits_posted.Minus(b.debits_posted);
}

Result<Pence> AvailableCreditBalance(const Balances& b) {
  auto posted = PostedCreditBalance(b);
  if (!posted) return posted;
  return posted->Minus(b.debits_pending);
}

}  // namespace selfdirect::ledger
