#pragma once
// Contributions paid in (issue #6; docs/money.md): what a person pays the council towards their
// assessed contribution. Each payment run charges the contribution to the person's contribution
// receivable (debits it: what they owe goes up); a finance officer records what the person then
// pays, which credits the receivable from the council's account of contributions paid in
// (AccountType::kContributionsPaidIn), so what they owe goes down. Pure: the app finds the
// accounts and stores the transfers.
//
//   auto plan = PlanContributionPayment(request, receivables, paid_in, today, made);
//   // plan->transfers settle the receivables oldest first; plan->owed_after is what is left.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/transfer.h"

namespace selfdirect::ledger {

// A payment as the finance officer entered it.
struct ContributionPaymentRequest {
  // The caller's key for this payment: 1 to 40 of A–Z a–z 0–9 _ : . - (a form makes one when it
  // is drawn), so that sending the same payment twice records it once.
  std::string payment_id;
  std::optional<std::int64_t> amount_pence;  // > 0 and no more than the person owes
  std::string paid_on;                       // yyyy-mm-dd, not after today
  std::string reference;                     // optional: the bank's reference, a receipt number
};

// One of the person's contribution receivables and what it is owed (posted debits − credits;
// below zero when more was credited back or paid than was charged). A closed account counts
// towards what the person owes but takes no payment.
struct Receivable {
  LedgerAccountId account;
  Pence owed;
  bool open = true;
};

// Who made the transfers, and when.
struct Made {
  CouncilId council;
  Timestamp at;
  UserId by;
};

struct ContributionPaymentPlan {
  std::string payment_id;
  Pence amount;
  Date paid_on;
  std::string reference;
  Pence owed_before;
  Pence owed_after;
  // One transfer per receivable the payment settles, oldest first, with the ids
  // ContributionPaymentTransferId(payment_id, 1, 2, …).
  std::vector<Transfer> transfers;
};

inline constexpr std::size_t kMaxPaymentIdLength = 40;
inline constexpr std::size_t kMaxPaymentReferenceLength = 200;

// "contribution-paid:{payment_id}:{n}", n from 1.
TransferId ContributionPaymentTransferId(std::string_view payment_id, int n);

// The payment key of a transfer id made by ContributionPaymentTransferId, or nothing.
std::optional<std::string> ContributionPaymentIdOf(const TransferId& id);

// Where the person stands over all their receivables, as the finance overview adds them up:
// the signed sum, so an account in credit counts against one that owes. kOverflow only for sums
// no ledger reaches.
Result<Pence> NetOwed(std::span<const Receivable> receivables);
// What they owe: the net, or nothing when they are square or in credit.
Result<Pence> TotalOwed(std::span<const Receivable> receivables);

// A request whose fields are each well formed (ValidateContributionPayment).
struct CheckedPayment {
  std::string payment_id;
  Pence amount;
  Date paid_on;
  std::string reference;
};

// Checks each field on its own. Field errors (kInvalidArgument): payment_id (not 1 to 40 of the
// key characters), amount_pence (missing or not above zero), paid_on (missing, not a date, after
// today), reference (over 200 bytes, or a control character).
Result<CheckedPayment> ValidateContributionPayment(const ContributionPaymentRequest& request,
                                                   Date today);

// Checks the request (as above, and that the amount is no more than the person owes: a field
// error on amount_pence saying how much that is) and plans its transfers: from `paid_in` to the
// open receivables that are owed money, oldest first, each taking no more than it is owed.
Result<ContributionPaymentPlan> PlanContributionPayment(const ContributionPaymentRequest& request,
                                                        std::span<const Receivable> receivables,
                                                        const LedgerAccountId& paid_in, Date today,
                                                        const Made& made);
// The same for a request already checked field by field.
Result<ContributionPaymentPlan> PlanContributionPayment(const CheckedPayment& checked,
                                                        std::span<const Receivable> receivables,
                                                        const LedgerAccountId& paid_in,
                                                        const Made& made);

// The sentence for a recorded payment: "£50.00 paid on 20 November 2026 is recorded. Ada Okafor
// now owes £100.00." (or "owes nothing now.").
std::string ContributionPaidSentence(std::string_view person_name, Pence amount, Date paid_on,
                                     Pence owed_after);

}  // namespace selfdirect::ledger
