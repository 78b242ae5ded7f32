// Transfers: the only way money moves in the ledger, in the TigerBeetle style.
//
// A transfer takes `amount` pence from its debit account to its credit account. It is
// immutable: a mistake is put right by a new transfer the other way that names the one it
// corrects (`corrects`). Its id is chosen by the caller and is the idempotency key: sending the
// same transfer again returns the original result, and sending other content under the same id
// is refused.
//
// A commitment is a two-phase transfer: a `pending` transfer reserves the money (it counts in
// the accounts' pending totals and against their balance rules), and later exactly one
// `post_pending` (for all of it or less) or `void_pending` transfer resolves it.
//
//   Transfer t{.id = *TransferId::Parse("run:2026-11-30:0001"), .council = council,
//              .debit_account = fund, .credit_account = holding, .amount = Pence(76923),
//              .code = TransferCode::kPayment, .reference = "payment run 2026-11-30"};
//   Result<Posting> p = ApplyTransfer(t, fund_account, holding_account, std::nullopt);
//   // p->debit and p->credit are the accounts with their new balances; store all three.
//
// No I/O: the store keeps what these functions return (repository.h).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/account.h"

namespace selfdirect::ledger {

// What a transfer is for. The flows of issue #6 need these; a report groups money by them.
enum class TransferCode {
  kBudgetCommitment,  // the year's budget committed on sign-off (usually pending)
  kPayment,           // a scheduled payment: to a holding account or a managed budget
  kInvoice,           // a provider's invoice for council-arranged services, accepted
  kContribution,      // the person's contribution: owed, or collected
  kTopUp,             // a third party's top-up
  kOneOff,            // a one-off payment (equipment, adaptations)
  kSpend,             // money spent from a holding account (a statement line)
  kClawback,          // surplus recovered
  kRefund,            // money returned (a provider's credit note, a payee's refund)
  kCorrection,        // reverses a mistaken transfer (with `corrects`)
};

enum class TransferFlag {
  kNone,         // an ordinary transfer, posted at once
  kPending,      // reserves the amount until posted or voided
  kPostPending,  // posts a pending transfer (all of it, or part: the rest is released)
  kVoidPending,  // releases a pending transfer
};

std::span<const LedgerCodeLabel> TransferCodes();
std::span<const LedgerCodeLabel> TransferFlags();
const char* TransferCodeCode(TransferCode c);  // "payment"
const char* TransferCodeLabel(TransferCode c);
std::optional<TransferCode> ParseTransferCode(std::string_view code);
const char* TransferFlagCode(TransferFlag f);  // "post_pending"
std::optional<TransferFlag> ParseTransferFlag(std::string_view code);

struct Transfer {
  TransferId id;
  CouncilId council;
  // For post_pending and void_pending these may be left empty: they are the pending
  // transfer's. When given they must be the pending transfer's.
  LedgerAccountId debit_account;
  LedgerAccountId credit_account;
  // > 0. For post_pending, 0 means "the whole pending amount" and less posts part of it; for
  // void_pending, 0 or the pending amount. A stored transfer always has its real amount.
  Pence amount;
  TransferCode code = TransferCode::kPayment;
  std::string reference;  // plan item, invoice, statement line, payment run; up to 200 characters
  TransferFlag flag = TransferFlag::kNone;
  std::optional<TransferId> pending_id;  // the pending transfer posted or voided
  std::optional<TransferId> corrects;    // the transfer this one reverses
  Timestamp created_at;
  UserId created_by;  // empty for the system (a payment run started by the operator)
  // The value date: the day the money actually moved, which is not always the day it was
  // recorded. A statement line's transfer moved money on the line's date (a statement imported
  // on 19 November may hold twelve weeks of spending); a payment run's payment on the run's
  // payment date. Absent when made: the day of created_at. A stored transfer always has one.
  std::optional<Date> value_date;
};

// The day the money moved: the value date, or when none was given the day it was recorded.
Date ValueDate(const Transfer& t);

// Orders an account's transfers by when the money moved: by value date, then by when they were
// recorded, then by id, numbers within the id compared as numbers ("stmt:X:3" before
// "stmt:X:25", so a statement's lines of one day keep their row order).
bool MovedBefore(const Transfer& a, const Transfer& b);

// The beginning of `id` when it is one that selfdirect's own flows give their transfers
// ("dp:" for a direct payment of a payment run, "stmt:" for a statement line, "invoice:",
// "pool:", "clawback:", "contribution-paid:", …); nothing otherwise. A transfer made by hand (the
// ledger API) may not take such an id: it would stand in for a payment a flow has yet to make,
// and the flow, finding it, would take the payment as made.
std::optional<std::string_view> ReservedPrefixOf(std::string_view id);

// What a caller sends; text as typed. Parsed with ParseTransfer.
struct TransferRequest {
  std::string id;
  std::string debit_account;
  std::string credit_account;
  std::optional<std::int64_t> amount_pence;  // absent: 0 (allowed only to post or void in full)
  std::string code;
  std::string reference;
  std::string flags;  // "" or "none", "pending", "post_pending", "void_pending"
  std::string pending_id;
  std::string corrects;
  std::string value_date;  // "" or yyyy-mm-dd: the day the money moved, when not today
};

// Checks the form of every field (all problems at once, each named) and returns the transfer;
// the caller fills council, created_at and created_by. The checks of CheckShape apply, and the
// id may not begin as selfdirect's own transfers do (ReservedPrefixOf).
Result<Transfer> ParseTransfer(const TransferRequest& request);

// The checks that need nothing but the transfer: an id; an amount > 0 (or 0 to post or void
// in full); two different accounts (unless posting or voiding, when both may be left out); a
// pending id exactly when posting or voiding; a correction not pointing at itself; a short
// reference. kInvalidArgument naming each field.
Status CheckShape(const Transfer& t);

enum class PendingStatus { kPending, kPosted, kVoided };

// A pending transfer and what has become of it.
struct PendingRecord {
  Transfer transfer;
  PendingStatus status = PendingStatus::kPending;
};

// For post_pending and void_pending: the transfer with its accounts and amount filled from the
// pending transfer it resolves. Fails naming `pending_id` when that transfer does not exist,
// is not pending, or has already been posted or voided (kFailedPrecondition: exactly once);
// naming an account that is not the pending transfer's; naming `amount` when it is more than
// the pending amount (or, to void, not the whole of it). Other transfers come back unchanged.
Result<Transfer> ResolveAgainstPending(const Transfer& t,
                                       const std::optional<PendingRecord>& pending);

// A transfer applied: the transfer as stored and the two accounts' new balances.
struct Posting {
  Transfer transfer;
  Balances debit;
  Balances credit;
};

// The whole check of one new transfer against the two accounts and, for post_pending and
// void_pending, the pending transfer it resolves; returns the new balances or an error naming
// the field. In order: CheckShape; ResolveAgainstPending; the accounts must be the transfer's,
// of its council (kInvalidArgument), and open (kFailedPrecondition); every total must stay in
// range (kOverflow); and neither account's balance rule may break (kFailedPrecondition,
// saying which account and by how much).
Result<Posting> ApplyTransfer(const Transfer& t, const Account& debit, const Account& credit,
                              const std::optional<PendingRecord>& pending);

// Whether a requested transfer is a replay of a stored one with the same id: Ok when its
// content is the same (the caller returns the stored transfer as the original result, not an
// error); kConflict "A transfer with id X already exists with different content" otherwise,
// naming the first field that differs. When and by whom are not content; the value date is
// when the request gives one (a request without one takes the stored one). Accounts and amounts
// a post or void request left out are taken as the stored ones (`pending_amount`, the pending
// transfer's amount, tells whether "post the whole" matches what was posted).
Status CheckReplay(const Transfer& stored, const Transfer& requested,
                   std::optional<Pence> pending_amount);

// An account whose balances do not match its transfers.
struct BalanceMismatch {
  LedgerAccountId account;
  std::string name;
  Balances stored;
  Balances recomputed;
};

// The result of recomputing a council's balances from its transfers.
struct LedgerCheck {
  CouncilId council;
  std::int64_t accounts = 0;
  std::int64_t transfers = 0;
  std::vector<BalanceMismatch> mismatches;
  std::vector<std::string> problems;  // e.g. a transfer naming an account that does not exist
  // Council-wide sums of every account's stored balances (exact, in 128 bits). Double entry
  // means the debits equal the credits, posted and pending.
  Int128 debits_posted = 0, credits_posted = 0, debits_pending = 0, credits_pending = 0;

  bool balanced() const {
    return debits_posted == credits_posted && debits_pending == credits_pending;
  }
  bool clean() const { return mismatches.empty() && problems.empty() && balanced(); }
};

// Recomputes balances from transfers alone, in any order: posted totals are the sums of
// ordinary and post_pending transfers; pending totals the sums of pending transfers not yet
// posted or voided. Feed every transfer of one council, then Compare with its accounts.
class Reconciliation {
 public:
  explicit Reconciliation(CouncilId council) : council_(std::move(council)) {}
  void Add(const Transfer& t);
  // Every account's stored balances against the recomputed ones, and the council-wide sums.
  LedgerCheck Compare(std::span<const Account> accounts) const;

 private:
  struct Totals {
    Int128 debits_posted = 0, credits_posted = 0, debits_pending = 0, credits_pending = 0;
  };
  CouncilId council_;
  std::int64_t transfers_ = 0;
  std::unordered_map<std::string, Totals> posted_;     // account id → posted totals
  std::unordered_map<std::string, Transfer> pending_;  // pending id → the pending transfer
  std::unordered_set<std::string> resolved_;           // pending ids posted or voided
};

}  // namespace selfdirect::ledger
