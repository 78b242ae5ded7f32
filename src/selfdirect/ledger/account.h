// Ledger accounts: where money is, in the council's double-entry books.
//
// Modelled on TigerBeetle. An account never holds one signed balance: it holds four running
// totals in pence — debits and credits, posted and pending — kept on the account itself and
// moved by transfers (transfer.h). Money moves from the debit account to the credit account, so
// an account that holds money for someone (a direct-payment account) has a balance of credits
// minus debits, and a balance rule stops it going below zero:
//
//   auto account = ValidateNewAccount({.type = "direct_payment_holding", .owner_kind = "person",
//                                      .owner_id = person.str(), .name = "Ada's direct payment"});
//   // account->flags.debits_must_not_exceed_credits is on: the type's default rule
//   account->council = council; account->id = LedgerAccountId(ids.Next());
//
// Reading a balance is constant time: it is four numbers on the account's row.
//
// No I/O: the app layer stores what these functions return.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"

namespace selfdirect::ledger {

enum class AccountType {
  kCouncilFund,           // the council's money for personal budgets: where payments start
  kBudgetCommitment,      // one person's budget under one scheme, committed for the year
  kDirectPaymentHolding,  // the person's direct-payment bank account or prepaid card
  kManagedBudget,         // a budget held for the person by an organisation (ISF, managed account)
  kProviderPayable,       // what the council owes a provider for council-arranged services
  kContributionReceivable,  // the person's assessed contribution, owed and then collected
  kThirdPartyTopUp,         // money a family member or charity adds to the budget
  kClawback,                // surplus recovered from a holding account, back to the council
  // Money that has left the books: paid out to a provider, a personal assistant or a shop, from
  // a holding account or the council. Spend must land somewhere, and the payee is outside the
  // council's and the person's accounts; one such account per payee (or one per council for
  // small payees) keeps every transfer double-entry, so the council-wide sum stays zero.
  kPayee,
  // A pooled budget (market/pools.h): money several budget holders put together for a shared
  // service, fed from their direct-payment accounts. Owned by the pool; may not be overdrawn.
  kPooledBudget,
  // What people have paid the council towards their assessed contributions: money coming into
  // the books from outside them, as a payee's account is money leaving them. One per council,
  // opened on first need; each payment debits it and credits the person's contribution
  // receivable, so what the person owes goes down and the council-wide sum stays zero.
  kContributionsPaidIn,
};

// Who an account belongs to.
enum class OwnerKind { kCouncil, kPerson, kProvider, kOrganisation, kPool };

struct Owner {
  OwnerKind kind = OwnerKind::kCouncil;
  std::string id;  // the council's or person's id; a provider's or organisation's reference

  friend bool operator==(const Owner&, const Owner&) = default;
};

// Balance rules, as in TigerBeetle. Pending debits count against the rule; pending credits do
// not (money is not spendable until it has arrived).
struct AccountFlags {
  // debits_pending + debits_posted may not exceed credits_posted: the account cannot be
  // overdrawn (a direct-payment account, a managed budget).
  bool debits_must_not_exceed_credits = false;
  // credits_pending + credits_posted may not exceed debits_posted (e.g. a receivable that must
  // not be collected beyond what was owed).
  bool credits_must_not_exceed_debits = false;

  friend bool operator==(const AccountFlags&, const AccountFlags&) = default;
};

struct Balances {
  Pence debits_posted;
  Pence credits_posted;
  Pence debits_pending;
  Pence credits_pending;

  friend bool operator==(const Balances&, const Balances&) = default;
};

struct Account {
  CouncilId council;
  LedgerAccountId id;
  AccountType type = AccountType::kCouncilFund;
  Owner owner;
  std::optional<SchemeId> scheme;  // a budget commitment's (or holding account's) scheme
  std::string name;                // for people: "Ada Okafor's direct payment"
  AccountFlags flags;
  std::optional<Timestamp> closed_at;  // a closed account takes no more transfers
  Timestamp created_at;
  Balances balances;

  bool closed() const { return closed_at.has_value(); }
};

struct LedgerCodeLabel {
  const char* code;
  const char* label;
};

// The code lists, in the order forms show them. Codes are stable (stored and used in the API).
std::span<const LedgerCodeLabel> AccountTypes();
std::span<const LedgerCodeLabel> OwnerKinds();

const char* AccountTypeCode(AccountType t);   // "direct_payment_holding"
const char* AccountTypeLabel(AccountType t);  // "Direct payment account"
std::optional<AccountType> ParseAccountType(std::string_view code);
const char* OwnerKindCode(OwnerKind k);  // "person"
std::optional<OwnerKind> ParseOwnerKind(std::string_view code);

// The balance rule an account of this type gets unless the request says otherwise: holding
// accounts (direct payment, managed budget, pooled budget) may not be overdrawn; others have no
// rule.
AccountFlags DefaultFlags(AccountType type);

// What a caller sends to open an account; text as typed.
struct NewAccount {
  std::string type;        // AccountTypeCode
  std::string owner_kind;  // OwnerKindCode
  std::string owner_id;    // a person's id (a ULID) for "person"; up to 64 characters otherwise
  std::string scheme;      // a scheme id, or ""
  std::string name;
  std::optional<bool> debits_must_not_exceed_credits;  // the type's default when absent
  std::optional<bool> credits_must_not_exceed_debits;
};

// Checks every field (all problems at once, each named) and returns the account with zero
// balances; the caller fills council, id and created_at. A council-owned account's owner id is
// filled by the caller too (it is the council's own id). Both balance rules at once are refused:
// such an account could never move.
Result<Account> ValidateNewAccount(const NewAccount& request);

// Closes an account: it then takes no more transfers. Refused (kFailedPrecondition, naming
// the account) while it has pending amounts, which must be posted or voided first, or when it
// is already closed.
Result<Account> CloseAccount(const Account& account, Timestamp at);

// The balance of money held, for accounts that hold money (credits − debits, posted only), and
// what could still be spent (the same, less pending debits). Fails with kOverflow only for
// totals no real ledger reaches.
Result<Pence> PostedCreditBalance(const Balances& b);
Result<Pence> AvailableCreditBalance(const Balances& b);

}  // namespace selfdirect::ledger
